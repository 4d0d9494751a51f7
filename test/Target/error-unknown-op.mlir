// RUN: not hwq-opt --hwq-target=%S/Inputs/unknown-op.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/unknown-op.yaml %s >/dev/null 2>&1; test $? -eq 1'

// An operator kind the format does not know is reported at its key.

// CHECK: unknown-op.yaml:8:5: error: unknown operator kind 'conv3d'; expected one of conv2d, depthwise_conv2d, matmul,
// CHECK-NOT: error:

func.func @f() {
  return
}
