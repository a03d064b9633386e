#!/usr/bin/env bash
# Gatehouse's benchmark, optionally side by side with Keycloak on the same machine, in the same run.
#   bash src/test/load/bench.sh                 Gatehouse only
#   bash src/test/load/bench.sh --keycloak      and Keycloak (shared/peers/keycloak: downloaded, started, set up)
#   bash src/test/load/bench.sh --signing       only the JMH benchmark of the signing step
#   bash src/test/load/bench.sh --dpop          only DPoP's cost: client credentials with and without a proof
#   bash src/test/load/bench.sh --private-key-jwt   only private_key_jwt's cost beside client_secret_basic
# Gatehouse runs as the README's "Performance and sizing" recommends: a prepared Payara Micro root directory
# (launcher and class-data-sharing archive, made here first) and GATEHOUSE_JAVA_OPTS (default: the recommended
# options below). Each scenario: each server warms up for at least BENCH_WARMUP_MIN s (default 60), until two
# successive 10 s runs are within 5 % of each other (at most BENCH_WARMUP s, default 120; the JIT needs a
# minute or more on two cores), then A B A B
# (Gatehouse, Keycloak) runs of BENCH_SECONDS (default 10) s, wrk with 2 threads and 16 connections on
# loopback. Reported: median req/s, p50/p99 latency, non-200 answers, server CPU per request, server RSS.
# Needs wrk, jq, bc and node (installed with apt-get when missing and run as root); run from the project root.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$(pwd)
peer="$root/../shared/peers/keycloak"
with_keycloak=false dpop_only=false assertions_only=false
case "${1:-}" in
  --keycloak) with_keycloak=true ;;
  --dpop) dpop_only=true ;;
  --private-key-jwt) assertions_only=true ;;
  --signing)
    [ -f target/test-classpath.txt ] || mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
    exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main SigningBenchmark \
      -f 1 -wi 3 -w 3s -i 5 -r 5s -t 1 ;;
esac
for tool in wrk jq bc node; do
  command -v $tool >/dev/null && continue
  package=${tool/node/nodejs}
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || { echo "$tool is needed (Debian: apt-get install -y $package)" >&2; exit 1; }
  apt-get install -y -q $package >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q $package >/dev/null; }
done
[ -f target/gatehouse.war ] || mvn -q -B package -DskipTests

port=18280 work=$(mktemp -d) tck=$(getconf CLK_TCK) seconds=${BENCH_SECONDS:-10} warmup=${BENCH_WARMUP:-120}
warmup_min=${BENCH_WARMUP_MIN:-60}
gh_url="http://127.0.0.1:$port"
keys() { KEYS=$work ALG=$1 node src/test/load/client-assertions.mjs jwk | sed 's/[\\&#]/\\&/g'; }
sed -e "s#BENCH_SECRET_HASH#$(printf %s bench-secret | openssl dgst -sha256 -binary | base64)#" \
  -e "s#BENCH_RS256_JWK#$(keys RS256)#" -e "s#BENCH_ES256_JWK#$(keys ES256)#" \
  src/test/load/bench-appsettings.json > "$work/appsettings.json"
# The recommended JVM options for a node of two cores (README, "Performance and sizing").
export MALLOC_ARENA_MAX=2
java_opts=${GATEHOUSE_JAVA_OPTS:--Xmx256m -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000}
payara_args=(--port $port --nohazelcast --disablephonehome --prebootcommandfile server-config/pre-boot-commands.asadmin)
deploy=(--deploy target/gatehouse.war --contextroot /)
gatehouse() { # gatehouse <log> <java options, jar and deployment…>: starts it in the background
  java $java_opts -Dhazelcast.socket.bind.any=false -Dgatehouse.settings-file="$work/appsettings.json" \
    -Dgatehouse.issuer-uri="$gh_url" "${@:2}" "${payara_args[@]}" > "$1" 2>&1 &
  gh_pid=$!
}
first_token() { # first_token <start (date +%s.%N)> <log>: seconds from start to the first token
  until curl -sf -u bench-cc:bench-secret -d grant_type=client_credentials "$gh_url/connect/token" >/dev/null; do
    kill -0 $gh_pid || { cat "$2" >&2; exit 1; }; sleep 0.1
  done
  echo "$(date +%s.%N) - $1" | bc | cut -c1-4
}
trap 'kill $gh_pid 2>/dev/null || true; wait $gh_pid 2>/dev/null || true; $with_keycloak && "$peer/stop.sh" >/dev/null 2>&1; rm -rf "$work"' EXIT

