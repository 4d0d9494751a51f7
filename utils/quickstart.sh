#!/usr/bin/env bash
#===- utils/quickstart.sh - install, build, run the bundled example -------===#
#
# The README's first command: installs every dependency, builds hwq, then runs
# the main job on the bundled example model (utils/example/tiny_cnn.mlir, made
# by utils/example/make_tiny_cnn.py) for the x86 AVX-512 VNNI target.
#
#===----------------------------------------------------------------------===#
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${HWQ_BUILD_DIR:-$root/build}"
export HWQ_BUILD_DIR="$build"
"$root/utils/setup.sh"

target="${HWQ_TARGET:-$root/targets/x86-avx512-vnni.yaml}"
model="$root/utils/example/tiny_cnn.mlir"
echo "== hwq: quantizing $(basename "$model") for $(basename "$target")" >&2
"$build/bin/hwq-opt" --hwq-target="$target" ${HWQ_PIPELINE:---hwq-prepare --hwq-annotate} "$model"
