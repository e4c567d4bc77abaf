#!/bin/sh
# The host inventory benchmark (issue 5):
#   1. metadata: `bansweep host --root TREE --walk` over a generated tree of FILES files (default
#      1,000,000), files per second, beside `find TREE -type f | wc -l` in the same run (target:
#      within 1.5x of find's time);
#   2. hashing: `bansweep host --root TREE --hash` over HASH_MB MB in 1 MB files (default 2,000),
#      MB/s, beside `find -print0 | xargs -0 sha256sum` in the same run (target: at least 1.8x
#      sha256sum on two cores).
# Each is run three times after a warm-up (both tools read from the page cache) and the best of
# each is compared. Usage: bench/host.sh BUILD_DIR [FILES] [HASH_MB]; needs ~5 GB of /tmp for the
# default sizes (BENCH_TMP to put the trees elsewhere).
set -eu
build=${1:-build}
files=${2:-1000000}
hash_mb=${3:-2000}
root=$(cd "$(dirname "$0")/.." && pwd)
export BANSWEEP_DATA="$root/data"
export BANSWEEP_CACHE="$build/bench-cache"
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/bsw-host-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bin="$build/bansweep"
gen="$build/bench/bench_treegen"

best() { # best CMD...: the best wall time of three runs, in seconds
	b=
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s.%N)
		b=$(python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); b=sys.argv[3]; print(t if not b or t<float(b) else b)" "$s" "$e" "$b")
	done
	echo "$b"
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== host inventory, metadata: a tree of $files files"
"$gen" "$tmp/meta" "$files" 64
find "$tmp/meta" -type f | wc -l >/dev/null
"$bin" host -q --root "$tmp/meta" --walk >/dev/null 2>&1 || true
n=$(find "$tmp/meta" | wc -l)
tf=$(best sh -c "find '$tmp/meta' -type f | wc -l")
tb=$(best "$bin" host -q --root "$tmp/meta" --walk)
python3 - "$n" "$tb" "$tf" <<'PY'
import sys
n, tb, tf = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"  bansweep host --walk: {n} names in {tb:.2f} s, {n/tb/1e6:.2f} M files/s")
print(f"  find -type f | wc -l: {tf:.2f} s, {n/tf/1e6:.2f} M files/s")
r = tb / tf
print(f"  bansweep takes {r:.2f}x find's time (target <= 1.5x): {'PASS' if r <= 1.5 else 'FAIL'}")
PY
rm -rf "$tmp/meta"

echo "== host inventory, hashing: $hash_mb MB in 1 MB files"
"$gen" "$tmp/hash" "$hash_mb" 1048576
cat "$tmp/hash/usr/share/bench"/*/*/* >/dev/null
th=$(best "$bin" host -q --root "$tmp/hash" --hash)
ts=$(best sh -c "find '$tmp/hash' -type f -print0 | xargs -0 sha256sum")
python3 - "$hash_mb" "$th" "$ts" "$(nproc)" <<'PY'
import sys
mb, th, ts, cores = int(sys.argv[1]) * 1.048576, float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
print(f"  bansweep host --hash ({cores} cores): {th:.2f} s, {mb/th:.0f} MB/s")
print(f"  sha256sum (one process): {ts:.2f} s, {mb/ts:.0f} MB/s")
r = ts / th
print(f"  bansweep is {r:.1f}x sha256sum (target >= 1.8x): {'PASS' if r >= 1.8 else 'FAIL'}")
PY
