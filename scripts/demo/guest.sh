#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the test VM: load Tern and run the demonstration.
#   guest.sh TERN_KO
set -e
insmod "$1"
echo "loaded: $(grep '^tern ' /proc/modules)"
python3 "$(dirname "$0")/tern_demo.py"
rmmod tern
echo "unloaded cleanly"
