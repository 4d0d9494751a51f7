// A syntax error is reported with its location, with exit code 1.
// RUN: hwq-run --make-input=2:f32:1 %t.x.npy
// RUN: not hwq-run %s --input %t.x.npy 2>&1 | FileCheck %s
// RUN: hwq-run %s --input %t.x.npy > /dev/null 2>&1 || test $? -eq 1

// CHECK: hwq-run: error: {{.*}}error-syntax.mlir:[[@LINE+1]]:38: expected ':'
func.func @main(%x: tensor<2xf32>, %y tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
