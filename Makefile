# The two commands of the README:
#   make demo   set up, then draw the bundled 1962 map and print its unresolved points
#   make test   set up, then run the whole test suite (what CI runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test setup system-deps clean

demo: setup
	$(BIN)/argmap demo -o $(OUT)

ARGDOWN := tests/tools/argdown

test: setup $(VENV)/.installed-test $(ARGDOWN)/node_modules/.installed
	@scripts/system-deps.sh --test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# what the demo needs: argmap and its dependencies, and Graphviz
setup: system-deps $(VENV)/.installed

system-deps:
	@scripts/system-deps.sh

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "argmap needs Python 3.11 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# and for the tests: the test tools, the peers the tests compare with, the docs builder
$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# the official Argdown CLI (npm), which the tests run over the Argdown argmap writes and reads
$(ARGDOWN)/node_modules/.installed: $(ARGDOWN)/package-lock.json
	@scripts/system-deps.sh --test
	cd $(ARGDOWN) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf $(VENV) $(OUT) build dist .pytest_cache .mypy_cache .ruff_cache $(ARGDOWN)/node_modules
