#!/usr/bin/env bash
# Measures seq2seq4j and the PyTorch peer in one run at 2 threads (the README's Performance table).
# Needs ../shared/peers/pytorch and its packages: apt-get install -y python3-torch python3-numpy libopenblas0-openmp
# Usage: scripts/compare-peers.sh > results.log   (about 8 minutes; keep the machine otherwise idle)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="$ROOT/../shared/peers/pytorch"
cd "$ROOT"
echo "# seq2seq4j $(date -u) $(uptime)"
for n in 1 64 256; do
  for r in 1 2 3; do bin/seq2seq4j bench -w lstm_seq2seq -b "$n" -t 2 --json --seconds 5; done
done
for r in 1 2 3; do bin/seq2seq4j bench -w decode -t 2 --json --seconds 5; done
for w in gru_seq2seq bilstm_encoder; do
  for r in 1 2 3; do bin/seq2seq4j bench -w "$w" -b 64 -t 2 --json --seconds 5; done
done
bin/seq2seq4j bench -w gemm -b 64 -t 1 --json --seconds 3
bin/seq2seq4j bench -w gemm -b 64 -t 2 --json --seconds 3
echo "# pytorch $(date -u) $(uptime)"
cd "$PEERS"
OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 w2_w3_lstm_seq2seq.py --threads 2 --batches 1 64 256
OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 w5_gru_bilstm.py --threads 2 --batches 64
echo "# end $(date -u) $(uptime)"
