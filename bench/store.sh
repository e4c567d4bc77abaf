#!/bin/sh
# The store at scale: 1,000,000 observations of 100,000 assets (10,000 findings) recorded by
# `bansweep identify --complete`, then recorded again (every asset and finding updated), then the
# HTML report of the store. The cost of storing is the run's time minus the same run with
# --no-store. Beside it, sqlite3's own CSV import of the same 1,000,000 rows into a table with the
# same index (the engine's floor, no identity or findings work) as a ratio. With PostgreSQL
# installed and root, the same on a throwaway server (scripts/pg-test.sh) beside psql's \copy.
#   bench/store.sh BUILD_DIR [ASSETS]
set -eu
build=${1:-build}
n=${2:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
export BANSWEEP_DATA="$root/data"
export BANSWEEP_CACHE="$build/bench-cache"
bin="$build/bansweep"
tmp=$(mktemp -d)
pgdir="$tmp/pg"
cleanup() {
	[ -f "$pgdir/url" ] && sh "$root/scripts/pg-test.sh" stop "$pgdir" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

sh "$root/tests/store/gen-obs.sh" "$n" h >"$tmp/obs.jsonl"
nobs=$(wc -l <"$tmp/obs.jsonl")
# The same rows as CSV for the peers: scan, asset, key, value, source.
awk -F'"' '{ printf "1,%s,%s,%s,%s\n", $4, $8, $12, ($16 == "" ? "" : $16) }' "$tmp/obs.jsonl" >"$tmp/obs.csv"
echo "== store: $nobs observations of $n assets"

t0=$(now)
"$bin" -q --no-store identify --complete "$tmp/obs.jsonl" >/dev/null
t1=$(now)
base=$(secs "$t0" "$t1")
echo "  identify without the store: $base s"

run_store() { # run_store LABEL DB
	t0=$(now)
	"$bin" -q --db "$2" identify --complete "$tmp/obs.jsonl" >/dev/null
	t1=$(now)
	first=$(secs "$t0" "$t1")
	t0=$(now)
	"$bin" -q --db "$2" identify --complete "$tmp/obs.jsonl" >/dev/null
	t1=$(now)
	second=$(secs "$t0" "$t1")
	awk -v f="$first" -v s="$second" -v b="$base" -v n="$nobs" -v a="$n" -v l="$1" 'BEGIN {
		printf "  %s, first scan (all new): %.2f s in all, %.2f s storing: %.0f observations/s, %.0f assets/s\n", l, f, f - b, n / (f - b), a / (f - b)
		printf "  %s, second scan (all seen again): %.2f s in all, %.2f s storing: %.0f observations/s\n", l, s, s - b, n / (s - b)
	}'
	store_secs=$(awk -v f="$first" -v b="$base" 'BEGIN { printf "%.2f", f - b }')
	t0=$(now)
	"$bin" -q --db "$2" report --format html -o "$tmp/report.html" --as-of 2026-11-22
	t1=$(now)
	echo "  $1, HTML report of the store: $(secs "$t0" "$t1") s, $(($(wc -c <"$tmp/report.html") / 1024)) KiB"
	t0=$(now)
	"$bin" -q --db "$2" status --as-of 2026-11-22 >/dev/null
	t1=$(now)
	echo "  $1, status: $(secs "$t0" "$t1") s"
}

run_store sqlite "$tmp/s.db"
if command -v sqlite3 >/dev/null 2>&1; then
	t0=$(now)
	sqlite3 "$tmp/peer.db" "PRAGMA journal_mode=WAL;" \
		"CREATE TABLE observations(scan BIGINT, asset TEXT, key TEXT, value TEXT, source TEXT);" \
		"CREATE INDEX o_asset ON observations(asset);" ".import --csv $tmp/obs.csv observations" >/dev/null
	t1=$(now)
	peer=$(secs "$t0" "$t1")
	awk -v p="$peer" -v s="$store_secs" -v n="$nobs" 'BEGIN {
		printf "  peer: sqlite3 .import of the same rows: %.2f s (%.0f rows/s); bansweep stores at %.2fx its time\n", p, n / p, s / p }'
fi

if [ "$(id -u)" = 0 ] && sh "$root/scripts/pg-test.sh" start "$pgdir" >/dev/null 2>&1; then
	url=$(cat "$pgdir/url")
	run_store postgresql "$url"
	t0=$(now)
	psql -qAt -d "$url" -c "CREATE TABLE peer(scan BIGINT, asset TEXT, key TEXT, value TEXT, source TEXT); CREATE INDEX p_asset ON peer(asset);" \
		-c "\\copy peer FROM '$tmp/obs.csv' WITH (FORMAT csv)" >/dev/null
	t1=$(now)
	peer=$(secs "$t0" "$t1")
	awk -v p="$peer" -v s="$store_secs" -v n="$nobs" 'BEGIN {
		printf "  peer: psql \\copy of the same rows: %.2f s (%.0f rows/s); bansweep stores at %.2fx its time\n", p, n / p, s / p }'
else
	echo "  postgresql: skipped (needs root and PostgreSQL's server binaries)"
fi
