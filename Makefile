# The two commands of the README:
#   make example   set up (first time) and build the example project's reports
#   make test      set up (first time), lint and type-check, and run the test suite
# and, while developing:
#   make test-fast the tests not marked slow (under a minute on two cores)
#   make golden    rewrite tests/golden/ after an intended change of the reports (then review git diff)
# Set-up is re-run whenever pyproject.toml or scripts/setup.sh change.

VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-done
EXAMPLE ?= data/example
OUT ?= out

.PHONY: example test test-fast golden lint setup benchmark clean

example: $(STAMP)
	$(BIN)/reportgen i18n compile
	$(BIN)/reportgen validate $(EXAMPLE)
	$(BIN)/reportgen build $(EXAMPLE) --out $(OUT)

# Lint and types first: a slip such as `"left" if rtl else "left"` fails the run.
test: lint
	$(BIN)/reportgen i18n compile
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check reportgen tests scripts
	$(BIN)/mypy reportgen

test-fast: $(STAMP)
	$(BIN)/reportgen i18n compile
	$(BIN)/python -m pytest -m "not slow"

golden: $(STAMP)
	$(BIN)/reportgen i18n compile
	$(BIN)/python scripts/golden.py

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/setup.sh
	VENV=$(VENV) bash scripts/setup.sh
	touch $@

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf $(OUT) .pytest_cache
