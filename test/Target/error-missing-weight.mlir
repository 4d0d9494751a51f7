// RUN: not hwq-opt --hwq-target=%S/Inputs/missing-weight.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/missing-weight.yaml %s >/dev/null 2>&1; test $? -eq 1'

// conv2d, depthwise_conv2d and matmul alternatives must name a weight type.

// CHECK: missing-weight.yaml:9:9: error: missing required key 'weight' in an alternative of 'matmul'
// CHECK-NOT: error:

func.func @f() {
  return
}