# A cold start, as the README's run command: payara-micro.jar unpacks itself, the database and keys are new.
start=$(date +%s.%N); gatehouse "$work/cold.log" -jar target/payara-micro.jar "${deploy[@]}"
cold=$(first_token $start "$work/cold.log"); kill $gh_pid; wait $gh_pid 2>/dev/null || true
# The prepared server: a root directory with Payara Micro's flat-classpath launcher, and a class-data-sharing
# archive of the classes a deployment loads (made by a --warmup run that deploys and exits; the JVM falls back
# to loading classes itself if the archive does not match it). The application stays deployed in the root
# directory, so the server starts without --deploy (with it, Payara would deploy it twice). Its database and
# keys are those of that run.
server="$work/server"
java -jar target/payara-micro.jar --rootdir "$server" --outputlauncher > "$work/launcher.log" 2>&1
java $java_opts -XX:ArchiveClassesAtExit="$server/gatehouse.jsa" -Dgatehouse.settings-file="$work/appsettings.json" \
  -Dhazelcast.socket.bind.any=false -jar "$server/launch-micro.jar" "${payara_args[@]}" "${deploy[@]}" --warmup \
  > "$work/archive.log" 2>&1
start=$(date +%s.%N); gatehouse "$work/gatehouse.log" -XX:SharedArchiveFile="$server/gatehouse.jsa" -jar "$server/launch-micro.jar"
echo "Gatehouse: start to first token $(first_token $start "$work/gatehouse.log") s (prepared server, a restart), $cold s (cold: first start," \
  "README's command); $(grep -o 'Signing with [^(]*' "$work/gatehouse.log" | head -1); JVM options: $java_opts"

if $with_keycloak; then
  "$peer/fetch.sh" >/dev/null
  "$peer/start.sh" >/dev/null
  "$peer/setup-realm.sh" >/dev/null 2>&1
  . "$peer/env.sh"
  kc_pid=$(kc_java_pid)
  kc_token_url="$KC_URL/realms/$KC_REALM/protocol/openid-connect/token"
fi

