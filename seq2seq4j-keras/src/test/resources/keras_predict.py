"""Run by KerasReadsOurFilesTest: for every folder given, loads model.keras with real Keras 3 and writes
keras_output_K.npy, its predictions on input_K.npy (float32). One line per folder on failure."""
import os
import sys

import keras
import numpy as np

failed = 0
for folder in sys.argv[1:]:
    try:
        model = keras.saving.load_model(os.path.join(folder, "model.keras"), compile=False)
        inputs = []
        while os.path.exists(os.path.join(folder, f"input_{len(inputs)}.npy")):
            inputs.append(np.load(os.path.join(folder, f"input_{len(inputs)}.npy")))
        inputs = [x.astype(spec.dtype) for x, spec in zip(inputs, model.inputs)]
        out = model.predict(inputs, verbose=0)
        for k, y in enumerate(out if isinstance(out, (list, tuple)) else [out]):
            np.save(os.path.join(folder, f"keras_output_{k}.npy"), np.asarray(y, dtype="float32"))
    except Exception as e:
        failed += 1
        print(f"{os.path.basename(folder)}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
print(f"keras {keras.__version__} ({keras.backend.backend()})")
sys.exit(1 if failed else 0)
