-- The limit: the server's own cheapest endpoint, answered on the I/O thread.
wrk.method = "GET"
wrk.path = "/healthz"

done = function(summary, latency, requests)
  io.write(string.format("latency_p50_ms=%.2f latency_p99_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
