#!/bin/sh
# The store's golden cases (tests/golden/store.list) on PostgreSQL: a schema of its own on the
# server of pg.start, the same expected files as on SQLite. Skipped (77) without a server.
#   golden-pg.sh BANSWEEP URL_FILE
set -u
bin=$1
if [ ! -r "$2" ]; then
	echo "golden-pg: no PostgreSQL server (pg.start skipped): skipped"
	exit 77
fi
base=$(cat "$2")
here=$(cd "$(dirname "$0")/.." && pwd)
schema="golden_$$"
psql -qAt -d "$base" -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null || exit 1
STORE_DB="$base?options=-csearch_path%3D$schema" sh "$here/golden/run.sh" "$bin" "$here/golden/store.list"
rc=$?
psql -qAt -d "$base" -c "DROP SCHEMA $schema CASCADE" >/dev/null
exit $rc
