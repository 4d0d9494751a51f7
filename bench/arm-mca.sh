#!/usr/bin/env bash
#===- bench/arm-mca.sh - static cycle estimates of the ARM int8 kernels --===#
#
# Part of hwq, a hardware-aware post-training quantization compiler.
#
#===----------------------------------------------------------------------===#
#
# Usage: bench/arm-mca.sh [BUILD_DIR]        (default: build)
#
# STATIC ESTIMATES, NOT MEASUREMENTS: no AArch64 hardware is involved.
# For each arm-* target, hwq-compile --target compiles the KWS-shaped
# pointwise convolution of bench/arm/kws-pointwise.mlir (hwq-lower-arm) to
# assembly; the innermost loop of its micro-kernel (the loop around
# smmla / sdot / smull) goes through llvm-mca-22 for the core named below,
# which gives cycles per iteration assuming every load hits L1. MACs per
# iteration are counted from the loop's instructions (smmla 32, SVE smmla
# 32 per 128-bit segment, sdot 16, smull/smull2 8). The fp32 baseline is the
# register-blocked fmla micro-kernel of bench/arm/fp32_kernel.c compiled by
# clang-22 -O3 for the same core (fmla .4s 4 FMAs, SVE fmla .s 4 per
# segment). The KWS row weighs the ratio by the model's MACs: 89% in the
# convolutions and the fully connected layer (micro-kernels), 11% in the
# depthwise convolutions, which keep the plain lowering and are counted at
# the fp32 speed (ratio 1).
#
#===----------------------------------------------------------------------===#
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mca=llvm-mca-22
cc=clang-22
extract="python3 $root/bench/arm/innermost-loop.py"

# cycles per iteration of the loop in $1 on CPU $2
cycles() {
  $mca -mtriple=aarch64 -mcpu="$2" -iterations=1000 "$1" 2>/dev/null |
    awk '/^Iterations:/ {it = $2} /^Total Cycles:/ {c = $3}
         END {printf "%.2f", c / it}'
}

# MACs per iteration of the loop in $1 (SVE segments: $2 per vector)
macs() {
  awk -v seg="$2" '
    /smmla\tz|smmla z/   {m += 32 * seg; next}
    /smmla/               {m += 32; next}
    /sdot\tz|sdot z/     {m += 16 * seg; next}
    /sdot/                {m += 16; next}
    /smull2?\t|smlal2?\t|smull2? |smlal2? / {m += 8; next}
    /fmla\tz|fmla z/     {m += 4 * seg; next}
    /fmla/                {m += 4; next}
    END {print m + 0}' "$1"
}

printf '| target | kernel | llvm-mca -mcpu | int8 cycles/iter | int8 MACs/iter | int8 MACs/cycle | fp32 FMAs/cycle | int8/fp32 (conv) | int8/fp32 (KWS, est.) |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
# target, instruction of the int8 loop, llvm-mca CPU, clang -mcpu of the fp32
# kernel, 128-bit segments per SVE vector (256-bit on Neoverse V1)
while read -r target insn cpu fpcpu seg; do
  "$build/bin/hwq-compile" "$root/bench/arm/kws-pointwise.mlir" \
    --target "$root/targets/$target.yaml" --target-cpu="$cpu" --emit=asm \
    -o "$tmp/$target.s"
  $extract "$tmp/$target.s" "$insn" > "$tmp/$target.loop.s"
  $cc --target=aarch64-linux-gnu -O3 -mcpu="$fpcpu" -S \
    "$root/bench/arm/fp32_kernel.c" -o "$tmp/$target.fp32.s"
  $extract "$tmp/$target.fp32.s" 'fmla' > "$tmp/$target.fp32.loop.s"
  c8=$(cycles "$tmp/$target.loop.s" "$cpu")
  m8=$(macs "$tmp/$target.loop.s" "$seg")
  c32=$(cycles "$tmp/$target.fp32.loop.s" "$cpu")
  m32=$(macs "$tmp/$target.fp32.loop.s" "$seg")
  awk -v t="$target" -v k="$insn" -v cpu="$cpu" -v c8="$c8" -v m8="$m8" \
      -v c32="$c32" -v m32="$m32" 'BEGIN {
    r8 = m8 / c8; r32 = m32 / c32; ratio = r8 / r32
    kws = 1 / (0.892 / ratio + 0.108)
    printf "| %s | %s | %s | %.2f | %d | %.1f | %.1f | %.2fx | %.2fx |\n",
           t, k, cpu, c8, m8, r8, r32, ratio, kws }'
done <<'TARGETS'
arm-neon smull cortex-a72 cortex-a72 1
arm-neon-dotprod sdot cortex-a76 cortex-a76 1
arm-i8mm smmla neoverse-v1 neoverse-v1+nosve 1
arm-i8mm smmla neoverse-n2 neoverse-n2+nosve 1
arm-sve smmla neoverse-v1 neoverse-v1 2
TARGETS
