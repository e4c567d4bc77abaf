#!/bin/sh
# The store survives a scan killed at any moment (SIGKILL: no handler runs): after each kill the
# SQLite file passes PRAGMA integrity_check, every scan committed before is there with all its
# rows, and the killed scan left at most its "running" row. Then two scans write at once and
# lose no rows. With BSW_PG_URL_FILE (pg.start), the same on PostgreSQL (row counts; the server
# checks its own integrity).
#   kill-test.sh BANSWEEP [ROUNDS]
set -u
bin=$1
rounds=${2:-25}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
sh "$here/gen-obs.sh" 20000 h >"$tmp/a.jsonl"
sh "$here/gen-obs.sh" 15000 w >"$tmp/b.jsonl"
na=$(wc -l <"$tmp/a.jsonl")
nb=$(wc -l <"$tmp/b.jsonl")

q() { # q DB SQL: one value
	case "$1" in
	postgres*) psql -qAt -d "$(printf '%s' "$1" | sed 's/?options=.*//')" -c "SET search_path = $schema; $2" | tail -1 ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}

check() { # check DB ROUND: integrity, earlier scans whole
	db=$1
	case "$db" in
	postgres*) ;;
	*)
		r=$(sqlite3 "$db" "PRAGMA integrity_check") || fail "round $2: sqlite3 cannot read the store"
		[ "$r" = ok ] || fail "round $2: integrity_check: $r"
		;;
	esac
	complete=$(q "$db" "SELECT count(*) FROM scans WHERE state = 'complete'")
	[ "$complete" -ge "$done_scans" ] || fail "round $2: $complete complete scans, $done_scans before"
	rows=$(q "$db" "SELECT count(*) FROM observations WHERE scan IN (SELECT id FROM scans WHERE state = 'complete')")
	[ "$rows" = "$((complete * na))" ] || fail "round $2: $rows observations in $complete complete scans of $na"
	orphans=$(q "$db" "SELECT count(*) FROM observations WHERE scan NOT IN (SELECT id FROM scans WHERE state = 'complete')")
	[ "$orphans" = 0 ] || fail "round $2: $orphans observations of unfinished scans"
	done_scans=$complete
}

run_kills() { # run_kills DB
	db=$1
	done_scans=0
	"$bin" -q --db "$db" identify --complete "$tmp/a.jsonl" >/dev/null || fail "first scan"
	done_scans=1
	start=$(date +%s%N)
	"$bin" -q --db "$db" identify --complete "$tmp/a.jsonl" >/dev/null || fail "second scan"
	took=$((($(date +%s%N) - start) / 1000000))
	done_scans=2
	echo "kill-test ($db): a scan of $na observations takes $took ms; $rounds kills at random moments"
	i=0
	killed=0
	while [ "$i" -lt "$rounds" ]; do
		i=$((i + 1))
		# Anywhere in the run, the commit at its end included.
		delay=$(awk -v s="$(date +%N)" -v t="$took" 'BEGIN { srand(s); printf "%.3f", rand() * t * 1.1 / 1000 }')
		"$bin" -q --db "$db" identify --complete "$tmp/a.jsonl" >/dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
		wait "$pid" 2>/dev/null
		check "$db" "$i"
	done
	echo "kill-test: $killed of $rounds runs killed, $done_scans complete scans, store intact"
	# Two scans at once: both complete, no row lost.
	before=$(q "$db" "SELECT count(*) FROM observations")
	"$bin" -q --db "$db" identify --complete "$tmp/a.jsonl" >/dev/null 2>"$tmp/e1" &
	p1=$!
	"$bin" -q --db "$db" identify --complete "$tmp/b.jsonl" >/dev/null 2>"$tmp/e2" &
	p2=$!
	wait "$p1" || { cat "$tmp/e1"; fail "concurrent scan 1"; }
	wait "$p2" || { cat "$tmp/e2"; fail "concurrent scan 2"; }
	after=$(q "$db" "SELECT count(*) FROM observations")
	[ "$after" = "$((before + na + nb))" ] || fail "concurrent scans: $after observations, expected $((before + na + nb))"
	assets=$(q "$db" "SELECT count(*) FROM assets")
	[ "$assets" = 35000 ] || fail "concurrent scans: $assets assets, expected 35000"
	echo "kill-test: two scans at once wrote $na + $nb observations, none lost"
}

run_kills "$tmp/store.db"
if [ -n "${BSW_PG_URL_FILE:-}" ] && [ -r "$BSW_PG_URL_FILE" ]; then
	base=$(cat "$BSW_PG_URL_FILE")
	schema="kill_$$"
	psql -qAt -d "$base" -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null ||
		fail "cannot make a schema on $base"
	run_kills "$base?options=-csearch_path%3D$schema"
	psql -qAt -d "$base" -c "DROP SCHEMA $schema CASCADE" >/dev/null
else
	echo "kill-test: PostgreSQL part skipped (no server)"
fi
echo "kill-test: passed"
