#!/usr/bin/env bash
# Builds base images from this machine's JDK, for building and testing the image where no registry is reachable: the
# few glibc files a Java runtime needs, a non-root user (65532) and a 1777 /tmp. No shell.
#
#   deploy/image/local-base.sh [OUTPUT.tar]         the runtime base: a jlinked Java 25 runtime on top (Jib's base in
#                                                   the tests; the image brings its own runtime, so only glibc matters)
#   deploy/image/local-base.sh --jdk [OUTPUT.tar]   the whole JDK: the Dockerfile's build stages (jlink, training)
#
# Writes OUTPUT.tar (a docker-archive, which Jib reads as tar://OUTPUT.tar; default
# ~/.cache/portafunc/java25-{base,jdk}-<JDK version>.tar) and loads it into podman as localhost/portafunc-java25-base
# or localhost/portafunc-java25-jdk. Built the same way every time; reused while the JDK and this script are unchanged.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
"$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25' || { echo "JAVA_HOME is not a JDK 25" >&2; exit 1; }
command -v podman >/dev/null || { echo "podman is needed (apt-get install -y podman runc)" >&2; exit 1; }

kind=base
if [ "${1:-}" = "--jdk" ]; then kind=jdk; shift; fi
jdk=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
stamp=$(sha256sum "$0" | cut -c1-12)
out=${1:-${PORTAFUNC_CACHE:-$HOME/.cache/portafunc}/java25-$kind-$jdk-$stamp.tar}
image=localhost/portafunc-java25-$kind:latest

if [ -s "$out" ]; then
  podman image exists "$image" || podman load -q -i "$out" >/dev/null
  echo "$out"
  exit 0
fi

# The modules a Spring Boot web application with Lucene needs (jdeps over the application's jars), plus jdk.jfr
# for profiling in place and jdk.incubator.vector, which Lucene uses when present.
modules=java.base,java.logging,java.naming,java.desktop,java.management,java.security.jgss,java.instrument
modules+=,jdk.unsupported,java.net.http,java.sql,jdk.crypto.ec,jdk.management,jdk.httpserver,jdk.zipfs,java.xml
modules+=,jdk.charsets,jdk.localedata,jdk.naming.dns,jdk.jfr,jdk.incubator.vector

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$rootfs"/{opt/java,lib/x86_64-linux-gnu,lib64,etc,tmp}

if [ "$kind" = jdk ]; then
  # -L: a packaged JDK links some files elsewhere (lib/security/cacerts to /etc/ssl/certs/java)
  cp -rL --preserve=mode,timestamps "$(readlink -f "$JAVA_HOME")" "$rootfs/opt/java/openjdk"
else
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$rootfs/opt/java/openjdk"
  # The default CDS archive of this runtime, so that even an image without an AOT cache starts from shared classes.
  "$rootfs/opt/java/openjdk/bin/java" -Xshare:dump >/dev/null
fi

for lib in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libgcc_s.so.1 libz.so.1 libresolv.so.2 \
           libnss_files.so.2 libnss_dns.so.2; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$rootfs/lib/x86_64-linux-gnu/"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$rootfs/lib64/"

printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  > "$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$rootfs/etc/hosts"
mkdir -p "$rootfs/etc/ssl/certs" && cp -L /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
chmod 1777 "$rootfs/tmp"

tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -cf "$work/rootfs.tar" .
podman import -q \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/bin:/bin' \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'USER 65532:65532' \
  "$work/rootfs.tar" "$image" >/dev/null
mkdir -p "$(dirname "$out")"
podman save -q --format docker-archive -o "$out.partial" "$image"
mv "$out.partial" "$out"
echo "$out"
