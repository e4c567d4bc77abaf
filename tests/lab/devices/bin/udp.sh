#!/bin/sh
# udp.sh FILE [KIND]: answer one datagram (socat UDP4-RECVFROM,fork gives it on stdin) with FILE.
# KIND wsd: copy the probe's MessageID into the reply's RelatesTo (@RELATES@ in FILE); reply only
#           to a Probe. sadp: reply only to an inquiry. dhip: reply only to DHDiscover.search.
#           ssdp: reply only to an M-SEARCH.
req=$(dd bs=65536 count=1 2>/dev/null | tr -d '\000')
case ${2:-} in
wsd)
	case $req in *Probe*) ;; *) exit 0 ;; esac
	id=$(printf '%s' "$req" | sed -n 's/.*<[A-Za-z0-9]*:*MessageID[^>]*>\([^<]*\)<.*/\1/p' | head -n 1)
	sed "s|@RELATES@|${id:-uuid:00000000-0000-0000-0000-000000000000}|" "$1"
	;;
sadp) case $req in *inquiry*|*Probe*) cat "$1" ;; esac ;;
dhip) case $req in *DHDiscover*) cat "$1" ;; esac ;;
ssdp) case $req in M-SEARCH*) cat "$1" ;; esac ;;
*) cat "$1" ;;
esac
