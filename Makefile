# Two commands do all setup on a fresh machine:
#   make run   — create .venv, install jixiao, start the assistant
#   make test  — create .venv, install with the test extra, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	$(BIN)/jixiao $(ARGS)

test: $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The layers contract, lint, formatting and types (pyproject.toml configures each).
lint: $(TEST_STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check assistant tests bench transcripts
	$(BIN)/ruff format --check assistant tests bench transcripts
	$(BIN)/mypy

bench: $(TEST_STAMP)
	@for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
