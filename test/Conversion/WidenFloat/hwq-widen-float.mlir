// RUN: hwq-opt %s --pass-pipeline="builtin.module(func.func(hwq-widen-float))" -split-input-file | FileCheck %s
// RUN: hwq-opt %s --pass-pipeline="builtin.module(func.func(hwq-widen-float{only-simulated=true}))" -split-input-file | FileCheck %s --check-prefix=ONLY

// The body computes in f64; the signature stays f32: arguments are
// extended on entry, results rounded once on return. Float constants
// become f64 constants, linalg regions are converted.
// CHECK-LABEL: func.func @body
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>) -> tensor<4xf32>
// CHECK-DAG: %[[C:.*]] = arith.constant dense<0.10000000149011612> : tensor<4xf64>
// CHECK-DAG: %[[XE:.*]] = arith.extf %[[X]] : tensor<4xf32> to tensor<4xf64>
// CHECK: %[[G:.*]] = linalg.generic {{.*}} ins(%[[XE]], %[[C]] : tensor<4xf64>, tensor<4xf64>) outs(%{{.*}} : tensor<4xf64>)
// CHECK: ^bb0(%{{.*}}: f64, %{{.*}}: f64, %{{.*}}: f64):
// CHECK: arith.mulf %{{.*}} : f64
// CHECK: %[[R:.*]] = arith.truncf %[[G]] : tensor<4xf64> to tensor<4xf32>
// CHECK: return %[[R]]
// ONLY-LABEL: func.func @body
// ONLY-NOT: f64
func.func @body(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = arith.constant dense<0.1> : tensor<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  %m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x, %c : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    linalg.yield %p : f32
  } -> tensor<4xf32>
  return %m : tensor<4xf32>
}

// -----

// An explicit rounding to f32 stays (truncf + extf); an extension that became
// the identity disappears. hwq.sim_quantize keeps f32 parameters (rounded
// from the f64 values, as the reference evaluator reads them).
// CHECK-LABEL: func.func @roundings
// CHECK: %[[T:.*]] = arith.truncf %{{.*}} : f64 to f32
// CHECK: %[[E:.*]] = arith.extf %[[T]] : f32 to f64
// CHECK: %[[S:.*]] = arith.truncf %{{.*}} : tensor<f64> to tensor<f32>
// CHECK: hwq.sim_quantize %{{.*}} scale(%[[S]] : tensor<f32>) zero_point(%{{.*}} : tensor<i32>) {bits = 8 : i32} : tensor<4xf64>
// ONLY-LABEL: func.func @roundings
// ONLY: : tensor<4xf64>
func.func @roundings(%x: tensor<4xf32>, %d: f64, %s: tensor<f32>, %z: tensor<i32>) -> (f32, tensor<4xf32>) {
  %t = arith.truncf %d : f64 to f32
  %w = arith.extf %t : f32 to f64
  %n = arith.truncf %w : f64 to f32
  %ss = arith.addf %s, %s : tensor<f32>
  %y = hwq.sim_quantize %x scale(%ss : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  return %n, %y : f32, tensor<4xf32>
}
