#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the test VM, with Tern loaded: unmodified programs over Tern. nginx
# serves a file, curl fetches it, both under ternize; /proc/net/tern
# lists their sockets and TCP's table does not; dumpcap records the
# connection and tshark shows it with Tern's dissector.
#   ternize.sh TERNIZE NGINX_CONF_IN TERN_LUA
set -e
ternize=$1 conf_in=$2 lua=$3
work=/tmp/tern-demo-nginx port=8080
mkdir -p "$work/www"
head -c 4M /dev/urandom > "$work/www/file"
sed "s|@WORK@|$work|g; s|@PORT@|$port|g; s|@HOST@|127.0.0.1|g" "$conf_in" > "$work/nginx.conf"
ip link set lo up

echo
echo "=== An unmodified program over Tern: curl fetching from nginx, under ternize ==="
echo "\$ ternize run nginx -c nginx.conf &"
"$ternize" run nginx -p "$work" -c "$work/nginx.conf" &
nginx=$!
i=0
until grep -q "^127.0.0.1:$port .* LISTEN " /proc/net/tern; do
	i=$((i + 1))
	[ $i -lt 200 ] || { echo "nginx did not start"; cat "$work/error.log"; exit 1; }
	sleep 0.1
done
dumpcap -q -i lo -f "ip proto 253" -w "$work/tern.pcap" 2>/dev/null &
dumpcap=$!
i=0
until [ -s "$work/tern.pcap" ] || [ $i -ge 300 ]; do i=$((i + 1)); sleep 0.1; done
sleep 0.5
echo "\$ ternize run curl -o copy http://127.0.0.1:$port/file"
"$ternize" run curl -sS -o "$work/copy" \
	-w '  %{size_download} bytes in %{time_total} s\n' "http://127.0.0.1:$port/file"
cmp "$work/www/file" "$work/copy" && echo "  the copy is the file (cmp)"
echo "\$ cat /proc/net/tern     (nginx's listener, curl's closed connection in TIME_WAIT)"
sed 's/^/  /' /proc/net/tern
echo "\$ grep -c ':$(printf '%04X' $port) ' /proc/net/tcp   (TCP's table: nothing)"
echo "  $(grep -c ":$(printf '%04X' $port) " /proc/net/tcp || true)"
kill "$nginx"
wait "$nginx" 2>/dev/null || true
sleep 0.5
kill "$dumpcap"
wait "$dumpcap" 2>/dev/null || true
# The run directory is the host's: the capture outlives the VM.
pcap=${TERN_RUN:-/tmp}/tern.pcap
cp "$work/tern.pcap" "$pcap"
echo "\$ tshark -X lua_script:tern.lua -r tern.pcap   (the first 12 of $(tshark -r "$pcap" 2>/dev/null | wc -l) segments)"
tshark -X lua_script:"$lua" -r "$pcap" 2>/dev/null | head -n 12 | sed 's/^/  /'
echo "  the capture: $pcap"
rm -rf "$work"
