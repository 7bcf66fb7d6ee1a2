# make run  - set everything up on embedded SQLite and serve on http://127.0.0.1:8000/
# make test - install what the tests need, run the suite on SQLite and on a throwaway PostgreSQL
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

.PHONY: install install-test run test test-sqlite test-postgres lint messages bench bench-pdf clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed messages
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_programmes
	$(PY) manage.py create_demo_users

# Compiled only when the translations change.
messages: locale/lv/LC_MESSAGES/django.mo

locale/lv/LC_MESSAGES/django.mo: locale/lv/LC_MESSAGES/django.po | $(VENV)/.installed
	@command -v msgfmt >/dev/null || bash scripts/system-packages.sh gettext
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
	touch $@

# The background worker (review PDFs) runs beside the web server and stops with it. Debug
# pages are off, as in production (DEBUG=1 make run shows them); --insecure serves the static
# files that a production web server would.
# The e-mail's links point at this server unless SITE_URL says otherwise.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(PY) manage.py db_worker --no-reload --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver --insecure $(HOST):$(PORT)

install-test: $(VENV)/.installed-test messages node_modules/.installed
	bash scripts/system-packages.sh test

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || bash scripts/system-packages.sh node
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: install-test
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== Test suite on SQLite (all but the PostgreSQL concurrency tests) =="
	$(PY) -m pytest -n $(PYTEST_WORKERS) -m "not postgresql"

test-postgres:
	@echo "== Test suite on PostgreSQL =="
	bash scripts/with-postgres.sh $(PY) -m pytest -n $(PYTEST_WORKERS)

bench: install-test
	bash scripts/bench.sh

# Only the review PDF against the same words as plain paragraphs (issue #17), both scales.
bench-pdf: install-test
	bash scripts/bench.sh --pdf-only

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache node_modules
