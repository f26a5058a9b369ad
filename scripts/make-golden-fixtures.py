#!/usr/bin/env python3
"""Writes the golden fixtures: cases in layouts the goldens README allows but ../shared/goldens does not use
yet, re-packaging the numbers of shared golden cases (see the README.md beside each fixture folder).

Usage: python3 scripts/make-golden-fixtures.py [path/to/shared/goldens]   (plain Python 3, no packages)

Every value is a golden value, an exact or float64-analytic function of golden values, or a weight
constructed so that a golden value comes out; the script checks each derivation against the goldens
and stops if one is off.
"""
import copy
import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDENS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "goldens")
CORE = os.path.join(ROOT, "seq2seq4j-core", "src", "test", "resources", "golden-fixtures")
KERAS = os.path.join(ROOT, "seq2seq4j-keras", "src", "test", "resources", "golden-fixtures")
TFJS = {"keras_version": "tfjs-layers 4.22.0", "backend": "tensor_flow.js"}


def golden(name):
    with open(os.path.join(GOLDENS, name + ".json")) as f:
        return json.load(f)


def named(entries, name):
    for e in entries:
        if e["name"] == name:
            return e
    raise KeyError(name)


def tensor(name, shape, values):
    return {"name": name, "shape": shape, "values": [float(v) for v in values]}


def check(what, expected, actual, tol):
    worst = max(abs(a - b) for a, b in zip(expected, actual))
    if len(expected) != len(actual) or worst > tol:
        sys.exit("derivation of %s is off by %g (tolerance %g)" % (what, worst, tol))


def write(folder, case):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, case["name"] + ".json"), "w") as f:
        json.dump(case, f, indent=1)
        f.write("\n")


def matmul(a, rows, inner, b, cols):
    return [sum(a[r * inner + k] * b[k * cols + c] for k in range(inner)) for r in range(rows) for c in range(cols)]


def activation_variants():
    """activation_softmax's input with one output per activation name (the layer case layout with named
    outputs that are not states): softmax and output are the golden values, relu and linear exact, tanh
    float64 math.tanh."""
    src = golden("activation_softmax")
    x = named(src["inputs"], "x")
    soft = named(src["outputs"], "output")
    case = {
        "name": "activation_variants",
        "description": "Fixture re-packaging activation_softmax: Activation on x (2,3,4) with one output per"
                       " activation name; 'output' is the configured activation (softmax).",
        "source": "fixture from activation_softmax",
        "keras_config": src["keras_config"],
        "weights": [],
        "inputs": [x],
        "outputs": [
            soft,
            tensor("softmax", soft["shape"], soft["values"]),
            tensor("relu", x["shape"], [max(0.0, v) for v in x["values"]]),
            tensor("linear", x["shape"], x["values"]),
            tensor("tanh", x["shape"], [math.tanh(v) for v in x["values"]]),
        ],
        "tolerance": src["tolerance"],
    }
    write(CORE, case)


class Adam:
    """Keras 3 Adam.update_step in float64 (keras/src/optimizers/adam.py)."""

    def __init__(self, lr, b1=0.9, b2=0.999, eps=1e-7):
        self.lr, self.b1, self.b2, self.eps, self.t, self.m, self.v = lr, b1, b2, eps, 0, {}, {}

    def apply(self, params, grads):
        self.t += 1
        alpha = self.lr * math.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
        for k in params:
            m = self.m.setdefault(k, [0.0] * len(params[k]))
            v = self.v.setdefault(k, [0.0] * len(params[k]))
            for i, g in enumerate(grads[k]):
                m[i] += (g - m[i]) * (1 - self.b1)
                v[i] += (g * g - v[i]) * (1 - self.b2)
                params[k][i] -= m[i] * alpha / (math.sqrt(v[i]) + self.eps)


