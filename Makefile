# openhour: `make run` serves the marketplace with demo data; `make test` runs every test.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-postgres lint format setup e2e bench bench-data bench-pages prod-check

setup:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

# The site, with the task worker (e-mail, review checks) and the timers (deadlines, digests) beside it, each started
# again if it stops; the worker's and timers' logs are in var/log. Links in e-mails and printed logins follow PORT
# unless SITE_URL says otherwise (an empty SITE_URL counts as unset).
run: export SITE_URL := $(or $(SITE_URL),http://$(HOST):$(PORT))
run: setup
	$(UV) run python manage.py migrate --noinput
	$(UV) run python manage.py seed_demo
	$(UV) run python manage.py run_all $(HOST):$(PORT)

test: setup
	$(UV) run pytest -q

# The tests that need PostgreSQL (races, locking), against DATABASE_URL.
test-postgres: setup
	$(UV) run pytest -q -m postgres

e2e: setup
	$(UV) run pytest -q -m browser

# Escrow releases per second on PostgreSQL next to pgbench's TPC-B (see bench/README.md).
bench: setup
	$(UV) run python bench/ledger.py

# Scale data: SIZE (10k, 100k or 1m) projects with everything around them, into DATABASE_URL (bench/README.md).
bench-data: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/openhour_scale
bench-data: setup
	$(UV) run python -m bench.data --size $(or $(SIZE),10k) $(BENCH_DATA_FLAGS)

# Page latency under gunicorn at each data size, as ratios to /healthz (bench/README.md): SIZES="10k 100k" reads
# the databases bench-data made (openhour_scale_<size>); PAGES_DATABASES names other ones, smallest first.
SIZES ?= 10k
PAGES_DATABASES ?= $(foreach size,$(SIZES),postgres://postgres@127.0.0.1:5432/openhour_scale_$(size))
bench-pages: setup
	$(UV) run python bench/pages.py $(PAGES_DATABASES) $(BENCH_PAGES_FLAGS)

# The production shape of deploy/ end to end on this machine: nginx over HTTPS in front of supervisor running
# gunicorn, the worker, the timers and payouts, on a fresh PostgreSQL database (deploy/prod-check.sh). Needs root
# (it installs nginx and supervisor when missing), PostgreSQL on 127.0.0.1:5432 and Redis on 6379.
prod-check: setup
	timeout --signal=TERM 300 deploy/prod-check.sh

# Lighthouse 12 (npm-installed under var/lighthouse) on the ten public pages: the median of 3 runs on gunicorn with
# DEBUG off and demo data; fails when a page scores below 95 in a category (bench/lighthouse.py). A measurement.
.PHONY: lighthouse
lighthouse: setup
	$(UV) run python bench/lighthouse.py $(LIGHTHOUSE_FLAGS)

lint: setup
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy openhour
	$(UV) run bandit -q -ll -r openhour -x '*/tests/*'

format: setup
	$(UV) run ruff check --fix .
	$(UV) run ruff format .
