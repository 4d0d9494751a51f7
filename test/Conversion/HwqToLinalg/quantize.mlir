// RUN: hwq-opt %s --hwq-convert-realized-to-linalg -split-input-file | FileCheck %s

// Quantize: x / s in f64, round half to even, NaN to 0, + z, clamp to the
// storage bounds (a 6-bit edge in an i8 container), no fptosi truncation of
// an unrounded value. The signature's quantized tensor becomes i8.
// CHECK-LABEL: func.func @quantize
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>) -> tensor<4xi8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<4xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: i8):
// CHECK-DAG: %[[S:.*]] = arith.constant 1.000000e-01 : f64
// CHECK-DAG: %[[Z:.*]] = arith.constant 3.000000e+00 : f64
// CHECK: %[[W:.*]] = arith.extf %[[IN]] : f32 to f64
// CHECK: %[[D:.*]] = arith.divf %[[W]], %[[S]] : f64
// CHECK: %[[R:.*]] = math.roundeven %[[D]] : f64
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[D]], %[[D]] : f64
// CHECK: %[[R0:.*]] = arith.select %[[NAN]], %{{.*}}, %[[R]] : f64
// CHECK: %[[Q:.*]] = arith.addf %[[R0]], %[[Z]] : f64
// CHECK: arith.constant -3.200000e+01 : f64
// CHECK: arith.constant 3.100000e+01 : f64
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.fptosi %{{.*}} : f64 to i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @quantize(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8<-32:31>:f32, 0.1:3>> {
  %q = hwq.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-32:31>:f32, 0.1:3>>
  return %q : tensor<4x!quant.uniform<i8<-32:31>:f32, 0.1:3>>
}

// -----

// Rounding modes: half away from zero is math.round; half up is floor and
// a comparison of the exact fraction with 0.5.
// CHECK-LABEL: func.func @quantize_rounding
// CHECK: math.round %
// CHECK: math.floor
// CHECK: arith.subf
// CHECK: arith.cmpf oge
func.func @quantize_rounding(%x: tensor<4xf32>) -> (tensor<4x!quant.uniform<u8:f32, 0.5:128>>, tensor<4x!quant.uniform<u8:f32, 0.5:128>>) {
  %a = hwq.quantize %x {rounding = #hwq<rounding half_away_from_zero>} : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.5:128>>
  %b = hwq.quantize %x {rounding = #hwq<rounding half_up>} : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.5:128>>
  return %a, %b : tensor<4x!quant.uniform<u8:f32, 0.5:128>>, tensor<4x!quant.uniform<u8:f32, 0.5:128>>
}

// -----

// Per-axis quantize: scales and zero points are constant tensors read along
// the quantized dimension.
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @quantize_per_axis
// CHECK-DAG: %[[S:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01]> : tensor<2xf64>
// CHECK-DAG: %[[Z:.*]] = arith.constant dense<[1.000000e+00, -1.000000e+00]> : tensor<2xf64>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[CH]], #[[CH]], #{{.*}}]
// CHECK-SAME: ins(%{{.*}}, %[[S]], %[[Z]] : tensor<3x2xf32>, tensor<2xf64>, tensor<2xf64>)
func.func @quantize_per_axis(%x: tensor<3x2xf32>) -> tensor<3x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-1}>> {
  %q = hwq.quantize %x : tensor<3x2xf32> -> tensor<3x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-1}>>
  return %q : tensor<3x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-1}>>
}

// -----

