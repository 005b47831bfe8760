#!/usr/bin/env bash
# Proves the top-level Dockerfile builds from a clean checkout and that its image serves
# /q/health/ready, without a container registry or a Docker engine:
#
#   1. base images for the Dockerfile's BUILDER_IMAGE (JDK 25) and RUNTIME_IMAGE (JRE 25) are made
#      from Debian packages with debootstrap and kept as OCI archives in a cache folder, so a rerun
#      skips this step; this machine's local CA certificates (its HTTPS egress is TLS-inspected) are
#      added to the builder base in the temporary storage only, so Maven can reach Maven Central;
#   2. the checkout as git sees it (tracked and untracked files, less what .gitignore leaves out:
#      no target/, no data/; with --head: exactly the committed HEAD) is built with
#      `buildah bud --isolation chroot --storage-driver vfs`, storage in a temporary folder;
#   3. the image's own ENTRYPOINT/CMD is started with `buildah run`, as the image's non-root user,
#      with a temporary folder as PARLEY_DATA_DIR, until /q/health/ready answers 200 (at most 90 s);
#   4. it is stopped with SIGTERM, which must end in Quarkus' graceful shutdown; the temporary
#      storage is removed.
#
# Usage: container/build-and-run.sh [--head]
# Environment:
#   PARLEY_CONTAINER_CACHE    cache folder: base images, Debian packages, Maven's repository
#                             (default /var/cache/parley-container)
#   PARLEY_CONTAINER_REFRESH  1: make the base images again even if cached
#   PARLEY_CONTAINER_PORT     host port for the run (default: a free port; buildah run shares the host's network)
#   PARLEY_CONTAINER_MIRROR   Debian mirror (default http://deb.debian.org/debian)
#   PARLEY_CONTAINER_KEEP     1: keep the temporary storage (for debugging)
# Needs root (debootstrap, buildah with vfs storage). Exits non-zero on any failure.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)

