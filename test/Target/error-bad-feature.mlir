// RUN: not hwq-opt --hwq-target=%S/Inputs/bad-feature.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/bad-feature.yaml %s >/dev/null 2>&1; test $? -eq 1'

// Target features carry a + or - sign.

// CHECK: bad-feature.yaml:4:19: error: feature 'fma' must be '+name' or '-name' without commas or spaces
// CHECK-NOT: error:

func.func @f() {
  return
}
