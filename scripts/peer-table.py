#!/usr/bin/env python3
"""Reads the log of scripts/compare-peers.sh and prints the README's performance table: for every
workload the median over rounds of ours and of the peer (each round's own figure being the median
of its repeats), the range over rounds, and the ratio of the medians."""
import json
import re
import statistics
import sys

# workload: (our bench name, batch, unit, higher is better, how to read the peer's line)
ROWS = [
    ("lstm_seq2seq training, batch 1 (samples/s)", ("lstm_seq2seq", 1), True, ("W2", {"batch": 1}, "samples_per_s_median")),
    ("lstm_seq2seq training, batch 64 (samples/s)", ("lstm_seq2seq", 64), True, ("W2", {"batch": 64}, "samples_per_s_median")),
    ("lstm_seq2seq training, batch 256 (samples/s)", ("lstm_seq2seq", 256), True, ("W2", {"batch": 256}, "samples_per_s_median")),
    ("greedy decode, batch 1, 59 steps (ms/sentence)", ("decode", 1), False, ("W3", {"variant": "LSTMCell"}, "ms_per_sentence_median")),
    ("gru_seq2seq training, batch 64 (samples/s)", ("gru_seq2seq", 64), True, ("gru_seq2seq", {"batch": 64}, "samples_per_s_median")),
    ("bilstm_encoder training, batch 64 (samples/s)", ("bilstm_encoder", 64), True, ("bilstm_encoder", {"batch": 64}, "samples_per_s_median")),
    ("echo baseline, batch 1 (ms/step)", ("echo", 1), False, ("W1-seed", {}, "ms_per_step")),
    ("echo attention, batch 1 (ms/step)", ("echo_attention", 1), False, ("W7", {"batch": 1}, "ms_per_step")),
    ("echo attention, batch 32 (samples/s)", ("echo_attention", 32), True, ("W7", {"batch": 32}, "samples_per_s")),
]
EXTRA = [("beam search 5, batch 1 (ms/sentence)", ("decode_beam", 1)),
         ("batched greedy, 1,000 sentences in batches of 100 (sentences/s)", ("decode_batched", 100))]


def main(path):
    ours, peer = {}, {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"(ours|peer) round=(\d+) (\{.*\})\s*$", line)
        if not m:
            continue
        side, rnd, obj = m.group(1), int(m.group(2)), json.loads(m.group(3))
        (ours if side == "ours" else peer).setdefault(rnd, []).append(obj)
    print("| workload | seq2seq4j median (range) | PyTorch median (range) | ratio |")
    print("|---|---|---|---|")
    for title, (w, b), higher, (pw, match, key) in ROWS:
        mine = [our_value(o, w, b, higher) for rnd in ours for o in ours[rnd] if o.get("workload") == w and o.get("batch") == b]
        theirs = [peer_value(p, pw, match, key) for rnd in peer for p in peer[rnd]]
        theirs = [v for v in theirs if v is not None]
        print("| %s | %s | %s | %s |" % (title, fmt(mine), fmt(theirs), ratio(mine, theirs, higher)))
    for title, (w, b) in EXTRA:
        mine = [our_value(o, w, b, w == "decode_batched") for rnd in ours for o in ours[rnd]
                if o.get("workload") == w and o.get("batch") == b]
        print("| %s | %s | | |" % (title, fmt(mine)))


def our_value(o, w, b, higher):
    return o["samples_per_s"] if higher else o["ms_per_step"]


def peer_value(p, workload, match, key):
    if workload == "W1-seed":
        return p.get(key) if "seed" in p and "batch" not in p and "summary" not in p else None
    if workload == "W7":
        if "summary" in p or p.get("batch") != match["batch"]:
            return None
        return 1000 * p["batch"] / p["ms_per_step"] if key == "samples_per_s" else p[key]
    if p.get("workload") != workload or any(p.get(k) != v for k, v in match.items()):
        return None
    return p.get(key)


def fmt(values):
    if not values:
        return "-"
    return "%s (%s-%s)" % (num(statistics.median(values)), num(min(values)), num(max(values)))


def num(v):
    return "%.3g" % v if v < 100 else "{:,.0f}".format(v)


def ratio(mine, theirs, higher):
    if not mine or not theirs:
        return "-"
    a, b = statistics.median(mine), statistics.median(theirs)
    return "%.2fx" % (a / b if higher else b / a)


if __name__ == "__main__":
    main(sys.argv[1])
