// RUN: not hwq-opt --hwq-target=%S/Inputs/comments-only.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/comments-only.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A file with only comments is empty too.

// CHECK: comments-only.yaml:1:1: error: target description is empty (only comments)
// CHECK-NOT: error:

func.func @f() {
  return
}
