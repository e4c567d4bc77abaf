#!/bin/sh
# Lab test of `bansweep scan`: builds the lab of tests/lab/scan-lab.sh (network namespaces made
# here), scans its /24 from the scanner namespace, and checks the findings against the lab's
# expected inventory: every covered device attributed to its maker (the relabelled camera with
# its brand shown), nothing for the other devices and the hostile peers, in bounded time.
#   1. as root: ARP discovery finds every device (the one that drops all IP too), and the scan
#      runs as nobody once its raw sockets are open; the ANNKE camera's web server answers over
#      HTTPS only, and its ISAPI page, read through TLS, is in the evidence;
#   2. as nobody: no ARP or ICMP (warned), the TCP probes still find every covered device;
#   3. --discover arp: ARP alone settles the segment, same findings;
#   4. a /16 (the lab's /24 plus 65,280 addresses the scanner has no route to, so nothing is
#      sent to them) at a high rate: the targets go to the loop a window at a time, so peak
#      memory stays under 64 MB (it was 96 MB when the whole /16 was queued at once).
#      SNMP: the Huawei router's ENTITY-MIB row (GetNext after the v2c answer) and the v1-only
#      Hytera repeater (the v1 fallback) are in the evidence;
#   5. --discover icmp as root (raw socket) and 6. as nobody through a ping socket (allowed in
#      the scanner namespace only, by its net.ipv4.ping_group_range): every device but the one
#      that drops all IP answers the echo.
#   7. IPv6 NDP as root and 8. ICMPv6 echo as nobody on the segment's IPv6 prefix: every device
#      found, MAC blocks attributed.
# Every run: peak RSS under 64 MB whatever the hostile peers send.
# Exit 77 (skipped) when not root.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" != 0 ]; then
	echo "skipped: needs root for network namespaces"
	exit 77
fi
# BSW_LAB_PREFIX and BSW_LAB_NET (see scan-lab.sh) let two labs run side by side.
PFX=${BSW_LAB_PREFIX:-bsw-lab}
NET=${BSW_LAB_NET:-10.78.0}
NET16="${NET%.*}.0.0/16"
state=$(mktemp -d)
chmod 755 "$state"
export BSW_LAB_STATE="$state"
cleanup() {
	sh "$here/scan-lab.sh" down >/dev/null 2>&1
	rm -rf "$state"
}
trap cleanup EXIT
sh "$here/scan-lab.sh" up >"$state/up.log" 2>&1 || { cat "$state/up.log"; echo "skipped: lab did not come up"; exit 77; }
fail=0
# AddressSanitizer keeps freed memory in quarantine and shadows the rest: the memory bound is
# checked on the plain build only (the figures are still printed).
sanitized=0
ldd "$bin" 2>/dev/null | grep -q libasan && sanitized=1
ndev=$(grep -vc '^#' "$state/expected.tsv")

# check NAME OUT ERR COVERED_ONLY: the findings of one run against expected.tsv.
check() {
	name=$1 out=$2 err=$3 covered_only=$4
	while IFS="$(printf '\t')" read -r ip mac class vendor brand rest; do
		case "$ip" in '#'* | '') continue ;; esac
		line=$(grep "\"id\":\"$ip\"" "$out" | grep "\"vendor\":\"$vendor\"")
		if [ "$vendor" = - ]; then
			[ "$covered_only" = 1 ] && continue
			if grep -q "\"id\":\"$ip\"" "$out"; then
				echo "FAIL [$name]: $ip ($class) must have no finding:"; grep "\"id\":\"$ip\"" "$out" | cut -c1-300
				fail=$((fail + 1))
			else
				echo "pass [$name]: $ip $class -> no finding"
			fi
		elif [ -z "$line" ]; then
			echo "FAIL [$name]: $ip ($class) not attributed to $vendor"; fail=$((fail + 1))
		elif [ -n "$brand" ] && [ "$brand" != - ] && ! echo "$line" | grep -qi "\"brand\":\"$brand\""; then
			echo "FAIL [$name]: $ip ($class): brand shown is not $brand"; fail=$((fail + 1))
		else
			echo "pass [$name]: $ip $class -> $vendor"
		fi
	done <"$state/expected.tsv"
	grep '^scan:' "$err"
}

# scan NAME ARGS...: one timed scan from the scanner namespace; sets rc and secs.
scan() {
	name=$1
	shift
	start=$(date +%s)
	ip netns exec "$PFX-scan" /usr/bin/time -f %M -o "$state/$name.rss" "$@" \
		>"$state/$name.jsonl" 2>"$state/$name.err"
	rc=$?
	secs=$(($(date +%s) - start))
	rss=$(tail -1 "$state/$name.rss")
	echo "[$name] peak RSS ${rss} KB"
	[ "$rss" -le 65536 ] || [ "$sanitized" = 1 ] || { echo "FAIL [$name]: peak RSS $rss KB"; fail=$((fail + 1)); }
	[ $rc = 0 ] || { echo "FAIL [$name]: scan exited $rc"; cat "$state/$name.err"; fail=$((fail + 1)); }
	[ $secs -le 30 ] || { echo "FAIL [$name]: scan took $secs s"; fail=$((fail + 1)); }
	echo "[$name] took ${secs}s"
}

