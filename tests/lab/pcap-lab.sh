#!/bin/sh
# pcap-lab.sh: record real traffic of emulated devices for the capture fixtures.
#
#   sudo sh tests/lab/pcap-lab.sh [OUTPUT.pcap]
#
# Builds a small lab of network namespaces joined by a bridge, runs real servers from Debian in
# them as emulated devices, makes a client talk to them, and writes what crossed the client's
# bridge port (tcpdump -w) to OUTPUT (default: tests/fixtures/pcap/lab-devices.pcap, which is
# committed; tests/fixtures/pcap/README.md says what it holds).
#
#   namespace   address       MAC                  emulates
#   bslab-rtr   10.77.0.1     00:e0:fc:77:00:01    a Huawei NE40E router: snmpd (VRP sysDescr,
#                                                  sysObjectID 1.3.6.1.4.1.2011.2.62.2.9), SSH
#                                                  and telnet banners (socat)
#   bslab-cam   10.77.0.11    4c:bd:8f:77:00:11    a Hikvision camera: HTTP ISAPI deviceInfo with
#                                                  Server: App-webs/, RTSP 401 realm="Hikvision",
#                                                  SADP reply on UDP 37020 (socat)
#   bslab-cli   10.77.0.10    02:00:0a:4d:00:0a    the client: snmpget, curl, socat
#   bslab-sw    (none)        bridge br0           the switch; tcpdump runs here, on the
#                                                  client's port
#
# Every address is inside these namespaces; the host's own namespace gets no interface, no
# address and no route, and no traffic leaves the lab. Everything is torn down on exit.
# IPv6 is disabled in the lab so that the capture holds only the exchanges below (plus ARP and
# the IGMP reports of the SADP responder's multicast join).
set -eu

PFX=bslab
NS_SW=$PFX-sw
NS_CLI=$PFX-cli
NS_RTR=$PFX-rtr
NS_CAM=$PFX-cam
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../fixtures/pcap/lab-devices.pcap}

# Install what the lab needs, only if missing (Debian packages).
install_missing() {
	missing=""
	command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
	command -v snmpd >/dev/null 2>&1 || missing="$missing snmpd"
	command -v snmpget >/dev/null 2>&1 || missing="$missing snmp"
	command -v socat >/dev/null 2>&1 || missing="$missing socat"
	command -v curl >/dev/null 2>&1 || missing="$missing curl"
	command -v tcpdump >/dev/null 2>&1 || missing="$missing tcpdump"
	if [ -n "$missing" ]; then
		echo "pcap-lab: installing$missing"
		apt-get update -q
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
	fi
}

if [ "$(id -u)" -ne 0 ]; then
	echo "pcap-lab: must run as root (network namespaces)" >&2
	exit 2
fi
PATH=$PATH:/usr/sbin:/sbin
install_missing

TMP=$(mktemp -d /tmp/pcap-lab.XXXXXX)
PIDS=""

