#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages Tern's build and test VM need (idempotent).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

missing=""
for pkg in $TERN_PACKAGES; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
		grep -q "ok installed" || missing="$missing $pkg"
done
[ -n "$missing" ] || exit 0

[ "$(id -u)" = 0 ] || die "need root to install:$missing"
log "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
