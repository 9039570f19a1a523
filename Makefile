# Everything runs in ./.venv (no conda needed). The stamp file records an install of the
# current pyproject.toml, so the first `make test` or `make materials` installs and later
# ones do not.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.policylab-installed
# The plotly.js the pages load: npm's cartesian bundle at the pinned plotly's version, in
# $(VENV)/npm (not committed). Without npm or the registry the pages load plotly's full bundle
# and the build says so; the attempt is recorded either way, and repeated after a new install.
PLOTLYJS := $(VENV)/.plotlyjs-installed
PACK := data/pack/manifest.json
WORKSHOP ?= params/workshops/demo.yml

.PHONY: install materials test lint data lab screenshots clean

install: $(STAMP) $(PLOTLYJS)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (policylab)"
	touch $(STAMP)

$(PLOTLYJS): $(STAMP)
	$(BIN)/python -m policylab.batch.plotlyjs
	touch $(PLOTLYJS)

# Link the shared offline copy of the publishers' files when there is no data/raw yet.
data/raw:
	@if [ ! -e data/raw ] && [ -d ../shared/data/raw ]; then \
		ln -s ../../shared/data/raw data/raw && echo "linked data/raw -> ../shared/data/raw"; \
	fi

# Rebuilt when the catalogue or the code that builds it changes.
PACK_INPUTS := data/indicators.yml data/official_names.csv $(wildcard lib/policylab/pack/*.py lib/policylab/raw/*.py \
	lib/policylab/metrics/*.py)

$(PACK): $(STAMP) $(PACK_INPUTS) | data/raw
	$(BIN)/policylab data build

data: $(STAMP) | data/raw
	$(BIN)/policylab data build

materials: $(PACK) $(PLOTLYJS)
	$(BIN)/policylab build $(WORKSHOP)

test: $(PACK) $(PLOTLYJS)
	$(BIN)/python -m pytest -n 2 --dist loadfile tests notebooks --nbval-lax

lint: $(STAMP)
	$(BIN)/ruff check lib tests benchmarks

lab: $(PACK)
	$(BIN)/jupyter lab --notebook-dir=notebooks

screenshots: materials
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf output data/pack
