#!/bin/sh
# Writes the Zeek and Suricata logs of the importer tests from real captures, so that what
# `bansweep import` reads describes the same traffic `bansweep pcap` sees (Zeek and Suricata are
# not in Debian 12; tshark is): tshark dissects each capture into one row of fields per packet,
# openssl reads the certificates it carries, and netlogs.awk writes, per capture,
#   tests/fixtures/import/zeek/CAPTURE/LOG.log       Zeek 6 ASCII (TSV) logs
#   tests/fixtures/import/zeek-json/CAPTURE/LOG.log  the same records from Zeek's JSON writer
#   tests/fixtures/import/suricata/CAPTURE.eve.json  Suricata 7 EVE JSON
# The captures: tests/fixtures/pcap/lab-devices.pcap (recorded in the project's lab) and three of
# pcapgen's (kaspersky, huawei, dahua: DNS, TLS, HTTP, SSH, DHCP and a certificate chain).
# Usage: sh tests/import/gen-netlogs.sh [PCAPGEN]   (default build/tests/tools/pcapgen)
# Needs tshark, openssl and xxd (Debian packages tshark, openssl, xxd). The output is the same
# from run to run (the captures' own timestamps; uids numbered per capture).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
pcapgen=${1:-$root/build/tests/tools/pcapgen}
out=$root/tests/fixtures/import
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$pcapgen" "$tmp" >/dev/null
US=$(printf '\037')

# One line per packet; multi-valued fields joined with US.
FIELDS="frame.time_epoch eth.src eth.dst ip.src ip.dst ipv6.src ipv6.dst tcp.stream tcp.srcport
tcp.dstport tcp.flags tcp.len udp.stream udp.srcport udp.dstport udp.length dns.flags.response
dns.id dns.qry.name dns.qry.type dns.flags.rcode dns.resp.name dns.resp.type dns.a dns.aaaa
dns.cname dns.resp.ttl tls.handshake.type tls.handshake.extensions_server_name
tls.handshake.certificate http.request.method http.host http.request.uri http.request.version
http.user_agent http.response.code http.response.phrase http.server ssh.protocol dhcp.id
dhcp.option.dhcp dhcp.hw.mac_addr dhcp.ip.your dhcp.ip.client dhcp.option.hostname
dhcp.option.vendor_class_id dhcp.option.requested_ip_address dhcp.option.dhcp_server_id
frame.protocols"

# Certificates: DER hex -> sha256 (Zeek's x509 fingerprint), sha1 (Suricata's), subject and
# issuer in RFC 2253 form (as both tools print them), validity, SAN DNS names.
certs() {
	tshark -r "$1" -Y tls.handshake.certificate -T fields -e tls.handshake.certificate \
		-E occurrence=a -E aggregator=' ' 2>/dev/null | tr ' ' '\n' | sort -u |
		while read -r hex; do
			[ -n "$hex" ] || continue
			printf '%s' "$hex" | xxd -r -p >"$tmp/c.der"
			x() { openssl x509 -inform der -in "$tmp/c.der" -noout "$@"; }
			fp256=$(x -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
			fp1=$(x -fingerprint -sha1 | sed 's/.*=//' | tr 'A-F' 'a-f')
			subj=$(x -subject -nameopt RFC2253 | sed 's/^subject=//')
			iss=$(x -issuer -nameopt RFC2253 | sed 's/^issuer=//')
			nb=$(date -u -d "$(x -startdate | sed 's/.*=//')" +%s)
			na=$(date -u -d "$(x -enddate | sed 's/.*=//')" +%s)
			serial=$(x -serial | sed 's/.*=//')
			san=$(x -ext subjectAltName 2>/dev/null | grep -o 'DNS:[^,]*' | sed 's/DNS://' |
				paste -sd, -)
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$hex" "$fp256" "$fp1" "$subj" \
				"$iss" "$nb" "$na" "$serial" "$san"
		done
}

gen() { # NAME CAPTURE
	name=$1
	args=""
	for f in $FIELDS; do args="$args -e $f"; done
	# shellcheck disable=SC2086
	tshark -r "$2" -T fields $args -E occurrence=a -E aggregator="$US" 2>/dev/null >"$tmp/$name.rows"
	certs "$2" >"$tmp/$name.certs"
	rm -rf "$out/zeek/$name" "$out/zeek-json/$name"
	mkdir -p "$out/zeek/$name" "$out/zeek-json/$name" "$out/suricata"
	awk -F '\t' -v cap="$name" -v zdir="$out/zeek/$name" -v jdir="$out/zeek-json/$name" \
		-v eve="$tmp/$name.eve" -v certs="$tmp/$name.certs" -f "$root/tests/import/netlogs.awk" \
		"$tmp/$name.rows"
	sort -t "$(printf '\t')" -k1,1n -k2,2n "$tmp/$name.eve" | cut -f3- >"$out/suricata/$name.eve.json"
}

gen lab "$root/tests/fixtures/pcap/lab-devices.pcap"
gen kaspersky "$tmp/kaspersky.pcap"
gen huawei "$tmp/huawei.pcap"
gen dahua "$tmp/dahua.pcap"
