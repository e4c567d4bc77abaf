#!/bin/sh
# hostile.sh KIND: misbehaving TCP peers (one connection each; socat gives the socket on stdio).
#   silent    accepts, reads, never answers (until the client gives up)
#   endless   HTTP status line, then header lines without end
#   garbage   64 KiB of random bytes, then close
#   slow      an HTTP answer one line every 2 s (about 40 s in all)
#   halfopen  the start of an HTTP answer, cut mid-header, then silence with the connection open
# (resets are done by socat itself: linger=0 and an immediate close.)
case $1 in
silent) cat >/dev/null ;;
endless)
	printf 'HTTP/1.1 200 OK\r\nServer: App-webs/\r\n'
	yes 'X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | sed 's/$/\r/'
	;;
garbage) head -c 65536 /dev/urandom ;;
slow)
	for l in 'HTTP/1.1 200 OK' 'Server: App-webs/' 'Content-Type: text/html' \
		X-A:1 X-B:2 X-C:3 X-D:4 X-E:5 X-F:6 X-G:7 X-H:8 X-I:9 X-J:10 X-K:11 X-L:12 X-M:13 \
		X-N:14 X-O:15 X-P:16 'Content-Length: 0' ''; do
		printf '%s\r\n' "$l" || exit 0
		sleep 2
	done
	;;
halfopen) printf 'HTTP/1.1 200 OK\r\nServer: App-we'; cat >/dev/null ;;
esac