teardown() {
	set +e
	# The processes this script started, by id (tcpdump first, so that it has stopped writing).
	for p in $PIDS; do
		kill "$p" 2>/dev/null
	done
	# socat forks a child per connection: end those still left in the lab's namespaces.
	for ns in $NS_CLI $NS_RTR $NS_CAM $NS_SW; do
		for p in $(ip netns pids "$ns" 2>/dev/null); do
			kill "$p" 2>/dev/null
		done
	done
	sleep 0.2
	for ns in $NS_CLI $NS_RTR $NS_CAM $NS_SW; do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# Background processes are started with "ip netns exec" itself (it execs the command), never
# through this function, so that $! is the server's own process id.
in_ns() {
	ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# ---------------------------------------------------------------------------------------------
# Topology: one bridge in its own namespace, one veth pair per device.

for ns in $NS_SW $NS_CLI $NS_RTR $NS_CAM; do
	ip netns del "$ns" 2>/dev/null || true
	ip netns add "$ns"
	in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	in_ns "$ns" ip link set lo up
done
in_ns $NS_SW ip link add br0 type bridge
in_ns $NS_SW sh -c 'echo 0 > /sys/class/net/br0/bridge/multicast_snooping'
in_ns $NS_SW ip link set br0 up

# dev NS PORT MAC ADDR: eth0 in NS, its peer PORT on the bridge.
dev() {
	ip link add "$2" netns $NS_SW type veth peer name eth0 netns "$1"
	in_ns "$1" ip link set eth0 address "$3"
	in_ns "$1" ip addr add "$4/24" dev eth0
	in_ns "$1" ip link set eth0 up
	in_ns "$1" ip route add 224.0.0.0/4 dev eth0
	in_ns $NS_SW ip link set "$2" master br0
	in_ns $NS_SW ip link set "$2" up
}
dev $NS_RTR p-rtr 00:e0:fc:77:00:01 10.77.0.1
dev $NS_CAM p-cam 4c:bd:8f:77:00:11 10.77.0.11
dev $NS_CLI p-cli 02:00:0a:4d:00:0a 10.77.0.10

# ---------------------------------------------------------------------------------------------
# The emulated devices

# Huawei router: a real snmpd with the VRP system group set by its configuration file.
mkdir -p "$TMP/snmp"
cat >"$TMP/snmpd.conf" <<'EOF'
agentAddress udp:10.77.0.1:161
rocommunity public 10.77.0.0/24
sysDescr Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180 (NE40E V800R011C00SPC200) Copyright (C) 2012-2018 Huawei Technologies Co., Ltd. HUAWEI NE40E-X8A
sysObjectID .1.3.6.1.4.1.2011.2.62.2.9
sysName core-rtr
sysLocation bansweep lab
sysContact noc@lab.invalid
sysServices 6
EOF
SNMP_PERSISTENT_DIR=$TMP/snmp MIBS="" ip netns exec $NS_RTR snmpd -f -C -c "$TMP/snmpd.conf" \
	-Lf "$TMP/snmpd.log" -p "$TMP/snmpd.pid" &
PIDS="$PIDS $!"

# Banners. A responder reads the client's first line (or nothing), then sends its canned reply.
printf 'SSH-2.0-HUAWEI-1.5\r\n' >"$TMP/ssh.txt"
{
	printf '\377\373\001\377\373\003'
	printf '\r\n'
	printf '******************************************************************************\r\n'
	printf '* Copyright (c) 2004-2018 Huawei Technologies Co., Ltd. All rights reserved. *\r\n'
	printf '* Without the owner'"'"'s prior written consent,                                 *\r\n'
	printf '* no decompiling or reverse-engineering shall be allowed.                    *\r\n'
	printf '******************************************************************************\r\n'
	printf '\r\nLogin authentication\r\n\r\n\r\nUsername:'
} >"$TMP/telnet.txt"

# Hikvision camera: canned ISAPI deviceInfo and RTSP answers, SADP reply.
body='<?xml version="1.0" encoding="UTF-8"?>
<DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
<deviceName>Lab Camera</deviceName>
<deviceID>88a1b2c3-d4e5-11b2-8bd4-4cbd8f770011</deviceID>
<model>DS-2CD2143G0-I</model>
<serialNumber>DS-2CD2143G0-I20200101AAWRD77000011</serialNumber>
<macAddress>4c:bd:8f:77:00:11</macAddress>
<firmwareVersion>V5.6.3</firmwareVersion>
<firmwareReleasedDate>build 190923</firmwareReleasedDate>
<deviceType>IPCamera</deviceType>
</DeviceInfo>
'
{
	printf 'HTTP/1.1 200 OK\r\n'
	printf 'Date: Mon, 01 Jan 2024 10:00:00 GMT\r\n'
	printf 'Server: App-webs/\r\n'
	printf 'Connection: close\r\n'
	printf 'Content-Length: %d\r\n' "$(printf '%s' "$body" | wc -c)"
	printf 'Content-Type: application/xml\r\n\r\n'
	printf '%s' "$body"
} >"$TMP/isapi.http"
{
	printf 'RTSP/1.0 401 Unauthorized\r\n'
	printf 'CSeq: 1\r\n'
	printf 'WWW-Authenticate: Digest realm="Hikvision", nonce="6f1d3c0a9b8e7d6c5b4a39281706f5e4", stale="FALSE"\r\n'
	printf 'Date:  Mon, Jan 01 2024 10:00:00 GMT\r\n\r\n'
} >"$TMP/rtsp.txt"
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><ProbeMatch><Uuid>7A2B3C4D-0000-4000-8000-00000000BA5E</Uuid><Types>inquiry</Types><DeviceType>138623</DeviceType><DeviceDescription>DS-2CD2143G0-I</DeviceDescription><DeviceSN>DS-2CD2143G0-I20200101AAWRD77000011</DeviceSN><CommandPort>8000</CommandPort><HttpPort>80</HttpPort><MAC>4c-bd-8f-77-00-11</MAC><IPv4Address>10.77.0.11</IPv4Address><IPv4SubnetMask>255.255.255.0</IPv4SubnetMask><IPv4Gateway>10.77.0.1</IPv4Gateway><DHCP>false</DHCP><SoftwareVersion>V5.6.3build 190923</SoftwareVersion><Activated>true</Activated></ProbeMatch>' >"$TMP/sadp.xml"
printf '%s' '<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>7A2B3C4D-0000-4000-8000-00000000BA5E</Uuid><Types>inquiry</Types></Probe>' >"$TMP/probe.xml"

# respond.sh FILE: read request lines up to the empty line (HTTP/RTSP), then send FILE.
cat >"$TMP/respond.sh" <<'EOF'
#!/bin/sh
cr=$(printf '\r')
while IFS= read -r line; do
	[ "$line" = "$cr" ] || [ -z "$line" ] && break
done
cat "$1"
EOF
# banner.sh FILE: send FILE, then keep the connection until the client has spoken and closed.
cat >"$TMP/banner.sh" <<'EOF'
#!/bin/sh
cat "$1"
timeout 2 cat >/dev/null
EOF
chmod +x "$TMP/respond.sh" "$TMP/banner.sh"

listen() { # NS ADDR PORT COMMAND
	ip netns exec "$1" socat TCP4-LISTEN:"$3",bind="$2",fork,reuseaddr EXEC:"$4" &
	PIDS="$PIDS $!"
}
listen $NS_RTR 10.77.0.1 22 "$TMP/banner.sh $TMP/ssh.txt"
listen $NS_RTR 10.77.0.1 23 "$TMP/banner.sh $TMP/telnet.txt"
listen $NS_CAM 10.77.0.11 80 "$TMP/respond.sh $TMP/isapi.http"
listen $NS_CAM 10.77.0.11 554 "$TMP/respond.sh $TMP/rtsp.txt"
# SADP: join 239.255.255.250 and answer each probe to its sender.
ip netns exec $NS_CAM socat UDP4-RECVFROM:37020,ip-add-membership=239.255.255.250:10.77.0.11,reuseaddr,fork \
	SYSTEM:"cat $TMP/sadp.xml" &
PIDS="$PIDS $!"

# Wait until every server listens.
for _ in $(seq 50); do
	n=$(in_ns $NS_RTR ss -Hltn 2>/dev/null | wc -l)
	m=$(in_ns $NS_CAM ss -Hltn 2>/dev/null | wc -l)
	u=$(in_ns $NS_RTR ss -Hlun 2>/dev/null | grep -c ':161 ' || true)
	v=$(in_ns $NS_CAM ss -Hlun 2>/dev/null | grep -c ':37020 ' || true)
	[ "$n" -ge 2 ] && [ "$m" -ge 2 ] && [ "$u" -ge 1 ] && [ "$v" -ge 1 ] && break
	sleep 0.1
done

# ---------------------------------------------------------------------------------------------
# Capture on the client's bridge port while the client talks to the devices.

ip netns exec $NS_SW tcpdump -i p-cli -s 0 -U --immediate-mode -Z root -w "$TMP/lab.pcap" 2>"$TMP/tcpdump.log" &
TCPDUMP=$!
PIDS="$TCPDUMP $PIDS"
for _ in $(seq 50); do
	grep -q 'listening on' "$TMP/tcpdump.log" 2>/dev/null && break
	sleep 0.1
done

step() { echo "pcap-lab: $*"; }

step "SADP probe to 239.255.255.250:37020"
# One socket sends the probe and, for a second after, takes the camera's unicast reply.
in_ns $NS_CLI socat -t 1 - \
	UDP4-DATAGRAM:239.255.255.250:37020,bind=10.77.0.10:37020,ip-multicast-if=10.77.0.10 \
	<"$TMP/probe.xml" | head -c 60
echo

step "SNMP get of the router's system group"
in_ns $NS_CLI env MIBS="" SNMP_PERSISTENT_DIR="$TMP/snmp" snmpget -v2c -c public -On -r 2 -t 1 10.77.0.1 \
	1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.2.0 1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.1.5.0

step "SSH banner"
printf 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n' |
	in_ns $NS_CLI socat -t 1 - TCP4:10.77.0.1:22 | tr -d '\r'

step "telnet banner"
printf '\377\375\001\377\375\003' | in_ns $NS_CLI socat -t 1 - TCP4:10.77.0.1:23 |
	tr -d '\r\377\373\001\003' | tail -n 2
echo

step "HTTP GET /ISAPI/System/deviceInfo"
in_ns $NS_CLI curl -sS -m 5 -D - -o /dev/null http://10.77.0.11/ISAPI/System/deviceInfo |
	tr -d '\r' | grep -i '^server:'

step "RTSP DESCRIBE /Streaming/Channels/101"
printf 'DESCRIBE rtsp://10.77.0.11:554/Streaming/Channels/101 RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)\r\nAccept: application/sdp\r\n\r\n' |
	in_ns $NS_CLI socat -t 1 - TCP4:10.77.0.11:554 | tr -d '\r' | head -n 1

sleep 1.5
kill -TERM "$TCPDUMP" # a background job of sh ignores SIGINT
wait "$TCPDUMP" || true
PIDS=$(echo "$PIDS" | sed "s/^$TCPDUMP //")
cat "$TMP/tcpdump.log" >&2

mkdir -p "$(dirname "$OUT")"
cp "$TMP/lab.pcap" "$OUT"
chmod 644 "$OUT"
echo "pcap-lab: wrote $OUT ($(wc -c <"$OUT") bytes)"
