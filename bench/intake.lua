-- Durable report intake: every request is a new citizen report answered only after its commit.
-- The token comes from the environment (bench/run.sh issues it).
local token = os.getenv("CDS_BENCH_TOKEN")
local counter = 0

request = function()
  counter = counter + 1
  local body = string.format(
    '{"category":"dien_luc","description":"Đèn đường hỏng số %d","lat":10.7725,"lon":106.698}',
    counter)
  return wrk.format("POST", "/api/v1/reports", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("latency_p50_ms=%.2f latency_p99_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
