// RUN: not hwq-opt --hwq-target=%S/Inputs/empty.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/empty.yaml %s >/dev/null 2>&1; test $? -eq 1'

// An empty file.

// CHECK: empty.yaml:1:1: error: target description is empty
// CHECK-NOT: error:

func.func @f() {
  return
}
