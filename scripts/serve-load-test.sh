#!/usr/bin/env bash
# Load test of `bin/seq2seq4j serve` on loopback: for dynamic batching on (--max-batch 32) and off
# (--max-batch 1), starts the server, runs `bin/seq2seq4j load-test` at 1, 8 and 64 concurrent clients
# (SECONDS_PER seconds each, at most 60), prints requests/s, p50/p99 latency, errors and the server's memory
# after each setting, then stops the server with SIGTERM. The load generator shares the machine's cores with
# the server.
#
#   scripts/serve-load-test.sh                        # the demo model (--demo)
#   SECONDS_PER=20 scripts/serve-load-test.sh dates.s2s   # a model file; LOAD_ARGS="--texts dates.txt" for its inputs
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER="${SECONDS_PER:-20}"
CLIENTS="${CLIENTS:-1,8,64}"
SERVE_ARGS=("$@")
if [ ${#SERVE_ARGS[@]} -eq 0 ]; then
  SERVE_ARGS=(--demo)
fi
"$ROOT/bin/seq2seq4j" --version >/dev/null           # builds the command line once
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
for batch in 32 1; do
  "$ROOT/bin/seq2seq4j" serve --port 0 --max-batch "$batch" "${SERVE_ARGS[@]}" >"$LOG" 2>&1 &
  pid=$!
  url=""
  for _ in $(seq 1 600); do
    url="$(grep -o 'listening on http://[^ ]*/' "$LOG" | sed 's/listening on //' || true)"
    [ -n "$url" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$LOG" >&2
      exit 1
    fi
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "serve-load-test: the server did not start" >&2
    kill -TERM "$pid"
    exit 1
  fi
  echo "== --max-batch $batch ($([ "$batch" = 1 ] && echo 'no batching' || echo 'dynamic batching')), $SECONDS_PER s per setting, server $url"
  status=0
  # shellcheck disable=SC2086
  "$ROOT/bin/seq2seq4j" load-test --url "$url" --clients "$CLIENTS" --seconds "$SECONDS_PER" ${LOAD_ARGS:-} || status=$?
  kill -TERM "$pid"
  wait "$pid" || true
  [ "$status" = 0 ] || { echo "serve-load-test: errors under load" >&2; exit "$status"; }
done
