// RUN: hwq-opt %s -hwq-exact-sim -split-input-file -verify-diagnostics

func.func @uncalibrated(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{is not calibrated (no scale and zero point); run hwq-calibrate first}}
  %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @zero_point_outside_range(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.5> : tensor<f32>
  %z = arith.constant dense<200> : tensor<i32>
  // expected-error @below {{zero point 200 of channel 0 lies outside the clip range [-128, 127]}}
  %0 = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @avg_pool_with_padding(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %xq = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<1x4x4x2xf32>
  // expected-error @below {{has padding: its windows have different element counts}}
  %p = tosa.avg_pool2d %xq, %zp, %zp {acc_type = f32, kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, hwq.kind = "avg_pool2d", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %pq = hwq.sim_quantize %p scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4x4x2xf32>
  return %pq : tensor<1x4x4x2xf32>
}

// -----

#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
func.func @contraction_without_output_edge(%x: tensor<1x2x2x1xf32>) -> (tensor<1x2x2x1xf32>, tensor<1x2x2x1xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %xq = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<1x2x2x1xf32>
  %wq = hwq.sim_quantize %w scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "weight"} : tensor<1x1x1x1xf32>
  // expected-error @below {{result must feed exactly one hwq.sim_quantize (its output edge) to be simulated exactly}}
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x2x2x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
  %cq = hwq.sim_quantize %c scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x2x1xf32>
  return %cq, %c : tensor<1x2x2x1xf32>, tensor<1x2x2x1xf32>
}

// -----

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @operand_not_on_a_grid(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %aq = hwq.sim_quantize %a scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  // expected-error @below {{operand #1 is not on a quantized grid (no hwq.sim_quantize defines it)}}
  %p = tosa.mul %aq, %b, %shift {hwq.kind = "mul", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<4xf32>, tensor<4xf32>, tensor<1xi8>) -> tensor<4xf32>
  %pq = hwq.sim_quantize %p scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<4xf32>
  return %pq : tensor<4xf32>
}

// -----

// An accumulator too large for round(x / acc_scale) to be exact: 16-bit
// operands over a 64-element reduction, with a non-dyadic product of scales.
#conv = #hwq.dtype_config<input = si16, weight = si16, accumulator = si32, output = si8, macs_per_cycle = 256>
func.func @accumulator_recovery_warning(%x: tensor<1x64xf32>) -> tensor<1x1x1xf32> {
  %shape = tosa.const_shape {values = dense<[1, 1, 64]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %x3 = tosa.reshape %x, %shape : (tensor<1x64xf32>, !tosa.shape<3>) -> tensor<1x1x64xf32>
  %w = "tosa.const"() {values = dense<1.0> : tensor<1x64x1xf32>} : () -> tensor<1x64x1xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s = arith.constant dense<0.03> : tensor<f32>
  %sw = arith.constant dense<0.00007> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %xq = hwq.sim_quantize %x3 scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 16 : i32} : tensor<1x1x64xf32>
  %wq = hwq.sim_quantize %w scale(%sw : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 16 : i32, hwq.role = "weight"} : tensor<1x64x1xf32>
  // expected-warning @below {{the simulation may not recover the integer accumulator exactly: channel 0}}
  // expected-warning @below {{beyond the 32-bit accumulator}}
  %m = tosa.matmul %xq, %wq, %zp, %zp {hwq.kind = "matmul", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x1x64xf32>, tensor<1x64x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1xf32>
  %mq = hwq.sim_quantize %m scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x1x1xf32>
  return %mq : tensor<1x1x1xf32>
}
