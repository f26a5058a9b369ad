#!/usr/bin/env python3
"""Loads .keras files written by seq2seq4j (`bin/seq2seq4j convert IN OUT.keras`) in real Keras 3 and
compares Keras's predictions with `bin/seq2seq4j predict` on the same random inputs.

Usage (a Keras 3 as in scripts/make-keras3-files.py):
    KERAS_BACKEND=jax /tmp/keras3/bin/python scripts/check-keras-export.py model.keras [more.keras ...]

Token inputs (int32) get ids in [0, 5) with zeros anywhere (masked steps); float inputs uniform [0, 1).
Prints the largest |ours - Keras| of every output; exits 1 if one exceeds 1e-5 or a file fails to load.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import keras
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@keras.saving.register_keras_serializable(package="seq2seq4j")
def hard_sigmoid_keras2(x):
    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)


def check(path, rng):
    model = keras.saving.load_model(path, compile=False)
    inputs = []
    for spec in model.inputs:
        shape = [3 if k == 0 else (7 if d is None else d) for k, d in enumerate(spec.shape)]
        if "int" in str(spec.dtype):
            inputs.append(rng.integers(0, 5, size=shape).astype("int32"))
        else:
            inputs.append(rng.random(shape).astype("float32"))
    expected = model.predict(inputs, verbose=0)
    expected = expected if isinstance(expected, (list, tuple)) else [expected]
    work = tempfile.mkdtemp()
    try:
        args = [os.path.join(ROOT, "bin", "seq2seq4j"), "predict", path]
        for k, x in enumerate(inputs):
            np.save(os.path.join(work, f"input_{k}.npy"), x)
            args += ["--input", os.path.join(work, f"input_{k}.npy")]
        run = subprocess.run(args + ["--output-dir", work], capture_output=True, text=True)
        if run.returncode:
            raise RuntimeError(run.stderr.strip())
        return [float(np.max(np.abs(np.load(os.path.join(work, f"output_{k}.npy")) - np.asarray(y))))
                for k, y in enumerate(expected)]
    finally:
        shutil.rmtree(work)


def main():
    rng = np.random.default_rng(0)
    bad = 0
    for path in sys.argv[1:]:
        try:
            diffs = check(path, rng)
            bad += any(d > 1e-5 for d in diffs)
            print(path, "max |ours - keras| per output:", " ".join("%.1e" % d for d in diffs))
        except Exception as e:  # one line per file, then go on
            bad += 1
            print(path, "FAILED:", type(e).__name__, str(e).splitlines()[0] if str(e) else "")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
