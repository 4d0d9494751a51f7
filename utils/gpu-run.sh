#!/usr/bin/env bash
#===- utils/gpu-run.sh - run the NVIDIA kernels on a GPU ------------------===#
#
# For a machine with an NVIDIA GPU and its driver (nothing here needs the
# CUDA toolkit; ptxas is used when present to also report register use).
# Quantizes the KWS DS-CNN for the GPU's architecture (targets/nvidia-sm75,
# -sm80 or -sm90.yaml), runs it on the device (hwq-run --device=cuda) and
# on a few bench shapes, checks every output against the reference
# evaluator, and prints int8 timings on the device beside the float model on
# the host (hwq has no fp32 GPU kernels: the fp32 column is the host JIT).
#
#   utils/gpu-run.sh [BUILD_DIR] [MODELS_DIR]      (defaults: build, ../shared/models)
#
# Exit status 1 when an output differs from the reference, 2 when no GPU.
#===----------------------------------------------------------------------===#
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
models="${2:-$root/../shared/models}"
bin="$build/bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0

"$bin/hwq-run" --make-input=1x6x6x5:i8:1 "$work/probe_x.npy"
"$bin/hwq-run" --make-input=3x3x3x5:i8:2 "$work/probe_w.npy"
probe="$("$bin/hwq-run" "$root/test/Codegen/NVIDIA/Inputs/contractions.mlir" \
  --function conv_accumulator --device=cuda --input "$work/probe_x.npy" \
  --input "$work/probe_w.npy" 2>&1 >/dev/null || true)"
device_line="$(echo "$probe" | grep -m1 'device:' || true)"
if [ -z "$device_line" ]; then
  echo "$probe" >&2
  echo "gpu-run: no usable CUDA device" >&2
  exit 2
fi
echo "gpu-run: $device_line"
cc="$(echo "$device_line" | sed -n 's/.*compute capability \([0-9]*\)\.\([0-9]*\).*/\1\2/p')"
if [ "$cc" -ge 90 ]; then target=nvidia-sm90; elif [ "$cc" -ge 80 ]; then target=nvidia-sm80; else target=nvidia-sm75; fi
echo "gpu-run: target $target"

# check NAME MODEL FUNCTION INPUTS...: device output == reference output,
# then device / host-JIT latencies (--bench, 50 runs, medians).
check() {
  local name="$1" model="$2" function="$3"; shift 3
  local inputs=() i
  for i in "$@"; do inputs+=(--input "$i"); done
  "$bin/hwq-run" "$model" --function "$function" "${inputs[@]}" --output "$work/$name.ref.npz"
  if "$bin/hwq-run" "$model" --function "$function" --device=cuda "${inputs[@]}" \
       --expect "$work/$name.ref.npz" > "$work/$name.expect" 2>&1; then
    echo "gpu-run: $name: device == reference ($(grep -c ' 0 mismatches' "$work/$name.expect") output(s))"
  else
    echo "gpu-run: $name: MISMATCH"; cat "$work/$name.expect"; status=1
  fi
  local gpu host
  gpu="$("$bin/hwq-run" "$model" --function "$function" --device=cuda "${inputs[@]}" \
         --repeat 50 --bench 2>/dev/null | sed -n 's/.*median=\([0-9.]*\).*/\1/p')"
  host="$("$bin/hwq-run" "$model" --function "$function" --engine=jit "${inputs[@]}" \
          --repeat 50 --bench 2>/dev/null | sed -n 's/.*median=\([0-9.]*\).*/\1/p')"
  printf 'gpu-run: %-22s int8 device %10s ms   int8 host JIT %10s ms\n' "$name" "$gpu" "$host"
}

# Bench shapes (test/Codegen/NVIDIA/Inputs/contractions.mlir).
c="$root/test/Codegen/NVIDIA/Inputs/contractions.mlir"
mk() { "$bin/hwq-run" --make-input="$2" "$work/$1.npy"; echo "$work/$1.npy"; }
check fc_big "$c" fc_big "$(mk x1 5x300:i8:1)" "$(mk w1 70x300:i8:2:-127:127)" "$(mk b1 70:i32:3:-30000:30000)"
check matmul "$c" matmul "$(mk x2 2x37x45:u8:4)" "$(mk w2 2x45x70:i8:5)"
check conv_relu "$c" conv_relu "$(mk x3 1x13x11x20:u8:6)" "$(mk w3 70x3x3x20:i8:7:-127:127)" "$(mk b3 70:i32:8:-30000:30000)"
check conv_per_channel "$c" conv_per_channel "$(mk x4 2x9x10x7:i8:9)" "$(mk w4 5x3x2x7:i8:10)"
check depthwise "$c" depthwise_multiplier "$(mk x6 1x10x9x6:u8:13)" "$(mk w6 3x3x6x2:i8:14)" "$(mk b6 12:i32:15:-3000:3000)"

# KWS: float model, quantized for the device's target, realized.
kws="$models/kws/kws_dscnn_float.onnx"
if [ -f "$kws" ]; then
  "$bin/hwq-translate" --import-onnx "$kws" -o "$work/kws.float.mlir"
  "$bin/hwq-opt" "$work/kws.float.mlir" --hwq-target="$root/targets/$target.yaml" --hwq-prepare \
    --hwq-annotate=remarks=false --hwq-calibrate="data=kws01:$models/kws/kws01 range=0:100" -o "$work/kws.sim.mlir"
  "$bin/hwq-opt" "$work/kws.sim.mlir" --hwq-exact-sim -o "$work/kws.exact.mlir"
  "$bin/hwq-opt" "$work/kws.exact.mlir" --hwq-realize -o "$work/kws.int.mlir"
  x="$(mk kin 1x1x49x10:f32:5:-30:30)"
  # The float softmax at the end: within 1e-5 of the reference's doubles.
  "$bin/hwq-run" "$work/kws.int.mlir" --input "$x" --output "$work/kws.ref.npy"
  if "$bin/hwq-run" "$work/kws.int.mlir" --device=cuda --input "$x" --expect "$work/kws.ref.npy" --rtol 1e-5; then
    echo "gpu-run: kws: device == reference"
  else
    echo "gpu-run: kws: MISMATCH"; status=1
  fi
  kgpu="$("$bin/hwq-run" "$work/kws.int.mlir" --device=cuda --input "$x" --repeat 50 --bench 2>/dev/null | sed -n 's/.*median=\([0-9.]*\).*/\1/p')"
  kint="$("$bin/hwq-run" "$work/kws.int.mlir" --engine=jit --input "$x" --repeat 50 --bench 2>/dev/null | sed -n 's/.*median=\([0-9.]*\).*/\1/p')"
  kfp="$("$bin/hwq-run" "$work/kws.float.mlir" --engine=jit --input "$x" --repeat 50 --bench 2>/dev/null | sed -n 's/.*median=\([0-9.]*\).*/\1/p')"
  echo "gpu-run: kws: int8 device $kgpu ms (incl. host steps and copies), int8 host JIT $kint ms, fp32 host JIT $kfp ms"
else
  echo "gpu-run: $kws not found: KWS skipped"
fi
exit "$status"