basic() { echo "Basic $(printf %s "$1:$2" | base64 -w0)"; }
# run <server pid> <url> <auth> <body> <seconds> [load command] -> "req/s p50 p99 non200 cpu_ms_per_req rss_mib"
# The load command (default: wrk posting BODY with AUTH) prints wrk's "requests N, errors E, p50 …, p99 …" line.
run() {
  local t0 t1 out requests load=${6:-"wrk -t2 -c16 -d$5s --timeout 10s -s src/test/load/post-form.lua $2"}
  t0=$(awk '{print $14 + $15}' "/proc/$1/stat")
  out=$(BODY="$4" AUTH="$3" TOKEN_URL="$2" SECONDS="$5" THREADS=2 bash -c "$load")
  t1=$(awk '{print $14 + $15}' "/proc/$1/stat")
  requests=$(echo "$out" | awk '/^requests/ {gsub(",", ""); print $2}')
  echo "$out" | awk -v r="$requests" -v s="$5" -v cpu=$(( t1 - t0 )) -v tck="$tck" \
    -v rss="$(awk '/^VmRSS/ {print $2}' /proc/$1/status)" \
    '/^requests/ {gsub(",", ""); printf "%.0f %s %s %s %.3f %.0f\n", r / s, $6, $9, $4, cpu / tck * 1000 / r, rss / 1024}'
}
# warm <server pid> <url> <auth> <body>: 10 s runs, at least $warmup_min s, until two successive ones are
# within 5 % (at most $warmup s): a JIT still compiling can hold steady for two runs in its first minute
warm() {
  local previous=0 current elapsed=0
  while [ $elapsed -lt "$warmup" ]; do
    current=$(run "$@" 10 | cut -d' ' -f1); elapsed=$(( elapsed + 10 ))
    [ $elapsed -ge "$warmup_min" ] && [ "$(echo "$previous > 0 && $current < $previous * 1.05 && $current > $previous * 0.95" | bc)" = 1 ] && return
    previous=$current
  done
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# scenario name, then Gatehouse's url auth body, then Keycloak's (or -)
scenario() {
  local name=$1 g_url=$2 g_auth=$3 g_body=$4 k_url=$5 k_auth=$6 k_body=$7 g=() k=()
  warm $gh_pid "$g_url" "$g_auth" "$g_body"
  if $with_keycloak && [ "$k_url" != - ]; then warm $kc_pid "$k_url" "$k_auth" "$k_body"; fi
  for _ in 1 2; do
    g+=("$(run $gh_pid "$g_url" "$g_auth" "$g_body" "$seconds")")
    if $with_keycloak && [ "$k_url" != - ]; then k+=("$(run $kc_pid "$k_url" "$k_auth" "$k_body" "$seconds")"); fi
  done
  local g_rps k_rps="-" ratio="-"
  g_rps=$(printf '%s\n' "${g[@]}" | cut -d' ' -f1 | median)
  if [ ${#k[@]} -gt 0 ]; then
    k_rps=$(printf '%s\n' "${k[@]}" | cut -d' ' -f1 | median)
    ratio=$(echo "scale=2; $g_rps / $k_rps" | bc)
  fi
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$g_rps" "$(printf '%s\n' "${g[@]}" | awk '{printf "%s/%s ms, %s errors, %s ms CPU, %s MiB; ", $2, $3, $4, $5, $6}')" \
    "$k_rps" "$( [ ${#k[@]} -gt 0 ] && printf '%s\n' "${k[@]}" | awk '{printf "%s/%s ms, %s errors, %s ms CPU, %s MiB; ", $2, $3, $4, $5, $6}')" "$ratio"
}

# A cost on the client-credentials path, in one run: client_secret_basic runs (labelled <baseline>) alternate with
# <stock_run> <alg> for each <alg> (labelled <prefix>_<alg>), three rounds after the warm-up; prints the table, exits.
#   alternate <baseline> <stock_run> <prefix> <alg>...
alternate() {
  local baseline=$1 stock_run=$2 prefix=$3 alg label
  local algs=("${@:4}") labels=("$1")
  declare -A results=()
  warm $gh_pid "$token_url" "$auth" "$body"
  for alg in "${algs[@]}"; do $stock_run "$alg" >/dev/null; labels+=("${prefix}_${alg,,}"); done
  for _ in 1 2 3; do
    results[$baseline]+="$(run $gh_pid "$token_url" "$auth" "$body" "$seconds")"$'\n'
    for alg in "${algs[@]}"; do results[${prefix}_${alg,,}]+="$($stock_run "$alg")"$'\n'; done
  done
  echo "| client credentials, RS256 JWT | req/s (median of 3) | runs (p50/p99, errors, CPU per request, RSS) |"
  echo "|---|---|---|"
  for label in "${labels[@]}"; do
    printf '| %s | %s | %s |\n' "$label" "$(printf '%s' "${results[$label]}" | cut -d' ' -f1 | median)" \
      "$(printf '%s' "${results[$label]}" | awk '{printf "%s req/s %s/%s ms, %s errors, %s ms CPU, %s MiB; ", $1, $2, $3, $4, $5, $6}')"
  done
  exit 0
}
auth=$(basic bench-cc bench-secret) body="grant_type=client_credentials&scope=api1" token_url="$gh_url/connect/token"

# DPoP's cost (RFC 9449). Each DPoP request carries a proof of its own (a jti is accepted once), made ahead by node so
# that wrk signs nothing; ES256 proofs (the common choice) and RS256 ones, whose verification is far cheaper on the
# JDK's providers.
dpop_run() { # dpop_run <alg>
  ALG=$1 HTU=$token_url COUNT=$(( seconds * 5000 )) node src/test/load/dpop-proofs.mjs > "$work/proofs"
  run $gh_pid "$token_url" "$auth" "$body" "$seconds" \
    "STOCK=$work/proofs STOCK_HEADER=DPoP wrk -t2 -c16 -d${seconds}s --timeout 10s -s src/test/load/post-stock.lua $token_url"
}
$dpop_only && alternate bearer dpop_run dpop ES256 RS256

# private_key_jwt's cost (RFC 7523 §2.2). Each request carries an assertion of its own (a jti is accepted once), made
# ahead by node.
assertion_run() { # assertion_run <alg>
  local type
  type=$(printf %s urn:ietf:params:oauth:client-assertion-type:jwt-bearer | jq -sRr @uri)
  KEYS=$work ALG=$1 CLIENT=bench-pkj-${1,,} AUD=$gh_url COUNT=$(( seconds * 5000 )) \
    node src/test/load/client-assertions.mjs > "$work/assertions"
  run $gh_pid "$token_url" "" "$body&client_assertion_type=$type" "$seconds" \
    "STOCK=$work/assertions STOCK_FIELD=client_assertion wrk -t2 -c16 -d${seconds}s --timeout 10s -s src/test/load/post-stock.lua $token_url"
}
$assertions_only && alternate secret assertion_run pkj RS256 ES256

echo "| scenario | Gatehouse req/s | Gatehouse runs (p50/p99, errors, CPU per request, RSS) | Keycloak req/s | Keycloak runs | ratio |"
echo "|---|---|---|---|---|---|"
gh_token="$gh_url/connect/token"
cc="grant_type=client_credentials&scope=api1"
scenario "client_credentials, JWT RS256" "$gh_token" "$(basic bench-cc bench-secret)" "$cc" \
  "${kc_token_url:--}" "$(basic bench-cc bench-secret)" "$cc"
scenario "client_credentials, JWT ES256" "$gh_token" "$(basic bench-cc bench-secret)" "$cc&resource=urn:bench-es256" \
  "${kc_token_url:--}" "$(basic bench-cc bench-secret)" "$cc"
scenario "client_credentials, reference token" "$gh_token" "$(basic bench-reference bench-secret)" "$cc" - - -
gh_jwt=$(curl -s -u bench-cc:bench-secret -d "$cc" "$gh_token" | jq -r .access_token)
kc_jwt=$($with_keycloak && curl -s -u bench-cc:bench-secret -d "$cc" "$kc_token_url" | jq -r .access_token || echo -)
kc_introspect=${kc_token_url:+$kc_token_url/introspect}
scenario "introspection of a JWT" "$gh_url/connect/introspect" "$(basic bench-cc bench-secret)" "token=$gh_jwt" \
  "${kc_introspect:--}" "$(basic bench-cc bench-secret)" "token=$kc_jwt"

# Interactive grants: alice signs in once (the login form over curl); her session then mints codes.
IFS=$'\t' read -r gh_query gh_cookie < <(bash src/test/load/sign-in.sh "$gh_url" bench-web)
export COOKIE=$gh_cookie CODES=$work/codes
verifier=bench-verifier-bench-verifier-bench-verifier
# mint <client> <count> [API scope]: that many codes of the client (for api1, or the scope given), one per line
mint() {
  local query=${gh_query/bench-web/$1}
  for _ in $(seq "$2"); do
    curl -s -o /dev/null -w '%{redirect_url}\n' -H "Cookie: $gh_cookie" "$gh_url/connect/authorize?${query/api1/${3:-api1}}"
  done | sed 's/.*[?&]code=\([^&]*\).*/\1/'
}
# refresh_tokens <client> <count> [API scope]: that many refresh tokens (one grant each), one per line
refresh_tokens() {
  mint "$@" | while read -r code; do
    curl -s -u "$1:bench-secret" -d grant_type=authorization_code -d "code=$code" -d code_verifier=$verifier \
      -d redirect_uri=http://127.0.0.1:20080/cb "$gh_token" | jq -r .refresh_token
  done
}
gh_rt=$(refresh_tokens bench-web 1)
kc_rt=$($with_keycloak && node "$peer/get-refresh-token.mjs" || echo -)
scenario "refresh_token, ReUse (ID token too)" "$gh_token" "$(basic bench-web bench-secret)" \
  "grant_type=refresh_token&refresh_token=$gh_rt" \
  "${kc_token_url:--}" "$(basic bench-web bench-web-secret)" "grant_type=refresh_token&refresh_token=$kc_rt"
gh_rt_es=$(refresh_tokens bench-web-es256 1 api-es)
scenario "refresh_token, ReUse, ES256 (ID token too)" "$gh_token" "$(basic bench-web-es256 bench-secret)" \
  "grant_type=refresh_token&refresh_token=$gh_rt_es" \
  "${kc_token_url:--}" "$(basic bench-web bench-web-secret)" "grant_type=refresh_token&refresh_token=$kc_rt"

# One-time refresh tokens and the code exchange consume what they present: Gatehouse only, each run with a
# fresh stock (16 chains of refresh tokens; codes minted by wrk at the authorization endpoint); the first
# round warms up and is not counted.
one_time=() exchange=()
# Each code once, with sign-in.sh's fixed PKCE verifier.
exchange_form="grant_type=authorization_code&redirect_uri=http%3A%2F%2F127.0.0.1%3A20080%2Fcb&code_verifier=bench-verifier-bench-verifier-bench-verifier"
for round in warm-up 1 2; do
  refresh_tokens bench-web-onetime 16 > "$work/chains"
  chains=$(run $gh_pid "$gh_token" "$(basic bench-web-onetime bench-secret)" - "$seconds" \
    "node src/test/load/refresh-chains.mjs < $work/chains")
  rm -f "$CODES"
  wrk -t2 -c16 -d"$(( seconds * 3 / 2 ))s" -s src/test/load/mint-codes.lua "$gh_url/connect/authorize?$gh_query" >/dev/null
  codes=$(run $gh_pid "$gh_token" "$(basic bench-web bench-secret)" "$exchange_form" "$seconds" \
    "STOCK=$CODES STOCK_FIELD=code wrk -t2 -c16 -d${seconds}s --timeout 10s -s src/test/load/post-stock.lua $gh_token")
  [ $round = warm-up ] || { one_time+=("$chains"); exchange+=("$codes"); }
done
row() {
  printf '| %s | %s | %s | - | - | - |\n' "$1" "$(printf '%s\n' "${@:2}" | cut -d' ' -f1 | median)" \
    "$(printf '%s\n' "${@:2}" | awk '{printf "%s/%s ms, %s errors, %s ms CPU, %s MiB; ", $2, $3, $4, $5, $6}')"
}
row "refresh_token, OneTimeOnly (16 chains, node client)" "${one_time[@]}"
row "authorization code exchange (PKCE, ID + access + refresh token)" "${exchange[@]}"
