-- The cheapest request Kizuna serves: GET of a small static file (ui's stylesheet) through the same
-- Tomcat, filter chain (security headers, throttling, metrics) and wrk settings as the token benchmarks.
-- What the framework and the machine allow before any OAuth work: the ceiling for the other rows.
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
