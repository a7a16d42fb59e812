-- nginx serving a file of the same size as a report's JSON (bench/run.sh): the limit for reading.
wrk.method = "GET"
wrk.path = "/report.json"

done = function(summary, latency, requests)
  io.write(string.format("latency_p50_ms=%.2f latency_p99_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
