#!/bin/sh
DAEMON=/usr/sbin/cron
  export DAEMON="/opt/x/bin/y"
DAEMON='/opt/q'
DAEMON="/unterminated
DAEMON=$BASE/bin/z
DAEMON=/a/b;c
