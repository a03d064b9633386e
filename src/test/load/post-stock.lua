-- wrk: POST one form (BODY), with an Authorization header (AUTH) when set, and each request one line of STOCK, used
-- once: as the header STOCK_HEADER (a DPoP proof) or appended to the form as the field STOCK_FIELD (a client
-- assertion). Thread i of n takes every n-th line (THREADS). Answers of status 400 and up (also: a stock run dry)
-- are errors.
local stock, next, step = {}, 1, 1
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  step = tonumber(os.getenv("THREADS") or "2")
  local i = 0
  for line in io.lines(os.getenv("STOCK")) do
    if i % step == id - 1 then
      stock[#stock + 1] = line
    end
    i = i + 1
  end
end

function request()
  local item = stock[next] or "exhausted"
  next = next + 1
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  local auth, header, field = os.getenv("AUTH"), os.getenv("STOCK_HEADER"), os.getenv("STOCK_FIELD")
  if auth and auth ~= "" then
    headers["Authorization"] = auth
  end
  local body = os.getenv("BODY")
  if header and header ~= "" then
    headers[header] = item
  else
    body = body .. "&" .. field .. "=" .. item
  end
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.1f ms, p99 %.1f ms\n", summary.requests,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
