#!/usr/bin/env bash
# The quickstart: watch dnsfailover move a DNS record to a backup when its primary goes away.
# Needs a JDK 21+ and nothing else (no cloud account, no DNS server). Builds the jar when missing.
# Works in a temporary directory; the files in examples/quickstart stay as they are.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/java-home.sh"
export QUICKSTART_PORT="${QUICKSTART_PORT:-18080}"

jar="$root/cli/target/dnsfailover.jar"
if [ ! -f "$jar" ]; then
  echo "==> Building dnsfailover (first run only, a few minutes)"
  (cd "$root" && ./mvnw -B -q -DskipTests -DskipImage package -pl cli -am)
fi
dnsfailover() { java -jar "$jar" "$@"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/dnsfailover-quickstart.XXXXXX")"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
cp "$here/config.yaml" "$here/example.test.zone" "$work/"
cd "$work"

start_backend() { # address name
  mkdir -p "www-$2" && echo ok > "www-$2/healthz"
  java -m jdk.httpserver -b "$1" -p "$QUICKSTART_PORT" -d "$work/www-$2" >/dev/null 2>&1 &
  pids+=($!)
}
wait_for() { # address
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/$1/$QUICKSTART_PORT") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "backend $1:$QUICKSTART_PORT did not start" >&2; exit 1
}
show() { echo "    $(grep -E '^app\.example\.test\.|^app\s' example.test.zone || echo '(no app record yet)')"; }

echo "==> Working in $work"
echo "==> Starting two backends: primary 127.0.0.1:$QUICKSTART_PORT, backup 127.0.0.2:$QUICKSTART_PORT"
start_backend 127.0.0.1 primary; primary_pid=$!
start_backend 127.0.0.2 backup
wait_for 127.0.0.1; wait_for 127.0.0.2

echo "==> dnsfailover validate"
dnsfailover validate -c config.yaml

echo "==> dnsfailover once: both healthy, so app answers with the primary"
dnsfailover once -c config.yaml --state state.json
show

echo "==> Stopping the primary backend"
kill "$primary_pid"; wait "$primary_pid" 2>/dev/null || true

echo "==> dnsfailover once: one failed probe; fall is 2, so the record stays (no false failover)"
dnsfailover once -c config.yaml --state state.json
show

echo "==> dnsfailover once: the second failure in a row fails app over to the backup"
dnsfailover once -c config.yaml --state state.json
show

echo "==> dnsfailover plan --detailed-exitcode: nothing left to change (exit 0)"
dnsfailover plan -c config.yaml --state state.json --detailed-exitcode >/dev/null && echo "    exit 0"

echo "==> The zone file now (www and mail untouched, SOA serial bumped):"
sed 's/^/    /' example.test.zone
if command -v named-checkzone >/dev/null 2>&1; then
  echo "==> named-checkzone example.test example.test.zone"
  named-checkzone example.test example.test.zone | sed 's/^/    /'
fi
echo "==> Done. Files are in $work"
