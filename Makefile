# Ymateb: `make run` for a local demo, `make test` for the whole suite.
# Both set up everything they need on a fresh Debian 12 machine (run as root there).

SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOCALE := src/ymateb/locale
PO := $(LOCALE)/cy/LC_MESSAGES/django.po
MO := $(LOCALE)/cy/LC_MESSAGES/django.mo
DEV := DJANGO_SETTINGS_MODULE=ymateb.config.settings.dev
TEST := DJANGO_SETTINGS_MODULE=ymateb.config.settings.test

.PHONY: run production test pytest-sqlite setup system-deps test-system-deps static lint typecheck migrations-check \
	security pytest messages extract-messages lock clean

## make run: set up, migrate SQLite, load demo data, start the background worker (alerts)
## and serve on http://127.0.0.1:$(PORT)
run: setup static
	@mkdir -p var
	@$(DEV) $(BIN)/ymateb migrate --noinput -v0
	@$(DEV) $(BIN)/ymateb load_demo
	@echo "Sign in at http://127.0.0.1:$(PORT)/ (Ctrl+C stops the app and its worker)"
	@$(DEV) $(BIN)/ymateb db_worker --interval 2 >var/worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(DEV) $(BIN)/ymateb runserver 127.0.0.1:$(PORT) --noreload

## make production: the production stack of deploy/ on this machine (as root on Debian):
## a throw-away PostgreSQL cluster, two gunicorn app servers and the worker as the
## least-privilege roles, nginx on https://127.0.0.1:8443 with a self-signed certificate,
## fresh secrets, no demo data (scripts/production.sh). Ctrl+C stops and removes it all.
production: setup
	@scripts/install-system-deps.sh production
	@scripts/production.sh

## make test: everything the tests need, then lint, types, migrations and pytest on PostgreSQL
test: setup test-system-deps static lint typecheck security migrations-check pytest pytest-sqlite

setup: system-deps $(BIN)/.installed node_modules/.installed $(MO)

system-deps:
	@scripts/install-system-deps.sh run

test-system-deps:
	@scripts/install-system-deps.sh test

$(BIN)/.installed: pyproject.toml requirements/dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	@$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(MO): $(PO) $(BIN)/.installed
	@$(BIN)/pybabel compile --domain=django --directory=$(LOCALE) --locale=cy --use-fuzzy=false -q 2>/dev/null \
	  || $(BIN)/pybabel compile --domain=django --directory=$(LOCALE) --locale=cy

static: setup
	@$(DEV) $(BIN)/ymateb collectstatic --noinput -v0

lint: setup
	@$(BIN)/ruff check src tests
	@$(BIN)/ruff format --check src tests
	@$(BIN)/lint-imports --no-cache

typecheck: setup
	@$(BIN)/mypy

## make security: bandit finds no high-severity issue (justify any exception with `# nosec BXXX`)
security: setup
	@$(BIN)/bandit -q -r src/ymateb -lll

migrations-check: setup
	@$(TEST) $(BIN)/ymateb makemigrations --check --dry-run

## Tests run in parallel, one worker per core (pytest-xdist), each with its own database
## (see scripts/run-suite.sh).
pytest: setup
	@scripts/with-test-postgres.sh scripts/run-suite.sh $(PYTEST_ARGS)

## The records' guarantees (audit chain, append-only triggers, encryption, backup and
## restore, no images, access) also hold on SQLite, the embedded database of small installs.
## Two long walks run on PostgreSQL only: every form posted with the image corpus, and
## every date field fuzzed (and so the count of fuzzing requests, which includes it). What
## they prove is decided before the database (form validation and the storage guard, both
## run on SQLite by the other tests here).
pytest-sqlite: setup
	@DATABASE_URL= scripts/run-pytest.sh -q -n auto tests/records tests/audit \
	  --deselect tests/records/test_image_corpus.py::test_no_form_stores_an_image \
	  --deselect tests/records/test_fuzz.py::test_every_date_field_survives_huge_numbers_and_odd_digits \
	  --deselect tests/records/test_fuzz.py::test_the_fuzzing_made_at_least_10000_requests

## make extract-messages: refresh the Welsh catalogue from the templates and code
extract-messages: setup
	@$(BIN)/pybabel extract --mapping-file=babel.cfg --keywords="gettext_lazy pgettext:1c,2 pgettext_lazy:1c,2 ngettext_lazy:1,2 npgettext:1c,2,3" \
	  --add-comments=Translators: --no-location --sort-output --project=Ymateb --output-file=$(LOCALE)/django.pot src/ymateb
	@$(BIN)/pybabel update --domain=django --input-file=$(LOCALE)/django.pot --output-dir=$(LOCALE) --locale=cy --no-fuzzy-matching --ignore-obsolete

## make lock: re-pin the Python dependencies, with their hashes, after a change in pyproject.toml:
## requirements/runtime.txt (what a server installs, no test tools) and requirements/dev.txt
## (the same pins plus the test tools). Pins already there are kept; `make lock UPGRADE=1`
## moves every package to its newest allowed release.
lock:
	@rm -rf /tmp/ymateb-lock && $(PYTHON) -m venv /tmp/ymateb-lock
	@/tmp/ymateb-lock/bin/pip install --quiet --disable-pip-version-check uv
	@/tmp/ymateb-lock/bin/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	  $(if $(UPGRADE),--upgrade) --custom-compile-command "make lock" -o requirements/runtime.txt
	@/tmp/ymateb-lock/bin/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	  --extra test -c requirements/runtime.txt --custom-compile-command "make lock" -o requirements/dev.txt
	@echo "requirements/runtime.txt and requirements/dev.txt updated"

clean:
	rm -rf $(VENV) node_modules var test-artifacts .pytest_cache .mypy_cache .ruff_cache
