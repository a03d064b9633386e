#!/usr/bin/env bash
# The grant table under a sustained load of reference tokens, with the cleanup job on: its size is
# sampled every 5 s during 60 s of load and 30 s after. Needs PostgreSQL on 127.0.0.1:5432 (trust
# authentication) and wrk; run from the project root after `mvn -q package -DskipTests`:
#   bash src/test/load/token-cleanup.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
port=18190 db="gatehouse_cleanup_$$" work=$(mktemp -d)
psql() { command psql -h 127.0.0.1 -U postgres -qtA "$@"; }
psql -d postgres -c "CREATE DATABASE $db"
cleanup() { kill "$node" 2>/dev/null || true; wait "$node" 2>/dev/null || true; psql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"; }
trap cleanup EXIT

hash=$(printf %s secret | openssl dgst -sha256 -binary | base64)
cat > "$work/appsettings.json" <<JSON
{ "IdentityServer": {
    "ApiScopes": [ { "Name": "api1" } ],
    "Clients": [ { "ClientId": "short-lived", "ClientSecrets": [ { "Value": "$hash" } ],
                   "AllowedGrantTypes": [ "client_credentials" ], "AllowedScopes": [ "api1" ],
                   "AccessTokenType": "Reference", "AccessTokenLifetime": 10 } ] },
  "Gatehouse": { "TokenCleanup": { "Interval": "PT10S", "BatchSize": 1000 },
                 "KeyManagement": { "EncryptionKey": "load-test-only-not-a-secret" } } }
JSON
GATEHOUSE_DB_HOST=127.0.0.1 GATEHOUSE_DB_PORT=5432 GATEHOUSE_DB_NAME=$db GATEHOUSE_DB_USER=postgres GATEHOUSE_DB_PASSWORD=unused \
  java -Dhazelcast.socket.bind.any=false -Dgatehouse.settings-file="$work/appsettings.json" -jar target/payara-micro.jar \
  --addlibs target/postgresql.jar --postbootcommandfile server-config/postgresql.asadmin --deploy target/gatehouse.war \
  --contextroot / --port $port --nohazelcast --disablephonehome --prebootcommandfile server-config/pre-boot-commands.asadmin \
  > "$work/node.log" 2>&1 &
node=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/.well-known/openid-configuration" >/dev/null && break; sleep 1; done

rows() { psql -d "$db" -c "SELECT COUNT(*) FROM GH_GRANT"; }
echo "before load: $(rows) rows"
BODY="grant_type=client_credentials&scope=api1" AUTH="Basic $(printf %s short-lived:secret | base64)" \
  wrk -t2 -c8 -d60s -s src/test/load/post-form.lua "http://127.0.0.1:$port/connect/token" > "$work/wrk.txt" &
load=$!
for t in $(seq 5 5 90); do
  sleep 5
  echo "t=${t}s$( [ "$t" -le 60 ] && echo ' (load)' || echo '       '): $(rows) rows"
done
wait "$load"
grep -E "requests|Requests/sec" "$work/wrk.txt"
echo "cleanup runs: $(grep -c 'Token cleanup removed' "$work/node.log"), removed in total: $(grep -o 'removed [0-9]*' "$work/node.log" | awk '{s+=$2} END {print s+0}')"
