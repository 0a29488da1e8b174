# SPDX-License-Identifier: GPL-2.0
# Shared settings for Tern's scripts; sourced, never run.
# shellcheck shell=bash

TERN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TERN_CACHE=${TERN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tern}
TERN_OUT=${TERN_OUT:-$TERN_ROOT/.out}

# The packages every script may need; deps.sh installs the missing ones.
TERN_PACKAGES="linux-source-6.12 linux-headers-amd64 linux-image-amd64
	qemu-system-x86 busybox-static sparse flex bison libelf-dev libssl-dev
	bc cpio kmod iperf3 xz-utils rsync iproute2 python3 gcc make perl
	libc6-dev ethtool clang libbpf-dev
	nginx-light redis-server redis-tools sockperf curl dkms tshark"
# What make demo needs on the stock kernel alone (a fast first run).
TERN_DEMO_PACKAGES="linux-headers-amd64 linux-image-amd64 qemu-system-x86
	busybox-static cpio kmod rsync iproute2 python3 gcc make libc6-dev
	nginx-light curl tshark"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Version of the Debian kernel source package, made safe for a path.
ksrc_version() {
	dpkg-query -W -f='${Version}' linux-source-6.12 | tr '~:' '__'
}

# Directory of the unpacked 6.12 source tree, unpacking it on first use
# (and installing the package, when a script runs before make check's
# deps stage did). A failed unpacking leaves no marker behind.
ksrc_dir() {
	local dir

	"$TERN_ROOT/scripts/deps.sh" linux-source-6.12 >&2 ||
		die "cannot install linux-source-6.12"
	dir="$TERN_CACHE/src/$(ksrc_version)"
	if [ ! -e "$dir/.extracted" ]; then
		log "unpacking linux-source-6.12 into $dir"
		rm -rf "$dir"
		mkdir -p "$dir"
		tar -C "$dir" -xf /usr/src/linux-source-6.12.tar.xz ||
			die "cannot unpack /usr/src/linux-source-6.12.tar.xz"
		touch "$dir/.extracted"
	fi
	echo "$dir/linux-source-6.12"
}

# The symbols current kernels no longer export (scripts/exports/denylist).
tern_gone_exports() {
	awk '!/^#/ && $2 == "gone" { print $1 }' "$TERN_ROOT/scripts/exports/denylist"
}

# Release string of the newest stock Debian kernel that has headers.
stock_release() {
	local rel

	for rel in $(ls -1 /lib/modules | sort -V -r); do
		if [ -e "/usr/src/linux-headers-$rel/Makefile" ] &&
		   [ -e "/boot/vmlinuz-$rel" ]; then
			echo "$rel"
			return 0
		fi
	done
	return 1
}

# Run "$@" and report how long it took under the label $1.
timed() {
	local label=$1 start rc

	shift
	start=$(date +%s)
	"$@"
	rc=$?
	log "stage '$label' took $(( $(date +%s) - start )) s (rc=$rc)"
	return $rc
}
