// RUN: not hwq-opt --hwq-target=%S/Inputs/duplicate-op.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/duplicate-op.yaml %s >/dev/null 2>&1; test $? -eq 1'

// An operator described twice is a duplicate key of 'ops'.

// CHECK: duplicate-op.yaml:10:3: error: duplicate key 'add' in ops
// CHECK: duplicate-op.yaml:6:3: note: first defined here
// CHECK-NOT: error:

func.func @f() {
  return
}