# 1. As root, watching the process: it must run as nobody once discovery's sockets are open.
start=$(date +%s)
ip netns exec "$PFX-scan" "$bin" scan --json --as-of 2026-11-22 "$NET.0/24" \
	>"$state/root.jsonl" 2>"$state/root.err" &
pid=$!
sleep 1.5
uid=$(awk '/^Uid:/ {print $2}' /proc/$pid/status 2>/dev/null)
wait $pid
rc=$?
secs=$(($(date +%s) - start))
echo "[root] took ${secs}s, ran as uid '$uid' after set-up"
[ $rc = 0 ] || { echo "FAIL [root]: scan exited $rc"; cat "$state/root.err"; fail=$((fail + 1)); }
[ $secs -le 30 ] || { echo "FAIL [root]: scan took $secs s"; fail=$((fail + 1)); }
[ "$uid" = "$(id -u nobody)" ] || { echo "FAIL [root]: the scan still runs as uid '$uid'"; fail=$((fail + 1)); }
check root "$state/root.jsonl" "$state/root.err" 0
byarp=$(sed -n 's/^scan: .*(\([0-9]*\) by ARP, NDP or ICMP).*/\1/p' "$state/root.err")
if [ "$byarp" = "$ndev" ]; then
	echo "pass [root]: ARP found all $ndev devices (the one that drops every IP packet too)"
else
	echo "FAIL [root]: ARP found '${byarp}' of $ndev devices"; fail=$((fail + 1))
fi

# The ZTE ONT's SSDP answer points to its UPnP description, which only the follow-up fetch reads.
zte=$(awk -F'\t' '$3 == "zte-ont" { print $1; exit }' "$state/expected.tsv")
if grep "\"id\":\"$zte\"" "$state/root.jsonl" | grep -q '"key":"upnp.manufacturer","value":"ZTE"'; then
	echo "pass [root]: $zte's UPnP description fetched from its SSDP LOCATION"
else
	echo "FAIL [root]: no upnp.manufacturer for $zte (SSDP LOCATION not followed)"; fail=$((fail + 1))
fi

# The ANNKE camera's web server is on HTTPS only (port 80 closed, checked here with curl): the
# Hikvision ISAPI namespace and App-webs server in its evidence can only have come through TLS.
annke=$(awk -F'\t' '$3 == "annke-cam" { print $1; exit }' "$state/expected.tsv")
plain=$(ip netns exec "$PFX-scan" curl -s -m 3 -o /dev/null -w '%{http_code}' "http://$annke/ISAPI/System/deviceInfo")
tls=$(ip netns exec "$PFX-scan" curl -sk -m 3 -o /dev/null -w '%{http_code}' "https://$annke/ISAPI/System/deviceInfo")
if [ "$plain" != 000 ] || [ "$tls" != 200 ]; then
	echo "FAIL [root]: $annke must answer ISAPI over HTTPS only (http '$plain', https '$tls')"; fail=$((fail + 1))
elif grep "\"id\":\"$annke\"" "$state/root.jsonl" | grep -q '"key":"http.body.xmlns","value":"http://www.hikvision.com/ver20/XMLSchema"' &&
	grep "\"id\":\"$annke\"" "$state/root.jsonl" | grep -q '"key":"http.server","value":"App-webs/"'; then
	echo "pass [root]: $annke's ISAPI deviceInfo and server header read over HTTPS (port 80 closed)"
else
	echo "FAIL [root]: no ISAPI evidence over HTTPS for $annke"; fail=$((fail + 1))
fi

# SNMP: the Huawei router's ENTITY-MIB chassis row, read by GetNext once it answered v2c; the
# Hytera repeater answers v1 only, so its sysObjectID and sysDescr come from the v1 fallback alone.
rtr=$(awk -F'\t' '$3 == "huawei-rtr" { print $1; exit }' "$state/expected.tsv")
rtr_model=$(awk -F'\t' '$3 == "huawei-rtr" { print $6; exit }' "$state/expected.tsv")
for kv in "snmp.ent.mfg\",\"value\":\"Huawei Technologies Co., Ltd." "snmp.ent.model\",\"value\":\"$rtr_model"; do
	if grep "\"id\":\"$rtr\"" "$state/root.jsonl" | grep -qF "\"key\":\"$kv\""; then
		echo "pass [root]: $rtr's ENTITY-MIB ${kv%%\"*} in the evidence"
	else
		echo "FAIL [root]: no ${kv%%\"*} evidence for $rtr (ENTITY-MIB GetNext)"; fail=$((fail + 1))
	fi
