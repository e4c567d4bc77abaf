#!/bin/sh
# scan-lab.sh: a lab of emulated devices for the active discovery tests (bansweep scan).
#
#   sudo sh tests/lab/scan-lab.sh up [N]     build the lab (N devices, default: every class once)
#   sudo sh tests/lab/scan-lab.sh status     list the devices: ip, MAC, class, expected attribution
#   sudo sh tests/lab/scan-lab.sh down       stop everything and delete every namespace made here
#   sudo sh tests/lab/scan-lab.sh exec CMD…  run CMD in the scanner namespace
#
# Everything lives in network namespaces this script creates; the root namespace's networking is
# never touched (no interface, address, route or sysctl there):
#   bsw-lab-br     holds the bridge br0 (multicast snooping off, so discovery multicast floods)
#   bsw-lab-scan   the scanner, 10.78.0.1/24 on eth0 (MAC 02:00:4e:00:00:01), route 224.0.0.0/4
#   bsw-lab-dNNN   one per device, 10.78.0.NNN/24 on eth0 (NNN = 10, 11, ...), MAC from the
#                  vendor's IEEE block (hostile peers: locally administered 02:00:4e:...)
# Devices run the services of their class (tests/lab/devices/CLASS/class.conf): real snmpd (one
# per device, own config, pid file and persistent dir), socat listeners that hand each connection
# or datagram to the small POSIX sh responders of tests/lab/devices/bin/, and socat TLS listeners
# with certificates made by openssl at bring-up. README.md beside this file lists what each class
# answers and what a scan should find.
#
# State (pids, rendered device files, logs, expected inventory): $BSW_LAB_STATE, default
# /run/$PFX (or ${TMPDIR:-/tmp}/$PFX when /run is not writable).
#   $STATE/expected.tsv  ip mac class vendor|- brand model serial namespace  (tab-separated, # header)
#   $STATE/pids          every background process started here (ip netns exec execs the server)
set -eu

PATH=$PATH:/usr/sbin:/sbin
HERE=$(cd "$(dirname "$0")" && pwd)
DEVS=$HERE/devices
# BSW_LAB_PREFIX and BSW_LAB_NET let a second lab (the benchmark's) run beside the test's.
PFX=${BSW_LAB_PREFIX:-bsw-lab}
NS_BR=$PFX-br
NS_SCAN=$PFX-scan
NET=${BSW_LAB_NET:-10.78.0}
case $NET in 10.*.*) ;; *) echo "scan-lab: BSW_LAB_NET must be 10.X.Y" >&2; exit 2 ;; esac
# The same segment's IPv6 prefix (unique local, RFC 4193): 10.78.0.N is also fd00:78:0:6::N.
NET6=fd00:$(echo "$NET" | cut -d. -f2):$(echo "$NET" | cut -d. -f3):6
if [ -n "${BSW_LAB_STATE:-}" ]; then
	STATE=$BSW_LAB_STATE
elif [ -d /run ] && [ -w /run ]; then
	STATE=/run/$PFX
else
	STATE=${TMPDIR:-/tmp}/$PFX
fi

BASE_CLASSES="hik-cam hik-nvr dahua-cam dahua-nvr huawei-rtr zte-ont hytera-rpt annke-cam axis-cam cisco-sw linux-host"
HOSTILE_CLASSES="hostile-silent hostile-endless hostile-garbage hostile-reset hostile-slow hostile-halfopen hostile-blackhole"

say() { echo "scan-lab: $*"; }
die() { echo "scan-lab: $*" >&2; exit 1; }

# Install what the lab needs, only if missing (Debian packages).
install_missing() {
	missing=""
	command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
	command -v tc >/dev/null 2>&1 || missing="$missing iproute2"
	command -v snmpd >/dev/null 2>&1 || missing="$missing snmpd"
	command -v snmpget >/dev/null 2>&1 || missing="$missing snmp"
	command -v socat >/dev/null 2>&1 || missing="$missing socat"
	command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
	command -v curl >/dev/null 2>&1 || missing="$missing curl"
	[ -z "$missing" ] && return 0
	had_snmpd=0
	command -v snmpd >/dev/null 2>&1 && had_snmpd=1
	say "installing$missing"
	apt-get update -q
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
	# The package starts a system snmpd in the root namespace: stop and disable it (the lab runs
	# its own, one per device namespace).
	if [ "$had_snmpd" = 0 ]; then
		if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
			systemctl disable --now snmpd.service >/dev/null 2>&1 || true
		elif command -v service >/dev/null 2>&1; then
			service snmpd stop >/dev/null 2>&1 || true
		fi
		if [ -f /run/snmpd.pid ]; then
			kill "$(cat /run/snmpd.pid)" 2>/dev/null || true
		fi
	fi
}

