# The two commands: `make run` (set up and serve) and `make test` (lint, types, tests).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# A pyenv shim may exist for uv without uv behind it, so ask uv itself.
UV := $(shell uv --version >/dev/null 2>&1 && echo uv || echo "python3 -m uv")
RUN := $(UV) run --frozen
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/leercultuur
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: help uv install messages npm run test lint types pytest bench

help:
	@echo "make run   set up everything and serve the portal on http://127.0.0.1:8000"
	@echo "make test  ruff, mypy and the whole test suite against PostgreSQL and Redis"
	@echo "make bench the benchmark (own database leercultuur_bench), writes bench/RESULTS.md"

uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet --user uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv

install: uv
	$(UV) sync --frozen

messages: install
	DEBUG=1 $(RUN) python manage.py compilemessages --ignore=.venv -v0

npm:
	@[ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --loglevel=error

run: messages
	DEBUG=1 $(RUN) python manage.py migrate --noinput
	DEBUG=1 $(RUN) python manage.py seed_demo
	DEBUG=1 $(RUN) python manage.py runserver 127.0.0.1:8000

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .

types: install
	DEBUG=1 $(RUN) mypy .

pytest: messages npm
	@DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(RUN) python -m leercultuur.check_services
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		DEBUG=1 $(RUN) pytest $(PYTEST_ARGS)

test: lint types pytest

# Drops and creates its own database (BENCH_DATABASE_URL, default leercultuur_bench on the
# local server) and uses Redis db 12 (BENCH_REDIS_URL); takes 10 to 15 minutes.
bench: messages
	$(RUN) python bench/run.py $(BENCH_ARGS)
