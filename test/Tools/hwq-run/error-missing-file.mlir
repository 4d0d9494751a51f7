// Missing input files and a missing model are errors with exit code 1.
// RUN: not hwq-run %s --input %t.does-not-exist.npy 2>&1 | FileCheck %s
// RUN: hwq-run %s --input %t.does-not-exist.npy > /dev/null 2>&1 || test $? -eq 1
// RUN: not hwq-run %s --input %t.does-not-exist.bin:2:f32 2>&1 | FileCheck %s --check-prefix=RAW
// RUN: hwq-run --make-input=2:f32:1 %t.x.npy
// RUN: not hwq-run %t.no-model.mlir --input %t.x.npy 2>&1 | FileCheck %s --check-prefix=MODEL

// CHECK: hwq-run: error: cannot open '{{.*}}does-not-exist.npy': No such file or directory
// RAW: hwq-run: error: cannot open '{{.*}}does-not-exist.bin': No such file or directory
// MODEL: hwq-run: error: cannot open '{{.*}}no-model.mlir': No such file or directory

func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
