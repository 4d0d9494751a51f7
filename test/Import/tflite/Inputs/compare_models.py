#!/usr/bin/env python3
"""Runs two imports of the same model on kws01-style inputs and compares.

    compare_models.py HWQ_RUN A.mlir SHAPE_A B.mlir SHAPE_B --scale S
        --zero-point Z --atol T --every N DIR

Every N-th int8 sample file of DIR (sorted by name, like hwq-eval's kws01
dataset) is dequantized, x = S * (q - Z), and written as raw f32; model A
runs on it with input shape SHAPE_A (hwq-run --output), then model B with
SHAPE_B compares its results against A's (hwq-run --expect --atol). Prints
one line per sample and a summary; exits non-zero on the first mismatch.
Standard library only.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("hwq_run")
    parser.add_argument("model_a")
    parser.add_argument("shape_a")
    parser.add_argument("model_b")
    parser.add_argument("shape_b")
    parser.add_argument("dir")
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--zero-point", type=int, required=True)
    parser.add_argument("--atol", type=float, required=True)
    parser.add_argument("--every", type=int, default=1)
    args = parser.parse_args()

    files = sorted(f for f in os.listdir(args.dir) if f.endswith(".bin"))
    chosen = files[::args.every]
    with tempfile.TemporaryDirectory() as tmp:
        x = os.path.join(tmp, "x.f32")
        y = os.path.join(tmp, "y.npy")
        for name in chosen:
            with open(os.path.join(args.dir, name), "rb") as f:
                q = struct.unpack("%db" % os.path.getsize(f.name), f.read())
            with open(x, "wb") as f:
                f.write(struct.pack("<%df" % len(q), *(
                    args.scale * (v - args.zero_point) for v in q)))
            subprocess.run([args.hwq_run, args.model_a, "--input",
                            f"{x}:{args.shape_a}:f32", "--output", y],
                           check=True)
            result = subprocess.run(
                [args.hwq_run, args.model_b, "--input",
                 f"{x}:{args.shape_b}:f32", "--expect", y,
                 f"--atol={args.atol}"], capture_output=True, text=True)
            status = "ok" if result.returncode == 0 else "MISMATCH"
            print(f"{name}: {status}: {result.stdout.strip()}")
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return 1
    print(f"compared {len(chosen)} samples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
