-- wrk script of the ramp (bench.py ramp): post.lua's request, and at the end of each one-second slice one line,
-- "ramp {json}": the slice's requests, errors and latency quantiles [[q, µs], ...], which bench.py merges.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "post.lua")

-- every percent, then finer in the tail, where the merged p99 of several slices is found
local QUANTILES = {}
for q = 1, 99 do QUANTILES[#QUANTILES + 1] = q end
for _, q in ipairs({ 99.1, 99.2, 99.3, 99.4, 99.5, 99.6, 99.7, 99.8, 99.9, 99.95, 99.99 }) do
  QUANTILES[#QUANTILES + 1] = q
end

function done(summary, latency, requests)
  local q = {}
  if summary.requests > 0 then
    for _, p in ipairs(QUANTILES) do
      q[#q + 1] = string.format("[%g,%d]", p, latency:percentile(p))
    end
    q[#q + 1] = string.format("[100,%d]", latency.max)   -- percentile(100) is past the last rank in wrk
  end
  local e = summary.errors
  io.write(string.format('ramp {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,'
    .. '"timeout":%d,"q":[%s]}\n', summary.requests, summary.duration, e.connect, e.read, e.write, e.status,
    e.timeout, table.concat(q, ",")))
end
