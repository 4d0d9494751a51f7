// RUN: not hwq-opt --hwq-target=%S/Inputs/bad-enum.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/bad-enum.yaml %s >/dev/null 2>&1; test $? -eq 1'

// An enumerated scheme value outside its choices.

// CHECK: bad-enum.yaml:6:13: error: 'overflow' expects one of wrap, saturate, got 'clip'
// CHECK-NOT: error:

func.func @f() {
  return
}
