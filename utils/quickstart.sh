#!/usr/bin/env bash
#===- utils/quickstart.sh - install, build, run the bundled example -------===#
#
# The README's first command: installs every dependency, builds hwq, then runs
# the main job on the bundled example model, a Fashion-MNIST DS-CNN
# (utils/example/fashion_cnn.onnx, trained by utils/example/train_fashion_cnn.py):
#   import ONNX -> attach the target -> prepare -> annotate -> calibrate on 200
#   images -> exact simulation -> realize (integer-only hwq ops), then compares
#   float, simulated and integer top-1 on 1000 held-out test images.
# HWQ_TARGET=path overrides the target (default: x86 AVX-512 VNNI).
#
#===----------------------------------------------------------------------===#
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${HWQ_BUILD_DIR:-$root/build}"
export HWQ_BUILD_DIR="$build"
"$root/utils/setup.sh"

bin="$build/bin"
ex="$root/utils/example"
target="${HWQ_TARGET:-$root/targets/x86-avx512-vnni.yaml}"
out="$build/quickstart"
mkdir -p "$out"
calib="npy:$ex/fashion_calib_u8.npy:scale=0.00392156862745098:labels=fashion_calib_labels.npy"
eval="npy:$ex/fashion_eval_u8.npy:scale=0.00392156862745098:labels=fashion_eval_labels.npy"

echo "== hwq quickstart: fashion_cnn.onnx for $(basename "$target")"
"$bin/hwq-translate" --import-onnx "$ex/fashion_cnn.onnx" -o "$out/float.mlir"
"$bin/hwq-opt" "$out/float.mlir" --hwq-target="$target" --hwq-prepare \
  --hwq-annotate=remarks=false \
  --hwq-calibrate="data=$calib progress=true" -o "$out/simulated.mlir"
"$bin/hwq-opt" "$out/simulated.mlir" --hwq-exact-sim -o "$out/exact.mlir"
"$bin/hwq-opt" "$out/exact.mlir" --hwq-realize -o "$out/integer.mlir"
echo "== integer-only model: $out/integer.mlir"
grep -o 'hwq\.\(conv2d\|depthwise_conv2d\|fully_connected\|requantize\|add\|avg_pool2d\|quantize\|dequantize\)\b' \
  "$out/integer.mlir" | sort | uniq -c
echo "== top-1 on 1000 held-out Fashion-MNIST test images"
"$bin/hwq-eval" "$out/integer.mlir" --compare="$out/float.mlir" --data="$eval"
echo "== the integer model reproduces the exact simulation (numerics contract)"
"$bin/hwq-eval" "$out/integer.mlir" --compare="$out/exact.mlir" --data="$eval" | tail -2
