// RUN: not hwq-opt --hwq-target=%S/Inputs/wrong-type-map.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/wrong-type-map.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A string where a mapping is expected.

// CHECK: wrong-type-map.yaml:5:9: error: 'scheme' expects a mapping, got a string
// CHECK-NOT: error:

func.func @f() {
  return
}
