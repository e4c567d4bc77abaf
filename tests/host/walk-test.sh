#!/bin/sh
# bansweep host --walk and --hash on a root made here: every name under the root is looked at
# (a Kaspersky tree deep under /var/opt, found only by the walk when the opt source is left
# out), every regular file is hashed, a hash list attributes a file by its content whatever its
# name, a file of other content is not attributed, and a bad hash list is an error naming its
# line. Needs no privilege.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
r=$tmp/root
mkdir -p "$r/etc" "$r/usr/bin" "$r/var/opt/kaspersky/klnagent/bin" "$r/home/ann/Downloads"
echo walktest >"$r/etc/hostname"
printf 'not an installer\n' >"$r/usr/bin/tool"
printf 'MZ a Kaspersky installer, as far as this test is concerned\n' >"$r/home/ann/Downloads/setup.exe"
printf '#!/bin/sh\n' >"$r/var/opt/kaspersky/klnagent/bin/klnagent"
ln -s /etc/hostname "$r/usr/bin/link"
h=$(sha256sum "$r/home/ann/Downloads/setup.exe" | cut -d' ' -f1)
other=$(sha256sum "$r/usr/bin/tool" | cut -d' ' -f1)
printf '# test list\n%s  kaspersky  security-software  Kaspersky installer (test entry)\n' "$h" >"$tmp/list"

# 1. The walk alone: the deep Kaspersky path, nothing else.
"$bin" host --root "$r" --sources files --walk --json --as-of 2026-11-22 >"$tmp/walk.json" 2>"$tmp/walk.err"
rc=$?
if [ $rc = 0 ] && grep -q '"value":"/var/opt/kaspersky/klnagent/bin/klnagent"' "$tmp/walk.json" &&
	[ "$(grep -c '"vendor":"kaspersky"' "$tmp/walk.json")" = 1 ]; then
	echo "pass: the walk finds /var/opt/kaspersky/klnagent/bin/klnagent"
else
	echo "FAIL: walk (exit $rc)"; cat "$tmp/walk.json" "$tmp/walk.err"; fail=$((fail + 1))
fi
grep -q "files examined" "$tmp/walk.err" || { echo "FAIL: no summary"; fail=$((fail + 1)); }
files=$(sed -n 's/.*: \([0-9]*\) files examined.*/\1/p' "$tmp/walk.err")
# etc, hostname, usr, bin, tool, link, var, opt, kaspersky, klnagent, bin, klnagent, home, ann,
# Downloads, setup.exe
[ "$files" = 16 ] && echo "pass: 16 names examined" || { echo "FAIL: $files names examined, not 16"; fail=$((fail + 1)); }

# 2. Hashing without a list: no finding from the content.
"$bin" host --root "$r" --sources files --hash --json --as-of 2026-11-22 --threads 2 >"$tmp/h0.json" 2>"$tmp/h0.err"
if grep -q "$h" "$tmp/h0.json"; then
	echo "FAIL: a digest became evidence without a hash list"; fail=$((fail + 1))
else
	echo "pass: no hash list, no digest evidence"
fi

# 3. With the list: setup.exe is Kaspersky by its content, tool is not.
"$bin" host --root "$r" --sources files --hash --hash-list "$tmp/list" --json --as-of 2026-11-22 >"$tmp/h1.json" 2>"$tmp/h1.err"
rc=$?
line=$(grep '"vendor":"kaspersky"' "$tmp/h1.json")
if [ $rc = 0 ] && echo "$line" | grep -q "\"key\":\"file.sha256\",\"value\":\"$h\"" &&
	echo "$line" | grep -q '"source":"host: /home/ann/Downloads/setup.exe"' &&
	! grep -q "$other" "$tmp/h1.json"; then
	echo "pass: setup.exe attributed by its SHA-256, tool not"
else
	echo "FAIL: hash list (exit $rc)"; cat "$tmp/h1.json" "$tmp/h1.err"; fail=$((fail + 1))
fi

# 4. A bad hash list: exit 2, the file and line named, nothing inventoried.
printf '# list\n%s kaspersky\n' "$h" >"$tmp/bad"
"$bin" host --root "$r" --hash --hash-list "$tmp/bad" >"$tmp/bad.out" 2>"$tmp/bad.err"
rc=$?
if [ $rc = 2 ] && grep -q "$tmp/bad:2: expected SHA256 VENDOR CLASS PRODUCT" "$tmp/bad.err"; then
	echo "pass: bad hash list refused at line 2"
else
	echo "FAIL: bad hash list (exit $rc)"; cat "$tmp/bad.err"; fail=$((fail + 1))
fi

# 5. An unreadable directory is said, and the rest is walked (as nobody: root reads anything).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$tmp"
	mkdir -p "$r/root/secret"
	chmod 700 "$r/root"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" host --root "$r" --sources files \
		--walk --json --as-of 2026-11-22 >"$tmp/np.json" 2>"$tmp/np.err"
	if grep -q "/root" "$tmp/np.err" && grep -q "Permission denied" "$tmp/np.err" &&
		grep -q '"vendor":"kaspersky"' "$tmp/np.json"; then
		echo "pass: /root not readable as nobody, said so, the rest walked"
	else
		echo "FAIL: unreadable directory"; cat "$tmp/np.err"; fail=$((fail + 1))
	fi
fi
echo "walk-test: $fail failed"
[ $fail = 0 ]
