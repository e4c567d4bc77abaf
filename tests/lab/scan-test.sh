#!/bin/sh
# Lab test of `bansweep scan`: builds the lab of tests/lab/scan-lab.sh (network namespaces made
# here), scans its /24 from the scanner namespace, and checks the findings against the lab's
# expected inventory: every covered device attributed to its maker (the relabelled camera with
# its brand shown), nothing for the other devices and the hostile peers, in bounded time.
# Exit 77 (skipped) when not root.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" != 0 ]; then
	echo "skipped: needs root for network namespaces"
	exit 77
fi
state=$(mktemp -d)
export BSW_LAB_STATE="$state"
out="$state/scan.jsonl"
cleanup() {
	sh "$here/scan-lab.sh" down >/dev/null 2>&1
	rm -rf "$state"
}
trap cleanup EXIT
sh "$here/scan-lab.sh" up >"$state/up.log" 2>&1 || { cat "$state/up.log"; echo "skipped: lab did not come up"; exit 77; }
start=$(date +%s)
ip netns exec bsw-lab-scan "$bin" scan --json --as-of 2026-11-22 10.78.0.0/24 >"$out" 2>"$state/scan.err"
rc=$?
secs=$(($(date +%s) - start))
fail=0
[ $rc = 0 ] || { echo "FAIL: scan exited $rc"; cat "$state/scan.err"; fail=$((fail + 1)); }
[ $secs -le 30 ] || { echo "FAIL: scan took $secs s"; fail=$((fail + 1)); }
while IFS="$(printf '\t')" read -r ip mac class vendor brand rest; do
	case "$ip" in '#'* | '') continue ;; esac
	line=$(grep "\"id\":\"$ip\"" "$out" | grep "\"vendor\":\"$vendor\"")
	if [ "$vendor" = - ]; then
		if grep -q "\"id\":\"$ip\"" "$out"; then
			echo "FAIL: $ip ($class) must have no finding:"; grep "\"id\":\"$ip\"" "$out" | cut -c1-300
			fail=$((fail + 1))
		else
			echo "pass: $ip $class -> no finding"
		fi
	elif [ -z "$line" ]; then
		echo "FAIL: $ip ($class) not attributed to $vendor"; fail=$((fail + 1))
	elif [ -n "$brand" ] && [ "$brand" != - ] && ! echo "$line" | grep -qi "\"brand\":\"$brand\""; then
		echo "FAIL: $ip ($class): brand shown is not $brand"; fail=$((fail + 1))
	else
		echo "pass: $ip $class -> $vendor"
	fi
done <"$state/expected.tsv"
tail -2 "$state/scan.err"
echo "scan-test: $fail failed (scan took ${secs}s)"
[ $fail = 0 ]
