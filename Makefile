# Two commands for a newcomer on Debian 12:
#   make run   installs missing Debian packages, builds, renders every sample into out/
#   make test  builds and runs the whole test suite through ctest
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
SAMPLES := $(wildcard samples/*.json)

.PHONY: run test build deps test-deps clean

run: deps build
	@mkdir -p out
	@set -e; for f in $(SAMPLES); do \
	  name=$$(basename $$f .json); \
	  echo "thidua render $$f -o out/$$name"; \
	  ./$(BUILD)/thidua render $$f -o out/$$name; \
	done

test: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --tests

clean:
	rm -rf $(BUILD) out
