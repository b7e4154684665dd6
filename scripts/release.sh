#!/usr/bin/env bash
# Assembles the release from the runnable jar: a tarball a user unpacks and runs without a JDK,
# and a Debian package. `./mvnw -B -DskipTests -Prelease package` runs it (dist/pom.xml); it also
# runs on its own:
#
#   scripts/release.sh --jar cli/target/dnsfailover.jar --version 0.1.0 --out dist/target [--deb auto|yes|no]
#
# Writes into OUT:
#   dnsfailover-VERSION/                         the unpacked release (what the tests run)
#   dnsfailover-VERSION-linux-x64.tar.gz         that folder: bin/dnsfailover (the launcher),
#                                                lib/dnsfailover.jar, lib/dnsfailover.aot (start-up
#                                                cache), lib/jvm.options, lib/jvm-defaults.sh,
#                                                runtime/ (jlink), completions/, README.md
#   dnsfailover_DEBVERSION_amd64.deb             /usr/lib/dnsfailover (the same files),
#                                                /usr/bin/dnsfailover, bash completion, systemd unit
#   release.log                                  what jdeps, jlink and the cache training said
# DEBVERSION is VERSION with "-SNAPSHOT" written "~SNAPSHOT", which Debian sorts before VERSION.
#
# The runtime holds the modules jdeps finds in the jar, plus the ones it cannot see because they
# are reached through ServiceLoader or reflection (see EXTRA_MODULES below). It is made by the
# JDK in JAVA_HOME (21 or newer); with JDK 25 or newer the start-up cache is an AOT cache (JEP 483,
# 514), with 21..24 an AppCDS archive. Both are recorded by running io.dnsfailover.cli.AotTraining
# on the new runtime.
#
# --deb auto builds the .deb where dpkg-deb exists and says so where it does not; yes requires it
# (the `release` Maven profile); no skips it. Needs bash, GNU tar, gzip; dpkg-deb for the .deb.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="" version="" out="" deb=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --deb) deb="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 64 ;;
  esac
done
[ -n "$jar" ] && [ -n "$version" ] && [ -n "$out" ] || { echo "usage: $0 --jar JAR --version VERSION --out DIR [--deb auto|yes|no]" >&2; exit 64; }
case "$deb" in auto|yes|no) ;; *) echo "--deb takes auto, yes or no, not '$deb'" >&2; exit 64 ;; esac

say() { echo "[release] $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# Modules no static analysis finds: EC keys for TLS (inside java.base from JDK 22, its own module
# before), the JNDI DNS provider (grpc's name resolver looks up SRV records through it), zip file
# systems, and the management beans behind /metrics' jvm_* and process_* series.
EXTRA_MODULES=jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,java.management,jdk.management,jdk.unsupported,jdk.httpserver,java.naming

jdk="${JAVA_HOME:-}"
[ -n "$jdk" ] || jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
for tool in jlink jdeps java; do
  [ -x "$jdk/bin/$tool" ] || die "$jdk/bin/$tool is missing: point JAVA_HOME at a JDK of 21 or newer (not a JRE)"
done
[ -f "$jar" ] || die "$jar is missing: build it first (./mvnw -B -DskipTests package -pl cli -am)"
feature="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${feature:-0}" -ge 21 ] || die "JAVA_HOME is Java $feature; the release needs a JDK of 21 or newer"
[ "$(uname -m)" = x86_64 ] || die "only linux-x64 is assembled here (this machine is $(uname -m))"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
name="dnsfailover-$version"
app="$out/$name"
log="$out/release.log"
tarball="$out/$name-linux-x64.tar.gz"
deb_version="${version/-SNAPSHOT/~SNAPSHOT}"
deb_file="$out/dnsfailover_${deb_version}_amd64.deb"
rm -rf "$app" "$out/deb-root" "$tarball" "$out"/dnsfailover_*_amd64.deb
: > "$log"
mkdir -p "$app/bin" "$app/lib" "$app/completions"

# 1. The runtime.
say "finding the modules the jar needs (jdeps)"
modules="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$feature" "$jar" 2>>"$log")" \
  || die "jdeps failed (see $log)"
modules="$(echo "$modules,$EXTRA_MODULES" | tr ',' '\n' | sort -u | paste -sd, -)"
echo "modules: $modules" >> "$log"
say "making the runtime with jlink: $modules"
cds=(--generate-cds-archive)
"$jdk/bin/jlink" --list-plugins 2>/dev/null | grep -q -- '--generate-cds-archive' || cds=()
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  "${cds[@]}" --output "$app/runtime" >>"$log" 2>&1 || die "jlink failed (see $log)"
java="$app/runtime/bin/java"

# 2. The application, its launcher and the shell completion.
cp -p "$jar" "$app/lib/dnsfailover.jar"
# The start-up cache remembers the jar's modification time; pin it to a time no packaging step
# changes (dpkg-deb lowers later times to SOURCE_DATE_EPOCH when that is set).
touch -d "@${SOURCE_DATE_EPOCH:-$(stat -c %Y "$jar")}" "$app/lib/dnsfailover.jar"
install -m 755 "$root/dist/src/main/bin/dnsfailover" "$app/bin/dnsfailover"
install -m 644 "$root/dist/src/main/bin/jvm-defaults.sh" "$app/lib/jvm-defaults.sh"
cp "$root/README.md" "$app/README.md"
[ ! -f "$root/LICENSE" ] || cp "$root/LICENSE" "$app/LICENSE"
say "generating the bash completion (picocli.AutoComplete)"
"$java" -cp "$app/lib/dnsfailover.jar" picocli.AutoComplete --force --name dnsfailover \
  --completionScript "$app/completions/dnsfailover.bash" io.dnsfailover.cli.Main >>"$log" 2>&1 \
  || die "generating the completion failed (see $log)"

