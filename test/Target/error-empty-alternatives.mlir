// RUN: not hwq-opt --hwq-target=%S/Inputs/empty-alternatives.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/empty-alternatives.yaml %s >/dev/null 2>&1; test $? -eq 1'

// Every described operator needs at least one alternative.

// CHECK: empty-alternatives.yaml:7:19: error: 'alternatives' of 'add' must not be empty
// CHECK-NOT: error:

func.func @f() {
  return
}
