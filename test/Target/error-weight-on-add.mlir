// RUN: not hwq-opt --hwq-target=%S/Inputs/weight-on-add.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/weight-on-add.yaml %s >/dev/null 2>&1; test $? -eq 1'

// Weight-less operators take no weight type.

// CHECK: weight-on-add.yaml:8:29: error: operator 'add' has no weights; remove 'weight' or write 'none'
// CHECK-NOT: error:

func.func @f() {
  return
}
