// RUN: printf 'name: caf\351\ntriple: x86_64-unknown-linux-gnu\n' > %t.yaml
// RUN: not hwq-opt --hwq-target=%t.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%t.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A Latin-1 byte (0xE9) where UTF-8 is required; the bytes are made by the
// RUN line so that no binary file is committed.

// CHECK: .yaml:1:10: error: invalid UTF-8 byte 0xe9; target descriptions must be UTF-8 text
// CHECK-NOT: error:

func.func @f() {
  return
}
