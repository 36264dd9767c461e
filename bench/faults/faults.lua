-- wrk script for bench/faults/run.sh: POST plain-text queries to searchManipulate, each query naming the fault the
-- stand-in upstream will inject, every query unique (so the cache does not hide the upstream). Each response is
-- classified: a 200 must carry a digest; anything else must be an RFC 9457 problem; the rest is "unmapped".
local kinds = {}
local weights = { ok = 88, slow = 2, err = 2, limit = 2, reset = 2, malformed = 1, truncated = 2, chunk = 1 }
for kind, weight in pairs(weights) do for _ = 1, weight do table.insert(kinds, kind) end end

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  statuses = {}
  problems = {}
  unmapped = 0
  bad_results = 0
  math.randomseed(os.time() + id * 7919)
end

function request()
  counter = counter + 1
  local kind = kinds[math.random(#kinds)]
  local body = kind .. " " .. id .. "-" .. counter .. "-" .. math.random(1000000)
  return wrk.format("POST", "/v2/searchManipulate",
    { ["Content-Type"] = "text/plain", ["Accept"] = "application/json" }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local ctype = headers["Content-Type"] or headers["content-type"] or ""
  if status == 200 then
    if not string.find(body, '"items"', 1, true) then bad_results = bad_results + 1 end
  elseif string.find(ctype, "application/problem+json", 1, true) then
    local ptype = string.match(body, '"type":"urn:portafunc:problem:([%w%-]+)"') or "?"
    local detail = string.match(body, '"detail":"([^"]*)"') or ""
    local key = status .. " " .. ptype .. " " .. detail
    problems[key] = (problems[key] or 0) + 1
  else
    unmapped = unmapped + 1
  end
end

function done(summary, latency, requests)
  local all_statuses, all_problems, all_unmapped, all_bad = {}, {}, 0, 0
  for _, thread in ipairs(threads) do
    for k, v in pairs(thread:get("statuses")) do all_statuses[k] = (all_statuses[k] or 0) + v end
    for k, v in pairs(thread:get("problems")) do all_problems[k] = (all_problems[k] or 0) + v end
    all_unmapped = all_unmapped + thread:get("unmapped")
    all_bad = all_bad + thread:get("bad_results")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("RESULT socket_errors connect=%d read=%d write=%d timeout=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  for kind, weight in pairs(weights) do io.write(string.format("MIX %s %d\n", kind, weight)) end
  for k, v in pairs(all_statuses) do io.write(string.format("STATUS %s %d\n", k, v)) end
  for k, v in pairs(all_problems) do io.write(string.format("PROBLEM %s %d\n", k, v)) end
  io.write(string.format("UNMAPPED %d\n", all_unmapped))
  io.write(string.format("BAD_RESULTS %d\n", all_bad))
end
