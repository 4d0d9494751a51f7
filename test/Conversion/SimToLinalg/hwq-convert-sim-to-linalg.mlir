// RUN: hwq-opt %s --hwq-convert-sim-to-linalg -split-input-file | FileCheck %s

// Plain path: scale widened to f64 and checked positive and finite,
// quantizeReal in f64, (q - z) * s, NaN for invalid parameters, one
// rounding to the tensor's type. Rank-0 parameters use constant-free maps.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @plain
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[S:.*]]: tensor<f32>, %[[Z:.*]]: tensor<i32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[SCALAR]], #[[SCALAR]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[S]], %[[Z]] : tensor<2x3xf32>, tensor<f32>, tensor<i32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[SC:.*]]: f32, %[[ZP:.*]]: i32, %{{.*}}: f32):
// CHECK-DAG: %[[X64:.*]] = arith.extf %[[IN]] : f32 to f64
// CHECK-DAG: %[[S64:.*]] = arith.extf %[[SC]] : f32 to f64
// CHECK-DAG: %[[ZF:.*]] = arith.sitofp %[[ZP]] : i32 to f64
// CHECK: arith.cmpf ogt, %[[S64]]
// CHECK: arith.divf %[[X64]], %[[S64]] : f64
// CHECK: math.roundeven
// CHECK: arith.constant -8.000000e+00 : f64
// CHECK: arith.constant 7.000000e+00 : f64
// CHECK: %[[C:.*]] = arith.subf %{{.*}}, %[[ZF]] : f64
// CHECK: %[[Y:.*]] = arith.mulf %[[C]], %[[S64]] : f64
// CHECK: %[[NAN:.*]] = arith.constant 0x7FF8000000000000 : f64
// CHECK: %[[SEL:.*]] = arith.select %{{.*}}, %[[Y]], %[[NAN]] : f64
// CHECK: %[[T:.*]] = arith.truncf %[[SEL]] : f64 to f32
// CHECK: linalg.yield %[[T]] : f32
func.func @plain(%x: tensor<2x3xf32>, %s: tensor<f32>, %z: tensor<i32>) -> tensor<2x3xf32> {
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 4 : i32} : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// acc_scale path with per-channel parameters along axis 1: the Q31
// multiplier and shift come from the bits of acc_scale / scale, the
// accumulator is recovered with round-half-to-even and saturation, and the
// rounding multiply runs in i128. f64 tensors are not rounded at the end.
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ONE:.*]] = affine_map<(d0, d1) -> (0)>
// CHECK-LABEL: func.func @acc_scale
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[CH]], #[[ONE]], #[[CH]], #{{.*}}]
// CHECK: %[[RATIO:.*]] = arith.divf %{{.*}}, %{{.*}} : f64
// CHECK: %[[BITS:.*]] = arith.bitcast %[[RATIO]] : f64 to i64
// CHECK: arith.constant 52 : i64
// CHECK: arith.constant 2097152 : i64
// CHECK: arith.constant 22 : i64
// CHECK: arith.constant 1053 : i64
// CHECK: math.roundeven
// CHECK: arith.fptosi %{{.*}} : f64 to i64
// CHECK: arith.extsi %{{.*}} : i64 to i128
// CHECK: arith.muli %{{.*}} : i128
// CHECK: arith.shrsi %{{.*}} : i128
// CHECK: arith.constant 255 : i128
// CHECK-NOT: arith.truncf
// CHECK: linalg.yield %{{.*}} : f64
func.func @acc_scale(%x: tensor<2x3xf64>, %s: tensor<3xf32>, %z: tensor<1xi32>, %a: tensor<3xf32>) -> tensor<2x3xf64> {
  %y = hwq.sim_quantize %x scale(%s : tensor<3xf32>) zero_point(%z : tensor<1xi32>) acc_scale(%a : tensor<3xf32>) {axis = 1 : i64, bits = 8 : i32, is_signed = false} : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// -----

// Uncalibrated: the identity.
// CHECK-LABEL: func.func @uncalibrated
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @uncalibrated(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = hwq.sim_quantize %x {bits = 8 : i32} : tensor<4xf32>
  return %y : tensor<4xf32>
}
