#!/usr/bin/env python3
#===- ort_kws.py - ONNX Runtime fp32 and int8 (QDQ) on the KWS model -----===#
#
# Part of hwq, a hardware-aware post-training quantization compiler.
#
# Prints two table rows (same format as hwq-bench): ONNX Runtime fp32 and
# its int8 QDQ model made by onnxruntime.quantization.quantize_static
# (calibrated on kws01 samples 0..99, u8 activations, s8 weights), one
# intra-op thread, median of >= 7 samples.
#
#   ort_kws.py MODEL.onnx KWS01_DIR WORKDIR
#===----------------------------------------------------------------------===#
import os
import statistics
import sys
import time

import numpy as np
import onnxruntime as ort
from onnxruntime.quantization import (CalibrationDataReader, QuantFormat,
                                      QuantType, quantize_static)

# kws01 layout (docs/Calibration.md): raw int8 1x1x49x10,
# real = (q - 83) * 0.584703.
SCALE, ZERO = 0.584703, 83


def load_samples(folder, count):
    names = sorted(n for n in os.listdir(folder) if n.endswith(".bin"))
    out = []
    for name in names[:count]:
        q = np.fromfile(os.path.join(folder, name), dtype=np.int8)
        out.append(((q.astype(np.float32) - ZERO) * SCALE).reshape(1, 1, 49, 10))
    return out


class Reader(CalibrationDataReader):
    def __init__(self, samples, name):
        self.it = iter([{name: s} for s in samples])

    def get_next(self):
        return next(self.it, None)


def median_ms(sess, feed, samples=9):
    sess.run(None, feed)
    t0 = time.perf_counter()
    sess.run(None, feed)
    once = time.perf_counter() - t0
    reps = max(1, int(0.02 / max(once, 1e-7)))
    ms = []
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(reps):
            sess.run(None, feed)
        ms.append((time.perf_counter() - t0) * 1e3 / reps)
    return statistics.median(ms)


def main():
    model, data, work = sys.argv[1:4]
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    fp32 = ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])
    name = fp32.get_inputs()[0].name
    samples = load_samples(data, 100)
    qdq = os.path.join(work, "kws_qdq_int8.onnx")
    quantize_static(model, qdq, Reader(samples, name),
                    quant_format=QuantFormat.QDQ,
                    activation_type=QuantType.QUInt8,
                    weight_type=QuantType.QInt8, per_channel=True)
    int8 = ort.InferenceSession(qdq, opts, providers=["CPUExecutionProvider"])
    feed = {name: samples[0]}
    for label, sess in (("ONNX Runtime fp32", fp32),
                        ("ONNX Runtime int8 (QDQ)", int8)):
        ms = median_ms(sess, feed)
        print("| %-28s | %-30s | %10.3f | %8s | %6s | %s |" %
              ("KWS DS-CNN end to end", label, ms, "", "",
               "onnxruntime " + ort.__version__))


if __name__ == "__main__":
    main()
