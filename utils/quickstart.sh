#!/usr/bin/env bash
#===- utils/quickstart.sh - install, build, run the bundled example -------===#
#
# The README's first command: installs every dependency, builds hwq, then runs
# the main job on the bundled example model, a Fashion-MNIST DS-CNN
# (utils/example/fashion_cnn.onnx, trained by utils/example/train_fashion_cnn.py),
# with one command, `hwq-compile` (docs/hwq-compile.md):
#   import ONNX -> attach the target -> prepare -> annotate -> calibrate on 200
#   images -> exact simulation -> realize (integer-only hwq ops) -> compile the
#   quantized and the float model to shared libraries -> float vs quantized
#   top-1 on 1000 held-out test images and the latency of both libraries.
# The target is this machine's, x86 AVX-512 VNNI; HWQ_TARGET=name|path
# overrides it.
#
#===----------------------------------------------------------------------===#
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${HWQ_BUILD_DIR:-$root/build}"
export HWQ_BUILD_DIR="$build"
"$root/utils/setup.sh"

bin="$build/bin"
ex="$root/utils/example"
target="${HWQ_TARGET:-x86-avx512-vnni}"
out="$build/quickstart"
scale=0.00392156862745098
calib="npy:$ex/fashion_calib_u8.npy:scale=$scale"
eval="npy:$ex/fashion_eval_u8.npy:scale=$scale"

echo "== hwq quickstart: fashion_cnn.onnx for $target"
"$bin/hwq-compile" "$ex/fashion_cnn.onnx" --target "$target" \
  --calib "$calib" --eval "$eval" --labels "$ex/fashion_eval_labels.npy" \
  -o "$out"
echo "== the same top-1 from the reference evaluator (JIT == reference)"
"$bin/hwq-eval" "$out/realized.mlir" --compare="$out/float.mlir" \
  --data="$eval:labels=fashion_eval_labels.npy" --jobs=0 | tail -4
