# The two set-up commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test install gazetteer bench clean

## Install, build the gazetteer, and geocode the sample corpus's places.
run: install gazetteer
	$(BIN)/diplomap geocode Riyadh بالرياض إسطنبول أرنافوتكوي "Mát-xcơ-va" Гомель "vùng Gomel" \
		الدوحة واشنطن Kyiv "Ả rập Xê út" Nga Mỹ "Biển Đen" "البحر الأسود"

## Install with the test tools and run the whole suite.
test: install
	$(BIN)/python -m pytest

install: $(BIN)/diplomap

$(BIN)/diplomap: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

gazetteer: install
	$(BIN)/diplomap gazetteer build

bench: install
	$(BIN)/python benchmarks/gazetteer.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
