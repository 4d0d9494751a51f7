// RUN: not hwq-opt --hwq-target=%S/Inputs/unknown-key.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/unknown-key.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A misspelt top-level key, with a suggestion.

// CHECK: unknown-key.yaml:2:1: error: unknown key 'tripel' in the target description; did you mean 'triple'?
// CHECK-NOT: error:

func.func @f() {
  return
}
