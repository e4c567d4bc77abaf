#!/bin/sh
# import.cli: the import command end to end on a generated asset list of 10,000 rows, more than
# the 4,096 assets concluded at a time: every covered row is found once (batches lose and repeat
# nothing), one thread and two give the same output, and standard input through a pipe (which
# cannot be rewound after detection) gives the same as the file. Then a zgrab2 file of 60,000
# lines (about 18 MB) read by one thread and cut into pieces read by two and three.
#   cli-test.sh BANSWEEP
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
awk 'BEGIN {
	print "Host Name,IP Address,MAC Address,Manufacturer,Model,Serial Number"
	for (i = 0; i < 10000; i++) {
		v = i % 7 == 0 ? "Hikvision" : (i % 11 == 0 ? "Zhejiang Dahua Technology Co., Ltd." : "Axis Communications")
		printf "dev-%05d,10.%d.%d.%d,,\"%s\",M-%d,SN%07d\n", i, int(i / 65536), int(i / 256) % 256, i % 256, v, i % 13, i
	}
}' >"$tmp/assets.csv"
want_hik=$(awk 'BEGIN { n = 0; for (i = 0; i < 10000; i++) if (i % 7 == 0) n++; print n }')
want_dahua=$(awk 'BEGIN { n = 0; for (i = 0; i < 10000; i++) if (i % 7 && i % 11 == 0) n++; print n }')

"$bin" import -q --no-store --as-of 2026-11-22 --json --threads 1 "$tmp/assets.csv" >"$tmp/t1" ||
	fail "--threads 1 exited $?"
"$bin" import -q --no-store --as-of 2026-11-22 --json --threads 2 "$tmp/assets.csv" >"$tmp/t2" ||
	fail "--threads 2 exited $?"
cmp -s "$tmp/t1" "$tmp/t2" || fail "one thread and two differ"
cat "$tmp/assets.csv" | "$bin" import -q --no-store --as-of 2026-11-22 --json >"$tmp/pipe" ||
	fail "standard input through a pipe exited $?"
cmp -s "$tmp/t1" "$tmp/pipe" || fail "standard input through a pipe differs from the file"

hik=$(grep -c '"vendor":"hikvision"' "$tmp/t1")
dahua=$(grep -c '"vendor":"dahua"' "$tmp/t1")
ids=$(sed 's/^{"asset":{"id":"\([^"]*\)".*/\1/' "$tmp/t1" | sort | uniq -d | wc -l)
[ "$hik" = "$want_hik" ] || fail "$hik Hikvision findings, expected $want_hik"
[ "$dahua" = "$want_dahua" ] || fail "$dahua Dahua findings, expected $want_dahua"
[ "$ids" = 0 ] || fail "$ids assets reported twice"

# An unrecognised file among good ones: named, the others imported, exit 2.
printf 'just some text\n' >"$tmp/notes.txt"
"$bin" import -q --no-store --json "$tmp/notes.txt" "$tmp/assets.csv" >"$tmp/mixed" 2>"$tmp/err"
rc=$?
[ "$rc" = 2 ] || fail "an unrecognised file: exit $rc, expected 2"
grep -q "notes.txt: format not recognised" "$tmp/err" || fail "the unrecognised file is not named"
cmp -s "$tmp/t1" "$tmp/mixed" || fail "the good file was not imported beside the bad one"
# zgrab2 lines, cut into 4 MiB pieces parsed at once with --threads 2 and 3: the same findings
# and the same malformed lines, named by the same line numbers and byte offsets, as one reader.
awk 'BEGIN {
	for (i = 0; i < 60000; i++) {
		ip = sprintf("10.%d.%d.%d", int(i / 65536), int(i / 256) % 256, i % 256)
		if (i % 9973 == 17) { print "{\"ip\":\"" ip "\",\"data\":{"; continue }
		if (i % 7919 == 5) { print "not json at all"; continue }
		srv = i % 5 == 0 ? "App-webs/" : (i % 3 == 0 ? "nginx" : "Apache")
		printf "{\"ip\":\"%s\",\"data\":{\"http\":{\"status\":\"success\",\"protocol\":\"http\",", ip
		printf "\"result\":{\"response\":{\"status_code\":200,\"headers\":{\"server\":[\"%s\"]},", srv
		printf "\"body\":\"<html><head><title>Welcome %d</title></head><body>padding padding padding</body></html>\"}},", i
		printf "\"timestamp\":\"2026-11-20T00:00:00Z\"}}}\n"
	}
}' >"$tmp/zgrab.jsonl"
for t in 1 2 3; do
	"$bin" import -q --no-store --as-of 2026-11-22 --json --threads $t "$tmp/zgrab.jsonl" \
		>"$tmp/z$t.out" 2>"$tmp/z$t.err"
	rc=$?
	[ "$rc" = 2 ] || fail "zgrab2 with --threads $t: exit $rc, expected 2 (malformed lines)"
done
for t in 2 3; do
	cmp -s "$tmp/z1.out" "$tmp/z$t.out" || fail "zgrab2 findings with --threads $t differ from one thread"
	cmp -s "$tmp/z1.err" "$tmp/z$t.err" || fail "zgrab2 messages with --threads $t differ from one thread"
done
zbad=$(grep -c "record skipped" "$tmp/z1.err")
[ "$zbad" = 15 ] || fail "$zbad malformed zgrab2 lines reported, expected 15"
grep -q "zgrab.jsonl:9991: incomplete JSON value (byte " "$tmp/z1.err" || fail "line 9991 not named"
zhik=$(grep -c '"vendor":"hikvision"' "$tmp/z1.out")
[ "$zhik" -gt 11000 ] || fail "only $zhik Hikvision findings in the zgrab2 file"

echo "import.cli: $hik Hikvision and $dahua Dahua findings of 10,000 rows, threads and pipe agree"
