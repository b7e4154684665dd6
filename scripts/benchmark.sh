#!/usr/bin/env bash
# Runs the benchmarks of docs/PERFORMANCE.md and prints a results table.
#
#   scripts/benchmark.sh                 build, then run all: failover, served, probes, reconcile, status, startup,
#                                        scale, storm
#   scripts/benchmark.sh failover        only the failover latency (refused and hang)
#   scripts/benchmark.sh served          failover latency to the answer of a real BIND (named):
#                                        zone file + rndc reload, and RFC 2136 updates
#   scripts/benchmark.sh probes          only the probe throughput (and the load server alone)
#   scripts/benchmark.sh reconcile       only the reconcile cost
#   scripts/benchmark.sh status          only the status server under hostile and heavy clients
#   scripts/benchmark.sh startup         only the start-up cost of the release
#   scripts/benchmark.sh scale           only the CPU of the release's validate and plan by record count
#   scripts/benchmark.sh storm           only the daemon's zone writes while 1,000 endpoints get their first probe
#   scripts/benchmark.sh memory          RSS of the release's daemon and of blackbox_exporter at 1,000
#                                        and 10,000 HTTP endpoints at 1s, 5 minutes each (~25 min;
#                                        not part of "all")
#   scripts/benchmark.sh --no-build ...  reuse the jars (and release) already built
#
# Environment: RUNS (failover runs, default 20), PROBE_ENDPOINTS (10000), PROBE_PER_CORE_ENDPOINTS
# (5000, the one-core run), PROBE_SECONDS (60), PROBE_WARMUP (20), STATUS_RECORDS (200),
# STATUS_HEAP (256m), STARTUP_RUNS (runs of each command, default 20), STARTUP_COMPARE_JAR (another
# runnable jar to measure beside the release), SCALE_SIZES (10,100,1000,5000,10000), SCALE_RUNS (5
# runs per size and command), SCALE_COMMANDS (validate,plan), MEMORY_ENDPOINTS ("1000 10000"),
# MEMORY_SECONDS (300), MEMORY_WARMUP (60), MEMORY_PROBERS ("dnsfailover blackbox"), RESULTS (the
# tab-separated results file, default target/benchmarks/results.tsv).
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
    failover|served|probes|reconcile|status|startup|scale|storm|memory) selected+=("$arg") ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 64 ;;
  esac
done
[ ${#selected[@]} -gt 0 ] || selected=(failover served probes reconcile status startup scale storm)

bench_jar="$root/benchmarks/target/dnsfailover-benchmarks.jar"
cli_jar="$root/cli/target/dnsfailover.jar"
needed=()   # what the selected benchmarks run: the benchmark jar, and for startup the release
for name in "${selected[@]}"; do
  case "$name" in
    startup) needed+=(dist) ;;
    scale|memory) needed+=(dist benchmarks) ;;
    *) needed+=(benchmarks) ;;
  esac
done
modules="cli,$(printf '%s\n' "${needed[@]}" | sort -u | paste -sd, -)"
if [ "$build" = 1 ]; then
  echo "==> Building $modules (./mvnw package -pl $modules -am)"
  ./mvnw -B -q -DskipTests -DskipImage -Pbenchmarks package -pl "$modules" -am
fi
jars=("$cli_jar")
case ",$modules," in *,benchmarks,*) jars+=("$bench_jar") ;; esac
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { echo "$jar is missing: run without --no-build" >&2; exit 1; }
done

