# Sluice: `make demo` runs it, `make test` tests it, `make bench` measures it.
# Each target installs what it needs first (apt-get, pip), idempotently.

SWIFT      ?= swift
APT_PKGS   := libpq-dev libsqlite3-dev libzstd-dev libsnappy-dev zlib1g-dev libcurl4-openssl-dev postgresql-15 postgresql-client-15 zstd tzdata time chromium chromium-driver
PIP_PKGS   := pyarrow duckdb==1.4.4 duckdb-ext-postgres moto[server] psycopg[binary] jinja2 croniter aiosmtpd apache-airflow-client==3.3.2 prometheus-client==0.26.0 schemathesis==4.32.5 openapi-spec-validator==0.9.0 selenium==4.51.0
STAMP      := .build/.deps-stamp

.PHONY: all deps build release test bench demo fuzz clean dist test-dist

all: build

$(STAMP): Makefile
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c "import pyarrow, duckdb, moto, psycopg, duckdb_ext, jinja2, croniter, aiosmtpd, airflow_client.client, prometheus_client, schemathesis, openapi_spec_validator, selenium" 2>/dev/null || \
	  python3 -m pip install -q --disable-pip-version-check $(PIP_PKGS)
	@mkdir -p .build && touch $(STAMP)

deps: $(STAMP)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	bash scripts/test.sh

bench: deps
	bash scripts/bench.sh

demo: deps
	bash scripts/demo.sh

# libFuzzer targets in Fuzz/, each run FUZZ_SECONDS (default 60) on its seed corpus.
fuzz: deps
	bash scripts/fuzz.sh

# dist/sluice-<version>-linux-<arch>.tar.gz (and a .deb): release build, Swift runtime linked statically.
dist: deps
	bash scripts/dist.sh

# The dist tarball on a clean Debian 12 root (debootstrap) with no Swift: needs root and the Debian mirror.
test-dist: deps
	bash scripts/test-dist.sh

clean:
	rm -rf .build .build-dist .sluice lake dist
