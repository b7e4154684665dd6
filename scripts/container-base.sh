#!/usr/bin/env bash
# Assembles a small Java 21 base image from Debian's packages, without a Docker engine and without
# a container registry, and writes it as a `docker save` tarball that Jib reads with
# `<from><image>tar://...</image></from>`.
#
#   scripts/container-base.sh OUT.tar
#
# What goes in (the "distroless" idea: no shell, no package manager):
#   base-files netbase tzdata ca-certificates libc6 libc-bin libgcc-s1 libstdc++6 zlib1g,
#   iputils-ping (the icmp check runs `ping`; unprivileged through ping sockets, see
#   examples/kubernetes) with its libraries, and openjdk-21-jre-headless, all from Debian 13
#   (trixie) main, unpacked with dpkg-deb (no maintainer scripts run); the Java trust store /etc/ssl/certs/java/cacerts built from the
#   ca-certificates package by scripts/BuildCacerts.java (the job ca-certificates-java's
#   maintainer script does on a real system); /etc/passwd and /etc/group with root and the
#   unprivileged `dnsfailover` user (65532:65532) and its home folder. Not the state folder
#   /var/lib/dnsfailover: the image's own layer brings that, on any base (cli/pom.xml).
#
# Needs apt-get, dpkg-deb, GNU tar, gzip, sha256sum and a `java` (11 or newer, JAVA_HOME's first)
# on a Debian or Ubuntu machine that reaches a Debian mirror. Runs as any user: apt keeps its
# lists and downloads under the cache folder, never in /var/lib/apt.
#
# Cache: ${DNSFAILOVER_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/dnsfailover}/base-image. The image
# is rebuilt only when a package version or this script changes; the package lists are refreshed
# when older than a day (DNSFAILOVER_BASE_REFRESH=1 forces it).
#
# Settings (environment): DEBIAN_MIRROR (default: the first Debian archive this machine's apt
# sources name), DEBIAN_SUITE (default trixie), JAVA_PACKAGE (default openjdk-21-jre-headless,
# whose JAVA_HOME is /usr/lib/jvm/java-21-openjdk-amd64).
set -euo pipefail

out="${1:?usage: $0 OUT.tar}"
here="$(cd "$(dirname "$0")" && pwd)"
suite="${DEBIAN_SUITE:-trixie}"
java_package="${JAVA_PACKAGE:-openjdk-21-jre-headless}"
java_version="${java_package#openjdk-}"
java_version="${java_version%%-*}"
java_home="/usr/lib/jvm/java-${java_version}-openjdk-amd64"
packages=(base-files netbase tzdata ca-certificates libc6 libc-bin libgcc-s1 libstdc++6 zlib1g
          iputils-ping libcap2 libidn2-0 libunistring5 "$java_package")
app_uid=65532
cache="${DNSFAILOVER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dnsfailover}/base-image"

