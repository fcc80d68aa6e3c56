# Everyday commands. `make test` is the README's test command and what .ci/run calls.
PYTHON ?= python3

.PHONY: install build test test-deps lint bench bench-web bench-scale goldens

install:
	$(PYTHON) -m pip install -e .

build: install
	assets-gen build

test-deps:
	sh scripts/install-test-deps.sh
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
