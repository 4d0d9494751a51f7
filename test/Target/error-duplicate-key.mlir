// RUN: not hwq-opt --hwq-target=%S/Inputs/duplicate-key.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/duplicate-key.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A repeated key is reported at its second occurrence, with a note at the first.

// CHECK: duplicate-key.yaml:8:3: error: duplicate key 'symmetric_weights' in scheme
// CHECK: duplicate-key.yaml:6:3: note: first defined here
// CHECK-NOT: error:

func.func @f() {
  return
}
