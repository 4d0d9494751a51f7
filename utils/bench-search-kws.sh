#!/usr/bin/env bash
#===- bench-search-kws.sh - search strategies on the KWS DS-CNN ---------===#
#
# Part of hwq, a hardware-aware post-training quantization compiler.
#
#===----------------------------------------------------------------------===#
#
# The issue-5 comparison, too slow for the lit suite (the greedy front takes
# minutes): on MLPerf Tiny keyword spotting (x86-avx512-vnni, search on
# kws01 samples 0:200, held-out evaluation on 200:1000) run
#   1. the noise-sensitivity allocator (one run gives its whole front),
#   2. HAGO greedy for one budget (max-drop 1),
#   3. HAGO greedy swept over five accuracy budgets (its front),
# and print each run's model evaluations, time and front, then the ratios.
#
# Usage: utils/bench-search-kws.sh [BUILD_DIR] [MODELS_DIR]
#   (defaults: build, ../shared/models relative to the repository)
#
#===----------------------------------------------------------------------===#
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
models="${2:-$root/../shared/models}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

"$build/bin/hwq-translate" --import-onnx "$models/kws/kws_dscnn_float.onnx" \
  -o "$out/float.mlir"
"$build/bin/hwq-opt" "$out/float.mlir" \
  --hwq-target="$root/targets/x86-avx512-vnni.yaml" --hwq-prepare \
  --hwq-annotate=remarks=false -o "$out/annotated.mlir"

data="data=kws01:$models/kws/kws01 range=0:200 eval-range=200:1000"
run() { # name, extra options
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$build/bin/hwq-opt" "$out/annotated.mlir" \
    --hwq-search="$data progress=false $*" -o "$out/$name.mlir" \
    2> "$out/$name.log"
  end=$(date +%s.%N)
  echo "== $name ($*): $(echo "$end - $start" | bc) s wall"
  grep -v '^noise: unit' "$out/$name.log"
}
run noise strategy=noise
run greedy strategy=greedy
run greedy-front strategy=greedy greedy-drops=0.25,0.5,1,2,4

count() { sed -n 's/.* \([0-9]*\) model evaluations.*/\1/p' "$out/$1.log"; }
n=$(count noise); g=$(count greedy); f=$(count greedy-front)
echo "== model evaluations: noise $n, greedy (one budget) $g, greedy front (5 budgets) $f"
echo "== greedy front / noise: $(echo "scale=2; $f / $n" | bc)x; greedy one budget / noise: $(echo "scale=2; $g / $n" | bc)x"