lab_namespaces() {
	ip netns list 2>/dev/null | awk '{print $1}' | grep "^$PFX-" || true
}

# ---------------------------------------------------------------------------------------------
# down

do_down() {
	set +e
	# The processes started here, by id, then whatever is left inside the lab's namespaces
	# (socat's per-connection children, responders), by id too.
	if [ -f "$STATE/pids" ]; then
		for p in $(cat "$STATE/pids"); do
			kill "$p" 2>/dev/null
		done
	fi
	nss=$(lab_namespaces)
	for ns in $nss; do
		for p in $(ip netns pids "$ns" 2>/dev/null); do
			kill "$p" 2>/dev/null
		done
	done
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		left=""
		for ns in $nss; do
			left="$left$(ip netns pids "$ns" 2>/dev/null)"
		done
		[ -z "$left" ] && break
		sleep 0.1
	done
	for ns in $nss; do
		for p in $(ip netns pids "$ns" 2>/dev/null); do
			kill -9 "$p" 2>/dev/null
		done
	done
	for ns in $nss; do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$STATE"
	set -e
}

# ---------------------------------------------------------------------------------------------
# up

# bg NS CMD...: start CMD in NS in the background, record its pid (ip netns exec execs CMD).
bg() {
	ns=$1
	shift
	ip netns exec "$ns" "$@" </dev/null >>"$D/log" 2>&1 &
	echo $! >>"$STATE/pids"
}

le32() { # N: 4 bytes little-endian
	printf "\\$(printf %03o $(($1 & 255)))\\$(printf %03o $((($1 >> 8) & 255)))\\$(printf %03o $((($1 >> 16) & 255)))\\$(printf %03o $((($1 >> 24) & 255)))"
}

# render SRC DST: copy a template, filling in the device's values.
render() {
	sed -f "$D/.sed" "$1" >"$2"
}

tls_cert() { # SUBJ CA_SUBJ: write $D/tls.pem (certificate, then key, then CA certificate)
	if [ -n "$2" ]; then
		cadir=$STATE/tls/$CLASS
		if [ ! -f "$cadir/ca.pem" ]; then
			mkdir -p "$cadir"
			openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
				-subj "$2" -days 7300 -keyout "$cadir/ca.key" -out "$cadir/ca.pem" >/dev/null 2>&1
		fi
		openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "$1" \
			-keyout "$D/tls.key" -out "$D/tls.csr" >/dev/null 2>&1
		openssl x509 -req -in "$D/tls.csr" -CA "$cadir/ca.pem" -CAkey "$cadir/ca.key" \
			-set_serial "0x$(printf %x "$NUM")" -days 3650 -out "$D/tls.crt" >/dev/null 2>&1
		cat "$D/tls.crt" "$D/tls.key" "$cadir/ca.pem" >"$D/tls.pem"
	else
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "$1" \
			-days 3650 -keyout "$D/tls.key" -out "$D/tls.crt" >/dev/null 2>&1
		cat "$D/tls.crt" "$D/tls.key" >"$D/tls.pem"
	fi
}

