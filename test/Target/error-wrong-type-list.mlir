// RUN: not hwq-opt --hwq-target=%S/Inputs/wrong-type-list.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/wrong-type-list.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A mapping where a list is expected.

// CHECK: wrong-type-list.yaml:7:19: error: 'alternatives' expects a list, got a mapping
// CHECK-NOT: error:

func.func @f() {
  return
}