# cpu_of RUNS COMMAND...: the mean CPU time (user + system, of the command and its children) and
# wall time of one run, in milliseconds, from the shell's own `times`; output is discarded, and a
# failing run fails the benchmark.
cpu_of() {
  local runs="$1" start end times_file
  shift
  times_file="$(mktemp)"
  start=$(date +%s%N)
  # One subshell runs every run and then `times`, whose second line is that subshell's children.
  (
    for ((i = 0; i < runs; i++)); do
      "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    done
    times > "$times_file"
  ) || exit 1
  end=$(date +%s%N)
  tail -n 1 "$times_file" | awk -v runs="$runs" -v wall_ns="$((end - start))" '
    function seconds(t,  part) { split(t, part, "m"); sub("s", "", part[2]); return part[1] * 60 + part[2] }
    { printf "%.0f %.0f\n", (seconds($1) + seconds($2)) * 1000 / runs, wall_ns / 1e6 / runs }'
  rm -f "$times_file"
}

# row BENCHMARK METRIC VALUE TARGET VERDICT: one line of the results file, as the Java ones write.
row() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" \
    "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null | tr ' ' / || echo '?')" "$(nproc)" >> "$results"
}

# startup_measure METRIC TARGET COMMAND...: one row, CPU as a multiple of $startup_base.
startup_measure() {
  local metric="$1" target="$2" measured cpu wall
  shift 2
  measured="$(cpu_of "$startup_runs" "$@")"
  read -r cpu wall <<< "$measured"
  awk -v cpu="$cpu" -v base="$startup_base" -v wall="$wall" -v target="$target" -v metric="$metric" \
    -v load="$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)" -v cores="$(nproc)" 'BEGIN {
      ratio = cpu / base
      printf "startup\t%s\t%.1fx java -version (%d ms CPU, %d ms wall)\t%s\t%s\t%s\t%s\n",
        metric, ratio, cpu, wall, target == "" ? "" : "<= " target "x",
        target == "" ? "" : (ratio <= target ? "meets" : "misses"), load, cores }' >> "$results"
}

