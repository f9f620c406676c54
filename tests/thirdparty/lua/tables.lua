local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 1000 end
table.sort(t)
print(t[1], t[500], t[1000], #t)
table.sort(t, function(a, b) return a > b end)
print(t[1], t[1000])
table.insert(t, 1, -1) table.remove(t) print(#t, t[1], t[2])
print(table.unpack({ 1, 2, 3 }, 2))
local m = setmetatable({}, { __index = function(_, k) return k * 2 end, __call = function(_, x) return x + 1 end })
print(m[21], m(41), rawget(m, 21))
local V = {} V.__index = V V.__add = function(a, b) return setmetatable({ x = a.x + b.x }, V) end
V.__tostring = function(v) return 'V(' .. v.x .. ')' end
print(tostring(setmetatable({ x = 1 }, V) + setmetatable({ x = 2 }, V)))
local keys = {} for k in pairs({ a = 1, b = 2, c = 3 }) do keys[#keys + 1] = k end table.sort(keys) print(table.concat(keys))
local big = {} for i = 1, 200000 do big[i] = { i } end big = nil collectgarbage() collectgarbage('collect')
local w = setmetatable({}, { __mode = 'k' }) w[{}] = 1 collectgarbage() local n = 0 for _ in pairs(w) do n = n + 1 end print('weak', n)
print(next({}), type(next), #{ n = 1 }, table.pack(1, 2, nil).n)
