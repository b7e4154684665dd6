#!/usr/bin/env bash
# Runs the benchmarks of docs/PERFORMANCE.md and prints a results table.
#
#   scripts/benchmark.sh                 build, then run all: failover, served, probes, reconcile, status
#   scripts/benchmark.sh failover        only the failover latency (refused and hang)
#   scripts/benchmark.sh served          failover latency to the answer of a real BIND (named):
#                                        zone file + rndc reload, and RFC 2136 updates
#   scripts/benchmark.sh probes          only the probe throughput (and the load server alone)
#   scripts/benchmark.sh reconcile       only the reconcile cost
#   scripts/benchmark.sh status          only the status server under hostile and heavy clients
#   scripts/benchmark.sh --no-build ...  reuse the jars already built
#
# Environment: RUNS (failover runs, default 20), PROBE_ENDPOINTS (10000), PROBE_PER_CORE_ENDPOINTS
# (5000, the one-core run), PROBE_SECONDS (60), PROBE_WARMUP (20), STATUS_RECORDS (200),
# STATUS_HEAP (256m), RESULTS (the tab-separated results file, default
# target/benchmarks/results.tsv).
# Loopback only; every benchmark stops by itself. Measure on a quiet machine: each row records the
# load average at the time it was taken.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/java-home.sh"
cd "$root"

build=1
selected=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    failover|served|probes|reconcile|status) selected+=("$arg") ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 64 ;;
  esac
done
[ ${#selected[@]} -gt 0 ] || selected=(failover served probes reconcile status)

bench_jar="$root/benchmarks/target/dnsfailover-benchmarks.jar"
cli_jar="$root/cli/target/dnsfailover.jar"
if [ "$build" = 1 ]; then
  echo "==> Building cli/target/dnsfailover.jar and benchmarks/target/dnsfailover-benchmarks.jar"
  ./mvnw -B -q -DskipTests -Pbenchmarks package -pl cli,benchmarks -am
fi
for jar in "$bench_jar" "$cli_jar"; do
  [ -f "$jar" ] || { echo "$jar is missing: run without --no-build" >&2; exit 1; }
done

results="${RESULTS:-$root/target/benchmarks/results.tsv}"
mkdir -p "$(dirname "$results")"
: > "$results"
bench() { java "$@" --results "$results"; }

echo "==> $(java -version 2>&1 | head -1); $(nproc) cores; $(uname -srm)"
echo "==> load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for name in "${selected[@]}"; do
  case "$name" in
    failover)
      echo "==> failover latency: the daemon jar, interval 200ms, fall 2 (${RUNS:-20} runs per mode)"
      bench -jar "$bench_jar" failover --jar "$cli_jar" --runs "${RUNS:-20}" --mode refused
      bench -jar "$bench_jar" failover --jar "$cli_jar" --runs "${RUNS:-20}" --mode hang
      ;;
    served)
      echo "==> failover latency to named's answer: interval 200ms, fall 2 (${RUNS:-20} runs per mode)"
      bench -jar "$bench_jar" failover --jar "$cli_jar" --runs "${RUNS:-20}" --mode refused --served zonefile
      bench -jar "$bench_jar" failover --jar "$cli_jar" --runs "${RUNS:-20}" --mode refused --served rfc2136
      ;;
    probes)
      echo "==> load server alone"
      bench -jar "$bench_jar" loadserver --endpoints "${PROBE_ENDPOINTS:-10000}" --seconds 20
      cores=$(nproc)
      if [ "$cores" -ge 2 ] && command -v taskset > /dev/null; then
        # Per core: the prober on the last CPU alone (the JVM sized for one), the load server on
        # the others, so neither takes CPU time from the other.
        last=$((cores - 1))
        echo "==> probe throughput on one core: ${PROBE_PER_CORE_ENDPOINTS:-5000} endpoints at 1s on CPU $last, load server on CPUs 0-$((last - 1))"
        taskset -c "$last" java -XX:ActiveProcessorCount=1 -Xmx256m -jar "$bench_jar" probes \
          --endpoints "${PROBE_PER_CORE_ENDPOINTS:-5000}" --server-cpus "0-$((last - 1))" \
          --seconds "${PROBE_SECONDS:-60}" --warmup "${PROBE_WARMUP:-20}" --results "$results"
      fi
      echo "==> probe throughput: ${PROBE_ENDPOINTS:-10000} endpoints at 1s, heap capped at 256 MiB, prober and load server sharing all $(nproc) cores"
      bench -Xmx256m -jar "$bench_jar" probes --endpoints "${PROBE_ENDPOINTS:-10000}" \
        --seconds "${PROBE_SECONDS:-60}" --warmup "${PROBE_WARMUP:-20}"
      ;;
    reconcile)
      echo "==> reconcile cost: 3 zones x 100 records"
      bench -jar "$bench_jar" reconcile --zones 3 --records 100
      ;;
    status)
      echo "==> status server: ${STATUS_RECORDS:-200} records, -Xmx${STATUS_HEAP:-256m}, 50 half-open + 200 concurrent requests"
      bench -jar "$bench_jar" status --jar "$cli_jar" --records "${STATUS_RECORDS:-200}" \
        --heap "${STATUS_HEAP:-256m}"
      ;;
  esac
done

echo
echo "==> Results (also in $results; load = 1/5/15-minute load average when measured)"
{
  printf 'benchmark\tmetric\tvalue\ttarget\tverdict\tload\tcores\n'
  cat "$results"
} | awk -F'\t' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } rows = NR; cols = (NF > cols ? NF : cols) }
  END {
    for (r = 1; r <= rows; r++) {
      line = "";
      for (i = 1; i <= cols; i++) line = line sprintf("%-" w[i] "s" (i < cols ? "  " : ""), cell[r, i]);
      print line;
      if (r == 1) { sep = ""; for (i = 1; i <= cols; i++) { s = ""; for (j = 0; j < w[i]; j++) s = s "-"; sep = sep s (i < cols ? "  " : "") } print sep }
    }
  }'
