// RUN: not hwq-opt --hwq-target=%S/Inputs/negative-throughput.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/negative-throughput.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A negative macs_per_cycle, in a flow mapping spread over two lines.

// CHECK: negative-throughput.yaml:9:26: error: 'macs_per_cycle' must be positive, got -128
// CHECK-NOT: error:

func.func @f() {
  return
}
