#!/usr/bin/env bash
#===- run-x86.sh - the x86 table of docs/performance.md ------------------===#
#
# Part of hwq, a hardware-aware post-training quantization compiler.
#
#   bench/run-x86.sh [BUILD_DIR]      (default: build)
#
# Builds the KWS models with hwq (float import; int8 for the host's x86
# target: x86-avx512-vnni with VNNI, else x86-avx2), then runs hwq-bench and
# bench/ort_kws.py on one thread. Without ../shared/models the KWS rows are
# skipped (and say so).
#===----------------------------------------------------------------------===#
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
bin="$build/bin"
models="${HWQ_SHARED_MODELS:-$root/../../shared/models}"
[ -d "$models" ] || models="/work/shared/models"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export OMP_NUM_THREADS=1 DNNL_NUM_THREADS=1

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: bench/run-x86.sh; $(date -u +%Y-%m-%dT%H:%MZ)"
kwsargs=()
if [ -f "$models/kws/kws_dscnn_float.onnx" ]; then
  if grep -q avx512_vnni /proc/cpuinfo; then target=x86-avx512-vnni; else target=x86-avx2; fi
  echo "KWS: int8 model quantized for targets/$target.yaml (calibration kws01 0..99)"
  "$bin/hwq-translate" --import-onnx "$models/kws/kws_dscnn_float.onnx" -o "$work/float.mlir"
  "$bin/hwq-opt" "$work/float.mlir" --hwq-target="$root/targets/$target.yaml" --hwq-prepare \
    --hwq-annotate=remarks=false --hwq-calibrate="data=kws01:$models/kws/kws01 range=0:100" \
    | "$bin/hwq-opt" --hwq-exact-sim | "$bin/hwq-opt" --hwq-realize -o "$work/int.mlir"
  kwsargs=(--kws-int "$work/int.mlir" --kws-float "$work/float.mlir")
else
  echo "KWS: skipped ($models/kws not found)"
fi
echo
"$bin/hwq-bench" "${kwsargs[@]}"
if [ ${#kwsargs[@]} -gt 0 ]; then
  if python3 -c "import onnxruntime, onnx" 2>/dev/null; then
    python3 "$root/bench/ort_kws.py" "$models/kws/kws_dscnn_float.onnx" "$models/kws/kws01" "$work" 2>/dev/null
  else
    echo "| KWS DS-CNN end to end | ONNX Runtime (skipped: pip install onnxruntime onnx) | | | | |"
  fi
fi
