#!/usr/bin/env bash
# `make test-matrix`: run `make test` exactly as a new user would on every Debian QGIS we
# support besides the host's: a fresh clone of this checkout's HEAD, in a folder named
# `placelink`, inside a debootstrap chroot of Debian trixie (QGIS 3.40) and of Debian sid
# (QGIS 3.44). Prints one line per platform; exits non-zero if any platform fails.
#
# The chroots are built once and cached outside the clone ($PLACELINK_MATRIX_CACHE,
# default /var/cache/placelink/): the base system with git, make and CA certificates;
# QGIS is installed into it from the chroot's own apt by our scripts/setup.sh on the first
# `make test`, and stays there for the next run. A fresh machine builds them (slower).
# Needs root (debootstrap, chroot, mount).
#
# Environment:
#   PLACELINK_MATRIX_CACHE      where the chroots and logs live (default /var/cache/placelink)
#   PLACELINK_MATRIX_MIRROR     Debian mirror (default: the one this host's apt uses)
#   PLACELINK_MATRIX_PLATFORMS  space-separated subset of "trixie sid" (default: both)
#   PLACELINK_MATRIX_REBUILD=1  throw the cached chroots away and build them again
#   PLACELINK_MATRIX_PARALLEL=0 one platform after the other (default: side by side)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${PLACELINK_MATRIX_CACHE:-/var/cache/placelink}
platforms=${PLACELINK_MATRIX_PLATFORMS:-trixie sid}

if [ "$(id -u)" != 0 ]; then
    echo "test-matrix needs root (debootstrap, chroot and bind mounts)." >&2
    exit 2
fi

# The Debian mirror this host's apt already uses (deb822 .sources or one-line .list).
host_mirror() {
    local f uri
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        uri=$(grep -hoE '^(URIs:[[:space:]]*|deb[[:space:]]+(\[[^]]*\][[:space:]]+)?)https?://[^[:space:]]+/debian/?([[:space:]]|$)' "$f" \
            | grep -oE 'https?://[^[:space:]]+' | head -n1 || true)
        if [ -n "$uri" ]; then
            echo "${uri%/}"
            return
        fi
    done
    echo "http://deb.debian.org/debian"
}
mirror=${PLACELINK_MATRIX_MIRROR:-$(host_mirror)}

label() {
    case $1 in
        trixie) echo debian-13 ;;
        sid) echo debian-sid ;;
        *) echo "debian-$1" ;;
    esac
}

mounted=()
unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
    done
    mounted=()
}
trap unmount_all EXIT
trap 'exit 130' INT TERM

# Mounts left by a run that was killed (kill -9 skips the trap): take them down first.
unmount_stale() {
    local root=$1 d
    for d in dev/pts dev sys proc; do
        if mountpoint -q "$root/$d" 2>/dev/null; then
            umount "$root/$d" 2>/dev/null || umount -l "$root/$d"
        fi
    done
}

mount_into() {
    local root=$1 d
    unmount_stale "$root"
    for d in proc sys dev dev/pts; do
        mkdir -p "$root/$d"
        mount --bind "/$d" "$root/$d"
        mounted+=("$root/$d")
    done
}

# Copy the host's CA certificates and pip configuration, so pip inside reaches the same
# package index through the same proxy as the host.
copy_host_config() {
    local root=$1
    cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    # the machine's own name resolves inside as it does outside (Spark looks it up)
    cp -L /etc/hosts "$root/etc/hosts" 2>/dev/null || true
    if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
        mkdir -p "$root/usr/local/share/ca-certificates"
        cp -r /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
    fi
    [ -e /etc/pip.conf ] && cp /etc/pip.conf "$root/etc/pip.conf"
    if [ -d /etc/xdg/pip ]; then
        mkdir -p "$root/etc/xdg/pip" && cp -r /etc/xdg/pip/. "$root/etc/xdg/pip/"
    fi
    if [ -d "$HOME/.config/pip" ]; then
        mkdir -p "$root/root/.config/pip" && cp -r "$HOME/.config/pip/." "$root/root/.config/pip/"
    fi
    chroot "$root" update-ca-certificates >/dev/null 2>&1 || true
}

