// RUN: not hwq-opt --hwq-target=%S/Inputs/bad-dtype.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/bad-dtype.yaml %s >/dev/null 2>&1; test $? -eq 1'

// MLIR's signless 'i8' is not a target data type: integers need a signedness.

// CHECK: bad-dtype.yaml:9:17: error: unknown data type 'i8' (integers are spelled s<bits> or u<bits>, e.g. s8, u8)
// CHECK-NOT: error:

func.func @f() {
  return
}
