# lumbar: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean vendor

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/lumbar serve

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Front-end files are vendored from the npm registry (never a CDN): htmx for the pages, axe-core for the
# accessibility tests. `make vendor` fetches the pinned versions again.
HTMX_VERSION := 2.0.11
AXE_VERSION := 4.14.1
vendor:
	@tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent htmx.org@$(HTMX_VERSION) axe-core@$(AXE_VERSION) >/dev/null \
	  && mkdir htmx axe && tar xzf htmx.org-$(HTMX_VERSION).tgz -C htmx && tar xzf axe-core-$(AXE_VERSION).tgz -C axe \
	  && cp htmx/package/dist/htmx.min.js $(CURDIR)/src/lumbar/web/static/vendor/htmx.min.js \
	  && cp htmx/package/LICENSE $(CURDIR)/src/lumbar/web/static/vendor/htmx.LICENSE \
	  && cp axe/package/axe.min.js $(CURDIR)/tests/web/vendor/axe.min.js \
	  && cp axe/package/LICENSE $(CURDIR)/tests/web/vendor/axe.LICENSE && rm -rf $$tmp
	@echo "vendored htmx $(HTMX_VERSION) and axe-core $(AXE_VERSION)"

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
