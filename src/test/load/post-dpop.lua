-- wrk: POST one form (BODY) with an Authorization header (AUTH) and a DPoP proof from PROOFS, each proof once
-- (thread i of n takes every n-th line; THREADS). Answers of status 400 and up (also: a stock run dry) are errors.
local proofs, next, step = {}, 1, 1
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  step = tonumber(os.getenv("THREADS") or "2")
  local i = 0
  for line in io.lines(os.getenv("PROOFS")) do
    if i % step == id - 1 then
      proofs[#proofs + 1] = line
    end
    i = i + 1
  end
end

function request()
  local proof = proofs[next] or "exhausted"
  next = next + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = os.getenv("AUTH"),
    ["DPoP"] = proof,
  }, os.getenv("BODY"))
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.1f ms, p99 %.1f ms\n", summary.requests,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
