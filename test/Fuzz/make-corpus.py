#!/usr/bin/env python3
# ===- test/Fuzz/make-corpus.py - seed corpora from hwq's own tests ------=== #
#
# Regenerates the seed corpora under test/Fuzz/corpus/ from the project's test
# inputs (run it by hand when those change; the output is checked in):
#  - target-description/: targets/*.{yaml,json}, test/Target/Inputs/*.yaml;
#  - passes/: every `// -----` chunk of test/**/*.mlir, comment lines dropped;
#  - onnx/: every model of test/Import/onnx/*.onnxtxt (built with
#    hwq-make-onnx, with the test's --fill), in protobuf text format;
#  - tensor-io/: small .npy and .npz files (numpy), one per element type;
#  - tflite/: every model of test/Import/tflite/**/*.tflitetxt, built with
#    hwq-make-tflite (binary flatbuffers).
# Inputs larger than 8 KiB are left out (libFuzzer mutates small inputs
# faster). Crash reproducers added by hand (named crash-*) are kept.
#
#   /usr/bin/python3 test/Fuzz/make-corpus.py BUILD_DIR
#
# Needs /usr/bin/python3 with onnx and numpy (Debian's python3-onnx,
# python3-numpy), and BUILD_DIR/bin/hwq-make-onnx and hwq-make-tflite.
#
# ===---------------------------------------------------------------------=== #

import glob
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "test", "Fuzz", "corpus")
LIMIT = 8192


def reset(name):
    folder = os.path.join(CORPUS, name)
    os.makedirs(folder, exist_ok=True)
    for path in glob.glob(os.path.join(folder, "*")):
        if not os.path.basename(path).startswith("crash-"):
            os.remove(path)
    return folder


def write(folder, name, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > LIMIT:
        return False
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)
    return True


def target_descriptions():
    folder = reset("target-description")
    paths = sorted(glob.glob(os.path.join(ROOT, "targets", "*.yaml")) +
                   glob.glob(os.path.join(ROOT, "targets", "*.json")) +
                   glob.glob(os.path.join(ROOT, "test", "Target", "Inputs",
                                          "*.yaml")))
    for path in paths:
        prefix = "target-" if "/targets/" in path else "test-"
        with open(path, "rb") as f:
            write(folder, prefix + os.path.basename(path), f.read())


def passes():
    folder = reset("passes")
    for path in sorted(glob.glob(os.path.join(ROOT, "test", "**", "*.mlir"),
                                 recursive=True)):
        if "/Fuzz/" in path:
            continue
        with open(path) as f:
            chunks = re.split(r"^// -----\s*$", f.read(), flags=re.M)
        stem = os.path.relpath(path, os.path.join(ROOT, "test"))
        stem = stem[:-len(".mlir")].replace("/", "-")
        for i, chunk in enumerate(chunks):
            lines = [l for l in chunk.splitlines()
                     if l.strip() and not l.lstrip().startswith("//")]
            if lines:
                write(folder, "%s-%d.mlir" % (stem, i), "\n".join(lines) + "\n")


def onnx_models(build):
    import onnx
    from google.protobuf import text_format
    folder = reset("onnx")
    make_onnx = os.path.join(build, "bin", "hwq-make-onnx")
    for path in sorted(glob.glob(os.path.join(ROOT, "test", "Import", "onnx",
                                              "**", "*.onnxtxt"),
                                 recursive=True)):
        with open(path) as f:
            text = f.read()
        parts = re.split(r"^#--- (\S+)\s*$", text, flags=re.M)
        models = ([(os.path.basename(path), text)] if len(parts) == 1 else
                  list(zip(parts[1::2], parts[2::2])))
        stem = os.path.basename(path)[:-len(".onnxtxt")]
        for name, model in models:
            fill = re.search(re.escape(name) + r"\s+--fill=(\S+)", text)
            with tempfile.TemporaryDirectory() as tmp:
                source = os.path.join(tmp, "m.onnxtxt")
                with open(source, "w") as f:
                    f.write(model)
                command = [make_onnx, source, "-o", os.path.join(tmp, "m.onnx")]
                if fill:
                    command.append("--fill=" + fill.group(1))
                if subprocess.call(command, stderr=subprocess.DEVNULL) != 0:
                    continue
                proto = onnx.load(os.path.join(tmp, "m.onnx"))
            name = name[:-len(".onnxtxt")] if name.endswith(".onnxtxt") else name
            label = stem if name == stem else stem + "-" + name
            write(folder, label + ".textproto",
                  text_format.MessageToString(proto))


def tflite_models(build):
    folder = reset("tflite")
    make_tflite = os.path.join(build, "bin", "hwq-make-tflite")
    for path in sorted(glob.glob(os.path.join(ROOT, "test", "Import", "tflite",
                                              "**", "*.tflitetxt"),
                                 recursive=True)):
        with open(path) as f:
            names = re.findall(r"^model (\S+)\s*$", f.read(), flags=re.M)
        stem = os.path.basename(path)[:-len(".tflitetxt")]
        for name in names or [None]:
            with tempfile.TemporaryDirectory() as tmp:
                output = os.path.join(tmp, "m.tflite")
                command = [make_tflite, path, "-o", output]
                if name:
                    command.append("--model=" + name)
                if subprocess.call(command, stderr=subprocess.DEVNULL) != 0:
                    continue
                with open(output, "rb") as f:
                    data = f.read()
            write(folder, (stem + "-" + name if name else stem) + ".tflite",
                  data)


def tensors():
    import numpy as np
    folder = reset("tensor-io")
    kinds = ["f2", "f4", "f8", "i1", "u1", "i2", "i4", "i8"]
    for i, kind in enumerate(kinds):
        array = (np.arange(6) - 2).astype("<" + kind).reshape(2, 3)
        buffer = io.BytesIO()
        np.save(buffer, array)
        write(folder, "array-%s.npy" % kind, buffer.getvalue())
    buffer = io.BytesIO()
    np.save(buffer, np.float32(1.5))
    write(folder, "scalar.npy", buffer.getvalue())
    buffer = io.BytesIO()
    np.save(buffer, np.zeros((0, 4), np.int8))
    write(folder, "empty.npy", buffer.getvalue())
    for name, save in (("stored.npz", np.savez),
                       ("deflated.npz", np.savez_compressed)):
        buffer = io.BytesIO()
        save(buffer, x=np.arange(4, dtype=np.int8),
             w=np.ones((2, 2), np.float32))
        write(folder, name, buffer.getvalue())


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-corpus.py BUILD_DIR")
    target_descriptions()
    passes()
    onnx_models(sys.argv[1])
    tensors()
    tflite_models(sys.argv[1])
    for name in sorted(os.listdir(CORPUS)):
        print("%s: %d inputs" % (name, len(os.listdir(os.path.join(CORPUS,
                                                                  name)))))


if __name__ == "__main__":
    main()
