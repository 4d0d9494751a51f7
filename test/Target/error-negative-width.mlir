// RUN: not hwq-opt --hwq-target=%S/Inputs/negative-width.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/negative-width.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A negative integer width.

// CHECK: negative-width.yaml:8:29: error: invalid data type 's-4': the bit width must be positive
// CHECK-NOT: error:

func.func @f() {
  return
}
