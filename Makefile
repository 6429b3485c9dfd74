# The user's entry point. Two commands set everything up on a fresh Debian 12:
#   make site   installs what is missing, builds `portal`, builds the portal into site/
#   make test   the same set-up, then every test through CTest, then the unit and end-to-end
#               tests again under ASan + UBSan (make test-sanitizers, docs/fuzzing.md)
#   make test-sanitizers  only the ASan + UBSan build and run
#   make check  the same set-up, then `portal check --strict` on the portal (docs/check.md)
#   make fuzz   builds the libFuzzer targets with clang and runs each FUZZ_SECONDS (docs/fuzzing.md)
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
PORTAL = $(BUILD_DIR)/portal
# ccache when it is there (developers' machines); CI works without it.
LAUNCHER = $(if $(shell command -v ccache 2>/dev/null),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

# `make test-sanitizers` (docs/fuzzing.md; the second half of `make test`):
# its own build folder, -O1 (a fraction of the -O3 build's compile time, and ASan's
# usual level), and every report is also written to SANITIZER_LOGS, so a report fails
# even if a test looked only at an exit code. Browser tests are left out (Chromium and
# Node are not ours).
SANITIZE_DIR ?= build-asan
SANITIZER_LOGS = $(abspath $(SANITIZE_DIR))/sanitizer-logs
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:exitcode=86:log_path=$(SANITIZER_LOGS)/asan \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86:log_path=$(SANITIZER_LOGS)/ubsan

# `make fuzz`: clang's libFuzzer, its own build folder; each target runs FUZZ_SECONDS.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_PACKAGES = clang libclang-rt-14-dev

# Debian packages the build and the tests need (see DESIGN.md).
BUILD_PACKAGES = g++ cmake make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
  libtomlplusplus-dev doctest-dev libcli11-dev nlohmann-json3-dev libxml2-dev libxxhash-dev liblz4-dev libcpp-httplib-dev libutf8proc-dev \
  libmimalloc-dev
TEST_PACKAGES = python3 python3-jinja2 cmark-gfm python3-feedparser libxml2-utils python3-icalendar python3-jsonschema \
  chromium default-jre-headless fonts-noto-cjk nodejs
# `make bench` only (not part of `make test`): Hugo, the speed reference (bench/).
BENCH_PACKAGES = hugo
# Browser tests (tests/browser/): Debian's Chromium driven by playwright-core, axe-core,
# and the Nu Html Checker (npm package vnu-jar, run by Java). Their npm packages are
# pinned in tests/browser/package-lock.json and installed by `npm ci` (no install scripts:
# nothing is downloaded but the packages). fonts-noto-cjk: Japanese in screenshots.
BROWSER_TESTS = tests/browser
NODE_MODULES_STAMP = $(BROWSER_TESTS)/node_modules/.package-lock.json

.PHONY: site test test-sanitizers check bench fuzz deps test-deps test-packages configure compile clean

site: deps compile
	$(PORTAL) build --root . --out site

check: deps compile
	$(PORTAL) check --root . --strict

# The sanitizer run comes second so a plain failure is reported first and fast.
test: deps test-deps compile
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) test-sanitizers

test-sanitizers: deps test-deps
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
	  -DPORTAL_SANITIZE=address,undefined $(LAUNCHER)
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	rm -rf $(SANITIZER_LOGS) && mkdir -p $(SANITIZER_LOGS)
	cd $(SANITIZE_DIR) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS) -E '^browser\.'; status=$$?; \
	  $(CURDIR)/scripts/sanitizer-reports $(SANITIZER_LOGS) || exit 1; exit $$status

fuzz: deps
	@scripts/install-packages $(FUZZ_PACKAGES) python3
	CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPORTAL_FUZZ=ON -DBUILD_TESTING=OFF $(LAUNCHER)
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzzers
	python3 fuzz/seeds.py $(FUZZ_DIR)/seeds
	python3 fuzz/run.py $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Portal against Hugo at N = 1,000 and 10,000 pages per language (bench/README.md);
# writes bench/RESULTS.md. Takes a few minutes; not part of `make test`.
bench: deps compile
	@scripts/install-packages $(BENCH_PACKAGES) python3
	cmake --build $(BUILD_DIR) --target bench_floor
	python3 bench/run.py --portal $(PORTAL) --floor $(BUILD_DIR)/bench_floor --work $(BUILD_DIR)/bench \
	  $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES)) $(if $(BENCH_RUNS),--runs $(BENCH_RUNS))

# Installs only what is missing, as root or through sudo.
deps:
	@scripts/install-packages $(BUILD_PACKAGES)

test-deps: test-packages $(NODE_MODULES_STAMP)

test-packages:
	@scripts/install-packages $(TEST_PACKAGES)
	@command -v npm >/dev/null 2>&1 || scripts/install-packages npm

# Runs `npm ci` when node_modules is missing or older than the lock file.
$(NODE_MODULES_STAMP): $(BROWSER_TESTS)/package.json $(BROWSER_TESTS)/package-lock.json | test-packages
	cd $(BROWSER_TESTS) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

configure:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

compile: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR) site
