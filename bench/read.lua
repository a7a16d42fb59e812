-- Reading one public report (the citizen's view with its timeline) by id.
local id = os.getenv("CDS_BENCH_REPORT") or "1"
wrk.method = "GET"
wrk.path = "/api/v1/reports/" .. id

done = function(summary, latency, requests)
  io.write(string.format("latency_p50_ms=%.2f latency_p99_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
