# bansweep: the two commands of the README.
#   make run     install what is missing, build, run the default job and print the report
#   make check   the same set-up, then every test (plain build, ASan+UBSan build, fuzz smoke)
# Other targets: build, asan, fuzz, bench, format, format-check, install, clean.

BUILD    ?= build
ASAN     ?= build-asan
FUZZ     ?= build-fuzz
MAKEFLAGS += --no-print-directory
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 10

.PHONY: all deps build asan fuzz run check test test-asan fuzz-smoke bench format format-check \
	install clean

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/Makefile:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j$(JOBS)

asan: deps
	cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DBANSWEEP_SANITIZE=ON
	cmake --build $(ASAN) -j$(JOBS)

fuzz: deps
	CC=clang cmake -S . -B $(FUZZ) -DCMAKE_BUILD_TYPE=Debug -DBANSWEEP_FUZZ=ON
	cmake --build $(FUZZ) -j$(JOBS)

run: build
	@sh scripts/run-default.sh $(BUILD)/bansweep

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

test-asan: asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --test-dir $(ASAN) --output-on-failure -j$(JOBS)

# Runs each libFuzzer target for a short while on a copy of its corpus (the checked-in corpus
# is replayed by ctest in the other builds).
fuzz-smoke: fuzz
	@sh scripts/fuzz-smoke.sh $(FUZZ) $(FUZZ_SECONDS)

format-check:
	@sh scripts/format.sh --check

format:
	@sh scripts/format.sh

check: format-check test test-asan fuzz-smoke
	@echo "make check: all passed"

# bench/store.sh: 1,000,000 observations of 100,000 assets into the store (SQLite, and PostgreSQL as
# root), then the HTML report of it.
# bench/scan.sh: the active scan of a lab /24 (network namespaces) beside nmap -sV; as root only
# (it says it is skipped otherwise), about 20 min, nearly all of it nmap's. SCAN_DEVICES=0 skips it.
# bench/import.sh: `bansweep import` of a generated zgrab2 JSON Lines file beside jq, one core and
# two, peak memory at N/10 and N records; IMPORT_RECORDS=10000000 is the issue's full-size run
# (about 2.7 GB of disk in $$BENCH_DIR or /tmp, a few minutes, most of it jq's).
SCAN_DEVICES ?= 60
IMPORT_RECORDS ?= 1000000
bench: build
	@sh bench/run.sh $(BUILD)
	@sh bench/store.sh $(BUILD)
	@sh bench/import.sh $(BUILD) $(IMPORT_RECORDS)
	@if [ "$(SCAN_DEVICES)" != 0 ]; then sh bench/scan.sh $(BUILD) $(SCAN_DEVICES); fi

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ)
