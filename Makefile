# factwatch — two commands for a newcomer: `make demo` and `make test`.
# Everything is installed into .venv by these targets; nothing beyond Python 3.11 is needed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
DEMO_DB ?= demo.db

.PHONY: install demo test lint bench-claims bench-corpus clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	# PyTorch first, pinned to the local CPU build; the constraint keeps it there.
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed

demo: install
	rm -f $(DEMO_DB)
	$(VENV)/bin/factwatch --db $(DEMO_DB) init
	$(VENV)/bin/factwatch --db $(DEMO_DB) ingest seeds/
	$(VENV)/bin/factwatch --db $(DEMO_DB) stories
	@echo
	$(VENV)/bin/factwatch --db $(DEMO_DB) conflicts

test: install
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

bench-claims: install
	$(PY) bench/claims_corpus.py
	$(PY) bench/claims_peers.py

bench-corpus: install
	$(PY) bench/corpus_score.py ../shared/corpus/dev

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache $(DEMO_DB)
