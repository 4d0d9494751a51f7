#!/usr/bin/env bash
#===- utils/fuzz.sh - build and run the hwq fuzz targets -----------------===#
#
#   utils/fuzz.sh [SECONDS] [TARGET...]
#
# Builds the libFuzzer targets (test/Fuzz) in the sanitized build
# (${HWQ_SAN_BUILD_DIR:-build-san}, configured from utils/sanitized.cmake),
# then runs each TARGET (default: all) for SECONDS (default 60) at the lowest
# priority (nice -n 19, -jobs=1: the machine is shared), starting from the
# checked-in seeds test/Fuzz/corpus/<target>/ plus what earlier runs found
# (build-san/fuzz/<target>/corpus/). Prints executions, coverage (cov/ft),
# corpus size and crashes per target; crash inputs are left in
# build-san/fuzz/<target>/ (crash-*, leak-*, oom-*, timeout-*). Exits 1 when a
# target crashed. Reproduce a crash with
#   HWQ_FUZZ_VERBOSE=1 build-san/bin/hwq-fuzz-<target> build-san/fuzz/<target>/crash-...
#
#===----------------------------------------------------------------------===#
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${HWQ_SAN_BUILD_DIR:-$root/build-san}"
seconds="${1:-60}"
shift || true
all_targets=(target-description onnx tensor-io passes tflite)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")

if [ ! -f "$build/build.ninja" ]; then
  HWQ_BUILD_DIR="$build" "$root/utils/setup.sh" --deps || exit 1
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  cmake -G Ninja -S "$root" -B "$build" -C "$root/utils/sanitized.cmake" \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit "${launcher[@]}" || exit 1
fi
nice -n 19 cmake --build "$build" --target hwq-fuzzers -j 2 || { echo "fuzz: build failed"; exit 1; }

crashed=0
for target in "${targets[@]}"; do
  binary="$build/bin/hwq-fuzz-$target"
  seeds="$root/test/Fuzz/corpus/$target"
  work="$build/fuzz/$target"
  if [ ! -x "$binary" ] || [ ! -d "$seeds" ]; then
    echo "fuzz: unknown target '$target' (known: ${all_targets[*]})"
    exit 1
  fi
  mkdir -p "$work/corpus"
  before=$(find "$work" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' -o -maxdepth 1 -name 'oom-*' -o -maxdepth 1 -name 'timeout-*' | wc -l)
  # -jobs=1 runs the fuzzer in one child process that logs to fuzz-0.log.
  rm -f "$work/fuzz-0.log"
  start=$(date +%s)
  (cd "$work" && nice -n 19 "$binary" -jobs=1 -max_total_time="$seconds" \
      -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/" "$work/corpus" "$seeds" >/dev/null 2>&1)
  elapsed=$(($(date +%s) - start))
  log="$work/fuzz-0.log"
  after=$(find "$work" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' -o -maxdepth 1 -name 'oom-*' -o -maxdepth 1 -name 'timeout-*' | wc -l)
  execs=$(grep -E '^stat::number_of_executed_units:' "$log" | tail -1 | awk '{print $2}')
  rate=$(grep -E '^stat::average_exec_per_sec:' "$log" | tail -1 | awk '{print $2}')
  status=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$status")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$status")
  corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<<"$status")
  crashes=$((after - before))
  if grep -qE '^==[0-9]+==|^SUMMARY: |contract violation|deadly signal' "$log" && [ "$crashes" -eq 0 ]; then
    crashes=1
  fi
  echo "fuzz: $target: ${elapsed}s, ${execs:-?} executions (${rate:-?}/s), cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, crashes $crashes"
  if [ "$crashes" -ne 0 ]; then
    crashed=1
    grep -E 'ERROR: |SUMMARY: |contract violation|Test unit written' "$log" | head -5 | sed 's/^/  /'
  fi
done
exit "$crashed"
