// RUN: hwq-opt %s | hwq-opt | FileCheck %s
// RUN: hwq-opt %s --mlir-print-op-generic | hwq-opt | FileCheck %s
// RUN: hwq-opt %s -emit-bytecode | hwq-opt | FileCheck %s

// s_i = min(0.5, 1.0) * 2^-10 = 2^-11: rescales 2^10 and 2^11, output 2^-11.
// CHECK-LABEL: func @add_broadcast
// CHECK: hwq.add %{{.*}}, %{{.*}} {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, multiplier_b = 1073741824 : i32, multiplier_out = 1073741824 : i32, shift_a = 20 : i32, shift_b = 19 : i32, shift_out = 41 : i32}
// CHECK-SAME: : (tensor<1x4x!quant.uniform<i8:f32, 5.000000e-01>>, tensor<1x1x!quant.uniform<i8:f32, 1.000000e+00>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.000000e+00>>
func.func @add_broadcast(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>> {
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32,
                       multiplier_a = 1073741824 : i32, shift_a = 20 : i32,
                       multiplier_b = 1073741824 : i32, shift_b = 19 : i32,
                       multiplier_out = 1073741824 : i32, shift_out = 41 : i32}
      : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return %y : tensor<1x4x!quant.uniform<i8:f32, 1.0>>
}

// The shift chooseAddIntermediateShift picks for i8 inputs on 0.5 and 0.25
// (15: 128 * 2^16 + 128 * 2^15 < 2^24), a fused ReLU and an output on 0.3.
// CHECK-LABEL: func @add_relu
// CHECK: hwq.add %{{.*}}, %{{.*}} {clamp_min = 5 : i64, intermediate_shift = 15 : i32, multiplier_a = 1073741824 : i32, multiplier_b = 1073741824 : i32, multiplier_out = 1073741824 : i32, shift_a = 14 : i32, shift_b = 15 : i32, shift_out = 46 : i32}
func.func @add_relu(%a: tensor<2x3x!quant.uniform<i8:f32, 0.5>>, %b: tensor<2x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.5:5>> {
  %y = hwq.add %a, %b {intermediate_shift = 15 : i32,
                       multiplier_a = 1073741824 : i32, shift_a = 14 : i32,
                       multiplier_b = 1073741824 : i32, shift_b = 15 : i32,
                       multiplier_out = 1073741824 : i32, shift_out = 46 : i32,
                       clamp_min = 5 : i64}
      : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.5:5>>
  return %y : tensor<2x3x!quant.uniform<u8:f32, 0.5:5>>
}

// CHECK-LABEL: func @mul
// CHECK: hwq.mul %{{.*}}, %{{.*}} {multiplier = 1073741824 : i32, shift = 31 : i32}
func.func @mul(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32}
      : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.25>>
}

// The accumulator scale is the f32 product of 0.1 and 0.2 (the float64
// product would give multiplier 1717986918): float32(0.1 * 0.2) / 0.05.
// CHECK-LABEL: func @mul_f32_product_broadcast
// CHECK: hwq.mul %{{.*}}, %{{.*}} {clamp_max = 100 : i64, clamp_min = -100 : i64, multiplier = 1717986880 : i32, shift = 32 : i32}
// CHECK-SAME: -> tensor<3x1x5x!quant.uniform<i8:f32, 5.000000e-02>>
func.func @mul_f32_product_broadcast(%a: tensor<3x1x5x!quant.uniform<i8:f32, 0.1:2>>, %b: tensor<1x1x5x!quant.uniform<u8:f32, 0.2:128>>) -> tensor<3x1x5x!quant.uniform<i8:f32, 0.05>> {
  %y = hwq.mul %a, %b {multiplier = 1717986880 : i32, shift = 32 : i32, clamp_min = -100 : i64, clamp_max = 100 : i64}
      : (tensor<3x1x5x!quant.uniform<i8:f32, 0.1:2>>, tensor<1x1x5x!quant.uniform<u8:f32, 0.2:128>>) -> tensor<3x1x5x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<3x1x5x!quant.uniform<i8:f32, 0.05>>
}
