#!/bin/sh
# clang-format over the project's C sources; --check fails on any difference.
set -eu
cd "$(dirname "$0")/.."
files=$(git ls-files -co --exclude-standard '*.c' '*.h' 2>/dev/null || find src cli include tests bench -name '*.[ch]')
[ -n "$files" ] || exit 0
if [ "${1:-}" = --check ]; then
	# shellcheck disable=SC2086
	if ! clang-format --dry-run --Werror $files; then
		echo "format: run 'make format'" >&2
		exit 1
	fi
	echo "format: clean"
else
	# shellcheck disable=SC2086
	clang-format -i $files
fi
