local function gen(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i * i) end end) end
local sum = 0 for v in gen(100) do sum = sum + v end print('squares', sum)
local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b) local d, e = coroutine.yield(c * 2) return d + e end)
print(coroutine.resume(co, 1, 2)) print(coroutine.resume(co, 10)) print(coroutine.resume(co, 3, 4)) print(coroutine.resume(co))
print(coroutine.status(co), coroutine.isyieldable(), select(2, coroutine.running()))
local bad = coroutine.create(function() error('inside') end) print(coroutine.resume(bad))
local deep = 0 local function rec(n) if n == 0 then return 0 end return 1 + rec(n - 1) end print(rec(10000))
local cs = {} for i = 1, 500 do cs[i] = coroutine.create(function(x) while true do x = coroutine.yield(x + 1) end end) end
local t = 0 for r = 1, 20 do for i = 1, 500 do local _, v = coroutine.resume(cs[i], i) t = t + v end end print('resumes', t)
print(coroutine.close(coroutine.create(function() end)))
