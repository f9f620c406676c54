-- Files from a script file (not -e): run as `lua DIR/files.lua DIR`, with
-- DIR holding this script, settings.conf and module.lua. Paths are never
-- printed, so the output is the same wherever DIR is.
local dir = assert(arg[1], 'usage: files.lua DIR')
local function strip(msg) return (tostring(msg):gsub(dir:gsub('%p', '%%%0'), 'DIR')) end

-- a configuration file read line by line
local conf, order = {}, {}
for line in io.lines(dir .. '/settings.conf') do
	local k, v = line:match('^%s*([%w_]+)%s*=%s*(.-)%s*$')
	if k then conf[k] = v; order[#order + 1] = k end
end
for _, k in ipairs(order) do print('conf', k, conf[k]) end

-- a script loaded from a file: dofile and loadfile
local m = dofile(dir .. '/module.lua')
print('module', m.name, m.twice(21))
local chunk, err = loadfile(dir .. '/no-such-module.lua')
print('loadfile missing', chunk, strip(err))

-- write, append, read back in every mode, seek
local out = dir .. '/out.txt'
local f = assert(io.open(out, 'w'))
for i = 1, 1000 do f:write(string.format('%d %s\n', i, string.rep('x', i % 37))) end
print('write', f:seek('cur'), f:close())
f = assert(io.open(out, 'a')) f:write('tail 3.25\n') f:close()
f = assert(io.open(out, 'r'))
print('read n', f:read('n'), f:read('l'), f:seek('set', 5), f:read(4), f:seek('end'))
f:seek('set') local all = f:read('a') f:close()
local count = 0 for _ in io.lines(out) do count = count + 1 end
print('read a', #all, count, all:sub(-10, -2))
for a, b in io.lines(out, 'n', 'l') do if a == 999 then print('lines n l', a, b) end end
print('read closed', pcall(f.read, f))

-- a temporary file (os.tmpname's folder: another file system, perhaps)
local tmp = os.tmpname()
print('tmpname', type(tmp), #tmp > 0)
f = assert(io.open(tmp, 'w')) f:write('temporary\n') f:close()
f = assert(io.open(tmp, 'r')) print('tmp has', f:read('l')) f:close()
print('remove tmp', os.remove(tmp), select(3, io.open(tmp, 'r')))

-- renamed within a folder, then removed
local first, moved = dir .. '/first.txt', dir .. '/moved.txt'
f = assert(io.open(first, 'w')) f:write('renamed\n') f:close()
print('rename', os.rename(first, moved))
print('open old', select(3, io.open(first, 'r')))
f = assert(io.open(moved, 'r')) print('moved has', f:read('l')) f:close()
print('remove', os.remove(moved), os.remove(out))
local ok, msg, code = os.remove(moved)
print('remove again', ok, strip(msg), code)
ok, msg, code = os.rename(dir .. '/none', dir .. '/none2')
print('rename missing', ok, strip(msg), code)
ok, msg, code = io.open(dir .. '/no/such/dir/file', 'w')
print('open in missing dir', ok, strip(msg), code)

-- io.output to a file, then back to stdout
io.output(dir .. '/redirected.txt') io.write('via io.write\n') io.close() io.output(io.stdout)
for l in io.lines(dir .. '/redirected.txt') do print('redirected', l) end
os.remove(dir .. '/redirected.txt')
print('done')
