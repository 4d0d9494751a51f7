// RUN: hwq-opt %s -hwq-exact-sim -split-input-file | FileCheck %s
// A second run changes nothing: the pass recognizes what it inserted.
// RUN: hwq-opt %s -hwq-exact-sim -split-input-file | hwq-opt -hwq-exact-sim -split-input-file | FileCheck %s

// Hand-calibrated graphs (scales written as f32 constants, as hwq-calibrate
// writes them). Expected constants:
//   acc_scale = productScale(s_x, s_w[o]) = f32(f32(0.05) * f32(0.01)) =
//     5.000000e-04 and f32(f32(0.05) * f32(0.02)) = 1.000000e-03;
//   bias 0.1234 on the grid 5e-4: round(246.8) = 247 -> f32(0.1235);
//   bias -0.2 on the grid 1e-3: -200 -> -0.2 (already a grid point).

#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>

// CHECK-LABEL: func.func @conv_relu6
// CHECK-DAG: %[[S_IN:.*]] = arith.constant dense<5.000000e-02> : tensor<f32>
// CHECK-DAG: %[[S_OUT:.*]] = arith.constant dense<3.000000e-02> : tensor<f32>
// CHECK-DAG: %[[Z_OUT:.*]] = arith.constant dense<-128> : tensor<i32>
// CHECK-DAG: %[[BIAS:.*]] = "tosa.const"() <{values = dense<[0.123500004, -2.000000e-01]> : tensor<2xf32>}>
// CHECK: %[[C:.*]] = tosa.conv2d %{{.*}}, %{{.*}}, %[[BIAS]],
// CHECK: %[[ACC:.*]] = arith.constant dense<[5.000000e-04, 1.000000e-03]> : tensor<2xf32>
// CHECK: %[[CQ:.*]] = hwq.sim_quantize %[[C]] scale(%[[S_OUT]] : tensor<f32>) zero_point(%[[Z_OUT]] : tensor<i32>) acc_scale(%[[ACC]] : tensor<2xf32>) {axis = 3 : i64, bits = 8 : i32, hwq.role = "output"}
// CHECK: %[[R:.*]] = tosa.clamp %[[CQ]]
// CHECK: %[[SNAP:.*]] = hwq.sim_quantize %[[R]] scale(%[[S_OUT]] : tensor<f32>) zero_point(%[[Z_OUT]] : tensor<i32>) {bits = 8 : i32, hwq.role = "snap"}
// CHECK: return %[[SNAP]]
func.func @conv_relu6(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.25]]], [[[1.0, 0.75]]]]> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() {values = dense<[0.1234, -0.2]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s_in = arith.constant dense<0.05> : tensor<f32>
  %z_in = arith.constant dense<10> : tensor<i32>
  %s_w = arith.constant dense<[0.01, 0.02]> : tensor<2xf32>
  %z_w = arith.constant dense<0> : tensor<2xi32>
  %s_out = arith.constant dense<0.03> : tensor<f32>
  %z_out = arith.constant dense<-128> : tensor<i32>
  %xq = hwq.sim_quantize %x scale(%s_in : tensor<f32>) zero_point(%z_in : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %wq = hwq.sim_quantize %w scale(%s_w : tensor<2xf32>) zero_point(%z_w : tensor<2xi32>) {axis = 0 : i64, bits = 8 : i32, hwq.role = "weight", narrow_range = true} : tensor<2x1x1x2xf32>
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %cq = hwq.sim_quantize %c scale(%s_out : tensor<f32>) zero_point(%z_out : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4x4x2xf32>
  %r = tosa.clamp %cq {min_val = 0.0 : f32, max_val = 6.0 : f32, hwq.kind = "clamp", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %r : tensor<1x4x4x2xf32>
}

// -----

// ReLU on a grid whose top (127 - (-128)) * 0.03 = 7.65 lies below 100:
// both bounds are exact (0 is a grid point, 100 is beyond the range), so no
// snap. Per-tensor weights give one acc_scale and no axis.

#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
// CHECK-LABEL: func.func @conv_relu_per_tensor
// CHECK: %[[ACC:.*]] = arith.constant dense<5.000000e-04> : tensor<f32>
// CHECK: hwq.sim_quantize %{{.*}} acc_scale(%[[ACC]] : tensor<f32>) {bits = 8 : i32, hwq.role = "output"}
// CHECK: %[[R:.*]] = tosa.clamp
// CHECK-NOT: hwq.sim_quantize
// CHECK: return %[[R]]
func.func @conv_relu_per_tensor(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s_in = arith.constant dense<0.05> : tensor<f32>
  %z_in = arith.constant dense<10> : tensor<i32>
  %s_w = arith.constant dense<0.01> : tensor<f32>
  %z_w = arith.constant dense<0> : tensor<i32>
  %s_out = arith.constant dense<0.03> : tensor<f32>
  %z_out = arith.constant dense<-128> : tensor<i32>
  %xq = hwq.sim_quantize %x scale(%s_in : tensor<f32>) zero_point(%z_in : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %wq = hwq.sim_quantize %w scale(%s_w : tensor<f32>) zero_point(%z_w : tensor<i32>) {bits = 8 : i32, hwq.role = "weight"} : tensor<2x1x1x2xf32>
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %cq = hwq.sim_quantize %c scale(%s_out : tensor<f32>) zero_point(%z_out : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4x4x2xf32>
  %r = tosa.clamp %cq {min_val = 0.0 : f32, max_val = 100.0 : f32, hwq.kind = "clamp", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %r : tensor<1x4x4x2xf32>
}

// -----

// Integer add: s_i = min(s_a, s_b) * 2^-k with the largest k keeping
// |a'| + |b'| < 2^24: (138 * 0.05 / 0.02 + 128) * 2^k = 473 * 2^k, so
// k = 15 and s_i = f32(0.02) / 32768 = 6.10351549e-07. Each input is
// rescaled onto s_i (zero point 0, 32 bits) from its own grid, and the sum
// is requantized from s_i.

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
// CHECK-LABEL: func.func @add
// CHECK-DAG: %[[SA:.*]] = arith.constant dense<5.000000e-02> : tensor<f32>
// CHECK-DAG: %[[SB:.*]] = arith.constant dense<2.000000e-02> : tensor<f32>
// CHECK: %[[AQ:.*]] = hwq.sim_quantize %arg0
// CHECK: %[[BQ:.*]] = hwq.sim_quantize %arg1
// CHECK-DAG: %[[SI:.*]] = arith.constant dense<6.10351549E-7> : tensor<f32>
// CHECK-DAG: %[[ZERO:.*]] = arith.constant dense<0> : tensor<i32>
// CHECK: %[[A2:.*]] = hwq.sim_quantize %[[AQ]] scale(%[[SI]] : tensor<f32>) zero_point(%[[ZERO]] : tensor<i32>) acc_scale(%[[SA]] : tensor<f32>) {bits = 32 : i32, hwq.role = "add_input"}
// CHECK: %[[B2:.*]] = hwq.sim_quantize %[[BQ]] scale(%[[SI]] : tensor<f32>) zero_point(%[[ZERO]] : tensor<i32>) acc_scale(%[[SB]] : tensor<f32>) {bits = 32 : i32, hwq.role = "add_input"}
// CHECK: %[[SUM:.*]] = tosa.add %[[A2]], %[[B2]]
// CHECK: hwq.sim_quantize %[[SUM]] scale(%{{.*}} : tensor<f32>) zero_point(%{{.*}} : tensor<i32>) acc_scale(%[[SI]] : tensor<f32>) {bits = 8 : i32, hwq.role = "output"}
func.func @add(%a: tensor<1x4xf32>, %b: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %sa = arith.constant dense<0.05> : tensor<f32>
  %za = arith.constant dense<10> : tensor<i32>
  %sb = arith.constant dense<0.02> : tensor<f32>
  %zb = arith.constant dense<0> : tensor<i32>
  %so = arith.constant dense<0.07> : tensor<f32>
  %zo = arith.constant dense<-3> : tensor<i32>
  %aq = hwq.sim_quantize %a scale(%sa : tensor<f32>) zero_point(%za : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %bq = hwq.sim_quantize %b scale(%sb : tensor<f32>) zero_point(%zb : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %s = tosa.add %aq, %bq {hwq.kind = "add", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %sq = hwq.sim_quantize %s scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4xf32>
  return %sq : tensor<1x4xf32>
}

// -----

// Integer mul: acc_scale = f32(f32(0.05) * f32(0.02)) = 1.000000e-03.

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
// CHECK-LABEL: func.func @mul
// CHECK: %[[ACC:.*]] = arith.constant dense<1.000000e-03> : tensor<f32>
// CHECK: hwq.sim_quantize %{{.*}} acc_scale(%[[ACC]] : tensor<f32>) {bits = 8 : i32, hwq.role = "output"}
func.func @mul(%a: tensor<1x4xf32>, %b: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %sa = arith.constant dense<0.05> : tensor<f32>
  %sb = arith.constant dense<0.02> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %so = arith.constant dense<0.07> : tensor<f32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %aq = hwq.sim_quantize %a scale(%sa : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %bq = hwq.sim_quantize %b scale(%sb : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %p = tosa.mul %aq, %bq, %shift {hwq.kind = "mul", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4xf32>, tensor<1x4xf32>, tensor<1xi8>) -> tensor<1x4xf32>
  %pq = hwq.sim_quantize %p scale(%so : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4xf32>
  return %pq : tensor<1x4xf32>
}

// -----

// Average pool (2x2, count 4): sum = avg * 4 recovered on the input grid
// (acc_scale = s_x), requantized by f32(4 * 0.07) = 0.28, divided by 4
// (f32(0.25)) and snapped to the output grid 0.07.

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
// CHECK-LABEL: func.func @avg_pool
// CHECK-DAG: %[[SX:.*]] = arith.constant dense<5.000000e-02> : tensor<f32>
// CHECK-DAG: %[[SO:.*]] = arith.constant dense<7.000000e-02> : tensor<f32>
// CHECK-DAG: %[[ZO:.*]] = arith.constant dense<-3> : tensor<i32>
// CHECK: %[[AVG:.*]] = tosa.avg_pool2d
// CHECK-DAG: %[[SHIFT:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK-DAG: %[[FOUR:.*]] = "tosa.const"() <{values = dense<4.000000e+00> : tensor<1x1x1x1xf32>}>
// CHECK: %[[SUM:.*]] = tosa.mul %[[AVG]], %[[FOUR]], %[[SHIFT]]
// CHECK: %[[SW:.*]] = arith.constant dense<2.800000e-01> : tensor<f32>
// CHECK: %[[Q:.*]] = hwq.sim_quantize %[[SUM]] scale(%[[SW]] : tensor<f32>) zero_point(%[[ZO]] : tensor<i32>) acc_scale(%[[SX]] : tensor<f32>) {bits = 8 : i32, hwq.role = "output"}
// CHECK: %[[QUARTER:.*]] = "tosa.const"() <{values = dense<2.500000e-01> : tensor<1x1x1x1xf32>}>
// CHECK: %[[MEAN:.*]] = tosa.mul %[[Q]], %[[QUARTER]], %[[SHIFT]]
// CHECK: %[[SNAP:.*]] = hwq.sim_quantize %[[MEAN]] scale(%[[SO]] : tensor<f32>) zero_point(%[[ZO]] : tensor<i32>) {bits = 8 : i32, hwq.role = "snap"}
// CHECK: return %[[SNAP]]
func.func @avg_pool(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32> {
  %sx = arith.constant dense<0.05> : tensor<f32>
  %zx = arith.constant dense<10> : tensor<i32>
  %so = arith.constant dense<0.07> : tensor<f32>
  %zo = arith.constant dense<-3> : tensor<i32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %xq = hwq.sim_quantize %x scale(%sx : tensor<f32>) zero_point(%zx : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %p = tosa.avg_pool2d %xq, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, hwq.kind = "avg_pool2d", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %pq = hwq.sim_quantize %p scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x2x2xf32>
  return %pq : tensor<1x2x2x2xf32>
}

// -----

// An activation edge read on a narrower grid (8-bit output -> 4-bit input)
// is an integer requantize: acc_scale = the producer grid's scale. The
// graph-input edge (a float producer) stays a plain quantize.

#conv = #hwq.dtype_config<input = si4, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
// CHECK-LABEL: func.func @narrower_input
// CHECK-DAG: %[[S8:.*]] = arith.constant dense<5.000000e-02> : tensor<f32>
// CHECK: %[[X8:.*]] = hwq.sim_quantize %arg0 scale(%[[S8]] : tensor<f32>) zero_point(%{{.*}} : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"}
// CHECK: %[[R:.*]] = tosa.reshape %[[X8]]
// CHECK: hwq.sim_quantize %[[R]] scale(%{{.*}} : tensor<f32>) zero_point(%{{.*}} : tensor<i32>) acc_scale(%[[S8]] : tensor<f32>) {bits = 4 : i32, hwq.role = "activation"}
func.func @narrower_input(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x8x2xf32> {
  %s8 = arith.constant dense<0.05> : tensor<f32>
  %s4 = arith.constant dense<0.9> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %shape = tosa.const_shape {values = dense<[1, 2, 8, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %x8 = hwq.sim_quantize %x scale(%s8 : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %r = tosa.reshape %x8, %shape {hwq.kind = "reshape", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>, !tosa.shape<4>) -> tensor<1x2x8x2xf32>
  %x4 = hwq.sim_quantize %r scale(%s4 : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 4 : i32, hwq.role = "activation"} : tensor<1x2x8x2xf32>
  return %x4 : tensor<1x2x8x2xf32>
}

// -----

// Concat of two grids: the one covering the wider real range (0.1 * 255 vs
// 0.05 * 255) becomes the concat's; the other input is requantized onto it.

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
// CHECK-LABEL: func.func @concat
// CHECK-DAG: %[[SA:.*]] = arith.constant dense<5.000000e-02> : tensor<f32>
// CHECK-DAG: %[[SB:.*]] = arith.constant dense<1.000000e-01> : tensor<f32>
// CHECK-DAG: %[[ZB:.*]] = arith.constant dense<4> : tensor<i32>
// CHECK: %[[AQ:.*]] = hwq.sim_quantize %arg0
// CHECK: %[[BQ:.*]] = hwq.sim_quantize %arg1
// CHECK: %[[A2:.*]] = hwq.sim_quantize %[[AQ]] scale(%[[SB]] : tensor<f32>) zero_point(%[[ZB]] : tensor<i32>) acc_scale(%[[SA]] : tensor<f32>) {bits = 8 : i32, hwq.role = "requantize"}
// CHECK: tosa.concat %[[A2]], %[[BQ]]
func.func @concat(%a: tensor<1x2xf32>, %b: tensor<1x3xf32>) -> tensor<1x5xf32> {
  %sa = arith.constant dense<0.05> : tensor<f32>
  %za = arith.constant dense<0> : tensor<i32>
  %sb = arith.constant dense<0.1> : tensor<f32>
  %zb = arith.constant dense<4> : tensor<i32>
  %aq = hwq.sim_quantize %a scale(%sa : tensor<f32>) zero_point(%za : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
  %bq = hwq.sim_quantize %b scale(%sb : tensor<f32>) zero_point(%zb : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3xf32>
  %c = tosa.concat %aq, %bq {axis = 1 : i32, hwq.kind = "concat", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x5xf32>
  return %c : tensor<1x5xf32>
}

// -----

// Pad: 0.0 is the zero point (nothing to do); 0.12 is not a grid point of
// 0.05, so the padded tensor is snapped.

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
// CHECK-LABEL: func.func @pad
// CHECK: %[[P0:.*]] = tosa.pad
// CHECK-NOT: hwq.sim_quantize %[[P0]]
// CHECK: %[[P1:.*]] = tosa.pad
// CHECK: %[[SNAP:.*]] = hwq.sim_quantize %[[P1]] {{.*}}hwq.role = "snap"
// CHECK: return %[[P0]], %[[SNAP]]
func.func @pad(%x: tensor<1x2xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %padding = tosa.const_shape {values = dense<[0, 0, 1, 1]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %c0 = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c1 = "tosa.const"() {values = dense<0.12> : tensor<1xf32>} : () -> tensor<1xf32>
  %xq = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
  %p0 = tosa.pad %xq, %padding, %c0 {hwq.kind = "pad", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x2xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<1x4xf32>
  %p1 = tosa.pad %xq, %padding, %c1 {hwq.kind = "pad", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x2xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<1x4xf32>
  return %p0, %p1 : tensor<1x4xf32>, tensor<1x4xf32>
}

// -----

// Depthwise with per-channel weights (M = 1, axis 2) and an activation x
// activation matmul (per-tensor acc_scale = f32(0.05 * 0.02)).

#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
// CHECK-LABEL: func.func @depthwise_and_matmul
// CHECK: %[[ACC:.*]] = arith.constant dense<[5.000000e-04, 1.000000e-03]> : tensor<2xf32>
// CHECK: hwq.sim_quantize %{{.*}} acc_scale(%[[ACC]] : tensor<2xf32>) {axis = 3 : i64, bits = 8 : i32, hwq.role = "output"}
// CHECK: %[[ACC2:.*]] = arith.constant dense<1.000000e-03> : tensor<f32>
// CHECK: hwq.sim_quantize %{{.*}} acc_scale(%[[ACC2]] : tensor<f32>) {bits = 8 : i32, hwq.role = "output"}
func.func @depthwise_and_matmul(%x: tensor<1x3x3x2xf32>, %a: tensor<1x2x3xf32>, %b: tensor<1x3x4xf32>) -> (tensor<1x1x1x2xf32>, tensor<1x2x4xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<3x3x2x1xf32>} : () -> tensor<3x3x2x1xf32>
  %bias = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s_in = arith.constant dense<0.05> : tensor<f32>
  %s_w = arith.constant dense<[0.01, 0.02]> : tensor<2xf32>
  %s_b = arith.constant dense<0.02> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %z_w = arith.constant dense<0> : tensor<2xi32>
  %s_out = arith.constant dense<0.03> : tensor<f32>
  %xq = hwq.sim_quantize %x scale(%s_in : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3x3x2xf32>
  %wq = hwq.sim_quantize %w scale(%s_w : tensor<2xf32>) zero_point(%z_w : tensor<2xi32>) {axis = 2 : i64, bits = 8 : i32, hwq.role = "weight"} : tensor<3x3x2x1xf32>
  %d = tosa.depthwise_conv2d %xq, %wq, %bias, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "depthwise_conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x3x3x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1x2xf32>
  %dq = hwq.sim_quantize %d scale(%s_out : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x1x1x2xf32>
  %aq = hwq.sim_quantize %a scale(%s_in : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2x3xf32>
  %bq = hwq.sim_quantize %b scale(%s_b : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3x4xf32>
  %m = tosa.matmul %aq, %bq, %zp, %zp {hwq.kind = "matmul", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x2x3xf32>, tensor<1x3x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x4xf32>
  %mq = hwq.sim_quantize %m scale(%s_out : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x4xf32>
  return %dq, %mq : tensor<1x1x1x2xf32>, tensor<1x2x4xf32>
}
