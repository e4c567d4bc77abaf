#!/bin/sh
# Passive analysis benchmark: generates mixed captures (bench_pcapgen) of SIZE MB and 4 x SIZE MB,
# and measures `bansweep pcap` on each (wall time, throughput, peak memory), beside
# `tshark -r` extracting the same fields and `tcpdump -nr` printing, on the smaller one, in the
# same run. Usage: bench/pcap.sh BUILD_DIR [SIZE_MB] (default 1024). Needs ~5 x SIZE MB of disk
# under $TMPDIR (default /tmp).
set -eu
build=${1:-build}
size=${2:-1024}
root=$(cd "$(dirname "$0")/.." && pwd)
export BANSWEEP_DATA="$root/data" BANSWEEP_CACHE="$build/bench-cache"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bansweep-pcap.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bin="$build/bansweep"
small="$tmp/mix-${size}.pcap"
big="$tmp/mix-$((size * 4)).pcap"
"$build/bench/bench_pcapgen" "$small" "$size"
"$build/bench/bench_pcapgen" "$big" "$((size * 4))"
# Warm the page cache so that every tool reads from memory, not from the disk.
cat "$small" >/dev/null

# run LABEL FILE COMMAND...: prints seconds, MB/s of FILE, peak RSS
run() {
	label=$1
	file=$2
	shift 2
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || {
		echo "$label failed:"; cat "$tmp/err"; return 1; }
	set -- $(cat "$tmp/time")
	mb=$(($(stat -c %s "$file") / 1000000))
	python3 -c "import sys; s=float(sys.argv[1]); print(f'  {sys.argv[4]:<38} {s:7.2f} s  {int(sys.argv[3])/s/1000:6.2f} GB/s  peak RSS {int(sys.argv[2])/1024:7.1f} MB')" "$1" "$2" "$mb" "$label"
	echo "$1" >"$tmp/last"
}

echo "== passive analysis: $size MB and $((size * 4)) MB captures, one core each"
run "bansweep pcap ($size MB)" "$small" "$bin" pcap -q "$small"
ours=$(cat "$tmp/last")
cat "$big" >/dev/null
run "bansweep pcap ($((size * 4)) MB)" "$big" "$bin" pcap -q "$big"
rm -f "$big"
cat "$small" >/dev/null
run "tcpdump -nr ($size MB)" "$small" tcpdump -nr "$small"
td=$(cat "$tmp/last")
run "tshark -r -T fields ($size MB)" "$small" tshark -r "$small" -n -T fields \
	-e eth.src -e ip.src -e dns.qry.name -e tls.handshake.extensions_server_name \
	-e http.host -e http.user_agent -e http.server -e dhcp.option.vendor_class_id \
	-e dhcp.option.hostname -e arp.src.hw_mac
ts=$(cat "$tmp/last")
python3 -c "import sys; o,d,t=map(float,sys.argv[1:]); print(f'  ratio: bansweep is {t/o:.1f}x tshark, {d/o:.1f}x tcpdump (same run)')" "$ours" "$td" "$ts"
