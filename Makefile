PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install serve test lint eval bench fuzz load clean

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
	$(BIN)/python evals/qa_eval.py
	$(BIN)/python evals/commitments_eval.py
	$(BIN)/python evals/eligibility_eval.py

bench: install
	$(BIN)/python bench/ingest_throughput.py
	$(BIN)/python bench/ask_latency.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/register_build.py

# Property-based API testing against /openapi.json (a few hundred cases, bounded in time).
fuzz: install
	bench/with_server.sh 18765 sh -c '$(BIN)/st run "$$KBQA_URL/openapi.json" \
	    --checks not_a_server_error,response_schema_conformance,content_type_conformance \
	    --phases examples,coverage,fuzzing --max-examples 25 \
	    -H "Authorization: Bearer bench-token" \
	    --report junit --report-dir bench/results/fuzz'

# 20 users for 60 s against /v1/ask on loopback; results in bench/results/load_*.csv.
load: install
	bench/with_server.sh 18766 sh -c '$(BIN)/locust -f bench/locustfile.py --headless \
	    -u 20 -r 5 -t 60s --host "$$KBQA_URL" --csv bench/results/load --only-summary'

clean:
	rm -rf $(VENV) .kbqa
