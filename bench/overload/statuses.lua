-- Counts the answers by status in every wrk thread and prints them with the latency percentiles
-- (of every answer, 2xx and refusals alike) as one line of key=value pairs.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local seconds = summary.duration / 1e6
  local ok = 0
  for status, n in pairs(total) do
    if status >= 200 and status < 300 then ok = ok + n end
  end
  io.write(string.format(
    "answers_rps=%.1f ok_rps=%.1f r503_rps=%.1f r429_rps=%.1f errors=%d p50_ms=%.1f p99_ms=%.1f\n",
    summary.requests / seconds, ok / seconds, (total[503] or 0) / seconds,
    (total[429] or 0) / seconds,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