def dense_mse(h, kernel, bias, y, batch, inner, units):
    """Prediction, mse (sum_over_batch_size) and its gradients for Dense(linear) on h."""
    pred = [p + bias[i % units] for i, p in enumerate(matmul(h, batch, inner, kernel, units))]
    n = batch * units
    loss = sum((p - t) ** 2 for p, t in zip(pred, y)) / n
    g = [2 * (p - t) / n for p, t in zip(pred, y)]
    gk = [sum(h[b * inner + i] * g[b * units + j] for b in range(batch)) for i in range(inner) for j in range(units)]
    gb = [sum(g[b * units + j] for b in range(batch)) for j in range(units)]
    return pred, loss, gk, gb


def dense_training_bare():
    """The Dense half of grads_mse_lstm_dense_adam as a bare-layer training case. Its input is the LSTM's
    output h (2,3), recovered from the golden Dense kernel gradient: grad/dense/kernel = h^T G with
    G = dloss/dy_pred = 2 (y_pred - y_true) / 4, so h^T = grad/dense/kernel G^-1. y_pred, loss, the
    gradients and after_step_1 are the golden values (Adam's first step reads only the first gradient);
    after_step_3 and the later losses are Keras 3's Adam on Dense + mse in float64 from there."""
    src = golden("grads_mse_lstm_dense_adam")
    out = src["outputs"]
    kernel = named(src["weights"], "dense/kernel")
    bias = named(src["weights"], "dense/bias")
    y = named(src["inputs"], "y_true")["values"]
    pred = named(out, "y_pred")["values"]
    batch, units = named(out, "y_pred")["shape"]
    inner = kernel["shape"][0]
    g = [2 * (p - t) / (batch * units) for p, t in zip(pred, y)]
    det = g[0] * g[3] - g[1] * g[2]
    ginv = [g[3] / det, -g[1] / det, -g[2] / det, g[0] / det]
    ht = matmul(named(out, "grad/dense/kernel")["values"], inner, units, ginv, batch)      # (inner, batch)
    h = [ht[i * batch + b] for b in range(batch) for i in range(inner)]
    params = {"kernel": list(kernel["values"]), "bias": list(bias["values"])}
    p0, loss0, gk, gb = dense_mse(h, params["kernel"], params["bias"], y, batch, inner, units)
    check("y_pred", pred, p0, 1e-7)
    check("loss", named(out, "loss")["values"], [loss0], 1e-7)
    check("grad/dense/bias", named(out, "grad/dense/bias")["values"], gb, 1e-7)
    opt = Adam(src["optimizer"]["config"]["learning_rate"])
    curve = [named(out, "loss")["values"][0]]
    after = {}
    for step in (1, 2, 3):
        _, loss, gk, gb = dense_mse(h, params["kernel"], params["bias"], y, batch, inner, units)
        if step > 1:
            curve.append(loss)
        opt.apply(params, {"kernel": gk, "bias": gb})
        after[step] = copy.deepcopy(params)
    curve.append(dense_mse(h, params["kernel"], params["bias"], y, batch, inner, units)[1])
    check("after_step_1/dense/kernel", named(out, "after_step_1/dense/kernel")["values"], after[1]["kernel"], 1e-7)
    check("after_step_1/dense/bias", named(out, "after_step_1/dense/bias")["values"], after[1]["bias"], 1e-7)
    dense = next(l for l in src["keras_config"]["config"]["layers"] if l["class_name"] == "Dense")
    outputs = [named(out, n) for n in ("y_pred", "loss", "grad/dense/kernel", "grad/dense/bias",
                                        "after_step_1/dense/kernel", "after_step_1/dense/bias")]
    outputs += [tensor("after_step_3/dense/kernel", kernel["shape"], after[3]["kernel"]),
                tensor("after_step_3/dense/bias", bias["shape"], after[3]["bias"]),
                tensor("loss_before_each_step_and_after_step_3", [4], curve)]
    case = {
        "name": "dense_training_bare",
        "description": "Fixture re-packaging the Dense half of grads_mse_lstm_dense_adam as a bare-layer training"
                       " case: Dense(2) on the LSTM's output h (2,3), mse, adam(learning_rate 0.01).",
        "source": "fixture from grads_mse_lstm_dense_adam",
        "keras_config": dense,
        "optimizer": src["optimizer"],
        "loss": src["loss"],
        "weights": [kernel, bias],
        "inputs": [tensor("x", [batch, inner], h), named(src["inputs"], "y_true")],
        "outputs": outputs,
        "tolerance": src["tolerance"],
    }
    write(CORE, case)


