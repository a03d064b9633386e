-- wrk: exchange each code of CODES once (thread i of n takes every n-th line), with the fixed PKCE verifier of
-- sign-in.sh and Basic authentication (AUTH). Answers of status 400 and up (also: a stock run dry) are errors.
local codes, next, step = {}, 1, 1
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  step = tonumber(os.getenv("THREADS") or "2")
  local i = 0
  for line in io.lines(os.getenv("CODES")) do
    if i % step == id - 1 then
      codes[#codes + 1] = line
    end
    i = i + 1
  end
end

function request()
  local code = codes[next] or "exhausted"
  next = next + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = os.getenv("AUTH"),
  }, "grant_type=authorization_code&redirect_uri=http%3A%2F%2F127.0.0.1%3A20080%2Fcb"
    .. "&code_verifier=bench-verifier-bench-verifier-bench-verifier&code=" .. code)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.1f ms, p99 %.1f ms\n", summary.requests,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
