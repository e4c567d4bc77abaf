#!/bin/sh
# Runs every libFuzzer target of a -DBANSWEEP_FUZZ=ON build for a few seconds, starting from a
# scratch copy of its checked-in corpus, so that CI exercises the fuzzers themselves. Targets run
# as many at a time as there are cores (each fuzzer is one process on one core).
#   fuzz-smoke.sh BUILD [SECONDS]
set -eu
build=$1
secs=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
export BANSWEEP_DATA="$root/data" BANSWEEP_CACHE="$build/cache"
jobs=$(nproc 2>/dev/null || echo 1)
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Runs one target; its log and verdict go to $results.
one() {
	bin=$1
	name=$(basename "$bin" | sed 's/^fuzz_//')
	work=$(mktemp -d)
	cp -r "$root/tests/fuzz/corpus/$name/." "$work/" 2>/dev/null || true
	if "$bin" -max_total_time="$secs" -max_len=65536 -print_final_stats=0 "$work" \
		>"$results/$name.log" 2>&1; then
		echo "fuzz $name: ${secs}s, $(grep -E '^#[0-9]+.*DONE' "$results/$name.log" | tail -1)"
		touch "$results/$name.ok"
	else
		echo "fuzz $name: FAILED"
		tail -40 "$results/$name.log"
	fi
	rm -rf "$work"
}

n=0
running=0
for bin in "$build"/tests/fuzz_*; do
	[ -x "$bin" ] || continue
	n=$((n + 1))
	one "$bin" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
ok=$(find "$results" -name '*.ok' | wc -l)
if [ "$ok" -ne "$n" ] || [ "$n" -eq 0 ]; then
	echo "fuzz-smoke: $((n - ok)) of $n targets failed"
	exit 1
fi
echo "fuzz-smoke: $n targets ran clean"
