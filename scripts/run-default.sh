#!/bin/sh
# The default job of `make run`: this machine's own network interfaces (their MAC addresses and
# the host name, as observations) together with the bundled sample observations
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
cat "$root/data/samples/observations.jsonl" >>"$obs"

echo "== bansweep: instruments in the catalogue"
"$bin" bans
echo
echo "== bansweep: this machine ($host) and the bundled sample observations"
"$bin" identify -v "$obs"
