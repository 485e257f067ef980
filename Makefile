# Plenary: `make run` serves a local demo, `make test` runs the suite. Both reuse what exists.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install run test lint format lock clean bench bench-ingest bench-dialects bench-hostile \
	bench-pages bench-load

$(BIN)/.installed: requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Plenary needs Python 3.11 or newer; set PYTHON=python3.11 or newer."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

install: $(BIN)/.installed

# The local demo runs with debug on; the production shape is docker-compose.yml.
run test: export DJANGO_DEBUG = 1

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py ingest_minutes samples/
	$(BIN)/python manage.py demo_login --url http://127.0.0.1:$(PORT)/admin/
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock:
	$(PYTHON) scripts/lock.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Benchmarks (docs/benchmarks.md): importing minutes files into SQLite, reading the hostile
# files a security probe tried, then the delegate
# pages served by gunicorn from a throwaway PostgreSQL filled with REVISIONS revisions, then
# those pages under load on that PostgreSQL and on a temporary SQLite file of the same size.
REVISIONS ?= 100000
bench: bench-ingest bench-dialects bench-hostile bench-pages bench-load

bench-ingest: install
	$(BIN)/python bench/ingest.py $(BENCH_ARGS)

bench-dialects: install
	$(BIN)/python bench/dialects.py

bench-hostile: install
	$(BIN)/python bench/hostile.py

bench-pages: install
	scripts/with-postgres sh -c 'DJANGO_DEBUG=1 $(BIN)/python manage.py migrate -v0 \
		&& $(BIN)/python bench/generate.py --revisions $(REVISIONS) && $(BIN)/python bench/pages.py'

bench-load: install
	scripts/with-postgres sh -c 'DJANGO_DEBUG=1 $(BIN)/python manage.py migrate -v0 \
		&& $(BIN)/python bench/generate.py --revisions $(REVISIONS) \
		&& $(BIN)/python bench/load.py --sqlite-revisions $(REVISIONS) $(LOAD_ARGS)'