SUITE=trixie
MIRROR=${PARLEY_CONTAINER_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${PARLEY_CONTAINER_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
# The package sets of the two base images; changing one makes both again.
RUNTIME_PACKAGES=openjdk-25-jre-headless,ca-certificates
BUILDER_EXTRA_PACKAGES=openjdk-25-jdk-headless,curl
BUILDER_REF=localhost/parley-base/jdk25:$SUITE
RUNTIME_REF=localhost/parley-base/jre25:$SUITE
IMAGE_REF=localhost/parley:ci
READY_TIMEOUT=90

if [[ $(id -u) -ne 0 ]]; then
  echo "build-and-run: needs root (debootstrap, buildah with vfs storage)" >&2
  exit 1
fi
CACHE=${PARLEY_CONTAINER_CACHE:-/var/cache/parley-container}
mkdir -p "$CACHE"

SOURCE=worktree
[[ ${1:-} == --head ]] && SOURCE=head

started=$SECONDS
log() { printf '[build-and-run %4ds] %s\n' "$((SECONDS - started))" "$*"; }

# ---- tools ---------------------------------------------------------------------------------------
missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- temporary storage and cleanup -------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/parley-container.XXXXXX")
BUILDAH=(buildah --root "$WORK/root" --runroot "$WORK/runroot" --storage-driver vfs)
RUN_PID=
cleanup() {
  local status=$?
  set +e # best effort from here on; the exit status is the script's
  if [[ -n $RUN_PID ]] && kill -0 "$RUN_PID" 2>/dev/null; then
    kill -TERM "$RUN_PID" 2>/dev/null || true
    sleep 2
    kill -KILL "$RUN_PID" 2>/dev/null || true
  fi
  if [[ ${PARLEY_CONTAINER_KEEP:-0} == 1 ]]; then
    log "kept $WORK"
  else
    "${BUILDAH[@]}" rm --all >/dev/null 2>&1 || true
    # vfs layers are plain folders; buildah's own cleanup can leave mounts of the build behind.
    grep -o " $WORK/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m" || true; done
    rm -rf --one-file-system "$WORK"
  fi
  if ((status != 0)); then log "FAILED (exit $status)"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. base images ----------------------------------------------------------------------------
# One debootstrap (minbase + the JRE) for the runtime image; the builder image is a copy of it with
# the JDK added, so the base system is downloaded and set up once. Both get the security suite's
# updates (debootstrap installs from one suite only), then each is committed as a one-layer image
# into an OCI archive in the cache. Skipped when both archives exist for the same suite and packages.
commit_rootfs() { # commit_rootfs ROOTFS ARCHIVE DESCRIPTION
  local rootfs=$1 archive=$2 description=$3 ctr mnt
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
    "$rootfs"/var/log/* "$rootfs"/tmp/*
  ctr=$("${BUILDAH[@]}" from --quiet scratch)
  mnt=$("${BUILDAH[@]}" mount "$ctr")
  tar -C "$rootfs" --numeric-owner --xattrs -cf - . | tar -C "$mnt" --numeric-owner --xattrs -xpf -
  "${BUILDAH[@]}" umount "$ctr" >/dev/null
  "${BUILDAH[@]}" config --os linux --arch "$(dpkg --print-architecture)" \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env LANG=C.UTF-8 \
    --cmd /bin/bash --label org.opencontainers.image.description="$description" "$ctr"
  "${BUILDAH[@]}" commit --quiet --rm "$ctr" "oci-archive:$archive.part" >/dev/null
  mv "$archive.part" "$archive"
}

in_chroot() { # in_chroot ROOTFS COMMAND: with /proc mounted (Java's post-install scripts need it)
  local rootfs=$1 status=0
  shift
  mount -t proc proc "$rootfs/proc"
  chroot "$rootfs" /usr/bin/env DEBIAN_FRONTEND=noninteractive sh -c "$*" >>"$WORK/debootstrap.log" 2>&1 || status=$?
  umount "$rootfs/proc"
  if ((status != 0)); then
    tail -n 30 "$WORK/debootstrap.log" >&2
    return "$status"
  fi
}

make_bases() {
  local want="$SUITE $MIRROR runtime=$RUNTIME_PACKAGES builder=+$BUILDER_EXTRA_PACKAGES"
  if [[ ${PARLEY_CONTAINER_REFRESH:-0} != 1 && -s $CACHE/jre25.oci.tar && -s $CACHE/jdk25.oci.tar &&
    -f $CACHE/bases.stamp && $(cat "$CACHE/bases.stamp") == "$want" ]]; then
    log "base images: cached ($CACHE)"
    return
  fi
  rm -f "$CACHE/bases.stamp"
  local jre=$WORK/rootfs-jre25 jdk=$WORK/rootfs-jdk25
  log "base images: debootstrap $SUITE (minbase) with $RUNTIME_PACKAGES"
  mkdir -p "$CACHE/debs"
  debootstrap --variant=minbase --include="$RUNTIME_PACKAGES" --cache-dir="$CACHE/debs" \
    "$SUITE" "$jre" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
    tail -n 30 "$WORK/debootstrap.log" >&2
    return 1
  }
  printf 'deb %s %s main\n' "$MIRROR" "$SUITE" "$MIRROR" "$SUITE-updates" "$SECURITY_MIRROR" "$SUITE-security" \
    >"$jre/etc/apt/sources.list"
  log "base images: security updates"
  in_chroot "$jre" 'apt-get update -q && apt-get -y -q -o Dpkg::Options::=--force-confold upgrade'
  log "base images: the builder adds ${BUILDER_EXTRA_PACKAGES//,/ }"
  cp -a "$jre" "$jdk"
  in_chroot "$jdk" "apt-get -y -q --no-install-recommends install ${BUILDER_EXTRA_PACKAGES//,/ }"
  log "base images: committing"
  commit_rootfs "$jre" "$CACHE/jre25.oci.tar" "Debian $SUITE with $RUNTIME_PACKAGES"
  commit_rootfs "$jdk" "$CACHE/jdk25.oci.tar" "Debian $SUITE with $RUNTIME_PACKAGES,$BUILDER_EXTRA_PACKAGES"
  rm -rf "$jre" "$jdk"
  echo "$want" >"$CACHE/bases.stamp"
  log "base images: $(du -h "$CACHE/jre25.oci.tar" | cut -f1) (JRE), $(du -h "$CACHE/jdk25.oci.tar" | cut -f1) (JDK) archives"
}

make_bases

log "loading the base images into the temporary storage"
for pair in "jdk25 $BUILDER_REF" "jre25 $RUNTIME_REF"; do
  read -r name ref <<<"$pair"
  id=$("${BUILDAH[@]}" pull --quiet "oci-archive:$CACHE/$name.oci.tar")
  "${BUILDAH[@]}" tag "$id" "$ref"
done

# This machine's outbound HTTPS goes through a TLS-inspecting proxy whose CA the host trusts from
# /usr/local/share/ca-certificates; the Maven build inside the builder stage needs the same trust.
# The CA is added on top of the cached builder base in this run's temporary storage only (it may
# change from one machine to the next), never to the runtime image or the cache.
LOCAL_CA_DIR=${PARLEY_CONTAINER_LOCAL_CA_DIR:-/usr/local/share/ca-certificates}
if compgen -G "$LOCAL_CA_DIR/*.crt" >/dev/null; then
  log "builder base: adding this machine's local CA certificates ($LOCAL_CA_DIR)"
  ctr=$("${BUILDAH[@]}" from --quiet --pull=never "$BUILDER_REF")
  "${BUILDAH[@]}" run --isolation chroot --network host --volume "$LOCAL_CA_DIR:/mnt/local-ca:ro" "$ctr" -- \
    sh -c 'cp /mnt/local-ca/*.crt /usr/local/share/ca-certificates/ && update-ca-certificates >/dev/null 2>&1'
  "${BUILDAH[@]}" commit --quiet --rm "$ctr" "$BUILDER_REF" >/dev/null
fi

# ---- 2. build ----------------------------------------------------------------------------------
CONTEXT=$WORK/context
mkdir -p "$CONTEXT"
if [[ $SOURCE == head ]]; then
  # Exactly the committed HEAD.
  git -C "$REPO" archive --format=tar HEAD | tar -C "$CONTEXT" -xf -
  log "context: HEAD ($(git -C "$REPO" rev-parse --short HEAD))"
else
  # The work tree as a fresh clone would have it, plus uncommitted changes: no target/, no data/,
  # no local Maven state (what CI's fresh clone is anyway).
  git -C "$REPO" ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [[ -e $f ]] && printf '%s\0' "$f"; done |
    tar -C "$REPO" --null -T - -cf - | tar -C "$CONTEXT" -xf -
  log "context: work tree"
fi

# Maven's repository persists across runs through the Dockerfile's RUN --mount=type=cache; buildah
# keeps such caches under $TMPDIR/buildah-cache/<id>, so TMPDIR points into the cache folder.
mkdir -p "$CACHE/buildah-tmp"
log "buildah bud (isolation chroot, storage vfs)"
build_started=$SECONDS
TMPDIR=$CACHE/buildah-tmp "${BUILDAH[@]}" bud --isolation chroot --network host --pull=never \
  --build-arg BUILDER_IMAGE="$BUILDER_REF" --build-arg RUNTIME_IMAGE="$RUNTIME_REF" \
  --tag "$IMAGE_REF" --file "$CONTEXT/Dockerfile" "$CONTEXT"
log "image built in $((SECONDS - build_started)) s"
"${BUILDAH[@]}" images --format '{{.Name}}:{{.Tag}} {{.Size}}' "$IMAGE_REF" | sed 's/^/[image] /'
runtime_base=$("${BUILDAH[@]}" images --format '{{.Size}}' "$RUNTIME_REF")
log "image size: $("${BUILDAH[@]}" images --format '{{.Size}}' "$IMAGE_REF") (runtime base alone: $runtime_base)"

# ---- 3. run ------------------------------------------------------------------------------------
mapfile -t entrypoint < <("${BUILDAH[@]}" inspect --type image \
  --format '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}' "$IMAGE_REF")
mapfile -t cmd < <("${BUILDAH[@]}" inspect --type image \
  --format '{{range .OCIv1.Config.Cmd}}{{println .}}{{end}}' "$IMAGE_REF")
user=$("${BUILDAH[@]}" inspect --type image --format '{{.OCIv1.Config.User}}' "$IMAGE_REF")
log "image user '$user', command: ${entrypoint[*]} ${cmd[*]}"
if [[ -z $user || ${user%%:*} == 0 || ${user%%:*} == root ]]; then
  echo "build-and-run: the image must run as a non-root user, it says '$user'" >&2
  exit 1
fi

port=${PARLEY_CONTAINER_PORT:-}
if [[ -z $port ]]; then
  for candidate in $(seq 18080 18180); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
fi
data=$WORK/data
mkdir -p "$data"
chown "${user%%:*}" "$data"
ctr=$("${BUILDAH[@]}" from --quiet --pull=never "$IMAGE_REF")
log "buildah run on port $port, PARLEY_DATA_DIR=$data"
run_started=$SECONDS
# Not at /data: buildah run mounts the image's VOLUME /data over a bind mount at the same path.
"${BUILDAH[@]}" run --isolation chroot --network host --volume "$data:/parley-data" \
  --env PARLEY_DATA_DIR=/parley-data --env PORT="$port" \
  "$ctr" -- "${entrypoint[@]}" "${cmd[@]}" >"$WORK/run.log" 2>&1 &
RUN_PID=$!

ready=0
while ((SECONDS - run_started < READY_TIMEOUT)); do
  if ! kill -0 "$RUN_PID" 2>/dev/null; then break; fi
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/q/health/ready" || true)
  if [[ $code == 200 ]]; then ready=1; break; fi
  sleep 1
done
if ((!ready)); then
  echo "build-and-run: /q/health/ready did not answer 200 within ${READY_TIMEOUT}s; the service said:" >&2
  tail -n 60 "$WORK/run.log" >&2
  exit 1
fi
log "ready: /q/health/ready answered 200 after $((SECONDS - run_started)) s"
curl -s "http://127.0.0.1:$port/q/health/ready" | tr -d '\n ' | cut -c1-300
echo
if [[ ! -s $data/parley.mv.db || ! -s $data/admin.key ]]; then
  echo "build-and-run: no database or admin key in PARLEY_DATA_DIR" >&2
  exit 1
fi
log "the service wrote its H2 database and admin key to PARLEY_DATA_DIR"

# ---- 4. graceful stop --------------------------------------------------------------------------
# The JVM is the process that the entrypoint's exec leaves; SIGTERM to it must end in Quarkus'
# orderly shutdown (what Kubernetes sends to PID 1).
# buildah's chroot isolation runs the command under a helper process of its own: find the JVM
# among the descendants of `buildah run`.
descendants() {
  local child
  for child in $(pgrep -P "$1"); do
    echo "$child"
    descendants "$child"
  done
}
java_pid=
for p in $(descendants "$RUN_PID"); do
  if [[ $(cat "/proc/$p/comm" 2>/dev/null) == java ]]; then java_pid=$p; break; fi
done
[[ -n $java_pid ]] || {
  echo "build-and-run: could not find the JVM among the processes of buildah run:" >&2
  ps -o pid,ppid,comm,args -p "$RUN_PID" $(descendants "$RUN_PID") >&2 || true
  exit 1
}
uid=$(awk '/^Uid:/ {print $2}' "/proc/$java_pid/status")
log "the JVM (pid $java_pid) runs as uid $uid: $(tr '\0' ' ' <"/proc/$java_pid/cmdline" | cut -c1-200)"
if [[ $uid == 0 ]]; then
  echo "build-and-run: the JVM runs as root" >&2
  exit 1
fi
log "stopping the JVM with SIGTERM"
kill -TERM "$java_pid"
for _ in $(seq 1 30); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 1; done
if kill -0 "$RUN_PID" 2>/dev/null; then
  echo "build-and-run: the service did not stop within 30 s of SIGTERM" >&2
  exit 1
fi
wait "$RUN_PID" || true
RUN_PID=
if ! grep -q 'stopped in' "$WORK/run.log"; then
  echo "build-and-run: no orderly Quarkus shutdown in the log:" >&2
  tail -n 20 "$WORK/run.log" >&2
  exit 1
fi
log "$(grep -o 'parley.* stopped in .*' "$WORK/run.log" | tail -n 1)"
if grep -q -E '^[0-9T:.+-]+ (WARN|ERROR) ' "$WORK/run.log"; then
  log "the service's warnings and errors:"
  grep -E '^[0-9T:.+-]+ (WARN|ERROR) ' "$WORK/run.log" | cut -c1-240 | head -n 20
fi
log "OK: built, ready, stopped gracefully (total $((SECONDS - started)) s)"
