// RUN: not hwq-opt --hwq-target=%S/Inputs/wrong-type-int.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/wrong-type-int.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A quoted string is a string, also where an integer is expected.

// CHECK: wrong-type-int.yaml:5:14: error: 'clock_mhz' expects an integer, got the quoted string "2300"
// CHECK-NOT: error:

func.func @f() {
  return
}
