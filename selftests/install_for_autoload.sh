#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install tern.ko ($1) under /tmp as a distro package would install it
# under /lib/modules, and write /tmp/tern-modprobe: a modprobe that looks
# there. The kernel runs it for socket() once it is /proc/sys/kernel/modprobe.
set -e
rel=$(uname -r)
root=/tmp/tern-modroot
mkdir -p "$root/lib/modules/$rel/extra"
cp "$1" "$root/lib/modules/$rel/extra/"
depmod -b "$root" "$rel" 2>/dev/null
printf '#!/bin/sh\nexec /sbin/modprobe -d %s "$@"\n' "$root" > /tmp/tern-modprobe
chmod +x /tmp/tern-modprobe
