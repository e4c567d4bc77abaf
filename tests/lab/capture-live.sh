#!/bin/bash
# Live capture test: two network namespaces made here, joined by a veth pair. The "device" side
# has a MAC from Hikvision's block and sends what a Hikvision camera sends on its own: SADP
# announcements (UDP 37020) and an SSDP NOTIFY. `bansweep capture` listens on the other side,
# once until --duration ends and once until SIGINT, and must report the camera both times, with
# privileges dropped. Traffic stays inside the two namespaces. Exit 77 (skipped) when not root.
set -u
bin=$1
if [ "$(id -u)" != 0 ]; then
	echo "skipped: needs root for network namespaces"
	exit 77
fi
ns=bsw$$
a=${ns}a
b=${ns}b
tmp=$(mktemp -d)
cleanup() {
	ip netns del "$a" 2>/dev/null
	ip netns del "$b" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$a" && ip netns add "$b" || { echo "skipped: cannot make namespaces"; exit 77; }
ip link add "${ns}x" netns "$a" type veth peer name "${ns}y" netns "$b"
ip -n "$a" link set lo up
ip -n "$b" link set lo up
ip -n "$a" addr add 10.77.9.1/24 dev "${ns}x"
ip -n "$b" link set "${ns}y" address 4c:bd:8f:12:34:56
ip -n "$b" addr add 10.77.9.2/24 dev "${ns}y"
ip -n "$a" link set "${ns}x" up
ip -n "$b" link set "${ns}y" up

sadp='<?xml version="1.0" encoding="utf-8"?><ProbeMatch><Uuid>7A2B</Uuid><Types>inquiry</Types><DeviceType>139</DeviceType><DeviceDescription>DS-2CD2143G0-I</DeviceDescription><DeviceSN>DS-2CD2143G0-I20190101AAWRD12345678</DeviceSN><MAC>4c-bd-8f-12-34-56</MAC><IPv4Address>10.77.9.2</IPv4Address></ProbeMatch>'
ssdp=$'NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nSERVER: Linux/3.10 UPnP/1.0 Hikvision-Webs/1.0\r\n\r\n'

device_talks() {
	for i in 1 2 3 4 5 6; do
		ip netns exec "$b" bash -c "printf '%s' '$sadp' > /dev/udp/10.77.9.1/37020" 2>/dev/null
		ip netns exec "$b" bash -c "printf '%s' \"\$1\" > /dev/udp/10.77.9.1/1900" _ "$ssdp" 2>/dev/null
		sleep 0.3
	done
}

fail=0
check() {
	name=$1
	out=$2
	if grep -q '"vendor":"hikvision"' "$out" && grep -q '"id":"4C:BD:8F:12:34:56"' "$out" &&
		grep -q '"key":"sadp.device"' "$out"; then
		echo "pass: $name"
	else
		echo "FAIL: $name"; cat "$out" "$out.err"; fail=$((fail + 1))
	fi
}

# 1. until --duration ends
ip netns exec "$a" "$bin" capture -i "${ns}x" --duration 4 --json --as-of 2026-11-22 \
	>"$tmp/d.out" 2>"$tmp/d.out.err" &
pid=$!
sleep 1
device_talks
wait $pid
rc=$?
[ $rc = 0 ] || { echo "FAIL: duration run exited $rc"; fail=$((fail + 1)); }
check "capture --duration" "$tmp/d.out"
if grep -q "listening on ${ns}x" "$tmp/d.out.err"; then echo "pass: start message"; else
	echo "FAIL: no start message"; fail=$((fail + 1)); fi

# 2. until SIGINT; the process must have dropped root (it runs as nobody)
ip netns exec "$a" "$bin" capture -i "${ns}x" --json --as-of 2026-11-22 \
	>"$tmp/s.out" 2>"$tmp/s.out.err" &
pid=$!
sleep 1
device_talks
user=$(ps -o user= -p "$(pgrep -P $pid 2>/dev/null || echo $pid)" 2>/dev/null | tr -d ' ')
kill -INT $pid
wait $pid
rc=$?
[ $rc = 0 ] || { echo "FAIL: SIGINT run exited $rc"; fail=$((fail + 1)); }
check "capture until SIGINT" "$tmp/s.out"
case "$user" in nobody) echo "pass: privileges dropped to nobody" ;;
*) echo "FAIL: capture ran as '$user', not nobody"; fail=$((fail + 1)) ;; esac

# 3. a bad filter is a clear usage error
ip netns exec "$a" "$bin" capture -i "${ns}x" --filter 'not a filter (' --duration 1 \
	>/dev/null 2>"$tmp/f.err"
rc=$?
if [ $rc = 2 ] && grep -q "filter 'not a filter ('" "$tmp/f.err"; then
	echo "pass: bad filter"
else
	echo "FAIL: bad filter: exit $rc"; cat "$tmp/f.err"; fail=$((fail + 1))
fi

echo "capture-live: $((5 - fail)) passed, $fail failed"
[ $fail = 0 ]