# Build the cached base chroot for a suite (once): debootstrap into a staging folder and
# rename it when complete, so an interrupted build is never mistaken for a good one.
build_chroot() {
    local suite=$1 root=$cache/$1
    if [ "${PLACELINK_MATRIX_REBUILD:-0}" = 1 ] && [ -d "$root" ]; then
        unmount_stale "$root"
        rm -rf --one-file-system "$root"
    fi
    [ -e "$root/.placelink-base" ] && return 0
    local stage=$cache/.$suite.building
    [ -d "$stage" ] && unmount_stale "$stage"
    rm -rf --one-file-system "$stage"
    mkdir -p "$cache"
    echo "matrix: building the $suite chroot from $mirror (cached in $root)…" >&2
    debootstrap --variant=minbase --include=git,make,ca-certificates \
        "$suite" "$stage" "$mirror" >"$cache/$suite.debootstrap.log" 2>&1 || {
        echo "matrix: debootstrap $suite failed, see $cache/$suite.debootstrap.log" >&2
        tail -n 20 "$cache/$suite.debootstrap.log" >&2
        return 1
    }
    # sid's Release file on a snapshot mirror can be past its Valid-Until date.
    cat >"$stage/etc/apt/apt.conf.d/99placelink" <<'EOF'
Acquire::Check-Valid-Until "false";
APT::Install-Recommends "false";
EOF
    echo "deb $mirror $suite main" >"$stage/etc/apt/sources.list"
    touch "$stage/.placelink-base"
    mv "$stage" "$root"
}

# Run `make test` in a fresh clone of HEAD inside the chroot; print the platform's line.
run_platform() {
    local suite=$1 name root log start secs counts passed failed qgis_v py_v rc
    name=$(label "$suite")
    root=$cache/$suite
    log=$cache/logs/$name.log
    mkdir -p "$cache/logs"
    build_chroot "$suite" || {
        echo "matrix: $name: FAILED to build the chroot"
        return 1
    }
    copy_host_config "$root"
    rm -rf --one-file-system "$root/root/placelink"
    git clone -q --no-hardlinks "$repo" "$root/root/placelink"
    git -C "$root/root/placelink" checkout -q --detach "$(git -C "$repo" rev-parse HEAD)"
    mount_into "$root"
    start=$(date +%s)
    rc=0
    chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 TERM=dumb /bin/bash -c 'cd /root/placelink && make test' >"$log" 2>&1 || rc=$?
    secs=$(($(date +%s) - start))
    qgis_v=$(chroot "$root" /usr/bin/python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION.split("-")[0])' 2>/dev/null || echo "?")
    py_v=$(chroot "$root" /usr/bin/python3 -c 'import platform; print(platform.python_version())' 2>/dev/null || echo "?")
    unmount_all
    # pytest's summary lines ("== 612 passed, 2 skipped in 80.1s ==") of every run, summed.
    counts=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$log" || true)
    passed=$(grep -oE '[0-9]+ passed' <<<"$counts" | awk '{s += $1} END {print s + 0}')
    failed=$(grep -oE '[0-9]+ (failed|errors?)' <<<"$counts" | awk '{s += $1} END {print s + 0}')
    printf 'matrix: %s QGIS %s Python %s: %d passed, %d failed (%dm%02ds)%s\n' \
        "$name" "$qgis_v" "$py_v" "$passed" "$failed" $((secs / 60)) $((secs % 60)) \
        "$([ "$rc" = 0 ] || echo " — make test exited $rc, log: $log")"
    if [ "$rc" != 0 ]; then
        tail -n 30 "$log" | sed "s/^/  $name | /" >&2
        return 1
    fi
}

# debootstrap once, here: two platforms installing it at once would race for dpkg's lock
command -v debootstrap >/dev/null || {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

status=0
if [ "${PLACELINK_MATRIX_PARALLEL:-1}" = 0 ]; then
    for suite in $platforms; do
        run_platform "$suite" || status=1
    done
    exit $status
fi

# The platforms side by side (each is mostly one busy process; a 2-core machine runs both
# in about the time of the slower): each in its own subshell, which takes down its own
# mounts; their lines are printed in order when all are done.
pids=()
outs=()
mkdir -p "$cache/logs"
for suite in $platforms; do
    out=$cache/logs/$(label "$suite").line
    (
        trap unmount_all EXIT
        trap 'exit 130' INT TERM
        # called in a list, as the serial loop does: errexit does not stop it at a grep
        # that finds nothing (no "failed" in a run with none)
        run_platform "$suite" || exit 1
    ) >"$out" 2>&1 &
    pids+=("$!")
    outs+=("$out")
done
trap 'kill "${pids[@]}" 2>/dev/null; exit 130' INT TERM
for i in "${!pids[@]}"; do
    wait "${pids[i]}" || status=1
    cat "${outs[i]}"
done
exit $status