# add_device CLASS INSTANCE NUM: namespace, link, files and services of one device.
add_device() {
	CLASS=$1
	INST=$2
	NUM=$3
	IP=$NET.$NUM
	NS=$PFX-d$NUM
	D=$STATE/dev/$NS
	mkdir -p "$D"
	# class defaults, then the class's own values
	# shellcheck disable=SC2034 # DESC documents the class
	DESC="" OUI="" VENDOR=- BRAND=- MODELS="" FW="" SERVICES="" DEVCLASS="" TLS_SUBJ="" TLS_CA=""
	SNMP_DESCR="" SNMP_OID="" SNMP_V1ONLY="" ONVIF_MFR="" ONVIF_NAME="" SADP_MODEL="" SADP_SERIAL="" UPDATE_SERIAL=""
	vars() { :; }
	# shellcheck disable=SC1090
	. "$DEVS/$CLASS/class.conf"
	set -- $MODELS
	k=$((INST % $#))
	shift "$k"
	MODEL=$1
	IDX=$NUM
	SERIAL=$(serial "$MODEL" "$NUM")
	ONVIF_MFR=HIKVISION ONVIF_NAME=HIKVISION SADP_MODEL=$MODEL SADP_SERIAL=$SERIAL
	vars
	MAC=$(printf '%s:4e:00:%02x' "$OUI" "$NUM")
	[ "${OUI#02:}" != "$OUI" ] && MAC=$(printf '%s:00:00:%02x' "$OUI" "$NUM")
	MACD=$(echo "$MAC" | tr : -)
	MACU=$(echo "$MAC" | tr -d : | tr a-f A-F)
	UUID=$(printf '7a2b3c4d-%04x-4000-8000-%s' "$NUM" "$(echo "$MAC" | tr -d :)")
	UUIDU=$(echo "$UUID" | tr a-f A-F)
	NAME=$(printf '%s-%03d' "$CLASS" "$NUM")
	FWSHORT=${FW%%,*}
	FWSHORT=${FWSHORT%% *}
	SERIAL_TAIL=$(echo "$SERIAL" | sed 's/.*\(.........\)$/\1/')
	cat >"$D/.sed" <<EOF
s|@IP@|$IP|g
s|@MAC@|$MAC|g
s|@MACD@|$MACD|g
s|@MACU@|$MACU|g
s|@MODEL@|$MODEL|g
s|@SERIAL@|$SERIAL|g
s|@SERIAL_TAIL@|$SERIAL_TAIL|g
s|@NAME@|$NAME|g
s|@UUID@|$UUID|g
s|@UUIDU@|$UUIDU|g
s|@IDX@|$IDX|g
s|@FW@|$FW|g
s|@FWSHORT@|$FWSHORT|g
s|@DEVCLASS@|$DEVCLASS|g
s|@ONVIF_MFR@|$ONVIF_MFR|g
s|@ONVIF_NAME@|$ONVIF_NAME|g
s|@SADP_MODEL@|$SADP_MODEL|g
s|@SADP_SERIAL@|$SADP_SERIAL|g
s|@UPDATE_SERIAL@|$UPDATE_SERIAL|g
EOF
	for f in "$DEVS/$CLASS"/*; do
		[ -f "$f" ] || continue
		case ${f##*/} in class.conf) continue ;; esac
		render "$f" "$D/${f##*/}"
	done

	# namespace and link
	ip netns add "$NS"
	ip link add "p$NUM" netns $NS_BR type veth peer name eth0 netns "$NS"
	ip -n "$NS" link set lo up
	ip -n "$NS" link set eth0 address "$MAC"
	ip -n "$NS" addr add "$IP/24" dev eth0
	ip -n "$NS" addr add "$NET6::${IP##*.}/64" dev eth0 nodad
	ip -n "$NS" link set eth0 up
	ip -n "$NS" route add 224.0.0.0/4 dev eth0
	ip -n $NS_BR link set "p$NUM" master br0 up

	# services
	for s in $SERVICES; do
		case $s in
		http:*)
			bg "$NS" socat "TCP4-LISTEN:${s#http:},bind=$IP,fork,reuseaddr" \
				"EXEC:sh $DEVS/bin/http.sh $D"
			;;
		https:*)
			subj=$(echo "$TLS_SUBJ" | sed -f "$D/.sed")
			tls_cert "$subj" "$TLS_CA"
			bg "$NS" socat "OPENSSL-LISTEN:${s#https:},bind=$IP,fork,reuseaddr,cert=$D/tls.pem,verify=0" \
				"EXEC:sh $DEVS/bin/http.sh $D"
			;;
		rtsp:*)
			bg "$NS" socat "TCP4-LISTEN:${s#rtsp:},bind=$IP,fork,reuseaddr" \
				"EXEC:sh $DEVS/bin/rtsp.sh $D"
			;;
		banner:*)
			p=${s#banner:}
			bg "$NS" socat "TCP4-LISTEN:${p%%:*},bind=$IP,fork,reuseaddr" \
				"EXEC:sh $DEVS/bin/banner.sh $D/${p#*:}"
			;;
		open:*) # a vendor port that accepts and says nothing until the client speaks and leaves
			bg "$NS" socat "TCP4-LISTEN:${s#open:},bind=$IP,fork,reuseaddr" \
				"EXEC:sh $DEVS/bin/hostile.sh silent"
			;;
		hostile:*)
			p=${s#hostile:}
			bg "$NS" socat "TCP4-LISTEN:${p#*:},bind=$IP,fork,reuseaddr" \
				"EXEC:sh $DEVS/bin/hostile.sh ${p%%:*}"
			;;
		tlshostile:*) # the same misbehaviour behind a TLS handshake that succeeds
			p=${s#tlshostile:}
			[ -f "$D/tls.pem" ] || tls_cert "/CN=$IP" ""
			bg "$NS" socat "OPENSSL-LISTEN:${p#*:},bind=$IP,fork,reuseaddr,cert=$D/tls.pem,verify=0" \
				"EXEC:sh $DEVS/bin/hostile.sh ${p%%:*}"
			;;
		reset:*)
			bg "$NS" socat "TCP4-LISTEN:${s#reset:},bind=$IP,fork,reuseaddr,linger=0,shut-close" "SYSTEM:true"
			;;
		ugarbage:*)
			head -c 512 /dev/urandom >"$D/garbage.bin"
			bg "$NS" socat "UDP4-RECVFROM:${s#ugarbage:},fork,reuseaddr" \
				"EXEC:sh $DEVS/bin/udp.sh $D/garbage.bin"
			;;
		blackhole)
			# Drop every TCP, UDP and ICMP packet that comes in, before the local table is looked
			# up; ARP still answers (its route lookup has no IP protocol), so the host is there but
			# silent. (tc's drop action needs a kernel module some hosts cannot load.)
			ip -n "$NS" rule del pref 0 lookup local
			for proto in tcp udp icmp; do
				ip -n "$NS" rule add pref 10 iif eth0 ipproto $proto blackhole
			done
			ip -n "$NS" rule add pref 100 lookup local
			;;
		sadp)
			bg "$NS" socat "UDP4-RECVFROM:37020,ip-add-membership=239.255.255.250:$IP,reuseaddr,fork" \
				"EXEC:sh $DEVS/bin/udp.sh $D/sadp.xml sadp"
			;;
		wsd)
			bg "$NS" socat "UDP4-RECVFROM:3702,ip-add-membership=239.255.255.250:$IP,reuseaddr,fork" \
				"EXEC:sh $DEVS/bin/udp.sh $D/wsd.xml wsd"
			;;
		ssdp)
			bg "$NS" socat "UDP4-RECVFROM:1900,ip-add-membership=239.255.255.250:$IP,reuseaddr,fork" \
				"EXEC:sh $DEVS/bin/udp.sh $D/ssdp.txt ssdp"
			;;
		dhip)
			n=$(wc -c <"$D/dhip.json")
			{
				le32 32
				printf 'DHIP'
				le32 0
				le32 0
				le32 "$n"
				le32 0
				le32 "$n"
				le32 0
				cat "$D/dhip.json"
			} >"$D/dhip.bin"
			bg "$NS" socat "UDP4-RECVFROM:37810,ip-add-membership=239.255.255.251:$IP,reuseaddr,fork" \
				"EXEC:sh $DEVS/bin/udp.sh $D/dhip.bin dhip"
			;;
		snmp)
			descr=$(echo "$SNMP_DESCR" | sed -f "$D/.sed")
			mkdir -p "$D/snmp"
			# SNMP_V1ONLY=1: the community maps to a group for v1 only (VACM, RFC 3584 §5), so
			# snmpd drops v2c requests without an answer, as a v1-only agent does.
			access="rocommunity public $NET.0/24"
			[ "$SNMP_V1ONLY" = 1 ] && access="com2sec labv1 $NET.0/24 public
