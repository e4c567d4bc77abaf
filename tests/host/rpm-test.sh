#!/bin/sh
# `bansweep host --sources rpm` on roots whose rpm database (sqlite) is made here with rpmbuild
# and rpm --justdb: kesl (Vendor AO Kaspersky Lab) is found with the rpm database as its
# source; a garbage rpmdb.sqlite is reported as malformed (exit 2), not a crash.
# Exit 77 (skipped) without rpmbuild and rpm, or when bansweep was built without librpm.
set -u
bin=$1
for t in rpm rpmbuild; do
	command -v $t >/dev/null 2>&1 || { echo "skipped: no $t"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cat >kesl.spec <<'SPEC'
Name: kesl
Version: 12.1.0
Release: 1297
Summary: Kaspersky Endpoint Security for Linux
License: Proprietary
Vendor: AO Kaspersky Lab
BuildArch: noarch
%description
Fixture package: a record in the rpm database, no files.
%files
SPEC
sed 's/^Name: kesl/Name: bash-completion/; s/^Vendor: .*/Vendor: Fedora Project/' kesl.spec >other.spec
for s in kesl other; do
	rpmbuild -bb --quiet --define "_topdir $tmp/top" $s.spec >/dev/null 2>&1 ||
		{ echo "skipped: rpmbuild failed"; exit 77; }
done
mkdir -p root/etc root/usr
rpm --root "$tmp/root" --dbpath /var/lib/rpm --initdb 2>/dev/null
rpm --root "$tmp/root" --dbpath /var/lib/rpm -i --justdb --nodeps --noscripts --nosignature \
	top/RPMS/noarch/*.rpm 2>/dev/null
fail=0
"$bin" host --root root --sources rpm --json --as-of 2026-11-22 >out 2>err
rc=$?
if grep -q 'built without librpm' err; then
	echo "skipped: bansweep built without librpm"
	exit 77
fi
[ $rc = 0 ] || { echo "FAIL: exit $rc"; cat err; fail=1; }
[ "$(wc -l <out)" = 1 ] || { echo "FAIL: expected one finding"; cat out; fail=1; }
grep -q '"vendor":"kaspersky"' out || { echo "FAIL: no Kaspersky finding"; fail=1; }
grep -q '"key":"pkg.name","value":"kesl","rule":"kaspersky.linux-package","source":"host: rpm database /var/lib/rpm (version 12.1.0-1297)"' out ||
	{ echo "FAIL: kesl not attributed from the rpm database"; cat out; fail=1; }
grep -q '"key":"pkg.maintainer","value":"AO Kaspersky Lab"' out || { echo "FAIL: no vendor evidence"; fail=1; }
grep -q 'bash-completion' out && { echo "FAIL: a non-covered package in the findings"; fail=1; }
grep -q '2 observations\|4 observations' err || { echo "FAIL: summary"; cat err; fail=1; }

# A corrupt database: reported with the source and the path, exit 2.
mkdir -p bad/etc bad/usr bad/var/lib/rpm
head -c 4096 /dev/zero | tr '\0' 'x' >bad/var/lib/rpm/rpmdb.sqlite
"$bin" host --root bad --sources rpm --as-of 2026-11-22 >out 2>err
rc=$?
[ $rc = 2 ] || { echo "FAIL: corrupt database: exit $rc, expected 2"; cat err; fail=1; }
grep -q '^bansweep: host: rpm: /var/lib/rpm/rpmdb.sqlite: not an SQLite database' err || { echo "FAIL: corrupt database not reported"; cat err; fail=1; }

# A root whose rpm directory is an absolute link, /var/lib/rpm -> $tmp/root/var/lib/rpm. Inside the
# root it names the image's own database there (bash-completion only); on the running machine it
# names the first root's (kesl). The image's must be read, never the machine's.
mkdir -p out1/etc out1/usr out1/var/lib
rpm --root "$tmp/out1" --dbpath "$tmp/root/var/lib/rpm" --initdb 2>/dev/null
rpm --root "$tmp/out1" --dbpath "$tmp/root/var/lib/rpm" -i --justdb --nodeps --noscripts \
	--nosignature top/RPMS/noarch/bash-completion*.rpm 2>/dev/null
ln -s "$tmp/root/var/lib/rpm" out1/var/lib/rpm
"$bin" host --root out1 --sources rpm --json -v --as-of 2026-11-22 >out 2>err
grep -q kesl out && { echo "FAIL: the rpm database outside the root was read"; cat out; fail=1; }
grep -q '1 observations\|2 observations' err || { echo "FAIL: the image's own database was not read"; cat err; fail=1; }
[ $fail = 0 ] && echo "host.rpm: kesl found in the rpm database; a corrupt one reported; links out of the root not followed"
exit $fail
