#!/bin/sh
# The HTML report of a real store, opened in headless Chromium: a store holding three
# inventories of the golden estate (tests/golden/store-*.jsonl), an exception and a replacement;
# `bansweep report --format html` of it; then tests/report/html-render.sh, which checks the DOM
# has every section and both charts, that the page logged no console error and loaded nothing,
# and that the screenshot shows the charts' colours. Skipped (77) without Chromium.
#   report-html-test.sh BANSWEEP OUTDIR   (PNGCHECK names tests/tools/pngcheck)
set -eu
bin=$1
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
db="$out/store.db"
rm -f "$db" "$db-wal" "$db-shm"
g="$here/golden"
"$bin" -q identify --complete --db "$db" --scan-time 2026-09-01 --registry "$g/registry.manuf" "$g/store-1.jsonl" >/dev/null
"$bin" -q identify --complete --db "$db" --scan-time 2026-10-15 --registry "$g/registry.manuf" "$g/store-2.jsonl" >/dev/null
"$bin" -q exception add 5 --until 2026-12-31 --reason "waiver W-12" --approver CISO --db "$db"
"$bin" -q remediate 2 --replaced-by "Axis P3265-LVE" --at 2026-11-05 --db "$db"
"$bin" -q identify --complete --db "$db" --scan-time 2026-11-10 --registry "$g/registry.manuf" "$g/store-2.jsonl" >/dev/null
"$bin" -q report --format html -o "$out/report.html" --db "$db" --as-of 2026-11-22 --registry "$g/registry.manuf"
# Colours of svg.c's palette for the first instruments, and the burn-down's area.
sh "$here/report/html-render.sh" "$out/report.html" "$out" \
	--colour 1f77b4:1000 --colour ff7f0e:1000 --colour f2c4c0:2000
