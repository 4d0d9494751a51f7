#!/bin/sh
#===- cross-build.sh - build an AArch64 executable for one model function -===#
#
# Part of hwq, a hardware-aware post-training quantization compiler.
#
#===----------------------------------------------------------------------===#
#
# cross-build.sh EXE MODEL FUNCTION TARGET IN_T OUT_T [OUT1_T] -- CC...
#
# hwq-compile writes the C header and an AArch64 object of @FUNCTION for the
# target description TARGET (a file, or "plain:FILE" for the plain host
# lowering on that target); CC (e.g. clang-22 --target=aarch64-linux-gnu
# -static) links it with test/ExecutionEngine/Inputs/aot_main.c into EXE.
# IN_T, OUT_T, OUT1_T are the C element types of the input and outputs.
#
#===----------------------------------------------------------------------===#
set -e
exe=$1 model=$2 function=$3 target=$4 in_t=$5 out_t=$6
shift 6
out1_t=
if [ "$1" != "--" ]; then out1_t=$1; shift; fi
[ "$1" = "--" ] && shift
codegen=auto
case "$target" in plain:*) codegen=plain; target=${target#plain:};; esac
here=$(dirname "$0")
hwq-compile "$model" --function "$function" --name m --emit=header -o "$exe.h"
hwq-compile "$model" --function "$function" --name m --target "$target" \
  --codegen=$codegen --emit=obj -o "$exe.o"
out1=
[ -n "$out1_t" ] && out1="-DOUT1_T=$out1_t -DOUT1_N=HWQ_M_OUTPUT1_ELEMENTS"
"$@" -O1 -x c -std=c99 -include "$exe.h" -DRUN=hwq_m_run -DIN_T="$in_t" \
  -DIN_N=HWQ_M_INPUT0_ELEMENTS -DOUT_T="$out_t" -DOUT_N=HWQ_M_OUTPUT0_ELEMENTS \
  $out1 "$here/../../../ExecutionEngine/Inputs/aot_main.c" -x none "$exe.o" \
  -lm -o "$exe"
