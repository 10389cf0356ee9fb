-- RFC 7662 §2.1 introspection of a different stored token on each request: bench-token-1 … bench-token-N
-- (N = env TOKENS), so the lookup goes through the index rather than one hot row. BASIC as in introspection.lua.
local n = tonumber(os.getenv("TOKENS") or "1000000")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BASIC")

request = function()
  return wrk.format(nil, nil, nil, "token=bench-token-" .. math.random(1, n))
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
