#!/bin/sh
# Runs golden cases. Each non-comment line of a .list file is
#   NAME | EXPECTED-EXIT | ARGS...
# `bansweep ARGS` runs in tests/golden/ (or in $GOLDEN_CWD when set: the pcap cases run where the
# generated captures are, so that messages name them by relative path; $GOLDEN_DIR names
# tests/golden/ in ARGS) with stdin from /dev/null (ARGS may redirect it); its
# standard output must equal expected/NAME.out and, when expected/NAME.err exists, its standard
# error must equal that; its exit code must be EXPECTED-EXIT.
# GOLDEN_UPDATE=1 rewrites the expected files (review the diff before committing).
set -u
bin=$1
list=$2
dir=$(cd "$(dirname "$list")" && pwd)
export GOLDEN_DIR="$dir"
cwd=${GOLDEN_CWD:-$dir}
fail=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A scratch directory the cases of one list share (a store written by one case and read by the
# next), and a store of its own for the cases that do not name one.
export GOLDEN_TMP="$tmp"
export BANSWEEP_DB="$tmp/default.db"
# The store the store's cases name; shown as $STORE_DB in what they print, so that the same
# expected files hold for SQLite and PostgreSQL.
export STORE_DB="${STORE_DB:-$tmp/store.db}"
# (a basic regular expression: only these characters are special in it)
store_re=$(printf '%s' "$STORE_DB" | sed 's/[][\\.*^$]/\\&/g')
# and as Markdown writes it (its _ escaped)
store_md=$(printf '%s' "$STORE_DB" | sed 's/_/\\_/g' | sed 's/[][\\.*^$]/\\&/g')
while IFS= read -r line; do
	case "$line" in '#'* | '') continue ;; esac
	name=$(printf '%s' "$line" | cut -d'|' -f1 | tr -d ' ')
	want=$(printf '%s' "$line" | cut -d'|' -f2 | tr -d ' ')
	args=$(printf '%s' "$line" | cut -d'|' -f3-)
	exp="$dir/expected/$name"
	(cd "$cwd" && eval "\"$bin\" $args" </dev/null >"$tmp/out.raw" 2>"$tmp/err")
	rc=$?
	sed -e "s|$store_re|\$STORE_DB|g" -e "s|$store_md|\$STORE_DB|g" -e "s|$tmp/|\$GOLDEN_TMP/|g" \
		-e "s|$dir/|\$GOLDEN_DIR/|g" "$tmp/out.raw" >"$tmp/out"
	# Timings in summaries differ run to run: they are not part of what is compared.
	# Where a run was stored is not part of it either, except in the store's own cases.
	sed -E 's/ in [0-9.]+ s \([0-9]+ MB\/s\)//' "$tmp/err" |
		sed -e "s|$store_re|\$STORE_DB|g" -e "s|$tmp/|\$GOLDEN_TMP/|g" -e "s|$dir/|\$GOLDEN_DIR/|g" |
		if [ "${GOLDEN_KEEP_STORED:-0}" = 1 ]; then cat; else grep -v '^stored: scan '; fi \
		>"$tmp/err.n" && mv "$tmp/err.n" "$tmp/err"
	if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
		mkdir -p "$dir/expected"
		cp "$tmp/out" "$exp.out"
		if [ -s "$tmp/err" ] || [ -f "$exp.err" ]; then cp "$tmp/err" "$exp.err"; fi
	fi
	if [ "$rc" != "$want" ]; then
		echo "FAIL $name: exit $rc, expected $want"
		head -20 "$tmp/err"
		fail=$((fail + 1))
	elif ! cmp -s "$tmp/out" "$exp.out"; then
		echo "FAIL $name: standard output differs from $exp.out"
		diff -u "$exp.out" "$tmp/out" | head -40
		fail=$((fail + 1))
	elif [ -f "$exp.err" ] && ! cmp -s "$tmp/err" "$exp.err"; then
		echo "FAIL $name: standard error differs from $exp.err"
		diff -u "$exp.err" "$tmp/err" | head -40
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done <"$list"
echo "golden $(basename "$list"): $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
