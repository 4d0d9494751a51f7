// RUN: hwq-opt %s --hwq-verify-strategy -split-input-file -verify-diagnostics
//
// hwq-verify-strategy on hand-written calibrated and realized IR: one
// violation of the 4-bit / 16-bit accumulator target per case (the flow
// tests with strategy files are in verify-strategy.mlir).

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = true, accumulator_bits = 16, overflow = saturate, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 4000, cores = 1>
#conv = #hwq.dtype_config<input = ui4, weight = si4, accumulator = si16, output = ui4, macs_per_cycle = 64>
#t = #hwq.target<name = "int4-acc16", triple = "x86_64-unknown-linux-gnu", cpu = "generic", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "matmul", per_channel = false, alternatives = [#conv]>]>

// A valid calibrated conv: no diagnostic.
module attributes {hwq.target = #t} {
func.func @main(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %sx = arith.constant dense<0.25> : tensor<f32>
  %zx = arith.constant dense<3> : tensor<i32>
  %sw = arith.constant dense<0.125> : tensor<f32>
  %zw = arith.constant dense<0> : tensor<i32>
  %so = arith.constant dense<0.5> : tensor<f32>
  %zo = arith.constant dense<0> : tensor<i32>
  %x = hwq.sim_quantize %arg0 scale(%sx : tensor<f32>) zero_point(%zx : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.in0", hwq.role = "activation", is_signed = false} : tensor<1x4x4x2xf32>
  %wq = hwq.sim_quantize %w scale(%sw : tensor<f32>) zero_point(%zw : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.weight", hwq.role = "weight"} : tensor<3x1x1x2xf32>
  %c = tosa.conv2d %x, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.alternative = 0 : i64, hwq.config = #conv, hwq.kind = "conv2d", hwq.node = "n0"} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %y = hwq.sim_quantize %c scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.output", hwq.role = "output", is_signed = false} : tensor<1x4x4x3xf32>
  return %y : tensor<1x4x4x3xf32>
}
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = true, accumulator_bits = 16, overflow = saturate, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 4000, cores = 1>
#conv = #hwq.dtype_config<input = ui4, weight = si4, accumulator = si16, output = ui4, macs_per_cycle = 64>
#t = #hwq.target<name = "int4-acc16", triple = "x86_64-unknown-linux-gnu", cpu = "generic", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "matmul", per_channel = false, alternatives = [#conv]>]>

// An activation scale that is not a power of two.
module attributes {hwq.target = #t} {
func.func @main(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %sx = arith.constant dense<0.3> : tensor<f32>
  %zx = arith.constant dense<3> : tensor<i32>
  %sw = arith.constant dense<0.125> : tensor<f32>
  %zw = arith.constant dense<0> : tensor<i32>
  %so = arith.constant dense<0.5> : tensor<f32>
  %zo = arith.constant dense<0> : tensor<i32>
  // expected-error @+1 {{edge 'n0.in0' has scale 3.000000e-01, not a power of two; target 'int4-acc16' requires power-of-two scales}}
  %x = hwq.sim_quantize %arg0 scale(%sx : tensor<f32>) zero_point(%zx : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.in0", hwq.role = "activation", is_signed = false} : tensor<1x4x4x2xf32>
  %wq = hwq.sim_quantize %w scale(%sw : tensor<f32>) zero_point(%zw : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.weight", hwq.role = "weight"} : tensor<3x1x1x2xf32>
  %c = tosa.conv2d %x, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.alternative = 0 : i64, hwq.config = #conv, hwq.kind = "conv2d", hwq.node = "n0"} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %y = hwq.sim_quantize %c scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.output", hwq.role = "output", is_signed = false} : tensor<1x4x4x3xf32>
  return %y : tensor<1x4x4x3xf32>
}
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = true, accumulator_bits = 16, overflow = saturate, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 4000, cores = 1>
#conv = #hwq.dtype_config<input = ui4, weight = si4, accumulator = si16, output = ui4, macs_per_cycle = 64>
#t = #hwq.target<name = "int4-acc16", triple = "x86_64-unknown-linux-gnu", cpu = "generic", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "matmul", per_channel = false, alternatives = [#conv]>]>

// A weight zero point on a target with symmetric weights.
module attributes {hwq.target = #t} {
func.func @main(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %sx = arith.constant dense<0.25> : tensor<f32>
  %zx = arith.constant dense<3> : tensor<i32>
  %sw = arith.constant dense<0.125> : tensor<f32>
  %zw = arith.constant dense<1> : tensor<i32>
  %so = arith.constant dense<0.5> : tensor<f32>
  %zo = arith.constant dense<0> : tensor<i32>
  %x = hwq.sim_quantize %arg0 scale(%sx : tensor<f32>) zero_point(%zx : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.in0", hwq.role = "activation", is_signed = false} : tensor<1x4x4x2xf32>
  // expected-error @+1 {{edge 'n0.weight' has zero point 1; target 'int4-acc16' requires symmetric weights (zero point 0)}}
  %wq = hwq.sim_quantize %w scale(%sw : tensor<f32>) zero_point(%zw : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.weight", hwq.role = "weight"} : tensor<3x1x1x2xf32>
  %c = tosa.conv2d %x, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.alternative = 0 : i64, hwq.config = #conv, hwq.kind = "conv2d", hwq.node = "n0"} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %y = hwq.sim_quantize %c scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.output", hwq.role = "output", is_signed = false} : tensor<1x4x4x3xf32>
  return %y : tensor<1x4x4x3xf32>
}
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = true, accumulator_bits = 16, overflow = saturate, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 4000, cores = 1>
#conv = #hwq.dtype_config<input = ui4, weight = si4, accumulator = si16, output = ui4, macs_per_cycle = 64>
#t = #hwq.target<name = "int4-acc16", triple = "x86_64-unknown-linux-gnu", cpu = "generic", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "matmul", per_channel = false, alternatives = [#conv]>]>

// An hwq.config that is not the target's alternative.
module attributes {hwq.target = #t} {
func.func @main(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %sx = arith.constant dense<0.25> : tensor<f32>
  %zx = arith.constant dense<3> : tensor<i32>
  %sw = arith.constant dense<0.125> : tensor<f32>
  %zw = arith.constant dense<0> : tensor<i32>
  %so = arith.constant dense<0.5> : tensor<f32>
  %zo = arith.constant dense<0> : tensor<i32>
  %x = hwq.sim_quantize %arg0 scale(%sx : tensor<f32>) zero_point(%zx : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.in0", hwq.role = "activation", is_signed = false} : tensor<1x4x4x2xf32>
  %wq = hwq.sim_quantize %w scale(%sw : tensor<f32>) zero_point(%zw : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.weight", hwq.role = "weight"} : tensor<3x1x1x2xf32>
  // expected-error @+1 {{node 'n0' (conv2d): its hwq.config is not alternative 0 of target 'int4-acc16' for 'conv2d'}}
  %c = tosa.conv2d %x, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = ui8, weight = si8, accumulator = si32, output = ui8, macs_per_cycle = 64>, hwq.kind = "conv2d", hwq.node = "n0"} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %y = hwq.sim_quantize %c scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.output", hwq.role = "output", is_signed = false} : tensor<1x4x4x3xf32>
  return %y : tensor<1x4x4x3xf32>
}
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = true, accumulator_bits = 16, overflow = saturate, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 4000, cores = 1>
#conv = #hwq.dtype_config<input = ui4, weight = si4, accumulator = si16, output = ui4, macs_per_cycle = 64>
#t = #hwq.target<name = "int4-acc16", triple = "x86_64-unknown-linux-gnu", cpu = "generic", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "matmul", per_channel = false, alternatives = [#conv]>]>

// An alternative index outside the rule.
module attributes {hwq.target = #t} {
func.func @main(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %sx = arith.constant dense<0.25> : tensor<f32>
  %zx = arith.constant dense<3> : tensor<i32>
  %sw = arith.constant dense<0.125> : tensor<f32>
  %zw = arith.constant dense<0> : tensor<i32>
  %so = arith.constant dense<0.5> : tensor<f32>
  %zo = arith.constant dense<0> : tensor<i32>
  %x = hwq.sim_quantize %arg0 scale(%sx : tensor<f32>) zero_point(%zx : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.in0", hwq.role = "activation", is_signed = false} : tensor<1x4x4x2xf32>
  %wq = hwq.sim_quantize %w scale(%sw : tensor<f32>) zero_point(%zw : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.weight", hwq.role = "weight"} : tensor<3x1x1x2xf32>
  // expected-error @+1 {{node 'n0' (conv2d): its hwq.config is not alternative 3 of target 'int4-acc16' for 'conv2d'}}
  %c = tosa.conv2d %x, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.alternative = 3 : i64, hwq.config = #conv, hwq.kind = "conv2d", hwq.node = "n0"} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %y = hwq.sim_quantize %c scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) {bits = 4 : i32, hwq.edge = "n0.output", hwq.role = "output", is_signed = false} : tensor<1x4x4x3xf32>
  return %y : tensor<1x4x4x3xf32>
}
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = true, accumulator_bits = 16, overflow = saturate, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 4000, cores = 1>
#conv = #hwq.dtype_config<input = ui4, weight = si4, accumulator = si16, output = ui4, macs_per_cycle = 64>
#t = #hwq.target<name = "int4-acc16", triple = "x86_64-unknown-linux-gnu", cpu = "generic", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "matmul", per_channel = false, alternatives = [#conv]>]>

// A realized conv that multiplies u8 by s8 and accumulates in 32 bits: no
// alternative of the target takes it.
module attributes {hwq.target = #t} {
func.func @main(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.25:3>>) -> tensor<1x4x4x3x!quant.uniform<i32:f32, 0.03125>> {
  %w = "tosa.const"() <{values = dense<1> : tensor<3x1x1x2xi8>}> : () -> tensor<3x1x1x2x!quant.uniform<i8:f32, 0.125>>
  // expected-error @+1 {{'hwq.conv2d' multiplies u8 by s8, which no integer alternative of 'conv2d' on target 'int4-acc16' allows}}
  %c = hwq.conv2d %x, %w {dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2x!quant.uniform<u8:f32, 0.25:3>>, tensor<3x1x1x2x!quant.uniform<i8:f32, 0.125>>) -> tensor<1x4x4x3x!quant.uniform<i32:f32, 0.03125>>
  return %c : tensor<1x4x4x3x!quant.uniform<i32:f32, 0.03125>>
}
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = true, accumulator_bits = 16, overflow = saturate, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 4000, cores = 1>
#conv = #hwq.dtype_config<input = ui4, weight = si4, accumulator = si16, output = ui4, macs_per_cycle = 64>
#t = #hwq.target<name = "int4-acc16", triple = "x86_64-unknown-linux-gnu", cpu = "generic", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "matmul", per_channel = false, alternatives = [#conv]>]>

// A realized fully connected layer on u4 x s4 into 16 bits, K = 300:
// 300 * 15 * 8 = 36000 may saturate; the weights are per axis although the
// matmul rule is per tensor, with a scale that is not a power of two.
module attributes {hwq.target = #t} {
func.func @main(%x: tensor<1x300x!quant.uniform<u8<0:15>:f32, 0.25>>) -> tensor<1x2x!quant.uniform<i16:f32:1, {0.03125, 0.075}>> {
  %w = "tosa.const"() <{values = dense<1> : tensor<2x300xi8>}> : () -> tensor<2x300x!quant.uniform<i8<-8:7>:f32:0, {0.125, 0.3}>>
  // expected-error @+3 {{operand type 'tensor<2x300x!quant.uniform<i8<-8:7>:f32:0, {1.250000e-01,3.000000e-01}>>' has scale 3.000000e-01, not a power of two; target 'int4-acc16' requires power-of-two scales}}
  // expected-error @+2 {{'hwq.fully_connected' has per-axis weights, but target 'int4-acc16' allows only per-tensor weights for 'matmul'}}
  // expected-error @+1 {{'hwq.fully_connected': worst-case accumulator 300 * 15 * 8 = 36000 exceeds the 16-bit saturating accumulator (32767) of target 'int4-acc16'; use fewer bits or a smaller reduction}}
  %c = hwq.fully_connected %x, %w : (tensor<1x300x!quant.uniform<u8<0:15>:f32, 0.25>>, tensor<2x300x!quant.uniform<i8<-8:7>:f32:0, {0.125, 0.3}>>) -> tensor<1x2x!quant.uniform<i16:f32:1, {0.03125, 0.075}>>
  return %c : tensor<1x2x!quant.uniform<i16:f32:1, {0.03125, 0.075}>>
}
}

// -----

// A clamp left float although the target runs clamps only in integer.
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = true, accumulator_bits = 16, overflow = saturate, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 4000, cores = 1>
#t = #hwq.target<name = "int4-acc16", triple = "x86_64-unknown-linux-gnu", cpu = "generic", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "clamp", per_channel = false, alternatives = [#hwq.dtype_config<input = ui4, weight = none, accumulator = ui4, output = ui4, macs_per_cycle = 1>]>]>
module attributes {hwq.target = #t} {
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{node 'n0' (clamp) stays float, but target 'int4-acc16' has only integer alternatives for 'clamp'}}
  %r = tosa.clamp %x {min_val = 0.0 : f32, max_val = 6.0 : f32, hwq.kind = "clamp", hwq.node = "n0"} : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
}
