-- wrk script: each request is a new respondent answering the survey (see bench/survey.py)
-- globals, so that done() can read each thread's counts with thread:get
counter, accepted, refused = 0, 0, 0
local threads = {}
local choices = {C = {"方便", "基本方便", "不方便"}, D = {"满意", "基本满意", "不满意"}}
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  path, token, cookie = args[1], args[2], args[3]
  units = {}
  for u in string.gmatch(args[4], "%d+") do table.insert(units, u) end
  -- each run of the benchmark (warm-up, measured) and thread has its own addresses: 10.<net>.x.y
  net = tonumber(args[5]) * 16 + id
  math.randomseed(net)
end

function request()
  counter = counter + 1
  local parts = {"csrfmiddlewaretoken=" .. token, "unit=" .. units[math.random(#units)]}
  for n = 1, 4 do table.insert(parts, "q-C" .. n .. "=" .. urlencode(choices.C[math.random(3)])) end
  for n = 1, 10 do table.insert(parts, "q-D" .. n .. "=" .. urlencode(choices.D[math.random(3)])) end
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
    ["User-Agent"] = "bench",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", net, math.floor(counter / 256) % 256, counter % 256),
  }
  return wrk.format("POST", path, headers, table.concat(parts, "&"))
end

function response(status, headers, body)
  if status == 302 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do a = a + t:get("accepted"); r = r + t:get("refused") end
  local errors = summary.errors
  io.write(string.format('{"accepted": %d, "refused": %d, "requests": %d, "errors": %d, "seconds": %.3f, '
    .. '"p50_ms": %.1f, "p90_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f}\n',
    a, r, summary.requests, errors.connect + errors.read + errors.write + errors.timeout + errors.status,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
