#!/usr/bin/env bash
# Docker for the fault tests on a machine with no Docker engine and no image registry.
# Idempotent: each step is skipped when what it makes already exists. Sourced by .ci/run, or run alone.
# Images are built locally from Debian packages (debootstrap), never pulled.
set -euo pipefail

_as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
_log() { printf '\n== %s\n' "$*"; }

EXAMCORE_JRE_IMAGE=${EXAMCORE_JRE_IMAGE:-examcore/jre17:bookworm}
EXAMCORE_PG_IMAGE=${EXAMCORE_PG_IMAGE:-examcore/postgres15:bookworm}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

_missing=()
# a docker client alone (some images ship one in /usr/local/bin) is not enough: the engine is dockerd
command -v dockerd >/dev/null 2>&1 || _missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || _missing+=(debootstrap)
if [ ${#_missing[@]} -gt 0 ]; then
  _log "installing ${_missing[*]}"
  _as_root apt-get update -qq
  _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${_missing[@]}"
fi

if ! docker info >/dev/null 2>&1; then
  _log "starting dockerd"
  _as_root sh -c 'nohup dockerd >/var/log/dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not come up; see /var/log/dockerd.log" >&2; tail -n 30 /var/log/dockerd.log >&2; exit 1; }
fi

# _import_rootfs IMAGE PACKAGES: debootstrap a minimal bookworm with PACKAGES and import it as IMAGE.
_import_rootfs() {
  local image=$1 packages=$2 dir
  if docker image inspect "$image" >/dev/null 2>&1; then return 0; fi
  _log "building base image $image from Debian packages ($packages)"
  dir=$(mktemp -d /tmp/examcore-rootfs.XXXXXX)
  _as_root debootstrap --variant=minbase --include="$packages" bookworm "$dir" "$DEBIAN_MIRROR" >/tmp/debootstrap-"${image//[\/:]/_}".log
  _as_root rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  _as_root tar -C "$dir" -c . | docker import - "$image" >/dev/null
  _as_root rm -rf "$dir"
}

_import_rootfs "$EXAMCORE_JRE_IMAGE" openjdk-17-jre-headless
_import_rootfs "$EXAMCORE_PG_IMAGE" postgresql-15

export EXAMCORE_JRE_IMAGE EXAMCORE_PG_IMAGE
export TESTCONTAINERS_RYUK_DISABLED=true
if [ -f /.dockerenv ]; then export TESTCONTAINERS_HOST_OVERRIDE=localhost; fi
