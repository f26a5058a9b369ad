#!/usr/bin/env bash
# Measures seq2seq4j and the PyTorch peer in one run at 2 threads, interleaved: each round runs every
# workload for us and then for the peer, so drift of the shared machine hits both sides alike.
# The table (medians over rounds, with the spread) comes from scripts/peer-table.py.
# Needs ../shared/peers/pytorch and: apt-get install -y python3-torch python3-numpy libopenblas0-openmp
# Usage: scripts/compare-peers.sh [rounds] > results.log; python3 scripts/peer-table.py results.log
#   AVX2 code paths on an AVX-512 machine: SEQ2SEQ4J_JAVA_OPTS=-XX:UseAVX=2 OPENBLAS_CORETYPE=Haswell scripts/compare-peers.sh
# About 25 minutes for 3 rounds; keep the machine otherwise idle.
set -euo pipefail
ROUNDS="${1:-3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="$ROOT/../shared/peers/pytorch"
PY=/usr/bin/python3
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
ours() {   # ours ROUND WORKLOAD BATCH
  echo "ours round=$1 $("$ROOT/bin/seq2seq4j" bench -w "$2" -b "$3" -t 2 --json --seconds 2 --repeats 3)"
}
peer() {   # peer ROUND SCRIPT ARGS...
  local r="$1"; shift
  (cd "$PEERS" && "$PY" "$@" --threads 2) | sed "s/^/peer round=$r /"
}
echo "# machine: $(lscpu | sed -n 's/^Model name: *//p'), family $(lscpu | sed -n 's/^CPU family: *//p'), $(grep -o 'avx512f' /proc/cpuinfo | head -1 || echo no-avx512)"
echo "# java opts: ${SEQ2SEQ4J_JAVA_OPTS:-none}, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
"$ROOT/bin/seq2seq4j" bench --list > /dev/null   # builds the command line once, before timing
for r in $(seq 1 "$ROUNDS"); do
  echo "# round $r $(date -u +%T) $(uptime | sed 's/.*load/load/')"
  for b in 1 64 256; do ours "$r" lstm_seq2seq "$b"; done
  ours "$r" decode 1
  ours "$r" decode_beam 1
  ours "$r" decode_batched 100
  peer "$r" w2_w3_lstm_seq2seq.py --batches 1 64 256 --repeats 3 --repeat-s 2 --warmup-s 2
  for w in gru_seq2seq bilstm_encoder; do ours "$r" "$w" 64; done
  peer "$r" w5_gru_bilstm.py --batches 64 --repeats 3 --repeat-s 2 --warmup-s 2
  ours "$r" echo 1
  peer "$r" w1_echo.py --steps 1500 --seeds 1 --eval 10
  ours "$r" echo_attention 1
  peer "$r" w7_echo_attention.py --samples 1500 --repeats 1 --eval 10
  ours "$r" echo_attention 32
  peer "$r" w7_echo_attention.py --batch 32 --samples 48000 --repeats 1 --eval 10
done
echo "# end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
