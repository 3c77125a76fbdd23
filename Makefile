# Two commands on a fresh machine (Python 3.11 with pip and venv):
#   make run    the dashboard on the bundled reports (builds the database if missing)
#   make test   the whole test suite
VENV   := .venv
PY     := $(VENV)/bin/python
DB     := data/massacres.duckdb
STAMP  := $(VENV)/.installed
export UV_PYTHON_DOWNLOADS := never
# This machine sets PYTHONDONTWRITEBYTECODE; compiled bytecode triples app start-up speed.
export UV_COMPILE_BYTECODE := 1

.PHONY: run test build bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip >/dev/null  # a venv made by uv has no pip
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(PY) -m uv pip install --quiet --python $(PY) -e '.[test]'
	touch $(STAMP)

$(DB): $(STAMP) massacres/store/schema.sql $(wildcard data/reports/*)
	$(VENV)/bin/massacres build --db $(DB)

build: $(STAMP)
	$(VENV)/bin/massacres build --db $(DB)

run: $(DB)
	$(VENV)/bin/streamlit run app.py

# The browser tests drive Debian's Chromium (never a downloaded browser build).
/usr/bin/chromium:
	apt-get update -qq && apt-get install -y -qq chromium

# Lint, format and types first (seconds), then the tests.
test: $(STAMP) /usr/bin/chromium
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/ingest.py
	$(PY) bench/geocode.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache test-artifacts
