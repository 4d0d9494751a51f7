// RUN: not hwq-opt --hwq-target=%S/Inputs/negative-clock.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/negative-clock.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A negative clock.

// CHECK: negative-clock.yaml:5:14: error: 'clock_mhz' must be positive, got -2300
// CHECK-NOT: error:

func.func @f() {
  return
}