# The JVM options the launcher passes (an @argfile), some of them for this runtime's version.
{
  echo "# JVM options bin/dnsfailover passes to runtime/ (Java $feature), from scripts/release.sh."
  echo "# JVM messages go to stderr: stdout carries plans and JSON."
  echo "-Xlog:disable"
  echo "-Xlog:all=warning:stderr"
  echo "# No hsperfdata file in /tmp: jstat is not in the runtime."
  echo "-XX:-UsePerfData"
  echo "-XX:+ExitOnOutOfMemoryError"
  if [ "$feature" -ge 23 ]; then
    echo "# protobuf and grpc (the etcd and Google clients) read memory through sun.misc.Unsafe;"
    echo "# Java 24+ would warn about it on stderr at every run."
    echo "--sun-misc-unsafe-memory-access=allow"
  fi
  if [ "$feature" -ge 22 ]; then
    echo "# Libraries that load native code (netty, JNA) would make Java 24+ warn the same way."
    echo "--enable-native-access=ALL-UNNAMED"
  fi
} > "$app/lib/jvm.options"

# 3. The start-up cache, recorded on the runtime just made (the cache belongs to it), with the
# options the launcher passes.
training="$(mktemp -d "${TMPDIR:-/tmp}/dnsfailover-training.XXXXXX")"
trap 'rm -rf "$training"' EXIT
if [ "$feature" -ge 25 ]; then
  say "recording the AOT cache (JDK $feature): validate, check, plan, once, help"
  cache=(-XX:AOTCacheOutput="$app/lib/dnsfailover.aot")
else
  say "recording an AppCDS archive (JDK $feature has no one-step AOT cache)"
  cache=(-XX:ArchiveClassesAtExit="$app/lib/dnsfailover.jsa")
fi
(cd "$training" && "$java" "@$app/lib/jvm.options" "${cache[@]}" -cp "$app/lib/dnsfailover.jar" \
   io.dnsfailover.cli.AotTraining "$training/work") >>"$log" 2>&1 \
  || die "the training run failed (see $log)"
[ -s "$app/lib/dnsfailover.aot" ] || [ -s "$app/lib/dnsfailover.jsa" ] || die "no start-up cache was written (see $log)"

# 4. The tarball: one folder, owned by root, files in a stable order.
say "writing $(basename "$tarball")"
tar --sort=name --owner=root:0 --group=root:0 -C "$out" -cf - "$name" | gzip -6 > "$tarball"

# 5. The Debian package.
if [ "$deb" = no ]; then
  say "skipping the .deb (--deb no)"
elif ! command -v dpkg-deb >/dev/null 2>&1; then
  [ "$deb" = auto ] || die "dpkg-deb is missing (apt-get install dpkg), and the release profile needs the .deb"
  say "skipping the .deb: dpkg-deb is missing (apt-get install dpkg)"
else
  say "writing $(basename "$deb_file")"
  root_dir="$out/deb-root"
  src="$root/dist/src/main/deb"
  mkdir -p "$root_dir/DEBIAN" "$root_dir/usr/lib" "$root_dir/usr/bin" \
    "$root_dir/usr/share/bash-completion/completions" "$root_dir/usr/lib/systemd/system" \
    "$root_dir/usr/share/doc/dnsfailover/examples" "$root_dir/etc/dnsfailover"
  # Hard links where the file system allows: the runtime and jar are 200+ MB.
  cp -al "$app" "$root_dir/usr/lib/dnsfailover" 2>/dev/null || cp -a "$app" "$root_dir/usr/lib/dnsfailover"
  rm -f "$root_dir/usr/lib/dnsfailover/README.md" "$root_dir/usr/lib/dnsfailover/LICENSE"
  ln -s ../lib/dnsfailover/bin/dnsfailover "$root_dir/usr/bin/dnsfailover"
  cp "$app/completions/dnsfailover.bash" "$root_dir/usr/share/bash-completion/completions/dnsfailover"
  cp "$src/dnsfailover.service" "$root_dir/usr/lib/systemd/system/dnsfailover.service"
  cp "$root/README.md" "$root_dir/usr/share/doc/dnsfailover/README.md"
  [ ! -f "$root/LICENSE" ] || cp "$root/LICENSE" "$root_dir/usr/share/doc/dnsfailover/copyright"
  cp "$root/examples/quickstart/config.yaml" "$root_dir/usr/share/doc/dnsfailover/examples/config.yaml"
  cp "$root/examples/cron/crontab" "$root/examples/cron/dnsfailover-once.service" \
    "$root/examples/cron/dnsfailover-once.timer" "$root_dir/usr/share/doc/dnsfailover/examples/"
  for script in postinst prerm postrm; do
    install -m 755 "$src/$script" "$root_dir/DEBIAN/$script"
  done
  installed_size="$(du -sk --exclude=DEBIAN "$root_dir" | cut -f1)"
  sed -e "s/@VERSION@/$deb_version/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
      -e "s/@MAINTAINER@/${DNSFAILOVER_MAINTAINER:-dnsfailover maintainers <maintainers@dnsfailover.invalid>}/" \
      "$src/control" > "$root_dir/DEBIAN/control"
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$root_dir" "$deb_file" >>"$log" 2>&1 \
    || die "dpkg-deb failed (see $log)"
  rm -rf "$root_dir"
fi

for file in "$tarball" "$deb_file"; do
  [ ! -f "$file" ] || say "done: $file ($(du -h "$file" | cut -f1))"
done
