#!/bin/sh
# rtsp.sh DIR: an RTSP/1.0 server's first answers, from DIR/rtsp.conf (sh variables):
#   SERVER   Server header value, or empty for none
#   AUTH     WWW-Authenticate value sent with 401 to DESCRIBE/SETUP/PLAY
# OPTIONS is answered 200 with Public; other methods 401. Several requests per connection.
. "$1/rtsp.conf"
cr=$(printf '\r')
while IFS= read -r req; do
	req=${req%"$cr"}
	[ -z "$req" ] && continue
	method=${req%% *}
	cseq=0
	while IFS= read -r h; do
		h=${h%"$cr"}
		[ -z "$h" ] && break
		case $h in [Cc][Ss]eq:*) cseq=$(echo "${h#*:}" | tr -cd 0-9) ;; esac
	done
	case $req in *RTSP/1.*) ;; *) printf 'RTSP/1.0 400 Bad Request\r\nCSeq: %s\r\n\r\n' "$cseq"; exit 0 ;; esac
	if [ "$method" = OPTIONS ]; then
		printf 'RTSP/1.0 200 OK\r\nCSeq: %s\r\n' "$cseq"
		[ -n "$SERVER" ] && printf 'Server: %s\r\n' "$SERVER"
		printf 'Public: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\n'
		printf 'Date: %s\r\n\r\n' "$(LC_ALL=C date -u '+%a, %b %d %Y %H:%M:%S GMT')"
	else
		printf 'RTSP/1.0 401 Unauthorized\r\nCSeq: %s\r\n' "$cseq"
		[ -n "$SERVER" ] && printf 'Server: %s\r\n' "$SERVER"
		printf 'WWW-Authenticate: %s\r\n' "$AUTH"
		printf 'Date: %s\r\n\r\n' "$(LC_ALL=C date -u '+%a, %b %d %Y %H:%M:%S GMT')"
	fi
done
