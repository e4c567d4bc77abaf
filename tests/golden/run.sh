#!/bin/sh
# Runs golden cases. Each non-comment line of a .list file is
#   NAME | EXPECTED-EXIT | ARGS...
# The command `bansweep ARGS` is run from tests/golden/ with stdin from /dev/null; its stdout must
# equal NAME.out in the list's directory (tests/golden/expected/NAME.out), and its exit code must be
# EXPECTED-EXIT. Set GOLDEN_UPDATE=1 to rewrite the expected files after reviewing a change.
set -u
bin=$1
list=$2
dir=$(cd "$(dirname "$list")" && pwd)
fail=0
pass=0
while IFS= read -r line; do
	case "$line" in '#'* | '') continue ;; esac
	name=$(printf '%s' "$line" | cut -d'|' -f1 | tr -d ' ')
	want=$(printf '%s' "$line" | cut -d'|' -f2 | tr -d ' ')
	args=$(printf '%s' "$line" | cut -d'|' -f3-)
	exp="$dir/expected/$name.out"
	out=$(mktemp)
	(cd "$dir" && eval "\"$bin\" $args" </dev/null >"$out" 2>"$out.err")
	rc=$?
	if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
		mkdir -p "$dir/expected"
		cp "$out" "$exp"
	fi
	if [ "$rc" != "$want" ]; then
		echo "FAIL $name: exit $rc, expected $want"; cat "$out.err"; fail=$((fail + 1))
	elif ! cmp -s "$out" "$exp"; then
		echo "FAIL $name: output differs from $exp"; diff -u "$exp" "$out" | head -40
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	rm -f "$out" "$out.err"
done <"$list"
echo "golden $(basename "$list"): $pass passed, $fail failed"
[ "$fail" = 0 ]
