#!/bin/sh
# Runs every libFuzzer target of a -DBANSWEEP_FUZZ=ON build for a few seconds, starting from a
# scratch copy of its checked-in corpus, so that CI exercises the fuzzers themselves.
set -eu
build=$1
secs=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
export BANSWEEP_DATA="$root/data" BANSWEEP_CACHE="$build/cache"
n=0
for bin in "$build"/tests/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin" | sed 's/^fuzz_//')
	work=$(mktemp -d)
	cp -r "$root/tests/fuzz/corpus/$name/." "$work/" 2>/dev/null || true
	echo "fuzz $name: ${secs}s"
	"$bin" -max_total_time="$secs" -max_len=65536 -print_final_stats=0 "$work" \
		>"$work.log" 2>&1 || { tail -40 "$work.log"; exit 1; }
	grep -E '^#[0-9]+.*DONE' "$work.log" | tail -1 || true
	rm -rf "$work" "$work.log"
	n=$((n + 1))
done
echo "fuzz-smoke: $n targets ran clean"
[ "$n" -gt 0 ]
