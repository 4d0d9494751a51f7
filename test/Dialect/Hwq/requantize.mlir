// RUN: hwq-opt %s | hwq-opt | FileCheck %s
// RUN: hwq-opt %s --mlir-print-op-generic | hwq-opt | FileCheck %s
// RUN: hwq-opt %s -emit-bytecode | hwq-opt | FileCheck %s

// An i32 accumulator on 0.125 onto an i8 edge on 0.25 with a fused ReLU6
// (6.0 / 0.25 = 24 steps above the zero point -128).
// CHECK-LABEL: func @accumulator_relu6
// CHECK: hwq.requantize %{{.*}} {clamp_max = -104 : i64, clamp_min = -128 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>}
// CHECK-SAME: : tensor<1x8x8x2x!quant.uniform<i32:f32, 1.250000e-01>> -> tensor<1x8x8x2x!quant.uniform<i8:f32, 2.500000e-01:-128>>
func.func @accumulator_relu6(%acc: tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>) -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25:-128>> {
  %q = hwq.requantize %acc {multiplier = array<i32: 1073741824>, shift = array<i32: 31>, clamp_min = -128 : i64, clamp_max = -104 : i64}
      : tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>> -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25:-128>>
  return %q : tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25:-128>>
}

// Per-channel accumulator: one multiplier/shift per channel along axis 3.
// CHECK-LABEL: func @per_channel
// CHECK: hwq.requantize %{{.*}} {axis = 3 : i64, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 32>}
func.func @per_channel(%acc: tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.0625}>>) -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25>> {
  %q = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 32>}
      : tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.0625}>> -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25>>
  return %q : tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25>>
}

// Per-axis input whose channels share one ratio: one entry suffices.
// CHECK-LABEL: func @per_channel_shared_constants
// CHECK: hwq.requantize %{{.*}} {axis = 1 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>}
func.func @per_channel_shared_constants(%acc: tensor<4x3x!quant.uniform<i32:f32:1, {0.125, 0.125, 0.125}>>) -> tensor<4x3x!quant.uniform<i8:f32, 0.25>> {
  %q = hwq.requantize %acc {axis = 1 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>}
      : tensor<4x3x!quant.uniform<i32:f32:1, {0.125, 0.125, 0.125}>> -> tensor<4x3x!quant.uniform<i8:f32, 0.25>>
  return %q : tensor<4x3x!quant.uniform<i8:f32, 0.25>>
}

// A quantized activation (zero point -3) onto an unsigned 6-bit edge:
// ratio 0.5 / 0.1 = 5.
// CHECK-LABEL: func @activation_to_u6
// CHECK: hwq.requantize %{{.*}} {multiplier = array<i32: 1342177280>, shift = array<i32: 28>} : tensor<16x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<16x!quant.uniform<u8<0:63>:f32, 1.000000e-01:32>>
func.func @activation_to_u6(%x: tensor<16x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<16x!quant.uniform<u8<0:63>:f32, 0.1:32>> {
  %q = hwq.requantize %x {multiplier = array<i32: 1342177280>, shift = array<i32: 28>}
      : tensor<16x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<16x!quant.uniform<u8<0:63>:f32, 0.1:32>>
  return %q : tensor<16x!quant.uniform<u8<0:63>:f32, 0.1:32>>
}

// Equal scales: the identity multiplier (2^30, 30); with a clamp this is the
// realized clamp op.
// CHECK-LABEL: func @clamp_only
// CHECK: hwq.requantize %{{.*}} {clamp_min = 0 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 30>}
func.func @clamp_only(%x: tensor<2x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x2x!quant.uniform<i8:f32, 0.5>> {
  %q = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, clamp_min = 0 : i64}
      : tensor<2x2x!quant.uniform<i8:f32, 0.5>> -> tensor<2x2x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<2x2x!quant.uniform<i8:f32, 0.5>>
}

// The f32-rounded accumulator scale of conv.mlir onto 0.1.
// CHECK-LABEL: func @f32_rounded_accumulator
// CHECK: multiplier = array<i32: 1374389600>, shift = array<i32: 36>
func.func @f32_rounded_accumulator(%acc: tensor<8x!quant.uniform<i32:f32, 0.0020000000949949026>>) -> tensor<8x!quant.uniform<i8:f32, 0.1>> {
  %q = hwq.requantize %acc {multiplier = array<i32: 1374389600>, shift = array<i32: 36>}
      : tensor<8x!quant.uniform<i32:f32, 0.0020000000949949026>> -> tensor<8x!quant.uniform<i8:f32, 0.1>>
  return %q : tensor<8x!quant.uniform<i8:f32, 0.1>>
}