def layer_entry(name, cls, config, inbound):
    config = dict(config, name=name)
    return {"name": name, "class_name": cls, "config": config,
            "inbound_nodes": [[[ref[0], ref[1], ref[2], {}] for ref in node] for node in inbound]}


def input_entry(name, batch_input_shape):
    return layer_entry(name, "InputLayer", {"batch_input_shape": batch_input_shape, "dtype": "float32",
                                            "sparse": False}, [])


def model_config(name, layers, inputs, outputs):
    return dict({"class_name": "Model", "config": {"name": name, "layers": layers,
                                                   "input_layers": [[i, 0, 0] for i in inputs],
                                                   "output_layers": outputs}}, **TFJS)


def functional_lstm_initial_state():
    """lstm_initial_state as a functional Model: three Inputs, the LSTM's inbound node lists the initial
    states after the sequence, and the model's three outputs are the LSTM's output, h and c."""
    src = golden("lstm_initial_state")
    lstm = src["keras_config"]["config"]
    layers = [input_entry("x", [None, 4, 3]), input_entry("h0", [None, 3]), input_entry("c0", [None, 3]),
              layer_entry("lstm", "LSTM", lstm, [[("x", 0, 0), ("h0", 0, 0), ("c0", 0, 0)]])]
    case = dict(src, name="functional_lstm_initial_state", source="fixture from lstm_initial_state",
                description="Fixture re-packaging lstm_initial_state as a Keras 2 / TF.js functional Model config:"
                            " Inputs x, h0, c0; LSTM(3, return_sequences, return_state) called on [x, h0, c0];"
                            " outputs [output, state_h, state_c].",
                keras_config=model_config("functional_lstm_initial_state", layers, ["x", "h0", "c0"],
                                          [["lstm", 0, 0], ["lstm", 0, 1], ["lstm", 0, 2]]))
    write(KERAS, case)