group labv1 v1 labv1
view all included .1
access labv1 \"\" v1 noauth exact all none none"
			cat >"$D/snmpd.conf" <<EOF
agentAddress udp:$IP:161
$access
sysDescr $descr
sysObjectID $SNMP_OID
sysName $NAME
sysLocation bansweep lab
sysContact noc@lab.invalid
sysServices 78
EOF
			# the class's own lines, rendered (e.g. ENTITY-MIB rows through snmpd's override)
			if [ -f "$D/snmpd.extra" ]; then cat "$D/snmpd.extra" >>"$D/snmpd.conf"; fi
			bg "$NS" env SNMP_PERSISTENT_DIR="$D/snmp" MIBS="" MIBDIRS="$D/snmp" \
				snmpd -f -C -c "$D/snmpd.conf" -Lf "$D/snmpd.log" -p "$D/snmpd.pid" -I -smux
			;;
		*) die "unknown service $s in $CLASS" ;;
		esac
	done
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$IP" "$MAC" "$CLASS" "$VENDOR" "$BRAND" "$MODEL" \
		"$SERIAL" "$NS" >>"$STATE/expected.tsv"
}

do_up() {
	n=${1:-}
	install_missing
	[ -n "$(lab_namespaces)" ] && { say "a lab is up: taking it down first"; do_down; }
	t0=$(date +%s.%N)
	mkdir -p "$STATE/dev"
	: >"$STATE/pids"
	printf '#ip\tmac\tclass\tvendor\tbrand\tmodel\tserial\tnamespace\n' >"$STATE/expected.tsv"

	# bridge and scanner
	ip netns add $NS_BR
	ip -n $NS_BR link set lo up
	ip -n $NS_BR link add br0 type bridge
	ip netns exec $NS_BR sh -c 'echo 0 > /sys/class/net/br0/bridge/multicast_snooping'
	ip -n $NS_BR link set br0 up
	ip netns add $NS_SCAN
	ip link add p1 netns $NS_BR type veth peer name eth0 netns $NS_SCAN
	ip -n $NS_SCAN link set lo up
	ip -n $NS_SCAN link set eth0 address 02:00:4e:00:00:01
	ip -n $NS_SCAN addr add $NET.1/24 dev eth0
	ip -n $NS_SCAN addr add "$NET6::1/64" dev eth0 nodad
	ip -n $NS_SCAN link set eth0 up
	ip -n $NS_SCAN route add 224.0.0.0/4 dev eth0
	ip -n $NS_BR link set p1 master br0 up

	# device list: every class once (hostile peers included), then the non-hostile classes again
	# with other models and serials until N
	first="$BASE_CLASSES $HOSTILE_CLASSES"
	nfirst=$(echo $first | wc -w)
	nbase=$(echo $BASE_CLASSES | wc -w)
	total=${n:-$nfirst}
	[ "$total" -ge 1 ] && [ "$total" -le 244 ] || die "N must be 1..244"
	devlist=""
	i=0
	while [ $i -lt "$total" ]; do
		if [ $i -lt "$nfirst" ]; then
			c=$(echo $first | cut -d' ' -f$((i + 1)))
		else
			c=$(echo $BASE_CLASSES | cut -d' ' -f$(((i - nfirst) % nbase + 1)))
		fi
		devlist="$devlist $c"
		i=$((i + 1))
	done
	num=10
	for c in $devlist; do
		inst=$(eval "echo \${seen_$(echo "$c" | tr - _):-0}")
		eval "seen_$(echo "$c" | tr - _)=$((inst + 1))"
		add_device "$c" "$inst" "$num"
		num=$((num + 1))
	done

	# wait until every listener of every device is up (snmpd takes longest)
	want_tcp=0
	want_udp=0
	for s in $(awk -F'\t' '!/^#/{print $3}' "$STATE/expected.tsv"); do
		SERVICES=""
		# shellcheck disable=SC1090
		. "$DEVS/$s/class.conf"
		for x in $SERVICES; do
			case $x in
			sadp|wsd|ssdp|dhip|snmp|ugarbage:*) want_udp=$((want_udp + 1)) ;;
			blackhole) ;;
			*) want_tcp=$((want_tcp + 1)) ;;
			esac
		done
	done
	for _ in $(seq 300); do
		have_tcp=0
		have_udp=0
		for ns in $(awk -F'\t' '!/^#/{print $8}' "$STATE/expected.tsv"); do
			have_tcp=$((have_tcp + $(ip netns exec "$ns" ss -Hltn | wc -l)))
			have_udp=$((have_udp + $(ip netns exec "$ns" ss -Hlun | wc -l)))
		done
		[ "$have_tcp" -ge "$want_tcp" ] && [ "$have_udp" -ge "$want_udp" ] && break
		sleep 0.1
	done
	t1=$(date +%s.%N)
	if [ "$have_tcp" -lt "$want_tcp" ] || [ "$have_udp" -lt "$want_udp" ]; then
		say "warning: $have_tcp/$want_tcp TCP and $have_udp/$want_udp UDP listeners up (see $STATE/dev/*/log)"
	fi
	say "up: $total devices on $NET.0/24 in $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s; scanner: ip netns exec $NS_SCAN ... ($NET.1)"
	say "expected inventory: $STATE/expected.tsv"
}

do_status() {
	[ -f "$STATE/expected.tsv" ] || { say "no lab up (state $STATE)"; return 1; }
	printf '%-12s %-18s %-18s %-10s %-10s %s\n' IP MAC CLASS VENDOR BRAND MODEL
	awk -F'\t' '!/^#/{printf "%-12s %-18s %-18s %-10s %-10s %s\n", $1, $2, $3, $4, $5, $6}' \
		"$STATE/expected.tsv"
	np=0
	for ns in $(lab_namespaces); do np=$((np + $(ip netns pids "$ns" | wc -l))); done
	say "$(lab_namespaces | wc -l) namespaces, $np processes; scanner $NS_SCAN ($NET.1); state $STATE"
}

[ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces)"
case ${1:-} in
up) do_up "${2:-}" ;;
down)
	t0=$(date +%s.%N)
	do_down
	t1=$(date +%s.%N)
	say "down in $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s"
	;;
status) do_status ;;
exec) shift; exec ip netns exec $NS_SCAN "$@" ;;
*) echo "usage: $0 up [N] | down | status | exec CMD..." >&2; exit 2 ;;
esac
