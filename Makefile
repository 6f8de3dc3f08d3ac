# The two commands of the README: `make run` and `make test`. Everything else is for developers.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test lint fix bench seed demo clean

$(STAMP): pyproject.toml constraints.txt
	$(PY) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/monitor db upgrade
	$(BIN)/monitor seed
	$(BIN)/streamlit run app.py --server.port=$(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fix: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

seed: $(STAMP)
	$(BIN)/monitor db upgrade
	$(BIN)/monitor seed

demo: seed
	$(BIN)/monitor demo-data --evidence 5000 --seed 1

bench: $(STAMP)
	$(BIN)/python bench/overview.py --evidence 100000

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
