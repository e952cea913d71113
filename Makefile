# Two entry points for a fresh machine; both create ./.venv when it is missing.
PY ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test setup browser

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/claimgraph analyze examples/sample-article.txt --published 2025-03-14

# Browser tests drive Debian's chromium; install it when missing and we may (root), else those tests skip.
browser:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ; } || \
	  echo "chromium is not installed (needs root: apt-get install chromium); browser tests will skip"

test: $(STAMP) browser
	$(VENV)/bin/python -m pytest
