#!/bin/bash
# Run the OpenID conformance suite's logout plans against this checkout's Gatehouse, each with what it needs,
# without changing the kit (../shared/conformance, read only):
#
#   src/test/conformance/logout-plans.sh [logout] [frontchannel] [backchannel] [session]   (default: all four)
#
# From the checkout root, after `mvn -q -B -DskipTests package` and the kit's start-suite.sh. For each plan,
# Gatehouse is restarted (fresh database, as start-gatehouse.sh does) with clients that register exactly the
# suite's receivers the plan tests, and trusting the suite's self-signed certificate (for backchannel, the logout
# tokens go through tls-header-proxy.py, started and stopped here, 127.0.0.1:21444); then the plan runs through
# the kit's run-plans.sh as 'PLAN[variants]|oidcc-gatehouse-logout.json' (written by logout-configs.py, from the
# kit's generated config). Gatehouse is left running (with the last plan's settings): stop it with the kit's
# stop-gatehouse.sh. Why each workaround exists: logout-configs.py and docs/conformance.md.
# Last line: the kit's summary of all the plans run, "N passed, M failed"; exit status 1 if M > 0.
set -uo pipefail
K=${CONFORMANCE_KIT:-../shared/conformance}
[ -f "$K/lib.sh" ] || { echo "logout-plans.sh: no conformance kit at $K (set CONFORMANCE_KIT)" >&2; exit 1; }
. "$K/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

