// RUN: not hwq-opt --hwq-target=%S/Inputs/non-boolean.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/non-boolean.yaml %s >/dev/null 2>&1; test $? -eq 1'

// Flags are true or false; YAML 1.1 spellings such as 'yes' are rejected.

// CHECK: non-boolean.yaml:7:18: error: 'per_channel' expects true or false, got 'yes'
// CHECK-NOT: error:

func.func @f() {
  return
}