def functional_lstm_seq2seq():
    """The lstm_seq2seq shape (encoder LSTM return_state -> decoder LSTM with initial_state -> Dense) on
    lstm_initial_state's numbers. Encoder: LSTM(3, activation tanh, recurrent_activation linear) on 2 steps
    of 2 features, step 0 zeros (so every gate and state is 0 after it), step 1 the one-hot row index;
    kernel row b holds z_i = 1, z_f = 0, z_g = atanh(c0[b]), z_o = h0[b] / tanh(c0[b]), so its final
    states are exactly the golden h0, c0. Decoder: lstm_initial_state's LSTM and weights. Dense(3,
    linear): kernel 2 * a column permutation, bias [0.25, -0.5, 1], so output[..., j] =
    2 * golden_output[..., (j + 1) % 3] + bias[j]."""
    src = golden("lstm_initial_state")
    h0 = named(src["inputs"], "initial_state_0")
    c0 = named(src["inputs"], "initial_state_1")
    batch, units = h0["shape"]
    x = named(src["inputs"], "x")
    enc_x = [0.0] * (batch * 2 * batch)
    for b in range(batch):
        enc_x[(b * 2 + 1) * batch + b] = 1.0
    enc_kernel = []
    for b in range(batch):
        h = h0["values"][b * units:(b + 1) * units]
        c = c0["values"][b * units:(b + 1) * units]
        enc_kernel += [1.0] * units + [0.0] * units + [math.atanh(v) for v in c] \
            + [hv / math.tanh(cv) for hv, cv in zip(h, c)]
    check("encoder c", c0["values"], [1.0 * math.tanh(math.atanh(v)) for v in c0["values"]], 1e-12)
    dense_kernel = [2.0 if i == (j + 1) % units else 0.0 for i in range(units) for j in range(units)]
    dense_bias = [0.25, -0.5, 1.0]
    seq = named(src["outputs"], "output")
    out = [2.0 * seq["values"][r * units + (j + 1) % units] + dense_bias[j]
           for r in range(len(seq["values"]) // units) for j in range(units)]
    check("dense output", out, [p + dense_bias[i % units] for i, p in
                                enumerate(matmul(seq["values"], len(out) // units, units, dense_kernel, units))], 1e-12)
    lstm = src["keras_config"]["config"]
    encoder = dict(lstm, activation="tanh", recurrent_activation="linear", return_sequences=False, return_state=True)
    layers = [input_entry("encoder_input", [None, None, batch]), input_entry("decoder_input", [None, None, 3]),
              layer_entry("encoder", "LSTM", encoder, [[("encoder_input", 0, 0)]]),
              layer_entry("decoder", "LSTM", lstm, [[("decoder_input", 0, 0), ("encoder", 0, 1), ("encoder", 0, 2)]]),
              layer_entry("dense", "Dense", {"units": units, "activation": "linear", "use_bias": True},
                          [[("decoder", 0, 0)]])]
    weights = [tensor("encoder/lstm_cell/kernel", [batch, 4 * units], enc_kernel),
               tensor("encoder/lstm_cell/recurrent_kernel", [units, 4 * units], [0.0] * (4 * units * units)),
               tensor("encoder/lstm_cell/bias", [4 * units], [0.0] * (4 * units))]
    weights += [dict(w, name=w["name"].replace("lstm/", "decoder/", 1)) for w in src["weights"]]
    weights += [tensor("dense/kernel", [units, units], dense_kernel), tensor("dense/bias", [units], dense_bias)]
    case = {
        "name": "functional_lstm_seq2seq",
        "description": "Fixture: the lstm_seq2seq shape as a Keras 2 / TF.js functional Model config; the encoder's"
                       " weights make its final states lstm_initial_state's h0, c0, the decoder is that case's"
                       " LSTM on its x, and a Dense permutes and scales the decoder sequence.",
        "source": "fixture from lstm_initial_state",
        "keras_config": model_config("functional_lstm_seq2seq", layers, ["encoder_input", "decoder_input"],
                                     [["dense", 0, 0]]),
        "weights": weights,
        "inputs": [tensor("encoder_input", [batch, 2, batch], enc_x), x],
        "outputs": [tensor("output", seq["shape"], out)],
        "tolerance": src["tolerance"],
    }
    write(KERAS, case)


def functional_training():
    """grads_mse_lstm_dense_adam with its Sequential written as a functional Model (Input -> LSTM -> Dense);
    every number is the golden case's."""
    src = golden("grads_mse_lstm_dense_adam")
    seq = src["keras_config"]["config"]["layers"]
    lstm = next(l for l in seq if l["class_name"] == "LSTM")["config"]
    dense = next(l for l in seq if l["class_name"] == "Dense")["config"]
    layers = [input_entry("input", [None, 4, 3]), layer_entry("lstm", "LSTM", lstm, [[("input", 0, 0)]]),
              layer_entry("dense", "Dense", dense, [[("lstm", 0, 0)]])]
    case = dict(src, name="functional_lstm_dense_training", source="fixture from grads_mse_lstm_dense_adam",
                description="Fixture re-packaging grads_mse_lstm_dense_adam with its model as a Keras 2 / TF.js"
                            " functional Model config (Input -> LSTM(3) -> Dense(2)); same weights, inputs, outputs.",
                keras_config=model_config("functional_lstm_dense_training", layers, ["input"], [["dense", 0, 0]]))
    write(KERAS, case)


if __name__ == "__main__":
    activation_variants()
    dense_training_bare()
    functional_lstm_initial_state()
    functional_lstm_seq2seq()
    functional_training()
