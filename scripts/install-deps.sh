#!/bin/sh
# Installs the Debian packages bansweep needs to build, test and run, if any is missing.
# Run as root on Debian 12. Only Debian's own archive is used; nothing else is downloaded.
set -eu

# Build and test tool chain, libraries, and the data packages the registries come from.
PKGS="build-essential cmake pkg-config clang libclang-rt-14-dev clang-format
libpcre2-dev libyajl-dev libcsv-dev libcmocka-dev libpcap-dev libssl-dev libxml2-dev
libhivex-dev libhivex-bin libplist-dev libplist-utils osslsigncode
tcpdump tshark xxd iproute2 snmpd snmp socat curl openssl
libwireshark-data ieee-data arp-scan usb.ids pci.ids
librpm-dev rpm util-linux
libsqlite3-dev sqlite3 libpq-dev postgresql chromium libpng-dev
hyperfine time jq
nmap masscan"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing packages:$missing" >&2
	echo "install-deps: run as root (or: sudo apt-get install$missing)" >&2
	exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# wireshark-common asks whether non-root users may capture: keep Debian's default (no).
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
