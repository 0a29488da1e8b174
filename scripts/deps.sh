#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages Tern's build and test VM need (idempotent):
# all of them (TERN_PACKAGES), or the ones named.
#   scripts/deps.sh [PACKAGE...]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || set -- $TERN_PACKAGES
missing=""
for pkg in "$@"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
		grep -q "ok installed" || missing="$missing $pkg"
done
[ -n "$missing" ] || exit 0

[ "$(id -u)" = 0 ] || die "need root to install:$missing"
log "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# tshark's question: non-root capture stays off, as Debian's default.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	debconf-set-selections
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
