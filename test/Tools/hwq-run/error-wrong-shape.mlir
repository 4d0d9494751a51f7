// An input whose shape differs from the argument type: one located error
// line naming the input, exit code 1.
// RUN: hwq-run --make-input=2x4:f32:1 %t.x.npy
// RUN: not hwq-run %s --input %t.x.npy 2>&1 | FileCheck %s
// RUN: hwq-run %s --input %t.x.npy > /dev/null 2>&1 || test $? -eq 1
// RUN: not hwq-run %s --input %t.x.npy 2>&1 | count 1

// CHECK: hwq-run: error: {{.*}}error-wrong-shape.mlir:[[@LINE+1]]:1: input #0 ({{.*}}.x.npy): shape mismatch: got 2x4, the function expects 2x3 (tensor<2x3xf32>)
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
