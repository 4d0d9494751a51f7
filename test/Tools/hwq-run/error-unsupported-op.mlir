// An op the reference evaluator does not implement is a located error naming
// the op, reported before anything runs.
// RUN: hwq-run --make-input=2:f32:1 %t.x.npy
// RUN: not hwq-run %s --input %t.x.npy 2>&1 | FileCheck %s
// RUN: hwq-run %s --input %t.x.npy > /dev/null 2>&1 || test $? -eq 1

// CHECK: hwq-run: error: {{.*}}error-unsupported-op.mlir:[[@LINE+2]]:8: reference evaluator does not support 'tosa.erf'
func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = tosa.erf %x : (tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
