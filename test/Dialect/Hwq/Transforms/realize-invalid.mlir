// RUN: hwq-opt %s -hwq-realize -split-input-file -verify-diagnostics

func.func @uncalibrated(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{is not calibrated (no scale and zero point); run hwq-calibrate first}}
  %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
func.func @conv_without_acc_scale(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %xq = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<1x2x2x1xf32>
  %wq = hwq.sim_quantize %w scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "weight"} : tensor<1x1x1x1xf32>
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x2x2x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
  // expected-error @below {{has no acc_scale: the float rounding of the accumulator differs from the realized requantize (run hwq-exact-sim)}}
  %cq = hwq.sim_quantize %c scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x2x1xf32>
  return %cq : tensor<1x2x2x1xf32>
}

// -----

#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
func.func @wrong_acc_scale(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s = arith.constant dense<0.05> : tensor<f32>
  %acc = arith.constant dense<0.0025> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %xq = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<1x2x2x1xf32>
  %wq = hwq.sim_quantize %w scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "weight"} : tensor<1x1x1x1xf32>
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x2x2x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
  // expected-error @below {{acc_scale 0.00249999994 of channel 0 is not the accumulator scale productScale(s_in, s_w) = 0.00250000018 (run hwq-exact-sim)}}
  %cq = hwq.sim_quantize %c scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%acc : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x2x1xf32>
  return %cq : tensor<1x2x2x1xf32>
}

// -----

// The bias 0.1013 is 40.52 steps of the accumulator grid f32(0.05 * 0.05).
#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
func.func @bias_off_grid(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s = arith.constant dense<0.05> : tensor<f32>
  %acc = arith.constant dense<0.0025000001769512892> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %xq = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<1x2x2x1xf32>
  %wq = hwq.sim_quantize %w scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "weight"} : tensor<1x1x1x1xf32>
  %b = "tosa.const"() {values = dense<0.1013> : tensor<1xf32>} : () -> tensor<1xf32>
  // expected-error @below {{bias 0.101300001 of channel 0 is not on the accumulator grid}}
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x2x2x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
  %cq = hwq.sim_quantize %c scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%acc : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x2x1xf32>
  return %cq : tensor<1x2x2x1xf32>
}

// -----

func.func @requantize_without_acc_scale(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %s2 = arith.constant dense<0.3> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  // expected-error @below {{rounds a quantized value onto another grid without acc_scale}}
  %b = hwq.sim_quantize %a scale(%s2 : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 4 : i32} : tensor<4xf32>
  return %b : tensor<4xf32>
}

// -----

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @clamp_off_grid_without_snap(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  // expected-error @below {{bounds [0, 1.02999997] are not grid points of scale 0.0500000007 and no snapping sim_quantize follows (run hwq-exact-sim)}}
  %c = tosa.clamp %a {min_val = 0.0 : f32, max_val = 1.03 : f32, hwq.kind = "clamp", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %c : tensor<4xf32>
}

// -----

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @add_without_intermediate_grid(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  %b = hwq.sim_quantize %y scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  // expected-error @below {{operand #0 must be the rescale of a quantized value onto the add's intermediate grid}}
  %c = tosa.add %a, %b {hwq.kind = "add", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %d = hwq.sim_quantize %c scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%s : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @concat_of_two_grids(%x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %s2 = arith.constant dense<0.1> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<2xf32>
  %b = hwq.sim_quantize %y scale(%s2 : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<2xf32>
  // expected-error @below {{inputs lie on different grids}}
  %c = tosa.concat %a, %b {axis = 0 : i32, hwq.kind = "concat", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %c : tensor<4xf32>
}

// -----

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @pad_off_grid_without_snap(%x: tensor<2xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %padding = tosa.const_shape {values = dense<[1, 1]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %c = "tosa.const"() {values = dense<0.12> : tensor<1xf32>} : () -> tensor<1xf32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<2xf32>
  // expected-error @below {{pad value 0.119999997 is not a grid point of scale 0.0500000007 and no snapping sim_quantize follows (run hwq-exact-sim)}}
  %p = tosa.pad %a, %padding, %c {hwq.kind = "pad", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<2xf32>, !tosa.shape<2>, tensor<1xf32>) -> tensor<4xf32>
  return %p : tensor<4xf32>
}

// -----

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @avg_pool_not_split(%x: tensor<1x2x2x1xf32>) -> tensor<1x1x1x1xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<1x2x2x1xf32>
  // expected-error @below {{must be simulated as sum, requantize by count * s_out, divide by count and snap (run hwq-exact-sim)}}
  %p = tosa.avg_pool2d %a, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "avg_pool2d", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x2x2x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1x1xf32>
  %q = hwq.sim_quantize %p scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x1x1x1xf32>
  return %q : tensor<1x1x1x1xf32>
}

// -----

#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @mul_wrong_acc_scale(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  %m = tosa.mul %a, %a, %shift {hwq.kind = "mul", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<4xf32>, tensor<4xf32>, tensor<1xi8>) -> tensor<4xf32>
  // expected-error @below {{acc_scale must be productScale(s_a, s_b) = 0.00250000018 (run hwq-exact-sim)}}
  %q = hwq.sim_quantize %m scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%s : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<4xf32>
  return %q : tensor<4xf32>
}

// -----

func.func @acc_scale_on_a_float_value(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  // expected-error @below {{has acc_scale but its input is neither an accumulator of a realized op nor a quantized value}}
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%s : tensor<f32>) {bits = 8 : i32} : tensor<4xf32>
  return %a : tensor<4xf32>
}

// -----

// A quantized kind without an integer hwq op stays float between a
// dequantize and a quantize, with a warning.
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @sigmoid_float_island(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %s2 = arith.constant dense<0.00390625> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  // expected-warning @below {{has no integer realization in hwq; it runs in float between hwq.dequantize and hwq.quantize}}
  %g = tosa.sigmoid %a {hwq.kind = "sigmoid", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %q = hwq.sim_quantize %g scale(%s2 : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<4xf32>
  return %q : tensor<4xf32>
}
