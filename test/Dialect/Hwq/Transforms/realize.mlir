// RUN: hwq-opt %s -hwq-realize -split-input-file | FileCheck %s

// Exact simulated graphs (hand-calibrated, then hwq-exact-sim) realized into
// integer hwq ops. The constants in the checks are computed in the comments.

// Conv with per-channel weights (f32(0.01), f32(0.02); narrow range), bias,
// output grid 0.03 / -128, then ReLU6 fused into the requantize:
//   weights: 0.5 / 0.01 = 50, -0.25 / 0.01 = -25, 1.0 / 0.02 = 50,
//            0.75 / f32(0.02) = 37.5000009 -> 38;
//   bias: f32(0.1235) / 5e-4 = 247, -0.2 / 1e-3 = -200;
//   multipliers: 5.0000002e-4 / 0.03 = 0.53333337 * 2^-5 -> (1145324692, 36)
//                (docs/Numerics.md, section 6); 1e-3 / 0.03 -> (1145324692, 35);
//   ReLU6: clamp_min = round(0 / 0.03) - 128 = -128 (the storage minimum,
//   omitted), clamp_max = round(6 / 0.03) - 128 = 72.
// CHECK-LABEL: func.func @conv_relu6
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{\[\[\[\[}}50, -25]]], {{\[\[\[}}50, 38]]]]> : tensor<2x1x1x2xi8>}> : () -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {0.0099999997764825821,0.019999999552965164}>>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[247, -200]> : tensor<2xi32>
// CHECK-DAG: %[[X:.*]] = hwq.quantize %arg0 : tensor<1x4x4x2xf32> -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.05000000074505806:10>>
// CHECK: %[[ACC:.*]] = hwq.conv2d %[[X]], %[[W]], %[[B]] {{.*}} -> tensor<1x4x4x2x!quant.uniform<i32:f32:3, {5.0000002374872565E-4,0.0010000000474974513}>>
// CHECK: %[[Q:.*]] = hwq.requantize %[[ACC]] {axis = 3 : i64, clamp_max = 72 : i64, multiplier = array<i32: 1145324692, 1145324692>, shift = array<i32: 36, 35>} : {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.029999999329447746:-128>>
// CHECK: %[[Y:.*]] = hwq.dequantize %[[Q]]
// CHECK: return %[[Y]]
// CHECK-NOT: hwq.sim_quantize
func.func @conv_relu6(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %0 = "tosa.const"() <{values = dense<[[[[5.000000e-01, -2.500000e-01]]], [[[1.000000e+00, 7.500000e-01]]]]> : tensor<2x1x1x2xf32>}> : () -> tensor<2x1x1x2xf32>
  %1 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<10> : tensor<i32>
  %cst_1 = arith.constant dense<[0.00999999977, 2.000000e-02]> : tensor<2xf32>
  %cst_2 = arith.constant dense<0> : tensor<2xi32>
  %cst_3 = arith.constant dense<3.000000e-02> : tensor<f32>
  %cst_4 = arith.constant dense<-128> : tensor<i32>
  %2 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %3 = hwq.sim_quantize %0 scale(%cst_1 : tensor<2xf32>) zero_point(%cst_2 : tensor<2xi32>) {axis = 0 : i64, bits = 8 : i32, hwq.role = "weight", narrow_range = true} : tensor<2x1x1x2xf32>
  %4 = "tosa.const"() <{values = dense<[0.123500004, -2.000000e-01]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %5 = tosa.conv2d %2, %3, %4, %1, %1 {acc_type = f32, dilation = array<i64: 1, 1>, hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>, hwq.kind = "conv2d", pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %cst_5 = arith.constant dense<[5.000000e-04, 1.000000e-03]> : tensor<2xf32>
  %6 = hwq.sim_quantize %5 scale(%cst_3 : tensor<f32>) zero_point(%cst_4 : tensor<i32>) acc_scale(%cst_5 : tensor<2xf32>) {axis = 3 : i64, bits = 8 : i32, hwq.role = "output"} : tensor<1x4x4x2xf32>
  %7 = tosa.clamp %6 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "clamp", max_val = 6.000000e+00 : f32, min_val = 0.000000e+00 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %8 = hwq.sim_quantize %7 scale(%cst_3 : tensor<f32>) zero_point(%cst_4 : tensor<i32>) {bits = 8 : i32, hwq.role = "snap"} : tensor<1x4x4x2xf32>
  return %8 : tensor<1x4x4x2xf32>
}

// -----

// Add with s_a = 0.05, s_b = 0.02, intermediate shift 15 (hwq-exact-sim):
// s_a / s_i = 81920.0012 -> (1342177330, 14); s_b / s_i = 2^15 -> (2^30, 15);
// s_i / s_out -> (1227133480, 47).
// CHECK-LABEL: func.func @add
// CHECK: %[[A:.*]] = hwq.quantize %arg0
// CHECK: %[[B:.*]] = hwq.quantize %arg1
// CHECK: %[[S:.*]] = hwq.add %[[A]], %[[B]] {intermediate_shift = 15 : i32, multiplier_a = 1342177330 : i32, multiplier_b = 1073741824 : i32, multiplier_out = 1227133480 : i32, shift_a = 14 : i32, shift_b = 15 : i32, shift_out = 47 : i32}
// CHECK-SAME: -> tensor<1x4x!quant.uniform<i8:f32, 0.070000000298023224:-3>>
// CHECK: hwq.dequantize %[[S]]
// CHECK-NOT: tosa.add
func.func @add(%arg0: tensor<1x4xf32>, %arg1: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<10> : tensor<i32>
  %cst_1 = arith.constant dense<2.000000e-02> : tensor<f32>
  %cst_2 = arith.constant dense<0> : tensor<i32>
  %cst_3 = arith.constant dense<7.000000e-02> : tensor<f32>
  %cst_4 = arith.constant dense<-3> : tensor<i32>
  %0 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %1 = hwq.sim_quantize %arg1 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %cst_5 = arith.constant dense<6.10351549E-7> : tensor<f32>
  %cst_6 = arith.constant dense<0> : tensor<i32>
  %2 = hwq.sim_quantize %0 scale(%cst_5 : tensor<f32>) zero_point(%cst_6 : tensor<i32>) acc_scale(%cst : tensor<f32>) {bits = 32 : i32, hwq.role = "add_input"} : tensor<1x4xf32>
  %3 = hwq.sim_quantize %1 scale(%cst_5 : tensor<f32>) zero_point(%cst_6 : tensor<i32>) acc_scale(%cst_1 : tensor<f32>) {bits = 32 : i32, hwq.role = "add_input"} : tensor<1x4xf32>
  %4 = tosa.add %2, %3 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "add"} : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %5 = hwq.sim_quantize %4 scale(%cst_3 : tensor<f32>) zero_point(%cst_4 : tensor<i32>) acc_scale(%cst_5 : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4xf32>
  return %5 : tensor<1x4xf32>
}

// -----

// The split average pool of hwq-exact-sim becomes one hwq.avg_pool2d.
// CHECK-LABEL: func.func @avg_pool
// CHECK: %[[X:.*]] = hwq.quantize %arg0
// CHECK: %[[P:.*]] = hwq.avg_pool2d %[[X]] {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.070000000298023224:-3>>
// CHECK-NOT: tosa.mul
// CHECK: hwq.dequantize %[[P]]
func.func @avg_pool(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32> {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<10> : tensor<i32>
  %cst_1 = arith.constant dense<7.000000e-02> : tensor<f32>
  %cst_2 = arith.constant dense<-3> : tensor<i32>
  %0 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %1 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %2 = tosa.avg_pool2d %1, %0, %0 {acc_type = f32, hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "avg_pool2d", kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %3 = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %4 = "tosa.const"() <{values = dense<4.000000e+00> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %5 = tosa.mul %2, %4, %3 : (tensor<1x2x2x2xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x2x2x2xf32>
  %cst_3 = arith.constant dense<2.800000e-01> : tensor<f32>
  %6 = hwq.sim_quantize %5 scale(%cst_3 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) acc_scale(%cst : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x2x2xf32>
  %7 = "tosa.const"() <{values = dense<2.500000e-01> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %8 = tosa.mul %6, %7, %3 : (tensor<1x2x2x2xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x2x2x2xf32>
  %9 = hwq.sim_quantize %8 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "snap"} : tensor<1x2x2x2xf32>
  return %9 : tensor<1x2x2x2xf32>
}

// -----

// A reshape on the 8-bit grid, then a requantize onto a signed 4-bit edge
// (storage bounds i8<-8:7>): 0.05 / 0.9 = 0.0555556 -> (1908874433, 35).
// CHECK-LABEL: func.func @narrower_input
// CHECK: %[[X:.*]] = hwq.quantize %arg0
// CHECK: %[[R:.*]] = tosa.reshape %[[X]], %{{.*}} : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.05000000074505806>>, !tosa.shape<4>) -> tensor<1x2x8x2x!quant.uniform<i8:f32, 0.05000000074505806>>
// CHECK: hwq.requantize %[[R]] {multiplier = array<i32: 1908874433>, shift = array<i32: 35>} : {{.*}} -> tensor<1x2x8x2x!quant.uniform<i8<-8:7>:f32, 0.89999997615814208>>
func.func @narrower_input(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x2x8x2xf32> {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<0.899999976> : tensor<f32>
  %cst_1 = arith.constant dense<0> : tensor<i32>
  %0 = tosa.const_shape  {values = dense<[1, 2, 8, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %1 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_1 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %2 = tosa.reshape %1, %0 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "reshape"} : (tensor<1x4x4x2xf32>, !tosa.shape<4>) -> tensor<1x2x8x2xf32>
  %3 = hwq.sim_quantize %2 scale(%cst_0 : tensor<f32>) zero_point(%cst_1 : tensor<i32>) acc_scale(%cst : tensor<f32>) {bits = 4 : i32, hwq.role = "activation"} : tensor<1x2x8x2xf32>
  return %3 : tensor<1x2x8x2xf32>
}

// -----

// Concat: the first input is requantized onto the shared grid (0.05 / 0.1 =
// 0.5 -> (2^30, 31)).
// CHECK-LABEL: func.func @concat
// CHECK: %[[A:.*]] = hwq.quantize %arg0
// CHECK: %[[B:.*]] = hwq.quantize %arg1
// CHECK: %[[A2:.*]] = hwq.requantize %[[A]] {multiplier = array<i32: 1073741824>, shift = array<i32: 31>}
// CHECK: hwq.concat %[[A2]], %[[B]] {axis = 1 : i64}
func.func @concat(%arg0: tensor<1x2xf32>, %arg1: tensor<1x3xf32>) -> tensor<1x5xf32> {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<0> : tensor<i32>
  %cst_1 = arith.constant dense<1.000000e-01> : tensor<f32>
  %cst_2 = arith.constant dense<4> : tensor<i32>
  %0 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
  %1 = hwq.sim_quantize %arg1 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3xf32>
  %2 = hwq.sim_quantize %0 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) acc_scale(%cst : tensor<f32>) {bits = 8 : i32, hwq.role = "requantize"} : tensor<1x2xf32>
  %3 = tosa.concat %2, %1 {axis = 1 : i32, hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "concat"} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x5xf32>
  return %3 : tensor<1x5xf32>
}

// -----

// Pad constants on the grid 0.05 (zero point 0): 0.0 -> 0 and the snapped
// 0.12 -> round(2.4) = 2.
// CHECK-LABEL: func.func @pad
// CHECK: %[[X:.*]] = hwq.quantize %arg0
// CHECK: %[[C0:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1x!quant.uniform<i8:f32, 0.05000000074505806>>
// CHECK: tosa.pad %[[X]], %{{.*}}, %[[C0]]
// CHECK: %[[C2:.*]] = "tosa.const"() <{values = dense<2> : tensor<1xi8>}> : () -> tensor<1x!quant.uniform<i8:f32, 0.05000000074505806>>
// CHECK: tosa.pad %[[X]], %{{.*}}, %[[C2]]
// CHECK-NOT: hwq.sim_quantize
func.func @pad(%arg0: tensor<1x2xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<0> : tensor<i32>
  %0 = tosa.const_shape  {values = dense<[0, 0, 1, 1]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %1 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %2 = "tosa.const"() <{values = dense<1.200000e-01> : tensor<1xf32>}> : () -> tensor<1xf32>
  %3 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
  %4 = tosa.pad %3, %0, %1 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "pad"} : (tensor<1x2xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<1x4xf32>
  %5 = tosa.pad %3, %0, %2 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "pad"} : (tensor<1x2xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<1x4xf32>
  %6 = hwq.sim_quantize %5 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "snap"} : tensor<1x4xf32>
  return %4, %6 : tensor<1x4xf32>, tensor<1x4xf32>
}

// -----

// Depthwise with per-axis weights on dimension 2, and an activation x
// activation matmul.
// CHECK-LABEL: func.func @depthwise_and_matmul
// CHECK: hwq.depthwise_conv2d {{.*}} -> tensor<1x1x1x2x!quant.uniform<i32:f32:3, {5.0000002374872565E-4,0.0010000000474974513}>>
// CHECK: hwq.requantize {{.*}}{axis = 3 : i64, multiplier = array<i32: 1145324692, 1145324692>, shift = array<i32: 36, 35>}
// CHECK: %[[A:.*]] = hwq.quantize %arg1
// CHECK: %[[B:.*]] = hwq.quantize %arg2
// CHECK: hwq.matmul %[[A]], %[[B]] : {{.*}} -> tensor<1x2x4x!quant.uniform<i32:f32, 0.0010000000474974513>>
func.func @depthwise_and_matmul(%arg0: tensor<1x3x3x2xf32>, %arg1: tensor<1x2x3xf32>, %arg2: tensor<1x3x4xf32>) -> (tensor<1x1x1x2xf32>, tensor<1x2x4xf32>) {
  %0 = "tosa.const"() <{values = dense<5.000000e-01> : tensor<3x3x2x1xf32>}> : () -> tensor<3x3x2x1xf32>
  %1 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<[0.00999999977, 2.000000e-02]> : tensor<2xf32>
  %cst_1 = arith.constant dense<2.000000e-02> : tensor<f32>
  %cst_2 = arith.constant dense<0> : tensor<i32>
  %cst_3 = arith.constant dense<0> : tensor<2xi32>
  %cst_4 = arith.constant dense<3.000000e-02> : tensor<f32>
  %2 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3x3x2xf32>
  %3 = hwq.sim_quantize %0 scale(%cst_0 : tensor<2xf32>) zero_point(%cst_3 : tensor<2xi32>) {axis = 2 : i64, bits = 8 : i32, hwq.role = "weight"} : tensor<3x3x2x1xf32>
  %4 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<2xf32>}> : () -> tensor<2xf32>
  %5 = tosa.depthwise_conv2d %2, %3, %4, %1, %1 {acc_type = f32, dilation = array<i64: 1, 1>, hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>, hwq.kind = "depthwise_conv2d", pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x3x3x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1x2xf32>
  %cst_5 = arith.constant dense<[5.000000e-04, 1.000000e-03]> : tensor<2xf32>
  %6 = hwq.sim_quantize %5 scale(%cst_4 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) acc_scale(%cst_5 : tensor<2xf32>) {axis = 3 : i64, bits = 8 : i32, hwq.role = "output"} : tensor<1x1x1x2xf32>
  %7 = hwq.sim_quantize %arg1 scale(%cst : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2x3xf32>
  %8 = hwq.sim_quantize %arg2 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3x4xf32>
  %9 = tosa.matmul %7, %8, %1, %1 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>, hwq.kind = "matmul"} : (tensor<1x2x3xf32>, tensor<1x3x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x4xf32>
  %cst_6 = arith.constant dense<1.000000e-03> : tensor<f32>
  %10 = hwq.sim_quantize %9 scale(%cst_4 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) acc_scale(%cst_6 : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x4xf32>
  return %6, %10 : tensor<1x1x1x2xf32>, tensor<1x2x4xf32>
}

// -----

// A matmul with a constant B [1, K, N] (per column) becomes
// hwq.fully_connected with B transposed to [N, K] at compile time, per axis 0:
// column 0 (scale 2^-8): 0.5 -> 128 -> 127 (clipped), 0.25 -> 64,
// -0.3 -> -76.8 -> -77; column 1 (2^-7): -1.0 -> -128, 0.1 -> 13, 0.6 -> 77.
// u8 activations with zero point 128; multipliers 2^-9 and 2^-8 exactly.
// CHECK-LABEL: func.func @fully_connected
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{\[\[}}127, 64, -77], [-128, 13, 77]]> : tensor<2x3xi8>}> : () -> tensor<2x3x!quant.uniform<i8:f32:0, {3.906250e-03,7.812500e-03}>>
// CHECK-DAG: %[[X:.*]] = hwq.quantize %arg0 : tensor<1x2x3xf32> -> tensor<1x2x3x!quant.uniform<u8:f32, 6.250000e-02:128>>
// CHECK: %[[ACC:.*]] = hwq.fully_connected %[[X]], %[[W]] : {{.*}} -> tensor<1x2x2x!quant.uniform<i32:f32:2, {2.44140625E-4,4.8828125E-4}>>
// CHECK: hwq.requantize %[[ACC]] {axis = 2 : i64, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 39, 38>} : {{.*}} -> tensor<1x2x2x!quant.uniform<u8:f32, 1.250000e-01>>
// CHECK-NOT: tosa.matmul
func.func @fully_connected(%arg0: tensor<1x2x3xf32>) -> tensor<1x2x2xf32> {
  %0 = "tosa.const"() <{values = dense<[[[5.000000e-01, -1.000000e+00], [2.500000e-01, 1.000000e-01], [-3.000000e-01, 6.000000e-01]]]> : tensor<1x3x2xf32>}> : () -> tensor<1x3x2xf32>
  %1 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %cst = arith.constant dense<6.250000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<128> : tensor<i32>
  %cst_1 = arith.constant dense<[3.906250e-03, 7.812500e-03]> : tensor<2xf32>
  %cst_2 = arith.constant dense<0> : tensor<2xi32>
  %cst_3 = arith.constant dense<1.250000e-01> : tensor<f32>
  %cst_4 = arith.constant dense<0> : tensor<i32>
  %2 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation", is_signed = false} : tensor<1x2x3xf32>
  %3 = hwq.sim_quantize %0 scale(%cst_1 : tensor<2xf32>) zero_point(%cst_2 : tensor<2xi32>) {axis = 2 : i64, bits = 8 : i32, hwq.role = "weight"} : tensor<1x3x2xf32>
  %4 = tosa.matmul %2, %3, %1, %1 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = ui8, weight = si8, accumulator = si32, output = ui8, macs_per_cycle = 256>, hwq.kind = "matmul"} : (tensor<1x2x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2xf32>
  %cst_5 = arith.constant dense<[2.44140625E-4, 4.8828125E-4]> : tensor<2xf32>
  %5 = hwq.sim_quantize %4 scale(%cst_3 : tensor<f32>) zero_point(%cst_4 : tensor<i32>) acc_scale(%cst_5 : tensor<2xf32>) {axis = 2 : i64, bits = 8 : i32, hwq.role = "output", is_signed = false} : tensor<1x2x2xf32>
  return %5 : tensor<1x2x2xf32>
}

// -----

// A signed 6-bit edge (i8<-32:31>) clamped to [-1.0, 2.1] on the grid
// 0.25 / -8: -1.0 -> -4 - 8 = -12, 2.1 -> round(8.4) - 8 = 0. The producer is
// a quantize, so the clamp is an identity requantize (2^30, 30). The float
// tosa.exp reads the quantized input through a dequantize.
// CHECK-LABEL: func.func @clamp_two_users_and_float_consumer
// CHECK: %[[X:.*]] = hwq.quantize %arg0 : tensor<1x4x4x2xf32> -> tensor<1x4x4x2x!quant.uniform<i8<-32:31>:f32, 2.500000e-01:-8>>
// CHECK: %[[XF:.*]] = hwq.dequantize %[[X]]
// CHECK: %[[C:.*]] = hwq.requantize %[[X]] {clamp_max = 0 : i64, clamp_min = -12 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 30>}
// CHECK: %[[CF:.*]] = hwq.dequantize %[[C]]
// CHECK: %[[P:.*]] = hwq.max_pool2d %[[C]]
// CHECK: %[[PF:.*]] = hwq.dequantize %[[P]]
// CHECK: %[[E:.*]] = tosa.exp %[[XF]]
// CHECK: return %[[PF]], %[[E]], %[[CF]]
func.func @clamp_two_users_and_float_consumer(%arg0: tensor<1x4x4x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) {
  %cst = arith.constant dense<2.500000e-01> : tensor<f32>
  %cst_0 = arith.constant dense<-8> : tensor<i32>
  %0 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 6 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %1 = tosa.clamp %0 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "clamp", max_val = 2.100000e+00 : f32, min_val = -1.000000e+00 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %2 = hwq.sim_quantize %1 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 6 : i32, hwq.role = "snap"} : tensor<1x4x4x2xf32>
  %3 = tosa.max_pool2d %2 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "max_pool2d", kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32>
  %4 = tosa.exp %0 : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %3, %4, %2 : tensor<1x2x2x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>
}
