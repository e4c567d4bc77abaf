#!/bin/sh
# html-render.sh HTML_FILE OUTDIR [PNGCHECK_ARGS...]
#
# Renders an HTML report of bansweep in headless Chromium and checks what a reader would get:
#   - the browser loads it without any console message (the report has no script, so a console
#     line, "Uncaught" included, means an error) and without fetching anything but the file
#     itself (the report must be self-contained: no file, no network resource);
#   - the DOM has the report's sections (ids summary, scope, charts, findings, deadlines,
#     history, attestation) and both charts (<svg id="chart-vendors">, <svg id="chart-burndown">),
#     and no element that loads or runs anything (script, link, img, iframe..., src=, an href
#     that is not "#...");
#   - the screenshot is not blank and the charts were painted: $PNGCHECK (tests/tools/pngcheck)
#     finds at least 2% of the pixels neither white nor the page's grey surround (#eef1f5), and
#     the charts' plot background colour; PNGCHECK_ARGS adds more "--colour RRGGBB:MIN" words,
#     for a report whose content is known.
# Writes OUTDIR/report.png, OUTDIR/dom.html and OUTDIR/chromium.log. Exit 0 when every check
# passes, 1 when one fails, 2 on usage errors, 77 (skip) when Chromium is not installed.
# CHROMIUM overrides /usr/bin/chromium; PNGCHECK must name the pngcheck program.
set -u

if [ $# -lt 2 ]; then
	echo "usage: html-render.sh HTML_FILE OUTDIR [PNGCHECK_ARGS...]" >&2
	exit 2
fi
html=$1
out=$2
shift 2
extra=$* # words without blanks: "--colour 1f77b4:2000 ..."
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
	echo "html-render: SKIP: $chromium is not installed (apt-get install chromium)"
	exit 77
fi
if [ ! -f "$html" ]; then
	echo "html-render: no such file: $html" >&2
	exit 2
fi
if [ -z "${PNGCHECK:-}" ] || [ ! -x "$PNGCHECK" ]; then
	echo "html-render: set PNGCHECK to the pngcheck program (BUILD/tests/tools/pngcheck)" >&2
	exit 2
fi
mkdir -p "$out" || exit 2
case $html in
/*) ;;
*) html=$(pwd)/$html ;;
esac
# A file URL: escape the few characters a path may hold that a URL may not.
url=file://$(printf '%s' "$html" | sed -e 's/%/%25/g' -e 's/ /%20/g' -e 's/#/%23/g' -e 's/?/%3F/g')

profile=$(mktemp -d "${TMPDIR:-/tmp}/html-render.XXXXXX") || exit 2
trap 'rm -rf "$profile"' EXIT INT TERM
# Chromium's sandbox needs namespaces it does not get as root.
sandbox=
[ "$(id -u)" = 0 ] && sandbox=--no-sandbox
png=$out/report.png
dom=$out/dom.html
log=$out/chromium.log
rm -f "$png" "$dom" "$log"

# The loaders' verbose lines (--vmodule) name every URL the page makes Chromium fetch, file: and
# network; the host resolver rule keeps any network request from leaving the machine.
set -- "$chromium" --headless $sandbox --disable-gpu --hide-scrollbars --window-size=1280,4000 \
	--force-device-scale-factor=1 --force-color-profile=srgb --user-data-dir="$profile" \
	--no-first-run --no-default-browser-check --disable-extensions --disable-sync \
	--disable-background-networking --disable-component-update --disable-default-apps \
	--mute-audio --host-resolver-rules="MAP * ~NOTFOUND" \
	--enable-logging=stderr --v=0 --vmodule=file_url_loader_factory=1,network_delegate=1 \
	--screenshot="$png" --dump-dom "$url"
echo "html-render: $*"
start=$(date +%s)
rc=0
timeout 90 "$@" >"$dom" 2>"$log" || rc=$?
end=$(date +%s)
echo "html-render: chromium exit $rc after $((end - start)) s"

fail=0
bad() {
	echo "html-render: FAIL: $*"
	fail=1
}
if [ $rc -ne 0 ]; then
	bad "chromium exited with $rc (log: $log)"
	tail -n 20 "$log"
fi
[ -s "$png" ] || bad "no screenshot"
[ -s "$dom" ] || bad "no DOM"

# Console messages (Chromium logs them as INFO:CONSOLE whatever their level).
if grep -E ':CONSOLE[:(]|Uncaught|Failed to load resource' "$log" >"$out/console.txt"; then
	bad "console messages:"
	cat "$out/console.txt"
fi
# Fetches other than the page: file: loads of anything else, and network requests except
# Chromium's own background ones to Google (which go nowhere: the resolver maps all to nothing).
grep -F 'FileURLLoader::Start: ' "$log" | grep -vF "FileURLLoader::Start: $url" >"$out/loads.txt"
grep -F 'NotifyBeforeURLRequest: ' "$log" |
	grep -vE 'NotifyBeforeURLRequest: https?://[a-z0-9.-]*\.(google\.com|googleapis\.com|gvt1\.com)/' \
		>>"$out/loads.txt"
if [ -s "$out/loads.txt" ]; then
	bad "the page fetched resources (it must be self-contained):"
	cat "$out/loads.txt"
fi

if [ -s "$dom" ]; then
	for id in summary scope charts findings deadlines history attestation; do
		grep -q "<section[^>]* id=\"$id\"" "$dom" || bad "no section id=\"$id\" in the DOM"
	done
	for id in chart-vendors chart-burndown; do
		grep -q "<svg[^>]* id=\"$id\"" "$dom" || bad "no <svg id=\"$id\"> in the DOM"
	done
	# Tags only (values are escaped, so text holds no '<'): nothing that loads or runs.
	grep -oE '<[a-zA-Z][^>]*>' "$dom" |
		grep -iE '^<(script|link|img|iframe|frame|object|embed|video|audio|source|base|image|use)[ >]| (src|srcset|action|formaction|xlink:href)=| on[a-z]+=|href="[^#]' \
			>"$out/external.txt"
	if [ -s "$out/external.txt" ]; then
		bad "elements that load or run something:"
		head -n 20 "$out/external.txt"
	fi
	sed -n '/<style>/,/<\/style>/p' "$dom" | grep -iE 'url\(|@import' >>"$out/external.txt" &&
		bad "the style sheet loads something"
fi

if [ -s "$png" ]; then
	# shellcheck disable=SC2086
	"$PNGCHECK" "$png" --min-nonwhite 0.02 --ignore eef1f5 --colour f6f8fb:20000 $extra || bad "screenshot check"
fi

if [ $fail -ne 0 ]; then
	echo "html-render: FAILED ($html; see $out)"
	exit 1
fi
echo "html-render: ok ($html; screenshot $png)"
exit 0