VARIANT="[response_type=code][client_registration=static_client]"
CONFIG=oidcc-gatehouse-logout.json
declare -A PLAN=(
 [logout]="oidcc-rp-initiated-logout-certification-test-plan"
 [frontchannel]="oidcc-frontchannel-rp-initiated-logout-certification-test-plan"
 [backchannel]="oidcc-backchannel-rp-initiated-logout-certification-test-plan"
 [session]="oidcc-session-management-certification-test-plan"
)
# The suite's receivers each plan's clients register: a test module fails on a request it does not expect.
declare -A RECEIVERS=([logout]=none [frontchannel]=front [backchannel]=back [session]=none)
# LOGOUT_RECEIVERS=none|front|back|both: the same for every plan (to see what goes wrong otherwise).
if [ -n "${LOGOUT_RECEIVERS:-}" ]; then for n in "${!RECEIVERS[@]}"; do RECEIVERS[$n]=$LOGOUT_RECEIVERS; done; fi
names=("$@"); [ $# -gt 0 ] || names=(logout frontchannel backchannel session)
for n in "${names[@]}"; do [ -n "${PLAN[$n]:-}" ] || die "unknown plan '$n'; known: logout frontchannel backchannel session"; done

WAR=$PWD/target/gatehouse.war MICRO=$PWD/target/payara-micro.jar PREBOOT=$PWD/server-config/pre-boot-commands.asadmin
for f in "$WAR" "$MICRO"; do [ -f "$f" ] || die "no $f: run 'mvn -q -B -DskipTests package' in the checkout root first"; done
[ -f "$PREBOOT" ] || die "no $PREBOOT: run this from the Gatehouse checkout root"
[ -f "$WORK/tls/localhost.crt" ] || die "no $WORK/tls/localhost.crt: run the kit's build-suite.sh first"
curl -skf -o /dev/null "$SUITE_URL/api/plan?length=1" || die "suite not answering at $SUITE_URL: run $K/start-suite.sh"

# Back-Channel Logout: Gatehouse POSTs logout tokens to the suite over HTTPS, so its JVM must trust the suite's
# self-signed certificate: the JDK's CA certificates plus that one, through JAVA_TOOL_OPTIONS (start-gatehouse.sh
# has no option for it; every JVM reads that variable).
TRUST=$WORK/gatehouse-truststore.p12 TRUST_PASS=conformance-only
if [ ! -f "$TRUST" ] || [ "$WORK/tls/localhost.crt" -nt "$TRUST" ]; then
  java_home=$("$GATEHOUSE_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
  rm -f "$TRUST"
  keytool -importkeystore -noprompt -srckeystore "$java_home/lib/security/cacerts" -srcstorepass changeit \
    -destkeystore "$TRUST" -deststoretype PKCS12 -deststorepass "$TRUST_PASS" > /dev/null 2>&1 \
    || die "cannot copy $java_home/lib/security/cacerts into $TRUST"
  keytool -importcert -noprompt -alias conformance-suite -file "$WORK/tls/localhost.crt" \
    -keystore "$TRUST" -storetype PKCS12 -storepass "$TRUST_PASS" > /dev/null || die "cannot import the suite's certificate"
  echo "truststore: $TRUST (JDK CA certificates + $WORK/tls/localhost.crt)"
fi

# The back-channel module checks X-Ssl-Protocol / X-Ssl-Cipher, which the hosted suite's proxy adds to each
# request and the kit (no proxy) does not: the logout tokens go through tls-header-proxy.py, which adds them from
# its own TLS handshake with Gatehouse (127.0.0.1:$PROXY_PORT, the suite's certificate).
PROXY_PORT=21444 PROXY=https://localhost:21444
start_proxy() {
  stop_proxy
  nohup "$PYTHON" "$HERE/tls-header-proxy.py" $PROXY_PORT "$SUITE_URL" "$WORK/tls/localhost.crt" "$WORK/tls/localhost.key" \
    > "$RUN/tls-header-proxy.log" 2>&1 &
  echo $! > "$RUN/tls-header-proxy.pid"
  wait_port $PROXY_PORT 20 tls-header-proxy
}
stop_proxy() { stop_pid tls-header-proxy "tls-header-proxy.py $PROXY_PORT"; }
trap stop_proxy EXIT

# Gatehouse as start-gatehouse.sh starts it (same command line, so that stop-gatehouse.sh stops it), with the
# settings of logout-configs.py --receivers and the truststore.
start_gatehouse() { # receivers
  local G=$WORK/gatehouse uris= via=()
  "$K/stop-gatehouse.sh"
  [ "$1" = none ] || uris=1
  [ "$1" = back ] && via=(--backchannel-via "$PROXY")
  CONFORMANCE_LOGOUT_URIS=$uris "$PYTHON" "$KIT/gen-config.py" > /dev/null || die "gen-config.py failed"
  PYTHONDONTWRITEBYTECODE=1 "$PYTHON" "$HERE/logout-configs.py" --receivers "$1" "${via[@]}" || die "logout-configs.py failed"
  { cat "$PREBOOT"; echo
    echo "# Conformance run: the HTTPS listener (--sslport) on loopback as well."
    echo "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=127.0.0.1"
  } > "$G/pre-boot-commands.asadmin"
  rm -rf "$G/root"
  mkdir -p "$RUN"
  JAVA_TOOL_OPTIONS="-Djavax.net.ssl.trustStore=$TRUST -Djavax.net.ssl.trustStorePassword=$TRUST_PASS -Djavax.net.ssl.trustStoreType=PKCS12" \
  nohup "$GATEHOUSE_JAVA" -Xmx512m -Dhazelcast.socket.bind.any=false \
    -Dgatehouse.settings-file="$G/appsettings.json" -Dgatehouse.issuer-uri=$GATEHOUSE_ISSUER \
    -jar "$MICRO" --deploy "$WAR" --contextroot / \
    --port $GATEHOUSE_HTTP_PORT --sslport $GATEHOUSE_PORT --nohazelcast --disablephonehome \
    --rootdir "$G/root" --prebootcommandfile "$G/pre-boot-commands.asadmin" > "$RUN/gatehouse.log" 2>&1 &
  echo $! > "$RUN/gatehouse.pid"
  for _ in $(seq 1 180); do
    if curl -skf -o /dev/null "$GATEHOUSE_ISSUER/.well-known/openid-configuration"; then
      echo "gatehouse ready: $GATEHOUSE_ISSUER (logout receivers: $1)"; return 0
    fi
    alive gatehouse || die "gatehouse died, see $RUN/gatehouse.log"
    sleep 2
  done
  die "gatehouse not ready after 6 min, see $RUN/gatehouse.log"
}

ids=()
for n in "${names[@]}"; do
  echo "== $n: ${PLAN[$n]} (receivers: ${RECEIVERS[$n]})"
  [ "${RECEIVERS[$n]}" = back ] && start_proxy
  start_gatehouse "${RECEIVERS[$n]}"
  out=$("$KIT/run-plans.sh" "${PLAN[$n]}$VARIANT|$CONFIG" 2>&1)
  [ "${RECEIVERS[$n]}" = back ] && stop_proxy
  echo "$out" | sed -n '1,/^$/p' | sed '/^$/d'          # the run lines; the per-plan table comes at the end
  id=$(echo "$out" | grep -o ': plan [A-Za-z0-9]* (run-test-plan.py' | head -1 | awk '{print $3}')
  [ "$id" = NOT ] && id=
  ids+=("$n=$id")
done
echo
exec "$PYTHON" "$KIT/summary.py" "${ids[@]}"
