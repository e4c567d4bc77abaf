#!/bin/sh
# The default job of `make run`: this machine's host inventory and the bundled capture
# (tests/fixtures/pcap/lab-devices.pcap, real traffic of the project's lab: a Huawei router and a
# Hikvision camera emulated in network namespaces), recorded in the default store (a SQLite file
# in the user's data directory, or $BANSWEEP_DB), then the store's status and report.
set -eu
bin=${1:-build/bansweep}
root=$(cd "$(dirname "$0")/.." && pwd)
export BANSWEEP_DATA="${BANSWEEP_DATA:-$root/data}"

echo "== bansweep: this machine ($(hostname 2>/dev/null || echo localhost)): installed software, services, devices"
# Exit 2 means some file was malformed (reported above); the run goes on.
"$bin" host || [ $? = 2 ]
echo
echo "== bansweep: the bundled capture"
"$bin" pcap "$root/tests/fixtures/pcap/lab-devices.pcap"
echo
echo "== bansweep: the store, per instrument"
"$bin" status
echo
echo "== bansweep: the compliance report (also: bansweep report --format html -o report.html)"
"$bin" report
