#!/usr/bin/env python3
"""Writes small models with real Keras 3 and what Keras computes for them, for the importer's tests.

Usage (a Keras 3 with any backend; here the wheels in /opt/pypi/files):
    python3 -m venv /tmp/keras3 && /tmp/keras3/bin/pip install --no-index --find-links /opt/pypi/files \
        keras jax jaxlib h5py
    KERAS_BACKEND=jax /tmp/keras3/bin/python scripts/make-keras3-files.py

Each case is a folder in seq2seq4j-keras/src/test/resources/keras3-written/ with model.keras (saved by
Keras), input_K.npy and output_K.npy (Keras's predictions on those inputs, float32) and keras.json (the
Keras version and backend that wrote them). Token inputs hold zeros at the end, in the middle and at the
start of rows, so masks are exercised where Keras's rules differ from the obvious ones.
"""
import json
import os
import shutil

import keras
import numpy as np
from keras import layers as L

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "seq2seq4j-keras", "src", "test", "resources", "keras3-written")
VOCAB = 7


def tokens(seed, batch=4, steps=6):
    x = np.random.default_rng(seed).integers(1, VOCAB, size=(batch, steps)).astype("int32")
    x[0, 4:] = 0        # trailing padding
    x[1, 2] = 0         # a zero in the middle
    x[2, :2] = 0        # leading zeros
    return x


def save(name, inputs, outputs, values, why):
    model = keras.Model(inputs, outputs, name=name)
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    model.save(os.path.join(folder, "model.keras"))
    predicted = model.predict(values, verbose=0)
    predicted = predicted if isinstance(predicted, (list, tuple)) else [predicted]
    for k, v in enumerate(values):
        np.save(os.path.join(folder, f"input_{k}.npy"), v)
    for k, v in enumerate(predicted):
        np.save(os.path.join(folder, f"output_{k}.npy"), np.asarray(v, dtype="float32"))
    with open(os.path.join(folder, "keras.json"), "w") as f:
        json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(), "why": why}, f, indent=1)
        f.write("\n")
    print("wrote", name)


def main():
    keras.utils.set_random_seed(7)
    x = keras.Input((None,), dtype="int32", name="tokens")
    e = L.Embedding(VOCAB, 3, mask_zero=True)(x)
    save("lstm_mask_zero", x, L.LSTM(4, return_sequences=True)(e), [tokens(1)],
         "Embedding(mask_zero) -> LSTM: the mask reaches the LSTM as kwargs.mask from a NotEqual operation")
    save("gru_bilstm_mask_zero", x, L.Bidirectional(L.GRU(3, return_sequences=True))(e), [tokens(2)],
         "Embedding(mask_zero) -> Bidirectional(GRU): both directions masked, zeros at masked steps")

    v = keras.Input((None, 2), name="values")
    m = L.Masking(mask_value=0.0)(v)
    values = np.random.default_rng(3).random((3, 5, 2)).astype("float32")
    values[0, 3:] = 0
    values[1, 1] = 0
    save("masking_lstm", v, L.LSTM(3)(m), [values], "Masking -> LSTM: a mask computed by NotEqual and Any")

    s = keras.Input((None,), dtype="int32", name="source")
    t = keras.Input((None,), dtype="int32", name="target")
    es = L.Embedding(VOCAB, 3, mask_zero=True)(s)
    et = L.Embedding(VOCAB, 3, mask_zero=True)(t)
    _, h, c = L.LSTM(4, return_state=True)(es)
    save("lstm_initial_state_mask", [s, t], L.LSTM(4, return_sequences=True)(et, initial_state=[h, c]),
         [tokens(4), tokens(5)],
         "an LSTM called with initial_state gets no mask in Keras 3 (a call with two tensor arguments)")

    seq, fh, fc, bh, bc = L.Bidirectional(L.LSTM(4, return_sequences=True, return_state=True))(es)
    dec = L.LSTM(8, return_sequences=True)(et, initial_state=[L.Concatenate()([fh, bh]), L.Concatenate()([fc, bc])])
    context = L.AdditiveAttention()([dec, seq])
    probs = L.Dense(VOCAB, activation="softmax")(L.Concatenate()([dec, context]))
    save("attention_translator", [s, t], probs, [tokens(6), tokens(7)],
         "the translator shape: masked Bidirectional encoder, decoder from its states, AdditiveAttention, softmax")
    dot = L.Attention(use_scale=True)([dec, seq])
    save("luong_attention", [s, t], L.Dense(VOCAB)(L.Concatenate()([dec, dot])), [tokens(8), tokens(9)],
         "dot-product Attention with a value mask from the encoder's Embedding")


if __name__ == "__main__":
    main()
