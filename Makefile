# Everything a fresh machine needs; see README.md.
#   make demo    lint examples/ and run the example tests against the embedded TLS server
#   make test    run the whole test suite (installs PgBouncer first on Debian when run as root)
#   make bench   run the side-by-side benchmarks and rewrite BENCHMARKS.md
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The pooled-route tests run PgBouncer in transaction mode (Neon's -pooler route). PGBOUNCER=/path
# checks that file instead of searching; APT_GET replaces the installer (dry run: APT_GET="echo apt-get").
PGBOUNCER ?=
APT_GET ?= apt-get

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || { \
	  echo "neon-tls needs Python 3.10 or newer as '$(PYTHON)' (run: make PYTHON=/path/to/python3.12 ...)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "could not create $(VENV): install the venv module (Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@$(BIN)/python -c 'import sys; sys.excepthook = lambda kind, error, tb: print(error, file=sys.stderr); \
	  from pytest_neon_tls.binaries import find_binaries; find_binaries()' || { \
	  echo "the tests and the demo need PostgreSQL server binaries (initdb, postgres, pg_ctl)"; exit 1; }
	@touch $@

demo: $(VENV)/.installed
	@echo "== flake8-neon examples/   (every examples/lint/bad_*.py must be flagged)"
	@$(BIN)/flake8-neon examples/; status=$$?; \
	  if [ $$status -ne 1 ]; then echo "expected findings (exit 1) from the bad examples, got exit $$status"; exit 1; fi
	@echo
	@echo "== pytest examples/pytest  (neon_conn against the embedded TLS server)"
	$(BIN)/python -m pytest examples/pytest -v

pgbouncer: $(VENV)/.installed
	@if [ -n "$(PGBOUNCER)" ]; then test -x "$(PGBOUNCER)"; else \
	  $(BIN)/python -c 'from pytest_neon_tls.binaries import find_pgbouncer; find_pgbouncer()' 2>/dev/null; fi || { \
	  if [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then \
	    echo "PgBouncer is missing (the pooled-route tests need it); installing: apt-get install -y pgbouncer"; \
	    $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq pgbouncer || exit 1; \
	  else \
	    echo "the tests need PgBouncer (Neon's pooled route). Install it: as root on Debian/Ubuntu"\
	      "apt-get install -y pgbouncer; Fedora: dnf install pgbouncer; macOS: brew install pgbouncer"; exit 1; \
	  fi; }

test: $(VENV)/.installed pgbouncer
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

.PHONY: demo test bench pgbouncer
