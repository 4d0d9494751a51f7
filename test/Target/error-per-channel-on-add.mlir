// RUN: not hwq-opt --hwq-target=%S/Inputs/per-channel-on-add.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/per-channel-on-add.yaml %s >/dev/null 2>&1; test $? -eq 1'

// per_channel is about weights.

// CHECK: per-channel-on-add.yaml:7:18: error: 'per_channel' applies only to operators with weights (conv2d, depthwise_conv2d, matmul), not 'add'
// CHECK-NOT: error:

func.func @f() {
  return
}
