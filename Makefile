# The README's contract: `make run` brings the whole app up with a demo tenant; `make test` passes.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install run test test-fast bench lint format migrate messages services services-down train taxonomy

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,embedded]'
	touch $@

install: $(VENV)/.installed

run: install
	@bash scripts/run.sh

test: install
	@bash scripts/with_services.sh $(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	@bash scripts/with_services.sh $(PY) -m pytest -m "not e2e and not worker" $(PYTEST_ARGS)

bench: install
	@bash scripts/with_services.sh $(PY) -m bench

migrate: install
	@bash scripts/with_services.sh $(PY) manage.py migrate --noinput

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=bench --ignore=tests
	$(PY) manage.py compilemessages -l zh_Hans --ignore=.venv

# Models and data the repository ships, rebuilt from ../shared/data by scripts in the repository.
train: install
	$(PY) scripts/train_ner.py
	$(PY) scripts/train_skills.py

taxonomy: install
	$(PY) scripts/build_taxonomy.py

services: install
	$(PY) scripts/dev_services.py up

services-down: install
	$(PY) scripts/dev_services.py down
