// RUN: not hwq-opt --hwq-target=%S/Inputs/accumulator-too-wide.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/accumulator-too-wide.yaml %s >/dev/null 2>&1; test $? -eq 1'

// An accumulator wider than the scheme's accumulator_bits, with a note at the scheme.

// CHECK: accumulator-too-wide.yaml:11:46: error: accumulator s32 is wider than the scheme's accumulator_bits (16)
// CHECK: accumulator-too-wide.yaml:6:21: note: accumulator_bits set here
// CHECK-NOT: error:

func.func @f() {
  return
}
