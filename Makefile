# Gongkai — the README names two targets: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export GONGKAI_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test lint bench sysdeps install check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Debian packages the project uses at run and test time (fonts for PDFs and charts, Chromium for browser tests).
sysdeps:
	@bash scripts/sysdeps.sh

run: install sysdeps
	$(BIN)/gongkai check --migrate
	$(BIN)/gongkai demo
	$(BIN)/gongkai serve --bind 127.0.0.1:8000

## Test-only JavaScript (axe-core for the accessibility test), pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

test: install sysdeps node_modules/.package-lock.json
	d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && GONGKAI_DATA_DIR=$$d $(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: install
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
