return { name = 'module.lua', twice = function(n) return 2 * n end }