// Dequantize: unsigned storage is zero-extended, (q - z) * s in f64, one
// rounding to f32.
// CHECK-LABEL: func.func @dequantize
// CHECK-SAME: (%{{.*}}: tensor<4xi8>) -> tensor<4xf32>
// CHECK: ^bb0(%[[Q:.*]]: i8, %{{.*}}: f32):
// CHECK: %[[E:.*]] = arith.extui %[[Q]] : i8 to i64
// CHECK: %[[C:.*]] = arith.subi %[[E]], %{{.*}} : i64
// CHECK: %[[F:.*]] = arith.sitofp %[[C]] : i64 to f64
// CHECK: %[[M:.*]] = arith.mulf %[[F]], %{{.*}} : f64
// CHECK: arith.truncf %[[M]] : f64 to f32
func.func @dequantize(%q: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4xf32> {
  %x = hwq.dequantize %q : tensor<4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<4xf32>
  return %x : tensor<4xf32>
}

// -----

// Requantize of an i32 accumulator: i64 arithmetic (|a| * m fits),
// a * m + ((1 << n) >> 1), arithmetic shift right, + z_out, clamp to the
// narrowed clip range [max(-128, clamp_min), 127].
// CHECK-LABEL: func.func @requantize
// CHECK: ^bb0(%[[A:.*]]: i32, %{{.*}}: i8):
// CHECK-DAG: %[[M:.*]] = arith.constant 1073741824 : i64
// CHECK-DAG: %[[N:.*]] = arith.constant 31 : i64
// CHECK: %[[E:.*]] = arith.extsi %[[A]] : i32 to i64
// CHECK: %[[P:.*]] = arith.muli %{{.*}}, %[[M]] : i64
// CHECK: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK: %[[SH:.*]] = arith.shli %[[ONE]], %[[N]] : i64
// CHECK: %[[HALF:.*]] = arith.shrui %[[SH]], %[[ONE]] : i64
// CHECK: %[[SUM:.*]] = arith.addi %[[P]], %[[HALF]] : i64
// CHECK: %[[R:.*]] = arith.shrsi %[[SUM]], %[[N]] : i64
// CHECK: arith.addi %[[R]], %{{.*}} : i64
// CHECK: arith.constant -128 : i64
// CHECK: arith.constant 127 : i64
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @requantize(%a: tensor<8x!quant.uniform<i32:f32, 0.125>>) -> tensor<8x!quant.uniform<i8:f32, 0.25:-128>> {
  %q = hwq.requantize %a {multiplier = array<i32: 1073741824>, shift = array<i32: 31>, clamp_min = -128 : i64}
      : tensor<8x!quant.uniform<i32:f32, 0.125>> -> tensor<8x!quant.uniform<i8:f32, 0.25:-128>>
  return %q : tensor<8x!quant.uniform<i8:f32, 0.25:-128>>
}

// -----

// An i32 input with a zero point can reach |a| = 2^32: the rescale is done
// in i128.
// CHECK-LABEL: func.func @requantize_wide
// CHECK: arith.extsi %{{.*}} : i32 to i128
// CHECK: arith.muli %{{.*}} : i128
// CHECK: arith.shrsi %{{.*}} : i128
func.func @requantize_wide(%a: tensor<8x!quant.uniform<i32:f32, 0.125:-2147483648>>) -> tensor<8x!quant.uniform<i8:f32, 0.25>> {
  %q = hwq.requantize %a {multiplier = array<i32: 1073741824>, shift = array<i32: 31>}
      : tensor<8x!quant.uniform<i32:f32, 0.125:-2147483648>> -> tensor<8x!quant.uniform<i8:f32, 0.25>>
  return %q : tensor<8x!quant.uniform<i8:f32, 0.25>>
}

// -----

// Per-channel requantize: per-channel constants that differ become constant
// tensors read along the axis; equal ones stay scalars.
// CHECK-LABEL: func.func @requantize_per_channel
// CHECK: %[[M:.*]] = arith.constant dense<[1073741824, 1610612736]> : tensor<2xi64>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[M]] : tensor<3x2xi32>, tensor<2xi64>)
// CHECK: arith.constant 31 : i64
func.func @requantize_per_channel(%a: tensor<3x2x!quant.uniform<i32:f32:1, {0.125, 0.1875}>>) -> tensor<3x2x!quant.uniform<i8:f32, 0.25>> {
  %q = hwq.requantize %a {axis = 1 : i64, multiplier = array<i32: 1073741824, 1610612736>, shift = array<i32: 31, 31>}
      : tensor<3x2x!quant.uniform<i32:f32:1, {0.125, 0.1875}>> -> tensor<3x2x!quant.uniform<i8:f32, 0.25>>
  return %q : tensor<3x2x!quant.uniform<i8:f32, 0.25>>
}

// -----

// quant.scast is the identity on storage integers.
// CHECK-LABEL: func.func @storage_cast
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK-NEXT: return %[[X]] : tensor<4xi8>
func.func @storage_cast(%x: tensor<4xi8>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  %q = quant.scast %x : tensor<4xi8> to tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

// A constant of quantized type (hwq-realize's weights) becomes an integer
// constant of the storage container.
// CHECK-LABEL: func.func @quantized_constant
// CHECK: %[[C:.*]] = arith.constant dense<[-3, 7]> : tensor<2xi8>
// CHECK: return %[[C]] : tensor<2xi8>
func.func @quantized_constant() -> tensor<2x!quant.uniform<i8:f32, 0.5>> {
  %c = "tosa.const"() <{values = dense<[-3, 7]> : tensor<2xi8>}> : () -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %c : tensor<2x!quant.uniform<i8:f32, 0.5>>
}
