// RUN: printf 'name: tiny\ntriple: x86\001\n' > %t.yaml
// RUN: not hwq-opt --hwq-target=%t.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%t.yaml %s >/dev/null 2>&1; test $? -eq 1'

// Control characters other than tab, line feed and carriage return are
// rejected before YAML parsing.

// CHECK: .yaml:2:12: error: control character 0x01 is not allowed in a target description
// CHECK-NOT: error:

func.func @f() {
  return
}
