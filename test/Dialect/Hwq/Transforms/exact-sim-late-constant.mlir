// RUN: hwq-opt %s --hwq-exact-sim | FileCheck %s

// Found by hwq-fuzz-passes: the old acc_scale constant of an output edge,
// defined after the matmul that sets the new one, was erased while the pass
// still had it in its list of ops to visit (heap-use-after-free). It is now
// erased after the walk.
// CHECK-LABEL: func.func @late_acc_scale
// CHECK: tosa.matmul
// CHECK-NOT: dense<0.000000e+00> : tensor<f32>
// CHECK: %[[ACC:.*]] = arith.constant dense<1.000000e-03> : tensor<f32>
// CHECK-NOT: dense<0.000000e+00> : tensor<f32>
// CHECK: hwq.sim_quantize %{{.*}} acc_scale(%[[ACC]] : tensor<f32>)
func.func @late_acc_scale(%a: tensor<1x2x3xf32>, %b: tensor<1x3x4xf32>) -> tensor<1x2x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %sa = arith.constant dense<0.05> : tensor<f32>
  %sb = arith.constant dense<0.02> : tensor<f32>
  %so = arith.constant dense<0.03> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %qa = hwq.sim_quantize %a scale(%sa : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2x3xf32>
  %qb = hwq.sim_quantize %b scale(%sb : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3x4xf32>
  %m = tosa.matmul %qa, %qb, %zp, %zp {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>, hwq.kind = "matmul"} : (tensor<1x2x3xf32>, tensor<1x3x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x4xf32>
  %old = arith.constant dense<0.0> : tensor<f32>
  %y = hwq.sim_quantize %m scale(%so : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%old : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}
