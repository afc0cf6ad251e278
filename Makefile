# The README's two commands are `make serve` and `make test`; CI runs `make test` (via .ci/run).
# Every target installs what it needs, so both work on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
export PYTHONWARNDEFAULTENCODING := 1
export PYTHONUTF8 := 1
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve build test lint test-core test-js test-compat test-node test-browser bench screenshots figures clean

help:
	@echo "make serve   build the site and serve it at http://127.0.0.1:8000 (installs everything first)"
	@echo "make test    lint, type-check, unit + golden + browser tests (installs everything first)"
	@echo "make build   build the static site into site/"
	@echo "make bench   performance benchmark against the built site"

$(STAMPS)/venv: pyproject.toml widgets/pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(PY) || $$(scripts/find-python) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]' -e ./widgets
	@touch $@

$(STAMPS)/npm: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The CJK font the build renders link-preview images with (widgets/og.py).
$(STAMPS)/fonts: scripts/install-fonts
	@mkdir -p $(STAMPS)
	scripts/install-fonts
	@touch $@

$(STAMPS)/browser: scripts/install-browser
	@mkdir -p $(STAMPS)
	scripts/install-browser
	@touch $@

setup: $(STAMPS)/venv $(STAMPS)/npm $(STAMPS)/fonts

build: setup
	$(VENV)/bin/mkdocs build --strict

serve: setup
	$(VENV)/bin/mkdocs serve --strict -a 127.0.0.1:8000

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.worker.json

test-core: setup
	$(PY) -m pytest -q ai45core widgets/ai45widgets tests/core tests/widgets tests/site

# The browser code's logic that needs no browser (the engine's lifecycle against a scripted worker).
test-js: setup
	node --test tests/js/

# ai45core promises Python 3.11+: the golden vectors with the oldest Python on the machine, if there is one.
test-compat:
	@py311=$$(command -v python3.11 || ls $(HOME)/.pyenv/versions/3.11*/bin/python3 2>/dev/null | head -1); \
	if [ -n "$$py311" ] && "$$py311" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; \
	then "$$py311" tests/golden/run.py; else echo "test-compat: no Python 3.11 here, skipped"; fi

# Pyodide under Node, with the wheels the site build made.
test-node: build
	node tests/golden/pyodide-golden.mjs

test-browser: setup $(STAMPS)/browser
	$(PY) -m pytest -q tests/browser

test: lint test-core test-js test-compat test-node test-browser

bench: build $(STAMPS)/browser
	$(PY) -m scripts.bench

screenshots: build $(STAMPS)/browser
	$(PY) -m scripts.screenshots

# Rewrite the committed SVG snapshots of every chart (tests/figures/) after an intended change; review the diff.
figures: setup
	AI45_UPDATE_FIGURES=1 $(PY) -m pytest -q tests/widgets/test_figures.py

clean:
	rm -rf site build dist $(STAMPS) .pytest_cache .mypy_cache .ruff_cache
