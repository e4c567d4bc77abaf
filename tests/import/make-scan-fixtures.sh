#!/bin/sh
# make-scan-fixtures.sh: runs the real nmap and masscan against the scan lab (tests/lab/scan-lab.sh)
# and writes the importers' fixtures:
#   tests/fixtures/import/nmap-lab.xml      nmap -oX (-sS -sU -sV --version-light, a few scripts)
#   tests/fixtures/import/masscan-lab.json  masscan -oJ --banners
#   tests/fixtures/import/masscan-lab.list  masscan -oL --banners
# Run as root on Debian 12 (apt-get install nmap masscan); it brings its own lab up (11 devices,
# every non-hostile class once) in namespaces of its own prefix and takes it down at the end.
# Only the lab's addresses are ever sent packets.
#
# masscan sends every frame to one "router" MAC and the lab segment has no router, so it is run
# once per device with --router-mac set to the device's MAC (from the lab's expected.tsv) and the
# runs are joined: the -oL lines are concatenated, the -oJ records put into one array the way
# masscan writes them. --banners needs a source address the scanner's kernel does not own (else
# the kernel resets masscan's connections): an unused address of the lab net.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${1:-$ROOT/tests/fixtures/import}
export BSW_LAB_PREFIX=${BSW_LAB_PREFIX:-bsw-imp}
export BSW_LAB_NET=${BSW_LAB_NET:-10.81.0}
export BSW_LAB_STATE=${BSW_LAB_STATE:-/run/$BSW_LAB_PREFIX}
LAB="sh $ROOT/tests/lab/scan-lab.sh"
NET=$BSW_LAB_NET
TMP=$(mktemp -d)
trap '$LAB down >/dev/null 2>&1 || true; rm -rf "$TMP"' EXIT

[ -f "$BSW_LAB_STATE/expected.tsv" ] || $LAB up 11
EXP=$BSW_LAB_STATE/expected.tsv

# The ports of src/probe/probes.def.
TCP=21,22,23,80,443,554,8000,37777,49152
NMAP_SCRIPTS=banner,http-title,http-server-header,ssl-cert,snmp-sysdescr,upnp-info,rtsp-methods

# nmap: -n (the namespace has no resolver), short timeouts, light version probes.
$LAB exec nmap -n -sS -sU -sV --version-light -p "T:$TCP,U:161" \
	--script "$NMAP_SCRIPTS" --script-timeout 20s --host-timeout 180s \
	-oX "$TMP/nmap.xml" "$NET.10-20" >/dev/null
sed "s|$TMP/nmap.xml|nmap-lab.xml|" "$TMP/nmap.xml" >"$OUT/nmap-lab.xml"

# masscan, one run per device.
i=0
awk -F'\t' '!/^#/{print $1, $2}' "$EXP" | while read -r ip mac; do
	i=$((i + 1))
	for fmt in J L; do
		# masscan 1.3.2 with --banners can wait for ever on a connection that stays open
		# (its "waiting -N-secs" count): a time limit, then SIGTERM; it writes what it has.
		$LAB exec timeout 90 masscan "$ip" -p "$TCP" --rate 200 --wait 5 --banners \
			--source-ip "$NET.250" --router-mac "$mac" -e eth0 \
			"-o$fmt" "$TMP/m$i.$fmt" >/dev/null 2>&1 || true
	done
done
# -oL: the first run's header, every run's records, the last run's end line.
{
	head -n1 "$TMP/m1.L"
	cat "$TMP"/m*.L | grep -v '^#'
	tail -n1 "$(ls "$TMP"/m*.L | tail -n1)"
} >"$OUT/masscan-lab.list"
# -oJ: "[" then records, each run's records as written, "]".
{
	echo "["
	cat "$TMP"/m*.J | grep -v '^\[$' | grep -v '^\]$'
	echo "]"
} >"$OUT/masscan-lab.json"
echo "make-scan-fixtures: wrote $OUT/nmap-lab.xml masscan-lab.json masscan-lab.list"
