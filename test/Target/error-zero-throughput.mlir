// RUN: not hwq-opt --hwq-target=%S/Inputs/zero-throughput.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/zero-throughput.yaml %s >/dev/null 2>&1; test $? -eq 1'

// macs_per_cycle must be positive.

// CHECK: zero-throughput.yaml:8:79: error: 'macs_per_cycle' must be positive, got 0
// CHECK-NOT: error:

func.func @f() {
  return
}
