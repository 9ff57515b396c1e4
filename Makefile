# Two commands: `make demo` and `make test`. Everything else is a helper of those.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export CEPING_HOME ?= $(CURDIR)/var

.PHONY: demo test venv lint typecheck serve clean bench-crawl

$(BIN)/python:
	$(shell command -v $(PYTHON) || echo python3) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Re-install only when the project's metadata changes.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

venv: $(VENV)/.installed-test

demo: venv
	$(BIN)/ceping migrate
	$(BIN)/ceping demo

# One test process per core; a test file stays in one process (its farm and server start once).
test: venv
	$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: venv
	$(BIN)/mypy

# ceping scan vs LinkChecker vs linkinator on a 50,000-page farm served by nginx (several minutes).
bench-crawl: venv
	$(BIN)/python bench/crawl.py $(BENCH_ARGS)

serve: venv
	$(BIN)/ceping serve

clean:
	rm -rf $(VENV) var out build src/*.egg-info
