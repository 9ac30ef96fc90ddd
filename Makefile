# The two set-up commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test install gazetteer bench basemap counties admin1 clean

## Install, build the gazetteer, ingest the sample corpus, and serve the dashboard on 127.0.0.1:8050.
run: install gazetteer
	$(BIN)/diplomap ingest assets/samples
	$(BIN)/diplomap serve --host 127.0.0.1 --port 8050

## Install with the test tools and run the whole suite.
test: install
	$(BIN)/python -m pytest

install: $(BIN)/diplomap node_modules/.package-lock.json

# Packages from the npm registry (package.json): world-atlas for the basemap, us-atlas for the
# US counties of the gazetteer, Leaflet and plotly.js for the dashboard and the static export.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(BIN)/diplomap: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

gazetteer: install
	$(BIN)/diplomap gazetteer build

## Regenerate the committed offline basemap from world-atlas (after upgrading it).
basemap: install
	$(BIN)/python scripts/basemap.py

## Regenerate the committed counties of the gazetteer (US from us-atlas; UK and Ireland at their county towns).
counties: install
	$(BIN)/python scripts/us_counties.py
	$(BIN)/python scripts/uk_ie_counties.py

## Give the first-level divisions of assets/admin1.csv their GeoNames codes (read off their towns).
admin1: install
	$(BIN)/python scripts/admin1_codes.py

bench: install
	$(BIN)/python benchmarks/gazetteer.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
