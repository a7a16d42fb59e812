# The two commands: `make run` and `make test`. Everything else is a helper of theirs.
.PHONY: all setup build run test test-asan bench bench-fanout bench-procedures bench-map format clean

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

bench: build
	@bench/run.sh

# The map index under a million reports, three runs (about 5 minutes; docs/PERFORMANCE.md, "Map").
bench-map: build
	@bench/map/run.sh

# Fan-out of one broadcast to 1,000-15,000 SSE subscribers, against Nchan and Pushpin (about
# 15 minutes; installs nginx-light, libnginx-mod-nchan and pushpin when missing).
bench-fanout: build
	@bench/fanout/run.sh

# Search latency of the procedure catalogue over ~3,000 procedures (the portal's sample x 10;
# needs ../shared/data/procedures).
bench-procedures:
	@cmake --preset default >/dev/null
	@cmake --build --preset default --target bench_procedures
	@build/bin/bench_procedures ../shared/data/procedures/tthc_cap_xa_sample.jsonl 10 300

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build build-asan
