#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the test VM: load Tern and run the demonstration: the connection's
# ladder (tern_demo.py), then curl and nginx over Tern (ternize.sh).
#   guest.sh TERN_KO TERNIZE NGINX_CONF_IN TERN_LUA
set -e
insmod "$1"
echo "loaded: $(grep '^tern ' /proc/modules)"
python3 "$(dirname "$0")/tern_demo.py"
"$(dirname "$0")/ternize.sh" "$2" "$3" "$4"
# TIME_WAIT entries do not hold the module; curl's goes with it.
rmmod tern
echo "unloaded cleanly"
