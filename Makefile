# One entry per task. `make run` and `make test` work on a fresh machine with only Python:
# they create .venv, install the pinned requirements and (for tests) Debian's chromium.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM := /usr/bin/chromium
HAPROXY := /usr/sbin/haproxy
REPLICAS ?= $(shell nproc)
HOST ?= 127.0.0.1
AUTH_FILE ?=

.PHONY: run serve serve-stop test test-fast lint validate bench browser-deps haproxy-deps clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## run: install and open the app on the bundled data (http://localhost:$(PORT))
run: $(VENV)/.runtime
	$(PY) -m timeline validate
	$(PY) -m streamlit run app.py --server.port=$(PORT) --browser.gatherUsageStats=false

## serve: $(REPLICAS) app processes behind HAProxy on $(HOST):$(PORT), in the background
## (AUTH_FILE=deploy/users: the access gate; HOST=0.0.0.0: every interface); see the README
serve: $(VENV)/.runtime haproxy-deps
	$(PY) -m timeline validate
	$(PY) -m deploy.serve start --replicas $(REPLICAS) --port $(PORT) --host $(HOST) $(if $(AUTH_FILE),--auth-file $(AUTH_FILE))

## serve-stop: stop exactly the processes `make serve` started (by their PID files in .serve/)
serve-stop:
	$(PY) -m deploy.serve stop

## test: install everything and run lint, the format check, unit, AppTest and browser tests
test: $(VENV)/.dev browser-deps haproxy-deps node_modules/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m timeline validate
	$(PY) -m pytest

## test-fast: everything but the real-browser suite
test-fast: $(VENV)/.dev haproxy-deps
	$(PY) -m pytest -m "not browser"

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

validate: $(VENV)/.runtime
	$(PY) -m timeline validate

bench: $(VENV)/.dev browser-deps
	$(PY) -m bench

# Debian's chromium for the browser tests (Playwright cannot download browsers here).
browser-deps:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's HAProxy for `make serve` and the serving tests.
haproxy-deps:
	@test -x $(HAPROXY) || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq haproxy >/dev/null; }

# axe-core for the accessibility tests, at the version package-lock.json pins (node and npm
# from Debian when absent).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules
