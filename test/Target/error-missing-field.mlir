// RUN: not hwq-opt --hwq-target=%S/Inputs/missing-field.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/missing-field.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A missing required top-level key is reported at the start of the document.

// CHECK: missing-field.yaml:2:1: error: missing required key 'triple' in the target description
// CHECK-NOT: error:

func.func @f() {
  return
}
