#!/bin/sh
# The default job of `make run`: this machine (its network interfaces' MAC addresses, its host
# name and its installed Debian packages, as observations) together with the bundled sample
# observations
# (data/samples/observations.jsonl), through `bansweep identify`, printing the findings.
# Packet captures, active scans, host inventory and the store join this job as they land.
set -eu
bin=${1:-build/bansweep}
root=$(cd "$(dirname "$0")/.." && pwd)
export BANSWEEP_DATA="${BANSWEEP_DATA:-$root/data}"
host=$(hostname 2>/dev/null || echo localhost)
obs=$(mktemp)
trap 'rm -f "$obs"' EXIT
for dev in /sys/class/net/*; do
	[ -r "$dev/address" ] || continue
	mac=$(cat "$dev/address")
	case "$mac" in 00:00:00:00:00:00 | "") continue ;; esac
	printf '{"asset":"%s","key":"mac","value":"%s","source":"this machine: %s"}\n' \
		"$host" "$mac" "$(basename "$dev")" >>"$obs"
done
printf '{"asset":"%s","key":"hostname","value":"%s","source":"this machine"}\n' \
	"$host" "$host" >>"$obs"
# Debian package names are [a-z0-9+.-]: safe inside a JSON string as they are.
if command -v dpkg-query >/dev/null 2>&1; then
	dpkg-query -W -f '${Package}\n' 2>/dev/null |
		sed "s/.*/{\"asset\":\"$host\",\"key\":\"pkg.name\",\"value\":\"&\",\"source\":\"this machine: dpkg\"}/" \
			>>"$obs"
fi
cat "$root/data/samples/observations.jsonl" >>"$obs"

echo "== bansweep: instruments in the catalogue"
"$bin" bans
echo
echo "== bansweep: this machine ($host) and the bundled sample observations"
"$bin" identify -v "$obs"
echo
echo "== bansweep: the bundled capture (tests/fixtures/pcap/lab-devices.pcap, real traffic of the"
echo "   project's lab: a Huawei router and a Hikvision camera emulated in network namespaces)"
"$bin" pcap -v "$root/tests/fixtures/pcap/lab-devices.pcap"
