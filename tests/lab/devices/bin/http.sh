#!/bin/sh
# http.sh DIR: answer one HTTP/1.x request on stdin/stdout like the device whose rendered files
# are in DIR. DIR/routes: one route a line, "METHOD PATH STATUS BODY CTYPE HEADERS [MATCH]":
#   METHOD, PATH  exact (PATH with its query), or * for any
#   STATUS        e.g. "200" (reason added below)
#   BODY          file in DIR sent as the body, or - for none
#   CTYPE         Content-Type, or -
#   HEADERS       file in DIR of extra header lines (CRLF-terminated), or -
#   MATCH         optional: the route applies only when the request body contains this word
#                 (ONVIF: the SOAP operation, e.g. GetDeviceInformation)
# DIR/headers holds the header lines every answer carries (Server: ...). First match wins.
d=$1
cr=$(printf '\r')
IFS= read -r req || exit 0
req=${req%"$cr"}
method=${req%% *}
rest=${req#* }
path=${rest%% *}
clen=0
while IFS= read -r h; do
	h=${h%"$cr"}
	[ -z "$h" ] && break
	case $h in
	[Cc]ontent-[Ll]ength:*) clen=${h#*:}; clen=$(echo $clen | tr -cd 0-9) ;;
	esac
done
body=""
if [ "${clen:-0}" -gt 0 ] 2>/dev/null && [ "$clen" -le 65536 ]; then
	body=$(head -c "$clen")
fi
reason() {
	case $1 in
	200) echo OK ;; 302) echo Found ;; 401) echo Unauthorized ;; 403) echo Forbidden ;;
	404) echo "Not Found" ;; 405) echo "Method Not Allowed" ;; 500) echo "Internal Server Error" ;;
	*) echo Status ;;
	esac
}
while read -r m p st bf ct hf match; do
	case $m in ''|'#'*) continue ;; esac
	[ "$m" = "*" ] || [ "$m" = "$method" ] || continue
	[ "$p" = "*" ] || [ "$p" = "$path" ] || continue
	if [ -n "$match" ]; then
		case $body in *"$match"*) ;; *) continue ;; esac
	fi
	len=0
	[ "$bf" != "-" ] && len=$(wc -c <"$d/$bf")
	printf 'HTTP/1.1 %s %s\r\n' "$st" "$(reason "$st")"
	[ -f "$d/headers" ] && cat "$d/headers"
	[ "$hf" != "-" ] && cat "$d/$hf"
	[ "$ct" != "-" ] && printf 'Content-Type: %s\r\n' "$ct"
	printf 'Content-Length: %s\r\nConnection: close\r\n\r\n' "$len"
	[ "$bf" != "-" ] && [ "$method" != "HEAD" ] && cat "$d/$bf"
	exit 0
done <"$d/routes"
printf 'HTTP/1.1 404 Not Found\r\n'
[ -f "$d/headers" ] && cat "$d/headers"
printf 'Content-Length: 0\r\nConnection: close\r\n\r\n'
