# make run | make test | make bench — each creates .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/factdesk

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m compileall -q claims tui > /dev/null  # bytecode, as an installed package has
	$(BIN)/python -m pytest tests/benchmarks -q -s -p no:cacheprovider --override-ini addopts=

eval: $(STAMP)  # the checker scored on every corpus of tests/corpora, one line each
	$(BIN)/factdesk eval tests/corpora

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
