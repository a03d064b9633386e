-- wrk: GET /connect/authorize with a signed-in session (COOKIE) and append each code of the redirect to
-- CODES, one per line: a stock of authorization codes for the code-exchange scenario.
wrk.headers["Cookie"] = os.getenv("COOKIE")
local file

function init(args)
  file = io.open(os.getenv("CODES"), "a")
end

function response(status, headers, body)
  local code = (headers["Location"] or ""):match("[?&]code=([^&]+)")
  if code then
    file:write(code, "\n")
    file:flush()
  end
end
