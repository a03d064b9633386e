#!/usr/bin/env bash
# Signs alice in at Gatehouse (no browser: the login form over curl) and prints the authorization URL's query
# and the session cookie, for minting codes:   sign-in.sh <base url> <client id>  ->  "<query>\t<cookie>"
# The PKCE verifier of every code is "bench-verifier-bench-verifier-bench-verifier" (a fixed stock of codes).
set -euo pipefail
base=$1 client=$2 jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
verifier=bench-verifier-bench-verifier-bench-verifier
challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')
query="client_id=$client&redirect_uri=http%3A%2F%2F127.0.0.1%3A20080%2Fcb&response_type=code&scope=openid%20profile%20email%20api1%20offline_access&code_challenge=$challenge&code_challenge_method=S256&nonce=n"
page=$(curl -sf -c "$jar" -b "$jar" "$base/account/login?$query")
field() { echo "$page" | grep -o "name=\"$1\" value=\"[^\"]*\"" | sed 's/.*value="//; s/"$//; s/&amp;/\&/g'; }
curl -sf -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$(field csrf)" --data-urlencode "authorize=$(field authorize)" \
  -d username=alice -d password=alice-password -d button=login "$base/account/login"
printf '%s\t%s\n' "$query" "gatehouse.session=$(awk '$6 == "gatehouse.session" {print $7}' "$jar")"
