# The JVM options dnsfailover chooses from its own command line. Sourced (POSIX sh) by both
# launchers: bin/dnsfailover of the release (from lib/jvm-defaults.sh) and ./dnsfailover of a
# checkout, so the two cannot drift apart. They pass the result before JAVA_OPTS and
# DNSFAILOVER_JAVA_OPTS, so a user's option of the same kind wins.
#
# Every command gets C1 only and the serial collector. Short commands (validate, plan, once, ...
# from cron and CI) live for a second or two: the optimising compiler would only burn CPU on code
# that never gets hot, and the serial collector needs no GC threads. The daemon's probes spend
# their CPU in the kernel, so C2 saved it no CPU, but C2's code and arenas cost about 35 MiB of RSS
# (1,000 endpoints: 0.28 vs 0.29 cores, 198 vs 162 MiB; docs/PERFORMANCE.md, "Memory").
#
# Heap: the daemon gets 64 MiB plus 20 KiB per endpoint (83 MiB at 1,000 endpoints, 259 MiB at
# 10,000), where the JVM would take up to a quarter of the machine's memory. That leaves the old
# generation room for the live set (about 4 KB per endpoint) and for the probes in flight (about
# 9 KB each for HTTP, 25 KB for HTTPS), which a machine that cannot keep up, or a data centre whose
# endpoints all hang at once, piles up; the scheduler runs at most half the heap's worth at once. Measured on 2 cores at 10,000 HTTP endpoints probed
# every second, more than they can do: RSS 347 MiB, flat (docs/PERFORMANCE.md, "Memory").
# The whole heap is committed and touched at start (-Xms = -Xmx, -XX:+AlwaysPreTouch), so the
# daemon's RSS is at its level from the first minute instead of creeping up for several as the
# serial collector first fills the heap, and a memory limit too small shows at start, not hours
# later. The endpoints are the `address:` keys in the config (-c FILE, else $DNSFAILOVER_CONFIG),
# comments left out, counted when the daemon starts: restart it, not only reload it, after adding
# thousands of endpoints.
#
# Short commands start with a 32 MiB heap rather than the JVM's 1/64 of memory, so the young
# generation is collected and reused instead of faulting in fresh pages (validate of 10,000
# records: 1.62 instead of 1.78 CPU-s; docs/PERFORMANCE.md, "Scale"), and may still grow to the
# JVM's default cap.
#
# A collector named in the user's options replaces the serial one (two would stop the JVM), and
# their -Xmx or -Xms replaces our heap sizing (an -Xmx below our -Xms would be an error).

# Sets jvm_defaults to the options for the command line "$@" (space-separated; none has a space).
dnsfailover_jvm_defaults() {
  _daemon=
  _config=${DNSFAILOVER_CONFIG:-}
  _previous=
  for _argument in "$@"; do
    case $_previous in
      -c | --config) _config=$_argument ;;
    esac
    case $_argument in
      daemon) _daemon=yes ;;
      --config=*) _config=${_argument#--config=} ;;
    esac
    _previous=$_argument
  done
  _heap=-Xms32m
  if [ -n "$_daemon" ]; then
    _endpoints=0
    if [ -n "$_config" ] && [ -r "$_config" ]; then
      # A YAML comment starts a line or follows a blank.
      _endpoints=$(sed -e 's/^#.*//' -e 's/[[:space:]]#.*//' "$_config" \
        | grep -o -E '(^|[^[:alnum:]_])address:' | wc -l) || _endpoints=0
    fi
    _mib=$((64 + _endpoints * 20 / 1024))
    _heap="-Xms${_mib}m -Xmx${_mib}m -XX:+AlwaysPreTouch"
  fi
  _gc=-XX:+UseSerialGC
  _user=" ${JAVA_OPTS:-} ${DNSFAILOVER_JAVA_OPTS:-} "
  case $_user in
    *" -XX:+Use"*"GC "*) _gc= ;;
  esac
  case $_user in
    *" -Xmx"* | *" -Xms"*) _heap= ;;
  esac
  jvm_defaults="-XX:TieredStopAtLevel=1 $_gc $_heap"
}
