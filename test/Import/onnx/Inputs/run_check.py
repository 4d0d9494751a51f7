#!/usr/bin/env python3
"""Runs an imported model and compares it with a numpy evaluation.

    run_check.py MODEL.onnx IMPORTED.mlir [INPUT...] --engine=jit|reference ...

The imported float TOSA function runs either under MLIR's JIT (lowered with
upstream passes: tosa-to-linalg, bufferization, LLVM; run by mlir-runner) or
under hwq's reference evaluator (hwq-run) on each input;
utils/onnx_reference.py evaluates the ONNX model on the same inputs with
numpy. Prints one line per input and output and exits non-zero when any
value differs by more than atol + rtol * |reference| or the top-1 index
differs. Without INPUT, one pseudo-random input in [-1, 1] (fixed seed) is
used. INPUT files are read as onnx_reference.py reads them.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import onnx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "..", "utils"))
import onnx_reference  # noqa: E402

PIPELINE = ("builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,"
            "tosa-to-arith,tosa-to-tensor),"
            "one-shot-bufferize{bufferize-function-boundaries},"
            "convert-linalg-to-loops,expand-strided-metadata,lower-affine,"
            "convert-scf-to-cf,convert-math-to-llvm,convert-math-to-libm,"
            "finalize-memref-to-llvm,convert-arith-to-llvm,"
            "convert-index-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,"
            "reconcile-unrealized-casts)")


def hex_dense(x):
    return '"0x' + np.ascontiguousarray(x, dtype="<f4").tobytes().hex().upper() + '"'


def wrapper(imported, inputs):
    """The imported module plus an @hwq_jit_entry calling it on `inputs`."""
    match = re.search(r"func\.func @(\"[^\"]+\"|[\w$.]+)\(([^)]*)\)\s*->\s*\(?([^{]*?)\)?\s*\{",
                      imported)
    if not match:
        sys.exit("run_check.py: no function in the imported module")
    name, args, results = match.groups()
    arg_types = re.findall(r"tensor<[^>]*>", args)
    result_types = re.findall(r"tensor<[^>]*>", results)
    lines = ["func.func @hwq_jit_entry() {"]
    for n, feed in enumerate(inputs):
        operands = []
        for i, (x, t) in enumerate(zip(feed, arg_types)):
            lines.append(f"  %x{n}_{i} = arith.constant dense<{hex_dense(x)}> : {t}")
            operands.append(f"%x{n}_{i}")
        outs = ", ".join(f"%y{n}_{j}" for j in range(len(result_types)))
        lines.append(f"  {outs} = func.call @{name}({', '.join(operands)}) : "
                     f"({', '.join(arg_types)}) -> ({', '.join(result_types)})")
        for j, t in enumerate(result_types):
            lines.append(f"  %u{n}_{j} = tensor.cast %y{n}_{j} : {t} to tensor<*xf32>")
            lines.append(f"  func.call @printMemrefF32(%u{n}_{j}) : (tensor<*xf32>) -> ()")
    lines += ["  return", "}", "func.func private @printMemrefF32(tensor<*xf32>)"]
    body = imported.rstrip()
    if not body.endswith("}"):
        sys.exit("run_check.py: unexpected module text")
    return body[:-1] + "\n".join(lines) + "\n}\n", len(result_types)


def parse_memrefs(text):
    blocks = re.split(r"Unranked Memref[^\n]*\n", text)[1:]
    return [np.array([float(v) for v in re.findall(r"[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|inf|nan)", b)])
            for b in blocks]


def run_jit(imported, feeds, args):
    """All outputs of all feeds, in order, from one mlir-runner process."""
    module, num_results = wrapper(imported, feeds)
    if args.keep:
        with open(args.keep, "w") as f:
            f.write(module)
    lowered = subprocess.run(["mlir-opt", "--pass-pipeline=" + PIPELINE],
                             input=module, capture_output=True, text=True)
    if lowered.returncode:
        sys.exit("run_check.py: mlir-opt failed:\n" + lowered.stderr)
    ran = subprocess.run(["mlir-runner", "-e", "hwq_jit_entry",
                          "-entry-point-result=void",
                          "-shared-libs=" + args.runner_libs],
                         input=lowered.stdout, capture_output=True, text=True)
    if ran.returncode:
        sys.exit("run_check.py: mlir-runner failed:\n" + ran.stderr)
    return parse_memrefs(ran.stdout), num_results


def run_hwq(imported_path, feeds):
    """All outputs of all feeds, in order, one hwq-run process per feed."""
    got, num_results = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, feed in enumerate(feeds):
            command = ["hwq-run", imported_path, "--print"]
            for i, x in enumerate(feed):
                path = os.path.join(tmp, f"x{n}_{i}.npy")
                np.save(path, x)
                command += ["--input", path]
            ran = subprocess.run(command, capture_output=True, text=True)
            if ran.returncode:
                sys.exit("run_check.py: hwq-run failed:\n" + ran.stderr)
            # "Output #j: SHAPExf32" then rows "[i, :] v v v".
            blocks = re.split(r"^output #\d+:[^\n]*\n", ran.stdout, flags=re.M | re.I)[1:]
            num_results = len(blocks)
            for block in blocks:
                values = []
                for line in block.splitlines():
                    values += [float(v) for v in line.split("]", 1)[-1].split()]
                got.append(np.array(values))
    return got, num_results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("imported")
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--int8-scale", type=float, default=1.0)
    parser.add_argument("--int8-zero-point", type=float, default=0.0)
    parser.add_argument("--atol", type=float, default=1e-4)
    parser.add_argument("--rtol", type=float, default=1e-4)
    parser.add_argument("--engine", choices=["jit", "reference"], default="jit")
    parser.add_argument("--runner-libs", help="mlir-runner shared libraries (jit)")
    parser.add_argument("--keep", help="write the wrapper module here")
    args = parser.parse_intermixed_args()

    model = onnx.load(args.model)
    inits = {t.name for t in model.graph.initializer}
    graph_inputs = [i for i in model.graph.input if i.name not in inits]
    shapes = [[d.dim_value for d in i.type.tensor_type.shape.dim] for i in graph_inputs]
    feeds = []
    if args.inputs:
        if len(shapes) != 1:
            sys.exit("run_check.py: input files need a single-input model")
        feeds = [[onnx_reference.load_input(p, shapes[0], args)] for p in args.inputs]
    else:
        rng = np.random.default_rng(1234)
        feeds = [[rng.uniform(-1, 1, s).astype(np.float32) for s in shapes]]

    if args.engine == "jit":
        with open(args.imported) as f:
            got, num_results = run_jit(f.read(), feeds, args)
    else:
        got, num_results = run_hwq(args.imported, feeds)
    if len(got) != len(feeds) * num_results:
        sys.exit(f"run_check.py: expected {len(feeds) * num_results} outputs, "
                 f"got {len(got)}")

    ok = True
    for n, feed in enumerate(feeds):
        names = [i.name for i in graph_inputs]
        refs = onnx_reference.run_model(model, dict(zip(names, feed)))
        for j, ref in enumerate(refs):
            ref = np.ravel(ref)
            out = got[n * num_results + j]
            if out.shape != ref.shape:
                print(f"input {n} output {j}: FAIL shape {out.shape} vs {ref.shape}")
                ok = False
                continue
            err = np.abs(out - ref)
            bad = err > args.atol + args.rtol * np.abs(ref)
            same_top1 = int(np.argmax(out)) == int(np.argmax(ref))
            status = "ok" if not bad.any() and same_top1 else "FAIL"
            ok &= status == "ok"
            print(f"input {n} output {j}: {status} top1={int(np.argmax(out))} "
                  f"ref_top1={int(np.argmax(ref))} max_abs_err={err.max():.3g} "
                  f"elements={ref.size}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
