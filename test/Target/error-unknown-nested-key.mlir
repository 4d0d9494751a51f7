// RUN: not hwq-opt --hwq-target=%S/Inputs/unknown-nested-key.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/unknown-nested-key.yaml %s >/dev/null 2>&1; test $? -eq 1'

// An unknown key inside an alternative lists the keys that exist.

// CHECK: unknown-nested-key.yaml:13:9: error: unknown key 'throughput' in an alternative of 'conv2d'; expected one of input, weight, accumulator, output, macs_per_cycle
// CHECK-NOT: error:

func.func @f() {
  return
}