say() { echo "[container-base] $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

for tool in apt-get apt-cache dpkg-deb tar gzip sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: this script runs on Debian or Ubuntu (skip the image with -DskipImage)"
done
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java_cmd" >/dev/null 2>&1 || die "no java found (set JAVA_HOME)"
[ "$(uname -m)" = x86_64 ] || die "only amd64 is assembled here (this machine is $(uname -m))"

# The Debian mirror this machine already uses (deb822 .sources or one-line .list entries).
mirror="${DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$( (cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs:[[:space:]]*//p';
              cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
                | sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p') \
            | tr ' ' '\n' | grep -E '/debian/?$' | head -n1 || true)"
fi
[ -n "$mirror" ] || die "no Debian mirror found in /etc/apt/sources*; set DEBIAN_MIRROR"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || die "$keyring is missing (apt-get install debian-archive-keyring)"

mkdir -p "$cache/apt/lists/partial" "$cache/apt/archives/partial" "$cache/images"
echo "deb [signed-by=$keyring] $mirror $suite main" > "$cache/apt/sources.list"
: > "$cache/apt/status"
apt_opts=(-o "Dir::Etc::SourceList=$cache/apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$cache/apt/lists" -o "Dir::State::status=$cache/apt/status"
          -o "Dir::Cache=$cache/apt" -o "Dir::Cache::archives=$cache/apt/archives"
          -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)" -o "Acquire::Retries=3")

lists_fresh=$(find "$cache/apt/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -n1)
if [ -z "$lists_fresh" ] || [ "${DNSFAILOVER_BASE_REFRESH:-0}" = 1 ]; then
  say "reading the package lists of Debian $suite"
  if ! apt-get "${apt_opts[@]}" -qq update >&2; then
    ls "$cache/apt/lists/"*_Packages* >/dev/null 2>&1 \
      || die "apt-get update failed for $mirror $suite (no network? skip the image with -DskipImage)"
    say "WARNING: apt-get update failed; using the package lists read before"
  fi
fi

# The exact versions decide the cache key, with this script and the cacerts builder.
shown="$(apt-cache "${apt_opts[@]}" show --no-all-versions "${packages[@]}" 2>/dev/null \
          | awk '/^Package: /{p=$2} /^Version: /{print p "=" $2}' || true)"
versions=""
for p in "${packages[@]}"; do
  v="$(printf '%s\n' "$shown" | awk -F= -v p="$p" '$1==p{print substr($0, length(p)+2); exit}')"
  [ -n "$v" ] || die "package $p is not in Debian $suite"
  versions+="$p=$v"$'\n'
done
key="$( (printf '%s' "$versions"; cat "$0" "$here/BuildCacerts.java") | sha256sum | cut -c1-16)"
cached="$cache/images/$suite-$java_package-$key.tar"

if [ ! -s "$cached" ]; then
  say "assembling the base image from: $(echo $versions)"
  work="$(mktemp -d "$cache/work.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$cache/apt/archives" && apt-get "${apt_opts[@]}" -qq download $(printf '%s\n' "$versions" | sed '/^$/d') >&2) \
    || die "downloading the packages failed (no network? skip the image with -DskipImage)"
  root="$work/root"
  mkdir -p "$root/var/lib/dpkg/status.d"
  for p in "${packages[@]}"; do
    v="$(printf '%s' "$versions" | sed -n "s/^$p=//p")"
    deb="$(ls "$cache/apt/archives/${p}_"*.deb | while read -r f; do
             [ "$(dpkg-deb -f "$f" Version)" = "$v" ] && echo "$f"; done | head -n1)"
    [ -n "$deb" ] || die "downloaded $p $v not found"
    dpkg-deb -x "$deb" "$root"
    # What image scanners (trivy, grype, ...) read to know the packages, as distroless images do.
    dpkg-deb -f "$deb" > "$root/var/lib/dpkg/status.d/$p"
  done

  # Keep licences, drop documentation, manuals and debugger scripts.
  find "$root/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
  rm -rf "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/lintian" "$root/usr/share/gdb" \
         "$root/usr/lib/debug" "$root$java_home/man" "$root$java_home/docs"

  # What the packages' maintainer scripts would have done.
  ln -sfn "$java_home/bin/java" "$root/usr/bin/java"
  mkdir -p "$root/etc/ssl/certs/java"
  "$java_cmd" "$here/BuildCacerts.java" "$root/usr/share/ca-certificates/mozilla" \
    "$root/etc/ssl/certs/java/cacerts" >&2 || die "building the Java trust store failed"
  cat "$root"/usr/share/ca-certificates/mozilla/*.crt > "$root/etc/ssl/certs/ca-certificates.crt"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\ndnsfailover:x:%s:%s:dnsfailover:/home/dnsfailover:/usr/sbin/nologin\n' \
    "$app_uid" "$app_uid" > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\ndnsfailover:x:%s:\n' "$app_uid" > "$root/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
  mkdir -p "$root/home/dnsfailover" "$root/etc/dnsfailover"
  chmod 1777 "$root/tmp"

  # One layer, root-owned but for the user's home folder; fixed times and order, so the same
  # packages give the same bytes.
  layer="$work/layer.tar"
  tar_opts=(--sort=name --mtime=@0 --numeric-owner --format=posix
            --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
  (cd "$root" && tar "${tar_opts[@]}" --owner=0 --group=0 \
      --exclude=./home/dnsfailover -cf "$layer" .)
  (cd "$root" && tar "${tar_opts[@]}" --owner="$app_uid" --group="$app_uid" \
      -rf "$layer" ./home/dnsfailover)
  diff_id="$(sha256sum "$layer" | cut -d' ' -f1)"
  gzip -n -6 "$layer"

  cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
  "Labels":{"io.dnsfailover.base.suite":"debian-$suite","io.dnsfailover.base.java":"$java_package=$(printf '%s' "$versions" | sed -n "s/^$java_package=//p")"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"scripts/container-base.sh: $(echo $versions)"}]}
JSON
  config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  mv "$work/config.json" "$work/$config_id.json"
  mv "$work/layer.tar.gz" "$work/$diff_id.tar.gz"
  printf '[{"Config":"%s.json","RepoTags":["dnsfailover-base:%s-%s"],"Layers":["%s.tar.gz"]}]\n' \
    "$config_id" "$suite" "$java_package" "$diff_id" > "$work/manifest.json"
  (cd "$work" && tar --mtime=@0 --owner=0 --group=0 --numeric-owner \
      -cf "$cached.partial" manifest.json "$config_id.json" "$diff_id.tar.gz")
  mv "$cached.partial" "$cached"
  # Older assemblies of the same suite and Java are not needed any more.
  find "$cache/images" -name "$suite-$java_package-*.tar" ! -path "$cached" -delete
  find "$cache/apt/archives" -name '*.deb' -mtime +30 -delete
  say "cached $(du -h "$cached" | cut -f1) in $cached"
fi

mkdir -p "$(dirname "$out")"
rm -f "$out"
ln "$cached" "$out" 2>/dev/null || cp "$cached" "$out"
say "base image: $out"
