// RUN: not hwq-opt --hwq-target=%S/Inputs/wrong-type-throughput.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/wrong-type-throughput.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A word where an integer is expected.

// CHECK: wrong-type-throughput.yaml:8:79: error: 'macs_per_cycle' expects an integer, got 'many'
// CHECK-NOT: error:

func.func @f() {
  return
}
