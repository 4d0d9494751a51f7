// RUN: not hwq-opt --hwq-target=%S/Inputs/yaml-alias.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/yaml-alias.yaml %s >/dev/null 2>&1; test $? -eq 1'

// Anchors and aliases are not part of the format.

// CHECK: yaml-alias.yaml:8:3: error: YAML aliases are not supported
// CHECK-NOT: error:

func.func @f() {
  return
}
