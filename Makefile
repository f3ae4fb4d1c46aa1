PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install serve test lint eval bench clean

install: $(VENV)/.installed

# torch is pinned and installed first so pip takes the CPU build that lies on disk.
$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

serve: install
	$(BIN)/kbqa serve --host 127.0.0.1 --port 8000

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

eval: install
	$(BIN)/python evals/retrieval_eval.py

bench: install
	$(BIN)/python bench/ingest_throughput.py
	$(BIN)/python bench/ask_latency.py

clean:
	rm -rf $(VENV) .kbqa
