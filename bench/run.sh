#!/bin/sh
# Runs the benchmarks of bench/ against a release build and prints their figures:
#   - MAC registry: lookups per second on one core, index open cold and warm (bench_lookup)
#   - start-up of `bansweep lookup` with the full registry, whole process (hyperfine)
#   - identify: observations per second from JSON Lines to findings (bench_identify), and the
#     whole command writing JSON Lines findings
#   - host inventory (bench/host.sh): a 1,000,000-file tree walked beside find, 2,000 MB hashed
#     beside sha256sum (HOST_FILES=0 skips it; HOST_FILES and HOST_HASH_MB set the sizes)
# Usage: bench/run.sh BUILD_DIR [N_OBS]. No peer tool on Debian does the first jobs (arp-scan and
# nmap look MAC prefixes up only inside a scan), so no ratio is printed for them.
set -eu
build=${1:-build}
nobs=${2:-2000000}
root=$(cd "$(dirname "$0")/.." && pwd)
export BANSWEEP_DATA="$root/data"
export BANSWEEP_CACHE="$build/bench-cache"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin="$build/bansweep"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== MAC registry lookups"
"$build/bench/bench_lookup"

echo "== bansweep lookup start-up (whole process, warm index cache)"
"$bin" lookup 4C:BD:8F:00:00:01 >/dev/null
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N --warmup 10 --runs 200 --export-json "$tmp/h.json" \
		"$bin lookup 4C:BD:8F:00:00:01" >/dev/null 2>&1
	python3 - "$tmp/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"  mean {r['mean']*1000:.2f} ms, median {r['median']*1000:.2f} ms, "
      f"min {r['min']*1000:.2f} ms, max {r['max']*1000:.2f} ms over {len(r['times'])} runs "
      f"(target < 20 ms)")
PY
else
	echo "  hyperfine not installed (scripts/install-deps.sh installs it)"
fi

echo "== identify"
"$build/bench/bench_identify" "$nobs" "$tmp/obs.jsonl"
echo "== bansweep identify --json (whole command, JSON Lines findings to /dev/null)"
start=$(date +%s.%N)
"$bin" identify -q --json "$tmp/obs.jsonl" >/dev/null
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'  {n} observations in {s:.2f} s: {n/s/1e6:.2f} M obs/s')" "$start" "$end" "$nobs"

if [ "${PCAP_MB:-0}" != 0 ]; then
	sh "$root/bench/pcap.sh" "$build" "$PCAP_MB"
else
	echo "== passive analysis: set PCAP_MB=1024 to run bench/pcap.sh (needs ~5 GB of disk)"
fi

if [ "${HOST_FILES:-1000000}" != 0 ]; then
	sh "$root/bench/host.sh" "$build" "${HOST_FILES:-1000000}" "${HOST_HASH_MB:-2000}"
else
	echo "== host inventory: HOST_FILES=0 skipped bench/host.sh"
fi
