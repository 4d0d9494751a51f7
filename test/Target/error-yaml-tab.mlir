// RUN: not hwq-opt --hwq-target=%S/Inputs/yaml-tab.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/yaml-tab.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A tab in the indentation is a YAML error, reported before any schema error.

// CHECK: yaml-tab.yaml:7:14: error: invalid YAML: unexpected token. Expected Key or Block End
// CHECK-NOT: error:

func.func @f() {
  return
}
