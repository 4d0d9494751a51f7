// RUN: not hwq-opt --hwq-target=%S/Inputs/does-not-exist.yaml %s 2>&1 | FileCheck %s
// RUN: sh -c 'hwq-opt --hwq-target=%S/Inputs/does-not-exist.yaml %s >/dev/null 2>&1; test $? -eq 1'

// A target file that cannot be read.

// CHECK: does-not-exist.yaml:0:0: error: cannot open target description '{{.*}}does-not-exist.yaml': No such file or directory
// CHECK-NOT: error:

func.func @f() {
  return
}
