#!/bin/sh
# A throwaway PostgreSQL server for the tests of the store's PostgreSQL back end.
#
#   pg-test.sh start DIR   makes a cluster in DIR with the newest installed server (Debian's
#                          /usr/lib/postgresql/N/bin), starts it on the first free port from 55432
#                          up, creates the database bansweep_test, and prints its URL
#                          postgresql://USER@127.0.0.1:PORT/bansweep_test (also written to DIR/url)
#   pg-test.sh stop DIR    stops it and removes DIR (and the cluster)
#
# The server listens on 127.0.0.1 only (and on a Unix socket only its owner may use), with trust
# authentication: a server for tests, never for data. initdb and postgres refuse to run as root,
# so as root the cluster belongs to the user postgres (nobody when there is none); otherwise to
# the current user. Exit 77 (skipped) when no PostgreSQL server is installed.
# BSW_PG_BINDIR names another directory holding initdb, pg_ctl, postgres, createdb and psql.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
cmd=$1
dir=$2
case $dir in /*) ;; *) dir=$(pwd)/$dir ;; esac
# runuser's user may not be able to enter the caller's working directory.
cd /

if [ "$(id -u)" -eq 0 ]; then
	if id postgres >/dev/null 2>&1; then user=postgres; else user=nobody; fi
	as() { runuser -u "$user" -- "$@"; }
else
	user=$(id -un)
	as() { "$@"; }
fi

# The newest installed server, or nothing.
find_bindir() {
	if [ -n "${BSW_PG_BINDIR:-}" ]; then
		[ -x "$BSW_PG_BINDIR/initdb" ] || { echo "pg-test: no initdb in $BSW_PG_BINDIR" >&2; exit 1; }
		echo "$BSW_PG_BINDIR"
		return
	fi
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && echo "$d"
	done | sort -V | tail -n 1
}

# Stops the cluster recorded in DIR (if any) and removes both; refuses a DIR it did not make.
stop() {
	[ -e "$dir" ] || return 0
	if [ ! -e "$dir/.pg-test" ]; then
		echo "pg-test: $dir was not made by pg-test.sh: left alone" >&2
		exit 1
	fi
	base=$dir
	[ -s "$dir/cluster" ] && base=$(cat "$dir/cluster")
	case $base in
	"$dir" | */bansweep-pg.*) ;;
	*) echo "pg-test: $dir/cluster names $base: left alone" >&2; exit 1 ;;
	esac
	bin=$(cat "$dir/bin" 2>/dev/null || true)
	if [ -n "$bin" ] && [ -f "$base/data/postmaster.pid" ]; then
		as "$bin/pg_ctl" -D "$base/data" -m fast -w -t 60 stop >&2 || true
	fi
	rm -rf "$base" "$dir"
}

start() {
	stop # what an interrupted run left
	bin=$(find_bindir)
	if [ -z "$bin" ]; then
		echo "pg-test: skipped: no PostgreSQL server installed (apt-get install postgresql)" >&2
		exit 77
	fi
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd -P)
	: >"$dir/.pg-test"
	echo "$bin" >"$dir/bin"
	# The cluster lives in DIR when its user may write there and the socket's path is short
	# and plain (a Unix socket path holds at most 107 bytes; the path is quoted in the
	# configuration), else in a directory of its own under /tmp.
	base=$dir
	[ "$(id -u)" -eq 0 ] && chown "$user" "$dir"
	case $dir in *[!A-Za-z0-9/._-]*) base= ;; esac
	if [ -z "$base" ] || [ ${#dir} -gt 80 ] || ! as test -w "$dir" -a -x "$dir"; then
		base=$(mktemp -d /tmp/bansweep-pg.XXXXXX)
		[ "$(id -u)" -eq 0 ] && chown "$user" "$base"
	fi
	echo "$base" >"$dir/cluster"

	# --no-sync: initdb's own flush of the new files, not the server's fsync (left on).
	as "$bin/initdb" -D "$base/data" -U "$user" -E UTF8 --no-locale -A trust --no-sync \
		>"$base/initdb.log" 2>&1 || {
		cat "$base/initdb.log" >&2
		echo "pg-test: initdb failed" >&2
		exit 1
	}
	# Only the loopback address, and a socket only the cluster's owner may use.
	cat >"$base/data/pg_hba.conf" <<-EOF
		local all all trust
		host all all 127.0.0.1/32 trust
	EOF
	cat >>"$base/data/postgresql.conf" <<-EOF
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$base'
		unix_socket_permissions = 0700
	EOF

	port=55432
	while :; do
		if [ "$port" -ge 55532 ]; then
			echo "pg-test: no free port in 55432-55531" >&2
			exit 1
		fi
		# Something answers there already: next port.
		if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 >/dev/null 2>&1 ||
			[ $? -ne 2 ]; then
			port=$((port + 1))
			continue
		fi
		# listen_addresses again on the command line, which nothing in the cluster overrides.
		rm -f "$base/server.log"
		if as "$bin/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 \
			-o "-p $port -c listen_addresses=127.0.0.1 -k $base" start >&2; then
			break
		fi
		if grep -q 'already in use' "$base/server.log" 2>/dev/null; then
			port=$((port + 1))
			continue
		fi
		cat "$base/server.log" >&2 || true
		echo "pg-test: the server did not start" >&2
		exit 1
	done
	echo "$port" >"$dir/port"

	opts="-h 127.0.0.1 -p $port -U $user"
	# shellcheck disable=SC2086
	as "$bin/createdb" $opts bansweep_test >&2
	# shellcheck disable=SC2086
	listen=$(as "$bin/psql" $opts -d bansweep_test -XAtc 'SHOW listen_addresses')
	if [ "$listen" != 127.0.0.1 ]; then
		echo "pg-test: the server listens on '$listen', not only 127.0.0.1: stopping it" >&2
		stop
		exit 1
	fi
	url="postgresql://$user@127.0.0.1:$port/bansweep_test"
	echo "$url" >"$dir/url"
	echo "$url"
}

case $cmd in
start) start ;;
stop) stop ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
