// RUN: not hwq-opt --hwq-target=%S/Inputs/two-documents.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/two-documents.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A file holds one target.

// CHECK: two-documents.yaml:9:1: error: a target description holds a single YAML document
// CHECK-NOT: error:

func.func @f() {
  return
}
