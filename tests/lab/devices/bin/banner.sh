#!/bin/sh
# banner.sh FILE: send FILE (an SSH/telnet/FTP greeting), then read what the client sends for up
# to 5 s and close (a login prompt that nobody answers).
cat "$1"
timeout 5 cat >/dev/null
