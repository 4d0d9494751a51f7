// RUN: not hwq-opt --hwq-target=%S/Inputs/zero-width.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/zero-width.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A zero integer width.

// CHECK: zero-width.yaml:8:17: error: invalid data type 'u0': the bit width must be positive
// CHECK-NOT: error:

func.func @f() {
  return
}
