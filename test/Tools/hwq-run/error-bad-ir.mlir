// IR that fails to verify is reported with its location, on one line, with
// exit code 1.
// RUN: hwq-run --make-input=2:f32:1 %t.x.npy
// RUN: not hwq-run %s --input %t.x.npy 2>&1 | FileCheck %s
// RUN: hwq-run %s --input %t.x.npy > /dev/null 2>&1 || test $? -eq 1
// RUN: not hwq-run %s --input %t.x.npy 2>&1 | count 1

// CHECK: hwq-run: error: {{.*}}error-bad-ir.mlir:[[@LINE+2]]:8: 'tosa.add' op result type '3' not broadcast compatible
func.func @main(%x: tensor<2xf32>) -> tensor<3xf32> {
  %y = tosa.add %x, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