# The start-up cost of the release (dist/target/dnsfailover-VERSION): the CPU of each command as a
# multiple of its own runtime's `java -version`, the floor of any JVM start.
startup_pids=()
startup_work=""
startup_cleanup() {
  [ ${#startup_pids[@]} -eq 0 ] || kill "${startup_pids[@]}" 2>/dev/null || true
  [ -z "$startup_work" ] || rm -rf "$startup_work"
  startup_pids=() startup_work=""
}
# release_dir: the newest release unpacked under dist/target.
release_dir() {
  local release
  release="$(ls -d "$root"/dist/target/dnsfailover-*/ 2>/dev/null | sort -V | tail -n 1)"
  release="${release%/}"
  [ -x "$release/bin/dnsfailover" ] || { echo "no release under dist/target: run without --no-build" >&2; exit 1; }
  echo "$release"
}

startup() {
  local release port measured wall address dnsfailover
  release="$(release_dir)"
  dnsfailover="$release/bin/dnsfailover"
  startup_runs="${STARTUP_RUNS:-20}"
  port="${STARTUP_PORT:-18091}"
  startup_work="$(mktemp -d "${TMPDIR:-/tmp}/dnsfailover-startup.XXXXXX")"
  trap startup_cleanup EXIT
  cp "$root/examples/quickstart/config.yaml" "$root/examples/quickstart/example.test.zone" "$startup_work/"
  # The quickstart's two backends, both healthy, served by the release's own runtime.
  for address in 127.0.0.1 127.0.0.2; do
    mkdir -p "$startup_work/www-$address" && echo ok > "$startup_work/www-$address/healthz"
    "$release/runtime/bin/java" -m jdk.httpserver -b "$address" -p "$port" \
      -d "$startup_work/www-$address" >/dev/null 2>&1 &
    startup_pids+=($!)
  done
  for address in 127.0.0.1 127.0.0.2; do
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null && break; sleep 0.2; done
  done
  cd "$startup_work"
  export QUICKSTART_PORT="$port"
  # Warm-up: the page cache, and the first `once`, which publishes the record. The measured runs
  # of `once` are the steady cron run: probe both backends, read the zone file, nothing to write.
  for _ in 1 2; do
    "$release/runtime/bin/java" -version >/dev/null 2>&1
    "$dnsfailover" --help >/dev/null
    "$dnsfailover" validate -c config.yaml >/dev/null
    "$dnsfailover" once -c config.yaml --state state.json >/dev/null 2>&1
  done
  echo "==> start-up: $startup_runs runs of each, $(basename "$release") on $("$release/runtime/bin/java" -version 2>&1 | head -n 1)"
  measured="$(cpu_of "$startup_runs" "$release/runtime/bin/java" -version)"
  read -r startup_base wall <<< "$measured"
  row startup "runtime/bin/java -version (the floor)" "$startup_base ms CPU, $wall ms wall" "" ""
  startup_measure "dnsfailover --help" 10 "$dnsfailover" --help
  startup_measure "dnsfailover validate (quickstart)" 10 "$dnsfailover" validate -c config.yaml
  startup_measure "dnsfailover once (quickstart, no change)" 15 \
    "$dnsfailover" once -c config.yaml --state state.json
  # For comparison, the README's way before the release: the runnable jar on the JDK that built
  # it, no start-up cache, the JVM's defaults; and, given STARTUP_COMPARE_JAR, another build's jar
  # the same way (an older commit's, say).
  local jar label
  for jar in "$release/lib/dnsfailover.jar" ${STARTUP_COMPARE_JAR:+"$STARTUP_COMPARE_JAR"}; do
    label="java -jar dnsfailover.jar"
    [ "$jar" = "$release/lib/dnsfailover.jar" ] || label="java -jar \$STARTUP_COMPARE_JAR"
    startup_measure "$label --help (no launcher)" "" java -jar "$jar" --help
    startup_measure "$label validate (no launcher)" "" java -jar "$jar" validate -c config.yaml
    startup_measure "$label once (no launcher)" "" \
      java -jar "$jar" once -c config.yaml --state state.json
  done
  cd "$root"
  startup_cleanup
}

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
    startup)
      startup
      ;;
    scale)
      echo "==> scale: CPU of the release's ${SCALE_COMMANDS:-validate,plan} at ${SCALE_SIZES:-10,100,1000,5000,10000} records (${SCALE_RUNS:-5} runs each)"
      bench -jar "$bench_jar" scale --launcher "$(release_dir)/bin/dnsfailover" \
        --sizes "${SCALE_SIZES:-10,100,1000,5000,10000}" --runs "${SCALE_RUNS:-5}" \
        --commands "${SCALE_COMMANDS:-validate,plan}"
      ;;
    storm)
      echo "==> start-up storm: the daemon jar with 1000 endpoints, zone writes in its first 20 s"
      bench -jar "$bench_jar" storm --jar "$cli_jar" --endpoints 1000 --interval 5s --seconds 20
      ;;
    memory)
      # The daemon as the release's launcher starts it (its heap and GC defaults), and Debian's
      # prometheus-blackbox-exporter probing the same endpoints at the same rate.
      command -v prometheus-blackbox-exporter > /dev/null \
        || echo "==> prometheus-blackbox-exporter is missing (apt-get install prometheus-blackbox-exporter): its runs will fail"
      for endpoints in ${MEMORY_ENDPOINTS:-1000 10000}; do
        case "$endpoints" in 1000) target=192 ;; 10000) target=384 ;; *) target=0 ;; esac
        for prober in ${MEMORY_PROBERS:-dnsfailover blackbox}; do
          echo "==> memory: $prober, $endpoints HTTP endpoints at 1s, ${MEMORY_WARMUP:-60} s warm-up, ${MEMORY_SECONDS:-300} s window"
          bench -Xmx512m -jar "$bench_jar" memory --prober "$prober" --endpoints "$endpoints" \
            --interval 1s --warmup "${MEMORY_WARMUP:-60}" --seconds "${MEMORY_SECONDS:-300}" \
            --target-mib "$([ "$prober" = dnsfailover ] && echo "$target" || echo 0)"
        done
      done
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