done
hyt=$(awk -F'\t' '$3 == "hytera-rpt" { print $1; exit }' "$state/expected.tsv")
if grep "\"id\":\"$hyt\"" "$state/root.jsonl" | grep -q '"key":"snmp.sysobjectid","value":"1.3.6.1.4.1.40297.1.2.1"' &&
	grep "\"id\":\"$hyt\"" "$state/root.jsonl" | grep -q '"key":"snmp.sysdescr","value":"Hytera '; then
	echo "pass [root]: $hyt's v1-only agent read by the SNMP v1 fallback"
else
	echo "FAIL [root]: no SNMP evidence for the v1-only agent $hyt (v1 fallback)"; fail=$((fail + 1))
fi

# 2. Unprivileged: no raw sockets; said so, and the TCP probes find the covered devices.
scan nobody setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" scan --json --as-of 2026-11-22 "$NET.0/24"
check nobody "$state/nobody.jsonl" "$state/nobody.err" 1
if grep -q "ARP discovery needs root" "$state/nobody.err"; then
	echo "pass [nobody]: said that ARP needs privileges"
else
	echo "FAIL [nobody]: no word about ARP"; cat "$state/nobody.err"; fail=$((fail + 1))
fi

# 3. ARP alone.
scan arp "$bin" scan --json --as-of 2026-11-22 --discover arp "$NET.0/24"
check arp "$state/arp.jsonl" "$state/arp.err" 1

# 4. Many targets, bounded memory.
scan wide "$bin" scan --json --as-of 2026-11-22 --discover tcp --rate 20000 "$NET16"
check wide "$state/wide.jsonl" "$state/wide.err" 1

# 5, 6. ICMP echo, raw socket then ping socket.
found_by() { sed -n 's/^scan: .*(\([0-9]*\) by ARP, NDP or ICMP).*/\1/p' "$state/$1.err"; }
scan icmp-raw "$bin" scan --json --as-of 2026-11-22 --discover icmp,tcp "$NET.0/24"
check icmp-raw "$state/icmp-raw.jsonl" "$state/icmp-raw.err" 1
ip netns exec "$PFX-scan" sysctl -qw net.ipv4.ping_group_range="0 2147483647"
scan icmp-ping setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" scan --json \
	--as-of 2026-11-22 --discover icmp,tcp "$NET.0/24"
check icmp-ping "$state/icmp-ping.jsonl" "$state/icmp-ping.err" 1
for run in icmp-raw icmp-ping; do
	n=$(found_by $run)
	if [ "$n" = $((ndev - 1)) ]; then
		echo "pass [$run]: ICMP echo found $n of $ndev devices (all but the one dropping IP)"
	else
		echo "FAIL [$run]: ICMP echo found '$n' of $ndev devices"; fail=$((fail + 1))
	fi
done

# 7, 8. IPv6: the same segment's prefix (every device also has $NET6::N). NDP as root finds
# every device with its MAC, the one dropping IPv4 too; ICMPv6 echo through a ping socket as
# nobody finds them as well, and the MACs come from the kernel's neighbour table. The devices'
# services listen on IPv4 only, so the findings are those of the MAC blocks: each device whose
# MAC `bansweep lookup` gives to a covered vendor is attributed to it, the others are not.
NET6=fd00:$(echo "$NET" | cut -d. -f2):$(echo "$NET" | cut -d. -f3):6
scan ndp "$bin" scan --json --as-of 2026-11-22 --discover ndp "$NET6::/120"
scan icmp6-ping setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" scan --json \
	--as-of 2026-11-22 --discover ndp,icmp "$NET6::/120"
for run in ndp icmp6-ping; do
	n=$(found_by $run)
	if [ "$n" = "$ndev" ]; then
		echo "pass [$run]: found all $ndev devices over IPv6"
	else
		echo "FAIL [$run]: found '$n' of $ndev devices over IPv6"; fail=$((fail + 1))
	fi
	while IFS="$(printf '\t')" read -r ip mac rest; do
		case "$ip" in '#'* | '') continue ;; esac
		v6="$NET6::${ip##*.}"
		want=$("$bin" lookup --json "$mac" | sed -n 's/.*"vendor":"\([a-z]*\)".*/\1/p')
		got=$(grep "\"id\":\"$v6\"" "$state/$run.jsonl" | sed -n 's/.*"vendor":"\([a-z]*\)".*/\1/p')
		if [ "$got" = "$want" ]; then
			echo "pass [$run]: $v6 ${want:-no finding}"
		else
			echo "FAIL [$run]: $v6 ($mac) is '${got:-no finding}', not '${want:-no finding}'"
			fail=$((fail + 1))
		fi
	done <"$state/expected.tsv"
done
if grep -q "NDP discovery needs root" "$state/icmp6-ping.err"; then
	echo "pass [icmp6-ping]: said that NDP needs privileges"
else
	echo "FAIL [icmp6-ping]: no word about NDP"; fail=$((fail + 1))
fi

echo "scan-test: $fail failed"
[ $fail = 0 ]
