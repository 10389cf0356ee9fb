-- RFC 6749 §6 refresh token requests with rotation (RFC 9700 §4.14.2): every answer carries the next refresh
-- token of its chain, and a spent one must never be sent again (that would revoke the grant). Each thread
-- gets its own share of REFRESH_TOKENS (comma-separated: one more per thread than its connections, because
-- wrk asks each thread for one request more than it sends at the start) and keeps the chains in a queue: a
-- connection takes a token when it sends and puts the rotated one back when the answer arrives, so no token
-- is in flight twice. BASIC = base64(client_id:secret) of the tokens' client.
local threads = 0
local all = {}
for t in string.gmatch(os.getenv("REFRESH_TOKENS") or "", "[^,]+") do table.insert(all, t) end

function setup(thread)
  threads = threads + 1
  local mine = {}
  for i, t in ipairs(all) do
    if (i - 1) % 2 == threads - 1 then table.insert(mine, t) end
  end
  thread:set("share", table.concat(mine, ","))
end

local queue = {}
function init(args)
  for t in string.gmatch(share or "", "[^,]+") do table.insert(queue, t) end
end

local headers = { ["Content-Type"] = "application/x-www-form-urlencoded",
                  ["Authorization"] = "Basic " .. (os.getenv("BASIC") or "") }
function request()
  local token = table.remove(queue, 1) or "none-left"
  return wrk.format("POST", nil, headers, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, hdrs, body)
  local next_token = string.match(body or "", '"refresh_token":"([^"]+)"')
  if next_token then table.insert(queue, next_token) end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
