#!/bin/sh
# bansweep import on a zgrab2 JSON Lines file of N records (default 10,000,000; target: 1 million
# records a second on one core, memory flat in the file's size). Prints:
#   - the generated file (bench_zgrabgen: size and mix of failed, http, tls, ssh, telnet records)
#   - the floors under the importer (bench_import: yajl alone, yajl through jpath, the zgrab2
#     importer without identify), one core
#   - `bansweep import --format zgrab2 --no-store --json FILE > /dev/null`, whole command, with
#     --threads 1 pinned to one core (taskset -c 0) and --threads 2 on both: records/s, peak RSS
#   - peak RSS for N/10 records beside N (memory flat in file size)
#   - the peer: jq -c over the same file, and the ratio
# Measured 2026-11-22 on the project machine (2 cores, quiet), Release build, 10 M records
# (2.64 GB): yajl alone, a call per line, 1.60 M records/s; the zgrab2 importer alone 1.34 M/s;
# the whole command 1.01 M/s on one core (peak RSS 18 MB) and 1.48 M/s on two (the file cut into
# pieces parsed by two threads while the third identifies; 47 MB at 1 M records and at 10 M);
# jq -c 0.08 M/s (bansweep 13.1x faster on one core, 19.3x on two).
# Usage: bench/import.sh BUILD [N]. The file goes to $BENCH_DIR (default: $TMPDIR or /tmp), which
# needs about 270 bytes a record free (2.7 GB for 10 M); it is removed at the end.
set -eu
build=${1:-build}
n=${2:-10000000}
root=$(cd "$(dirname "$0")/.." && pwd)
export BANSWEEP_DATA="$root/data"
bin="$build/bansweep"
dir=${BENCH_DIR:-${TMPDIR:-/tmp}}
need_kb=$((n / 1000 * 300 / 1024 * 11 / 10 + 1024))
free_kb=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')
if [ "$free_kb" -lt "$need_kb" ]; then
	echo "bench/import.sh: $dir has $((free_kb / 1024)) MB free, $((need_kb / 1024)) MB needed (set BENCH_DIR)" >&2
	exit 1
fi
tmp=$(mktemp -d "$dir/bansweep-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
small=$((n / 10))

echo "== import: zgrab2 JSON Lines, $n records ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
"$build/bench/bench_zgrabgen" "$small" "$tmp/small.jsonl"
"$build/bench/bench_zgrabgen" "$n" "$tmp/zgrab2.jsonl"
# A first read brings the file into the page cache for every run alike.
cat "$tmp/zgrab2.jsonl" >/dev/null

echo "-- floors, one core (bench_import)"
for m in -y -j ""; do
	taskset -c 0 "$build/bench/bench_import" $m zgrab2 "$tmp/zgrab2.jsonl" 2>&1 | sed 's/^/  /'
done

# run LABEL CPUS THREADS FILE: the whole command under /usr/bin/time -v; prints records/s and
# peak RSS and leaves the seconds in $secs.
run() {
	taskset -c "$2" /usr/bin/time -v "$bin" import -q --threads "$3" --format zgrab2 --no-store \
		--json "$4" >/dev/null 2>"$tmp/time" || true
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$tmp/time")
	rss=$(awk -F': ' '/Maximum resident/ { print $2 }' "$tmp/time")
	cpu=$(awk -F': ' '/Percent of CPU/ { print $2 }' "$tmp/time")
	recs=$(wc -l <"$4")
	python3 -c "import sys; r=int(sys.argv[2]); s=float(sys.argv[3]); print(f'  {sys.argv[1]}: {r} records in {s:.2f} s: {r/s/1e6:.2f} M records/s, CPU {sys.argv[5]}, peak RSS {int(sys.argv[4])/1024:.1f} MB')" \
		"$1" "$recs" "$secs" "$rss" "$cpu"
}

echo "-- bansweep import --format zgrab2 --no-store --json (whole command, findings to /dev/null)"
run "--threads 1, one core " 0 1 "$tmp/zgrab2.jsonl"
one=$secs
run "--threads 2, two cores" 0,1 2 "$tmp/zgrab2.jsonl"
two=$secs
echo "-- memory flat in file size (--threads 2)"
run "N/10 records" 0,1 2 "$tmp/small.jsonl"
run "N records   " 0,1 2 "$tmp/zgrab2.jsonl"

if command -v jq >/dev/null 2>&1; then
	echo "-- peer: jq -c . (parses and re-prints each record, one core)"
	start=$(date +%s.%N)
	taskset -c 0 jq -c . "$tmp/zgrab2.jsonl" >/dev/null
	end=$(date +%s.%N)
	python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); a=float(sys.argv[4]); b=float(sys.argv[5]); print(f'  jq: {s:.2f} s, {n/s/1e6:.2f} M records/s; bansweep import is {s/a:.1f}x faster on one core, {s/b:.1f}x on two')" \
		"$start" "$end" "$n" "$one" "$two"
else
	echo "-- peer: jq not installed (scripts/install-deps.sh installs it)"
fi
