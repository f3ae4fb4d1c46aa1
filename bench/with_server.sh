#!/usr/bin/env bash
# Run a command against a fresh `kbqa serve` on 127.0.0.1:$PORT (seed ingested on start);
# the server and its temporary store are removed afterwards.
#   bench/with_server.sh PORT COMMAND...      (the command sees $KBQA_URL)
set -uo pipefail
port=$1; shift
store=$(mktemp -d)
KBQA_STORE="$store/store" KBQA_ADMIN_TOKEN="${KBQA_ADMIN_TOKEN:-bench-token}" \
    KBQA_RATE_LIMIT_PER_MINUTE="${KBQA_RATE_LIMIT_PER_MINUTE:-1000000}" \
    .venv/bin/kbqa serve --host 127.0.0.1 --port "$port" > "$store/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$store"' EXIT
for _ in $(seq 240); do
    curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break
    kill -0 $pid 2>/dev/null || { cat "$store/server.log"; exit 1; }
    sleep 0.5
done
export KBQA_URL="http://127.0.0.1:$port"
"$@"
status=$?
exit $status
