# The two commands: `make run` and `make test`. Everything else is a helper of theirs.
.PHONY: all setup build run test test-asan soak bench bench-http bench-fanout bench-procedures bench-map bench-overload fuzz format clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake --preset default >/dev/null
	@cmake --build --preset default
	@npm run build --prefix web --silent

run: build
	@scripts/run.sh

test: build
	@scripts/test.sh

# Only the sanitizer part of `make test`: the unit, contract, CLI and API suites built with
# AddressSanitizer and UBSan in build-asan (tests/sanitize.cmake; ctest arguments in ARGS).
test-asan: setup
	@scripts/test_asan.sh $(ARGS)

# The long crash test: 200 SIGKILLs per engine under a write load (SOAK_KILLS to change), then
# the concurrency test; about 15 minutes for both engines (tests/api/run_crash_test.py).
soak: build
	@scripts/soak.sh

# Every benchmark, three runs each, medians written into docs/PERFORMANCE.md (15-20 minutes;
# CDS_BENCH_QUICK=1: about 2). bench-http is the HTTP step alone.
bench: build
	@bench/all.sh

bench-http: build
	@bench/run.sh

# The map index under a million reports, three runs (about 5 minutes; docs/PERFORMANCE.md, "Map").
bench-map: build
	@bench/map/run.sh

# Fan-out of one broadcast to 1,000-15,000 SSE subscribers, against Nchan and Pushpin (about
# 15 minutes; installs nginx-light, libnginx-mod-nchan and pushpin when missing).
bench-fanout: build
	@bench/fanout/run.sh

# The server offered ten times its capacity as a fixed rate (open loop, bench_openloop): with and
# without admission control and rate limits, /healthz latency and memory meanwhile (about 2
# minutes; docs/PERFORMANCE.md, "Overload").
bench-overload: build
	@bench/overload/run.sh

# Search latency of the procedure catalogue over ~3,000 procedures (the portal's sample x 10;
# needs ../shared/data/procedures).
bench-procedures:
	@cmake --preset default >/dev/null
	@bench/procedures/run.sh

# Every libFuzzer target for CDS_FUZZ_SECONDS (60 by default) each, built with clang, ASan and
# UBSan in build-fuzz (docs/FUZZING.md); exits non-zero on a crash, naming the reproducer.
fuzz: setup
	@fuzz/run.sh

format:
	@find src tests bench fuzz -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build build-asan
