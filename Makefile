# The two commands: `make run` and `make test`. Everything else is a helper of theirs.
.PHONY: all setup build run test bench format clean

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

bench: build
	@bench/run.sh

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
