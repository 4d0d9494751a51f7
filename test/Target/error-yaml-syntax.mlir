// RUN: not hwq-opt --hwq-target=%S/Inputs/yaml-syntax.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/yaml-syntax.yaml %s >/dev/null 2>&1; test $? -eq 1'

// The YAML parser's own errors come out as located MLIR errors (here: an unclosed flow list).

// CHECK: yaml-syntax.yaml:8:3: error: invalid YAML: expected , between entries!
// CHECK-NOT: error:

func.func @f() {
  return
}
