# `make run` builds the environment and loads seeds/ into warehouse/; `make test` lints, then runs every test.
# Both install the exact versions in the lock files (requirements/run.txt, requirements/test.txt), with
# every file's hash checked; `make lock` regenerates them from the ranges in pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
# Hash-checked: every package comes from the lock, and a file whose hash differs stops the install.
# pip itself comes first from requirements/pip.txt: pip 23.2 (Python 3.11's) rejects a locked dependency
# asked for with an extra (justext wants lxml[html_clean]) as "not pinned"; pip 23.3 and later accept it.
LOCKED := $(PIP) install --quiet --require-hashes
# The project itself, on top of the locked packages (an editable install cannot carry a hash).
SELF := $(PIP) install --quiet --no-deps -e .
LINTED := etl dags tests bench tools

.PHONY: run test lint typecheck install install-test lock clean

run: $(VENV)/.installed
	$(BIN)/etl run

test: lint
	$(BIN)/python -m pytest

# ruff (rules and formatting), the import-linter contracts (the stages import one way) and mypy, all
# configured in pyproject.toml.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

# mypy alone (make lint runs it too).
typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml requirements/pip.txt requirements/run.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(LOCKED) -r requirements/pip.txt
	$(LOCKED) -r requirements/run.txt
	$(SELF)
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	$(LOCKED) -r requirements/test.txt
	$(SELF)
	touch $@

# Regenerate the lock files from pyproject.toml with uv (itself installed from a hash-checked pin).
# Versions already in a lock file are kept unless the ranges exclude them, so a new dependency is the only
# change; upgrade with `make lock LOCK_ARGS=--upgrade` or `LOCK_ARGS='--upgrade-package pandas'`.
# Universal: one lock for Linux, macOS and Windows, from Python 3.11 up.
# To move pip or uv, change its pin here and run `make lock` (twice for uv: the second run uses the new one).
PIP_PIN := pip==26.3
UV_PIN := uv==0.13.8
LOCK_TOOL := $(VENV)/.lock-tool
COMPILE := $(LOCK_TOOL)/bin/uv pip compile --universal --python-version 3.11 --generate-hashes --custom-compile-command 'make lock' --quiet
lock:
	test -x $(LOCK_TOOL)/bin/python || $(PYTHON) -m venv $(LOCK_TOOL)
	$(LOCK_TOOL)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/lock-tool.txt
	$(COMPILE) $(LOCK_ARGS) pyproject.toml -o requirements/run.txt
	$(COMPILE) $(LOCK_ARGS) pyproject.toml --extra dev -o requirements/test.txt
	echo '$(PIP_PIN)' | $(COMPILE) --no-annotate - -o requirements/pip.txt
	echo '$(UV_PIN)' | $(COMPILE) --no-annotate - -o requirements/lock-tool.txt

clean:
	rm -rf $(VENV) warehouse/parquet warehouse/warehouse.duckdb warehouse/data_docs warehouse/_gx warehouse/_staging warehouse/_versions warehouse/current warehouse/.lock
