# Everything a fresh machine needs; see README.md.
#   make demo    lint examples/ and run the example tests against the embedded TLS server
#   make test    run the whole test suite (installs PostgreSQL and PgBouncer first on Debian when run as root)
#   make bench   run the side-by-side benchmarks and rewrite BENCHMARKS.md
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The demo and the tests start PostgreSQL servers; the pooled-route tests also run PgBouncer in
# transaction mode (Neon's -pooler route). PGBOUNCER=/path checks that file instead of searching;
# APT_GET replaces the installer (dry run: APT_GET="echo apt-get").
PGBOUNCER ?=
APT_GET ?= apt-get

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || { \
	  echo "neon-tls needs Python 3.10 or newer as '$(PYTHON)' (run: make PYTHON=/path/to/python3.12 ...)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "could not create $(VENV): install the venv module (Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(VENV)/.installed postgresql
	@echo "== flake8-neon examples/   (every examples/lint/bad_*.py must be flagged)"
	@$(BIN)/flake8-neon examples/; status=$$?; \
	  if [ $$status -ne 1 ]; then echo "expected findings (exit 1) from the bad examples, got exit $$status"; exit 1; fi
	@echo
	@echo "== pytest examples/pytest  (neon_conn against the embedded TLS server)"
	$(BIN)/python -m pytest examples/pytest -v

# $(call install_or_explain,CHECK,DEBIAN PACKAGE,WHAT NEEDS IT,OTHER SYSTEMS): run CHECK; when it
# fails, install the package as root on Debian, else say how to install it and stop.
define install_or_explain
	@$(1) || { \
	  if [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then \
	    echo "$(2) is missing ($(strip $(3)) need it); installing: apt-get install -y $(2)"; \
	    $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq $(2) || exit 1; \
	  else \
	    echo "$(strip $(3)) need $(2). Install it: as root on Debian/Ubuntu apt-get install -y $(2); $(strip $(4))"; exit 1; \
	  fi; }
endef

postgresql: $(VENV)/.installed
	$(call install_or_explain,$(BIN)/python -c 'from pytest_neon_tls.binaries import find_binaries; find_binaries()' \
	  >/dev/null 2>&1,postgresql,the embedded TLS server of the demo and the tests,\
	  Fedora: dnf install postgresql-server; macOS: brew install postgresql; or set NEON_TLS_PG_BINDIR)

pgbouncer: $(VENV)/.installed
	$(call install_or_explain,$(if $(PGBOUNCER),test -x "$(PGBOUNCER)",$(BIN)/python -c \
	  'from pytest_neon_tls.binaries import find_pgbouncer; find_pgbouncer()' >/dev/null 2>&1),pgbouncer,\
	  the tests of Neon's -pooler route,Fedora: dnf install pgbouncer; macOS: brew install pgbouncer)

test: $(VENV)/.installed postgresql pgbouncer
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

.PHONY: demo test bench postgresql pgbouncer
