# Two commands for a newcomer on Debian 12:
#   make run   installs missing Debian packages, builds, renders every sample into out/
#   make test  builds and runs the whole test suite through ctest
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
SAMPLES := $(wildcard samples/*.json)

.PHONY: run test test-asan build deps test-deps clean

run: deps build
	@mkdir -p out
	@set -e; for f in $(SAMPLES); do \
	  name=$$(basename $$f .json); \
	  echo "thidua render $$f -o out/$$name"; \
	  ./$(BUILD)/thidua render $$f -o out/$$name; \
	done

test: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite built with AddressSanitizer + UndefinedBehaviorSanitizer, in its own
# folder; libxlsxwriter 1.1.4's own leaks are suppressed by name (tests/sanitizer/lsan.supp).
ASAN_BUILD ?= build-asan
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0:abort_on_error=0:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizer/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-asan: test-deps
	cmake -S . -B $(ASAN_BUILD) -DTHIDUA_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	# ASan's red zones make each stack frame several times larger: the evaluator's 1,000
	# nesting levels, which fit 8 MiB in the normal build, need more (64 MiB) under ASan.
	cd $(ASAN_BUILD) && ulimit -s 65536 && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS) $(ASAN_CTEST_ARGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --tests

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) out
