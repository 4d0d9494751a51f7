// RUN: not hwq-opt --hwq-target=%S/Inputs/zero-bandwidth.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/zero-bandwidth.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A zero memory bandwidth.

// CHECK: zero-bandwidth.yaml:4:48: error: 'memory_bandwidth_gbps' must be positive, got 0
// CHECK-NOT: error:

func.func @f() {
  return
}
