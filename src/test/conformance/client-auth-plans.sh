#!/bin/bash
# Run the OpenID conformance suite's comprehensive OP plan (oidcc-test-plan, code flow, static clients)
# with each client-authentication method beyond the kit's client secrets, and its FAPI 2.0 Security Profile and
# Message Signing plans, against this checkout's Gatehouse, without changing the kit (../shared/conformance, read only):
#
#   src/test/conformance/client-auth-plans.sh [private_key_jwt] [client_secret_jwt] [mtls]   (default: these three)
#   src/test/conformance/client-auth-plans.sh fapi2-security fapi2-message-signing fapi2-security-mtls   (FAPI 2.0)
#
# From the checkout root, after `mvn -q -B -DskipTests package` and the kit's start-suite.sh. For each method,
# Gatehouse is restarted (fresh database, as start-gatehouse.sh does) with the kit's settings whose code flow
# clients authenticate by that method (client-auth-configs.py); for mtls, Payara's HTTPS listener asks for client
# certificates and trusts the run's CA and self-signed certificate. Gatehouse is left running with the last
# method's settings: stop it with the kit's stop-gatehouse.sh. The HTTPS listener always gets server-config/https.asadmin.
# Last line: the kit's summary of all the plans run, "N passed, M failed"; exit status 1 if M > 0.
set -uo pipefail
K=${CONFORMANCE_KIT:-../shared/conformance}
[ -f "$K/lib.sh" ] || { echo "client-auth-plans.sh: no conformance kit at $K (set CONFORMANCE_KIT)" >&2; exit 1; }
. "$K/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

OIDCC="oidcc-test-plan[response_type=code][response_mode=default][client_registration=static_client]"
# FAPI 2.0 with what loopback allows: private_key_jwt and DPoP, or mutual TLS for both (fapi2-security-mtls); OpenID
# Connect, the plain profile; Message Signing with signed requests and JARM together.
FAPI2="[openid=openid_connect][client_auth_type=private_key_jwt][sender_constrain=dpop][fapi_profile=plain_fapi]"
plan() { # method
  case $1 in
    fapi2-security) echo "fapi2-security-profile-final-test-plan$FAPI2" ;;
    fapi2-message-signing) echo "fapi2-message-signing-final-test-plan$FAPI2[fapi_request_method=signed_non_repudiation][fapi_response_mode=jarm]" ;;
    fapi2-security-mtls) echo "fapi2-security-profile-final-test-plan[openid=openid_connect][client_auth_type=mtls][sender_constrain=mtls][fapi_profile=plain_fapi]" ;;
    *) echo "$OIDCC[client_auth_type=$1]" ;;
  esac
}
# Short: the kit names each plan's log after the plan and its config file, within the 255 bytes of a file name.
config() { # method
  case $1 in
    fapi2-security) echo gh-fapi2-sp.json ;;
    fapi2-message-signing) echo gh-fapi2-ms.json ;;
    fapi2-security-mtls) echo gh-fapi2-sp-mtls.json ;;
    *) echo "oidcc-gatehouse-${1//_/-}.json" ;;
  esac
}
names=("$@"); [ $# -gt 0 ] || names=(private_key_jwt client_secret_jwt mtls)
for n in "${names[@]}"; do
  case $n in private_key_jwt|client_secret_jwt|mtls|fapi2-security|fapi2-message-signing|fapi2-security-mtls) ;;
    *) die "unknown method '$n'";; esac
done

WAR=$PWD/target/gatehouse.war MICRO=$PWD/target/payara-micro.jar PREBOOT=$PWD/server-config/pre-boot-commands.asadmin HTTPS=$PWD/server-config/https.asadmin
for f in "$WAR" "$MICRO"; do [ -f "$f" ] || die "no $f: run 'mvn -q -B -DskipTests package' in the checkout root first"; done
curl -skf -o /dev/null "$SUITE_URL/api/plan?length=1" || die "suite not answering at $SUITE_URL: run $K/start-suite.sh"

start_gatehouse() { # method
  local G=$WORK/gatehouse options
  "$K/stop-gatehouse.sh"
  "$PYTHON" "$KIT/gen-config.py" > /dev/null || die "gen-config.py failed"
  options=$("$PYTHON" "$HERE/client-auth-configs.py" "$1" "$(config "$1")") || die "client-auth-configs.py failed"
  { cat "$PREBOOT" "$HTTPS"; echo
    echo "# Conformance run: the HTTPS listener (--sslport) on loopback as well."
    echo "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=127.0.0.1"
    if [ "$1" = mtls ] || [ "$1" = fapi2-security-mtls ]; then
      echo "# Mutual TLS: the listener asks for client certificates and trusts the run's CA and self-signed one."
      echo "set configs.config.server-config.network-config.protocols.protocol.https-listener.ssl.client-auth=want"
      echo "set configs.config.server-config.network-config.protocols.protocol.https-listener.ssl.trust-store=$WORK/tls/clients.p12"
    fi
  } > "$G/pre-boot-commands.asadmin"
  rm -rf "$G/root"
  mkdir -p "$RUN"
  # shellcheck disable=SC2086 # one JVM option per line
  nohup "$GATEHOUSE_JAVA" -Xmx512m -Dhazelcast.socket.bind.any=false $options \
    -Dgatehouse.settings-file="$G/appsettings.json" -Dgatehouse.issuer-uri=$GATEHOUSE_ISSUER \
    -jar "$MICRO" --deploy "$WAR" --contextroot / \
    --port $GATEHOUSE_HTTP_PORT --sslport $GATEHOUSE_PORT --nohazelcast --disablephonehome \
    --rootdir "$G/root" --prebootcommandfile "$G/pre-boot-commands.asadmin" > "$RUN/gatehouse.log" 2>&1 &
  echo $! > "$RUN/gatehouse.pid"
  for _ in $(seq 1 180); do
    if curl -skf -o /dev/null "$GATEHOUSE_ISSUER/.well-known/openid-configuration"; then
      echo "gatehouse ready: $GATEHOUSE_ISSUER (client authentication: $1)"; return 0
    fi
    alive gatehouse || die "gatehouse died, see $RUN/gatehouse.log"
    sleep 2
  done
  die "gatehouse not ready after 6 min, see $RUN/gatehouse.log"
}

ids=()
for n in "${names[@]}"; do
  echo "== $n: $(plan "$n")"
  start_gatehouse "$n"
  out=$("$KIT/run-plans.sh" "$(plan "$n")|$(config "$n")" 2>&1)
  echo "$out" | sed -n '1,/^$/p' | sed '/^$/d'
  id=$(echo "$out" | grep -o ': plan [A-Za-z0-9]* (run-test-plan.py' | head -1 | awk '{print $3}')
  [ "$id" = NOT ] && id=
  ids+=("$n=$id")
done
echo
exec "$PYTHON" "$KIT/summary.py" "${ids[@]}"
