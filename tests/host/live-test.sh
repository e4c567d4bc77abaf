#!/bin/sh
# `bansweep host` on this machine: as root it inventories the live system (processes, devices,
# interfaces too); as nobody (setpriv) it still runs to the end, exits 0, and its summary says
# what it could not read: at least the executables of root's processes (/proc/1/exe), grouped
# with a count rather than listed by the thousand. Exit 77 (skipped) when not root.
set -u
bin=$1
if [ "$(id -u)" != 0 ]; then
	echo "skipped: needs root to run as root and as nobody"
	exit 77
fi
if ! command -v setpriv >/dev/null 2>&1; then
	echo "skipped: no setpriv"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
fail=0
check() { # check MESSAGE: prints and counts a failure
	echo "FAIL $1"
	fail=$((fail + 1))
}


run() { # run TAG [setpriv args...]
	tag=$1
	shift
	BANSWEEP_CACHE="$tmp/cache-$tag" timeout 90 "$@" "$bin" host --json --as-of 2026-11-22 \
		>"$tmp/$tag.out" 2>"$tmp/$tag.err"
	echo $? >"$tmp/$tag.rc"
}

run root
run nobody setpriv --reuid=65534 --regid=65534 --clear-groups

for tag in root nobody; do
	rc=$(cat "$tmp/$tag.rc")
	echo "== $tag: exit $rc"
	cat "$tmp/$tag.err"
	[ "$rc" = 0 ] || check "$tag: exit $rc, expected 0"
	grep -q "^host: /: [0-9]* files examined, [0-9]* observations" "$tmp/$tag.err" ||
		check "$tag: no summary on standard error"
	files=$(sed -n 's/^host: \/: \([0-9]*\) files examined.*/\1/p' "$tmp/$tag.err")
	obs=$(sed -n 's/^host: \/: [0-9]* files examined, \([0-9]*\) observations.*/\1/p' "$tmp/$tag.err")
	[ "${files:-0}" -gt 10 ] || check "$tag: only ${files:-0} files examined"
	[ "${obs:-0}" -gt 10 ] || check "$tag: only ${obs:-0} observations"
	# Every line of standard output is one JSON object (a finding).
	if [ -s "$tmp/$tag.out" ] && grep -v '^{.*}$' "$tmp/$tag.out" | grep -q .; then
		check "$tag: standard output is not JSON Lines"
	fi
	# No error line lists more than a few paths: they are counted instead.
	if grep -E '^  [a-z-]+: ' "$tmp/$tag.err" | awk -F', ' 'NF > 4 { bad = 1 } END { exit !bad }'; then
		check "$tag: an error group lists more than a few paths"
	fi
done

# As nobody, root's own processes cannot be looked into: the summary says so.
notread=$(sed -n 's/.* \([0-9]*\) not read$/\1/p' "$tmp/nobody.err")
[ "${notread:-0}" -gt 0 ] || check "nobody: nothing reported as not read"
grep -q '^  proc: could not read: Permission denied: /proc/1/exe' "$tmp/nobody.err" ||
	check "nobody: /proc/1/exe not reported as unreadable"
if [ "$fail" -gt 0 ]; then
	echo "$fail checks failed"
	exit 1
fi
echo "host.live: root and nobody both inventoried this machine"
