# Everyday commands. `make test` is the README's test command and what .ci/run calls.
# They run in the active virtual environment, or else in .venv/ (created when missing),
# never in the system's Python.
VENV ?= .venv
PYTHON ?= $(if $(VIRTUAL_ENV),$(VIRTUAL_ENV)/bin/python,$(VENV)/bin/python)

.PHONY: venv install build test test-deps lint bench bench-web bench-scale goldens

venv:
	@[ -x "$(PYTHON)" ] || python3 -m venv $(VENV)

install: venv
	$(PYTHON) -m pip install -e .
	sh scripts/install-page-deps.sh

build: install
	$(PYTHON) -m assets_gen build

test-deps:
	sh scripts/install-test-deps.sh
	@$(MAKE) --no-print-directory venv
	$(PYTHON) -m pip install -e '.[test]'

lint:
	$(PYTHON) -m ruff check .

test: test-deps lint
	$(PYTHON) -m pytest

bench:
	$(PYTHON) bench/avatar.py
	$(PYTHON) bench/batch.py
	$(PYTHON) bench/video.py

bench-web:
	$(PYTHON) bench/serve_load.py
	$(PYTHON) bench/page_framing.py

bench-scale:  # about an hour on two cores
	$(PYTHON) bench/scale.py --formats fb-post --memory-engines cluster

goldens:
	$(PYTHON) -m pytest --update-goldens
