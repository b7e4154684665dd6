# Sourced by .ci/run and the example scripts: makes sure JAVA_HOME points at a JDK of 21 or newer,
# keeping the current one when it is new enough, else taking the newest under /usr/lib/jvm.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
_dnsfailover_java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
_dnsfailover_java="${_dnsfailover_java:-$(command -v java || true)}"
if [ -z "$_dnsfailover_java" ] || [ "$(java_major "$_dnsfailover_java")" -lt 21 ]; then
  for candidate in $(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
      export JAVA_HOME="${candidate%/}"
      break
    fi
  done
fi
if [ -n "${JAVA_HOME:-}" ]; then
  export PATH="$JAVA_HOME/bin:$PATH"
fi
if [ "$(java_major "$(command -v java)")" -lt 21 ] 2>/dev/null; then
  echo "dnsfailover needs JDK 21 or newer: install one and set JAVA_HOME to it" >&2
  exit 1
fi
