// RUN: hwq-opt %s -hwq-annotate -split-input-file -verify-diagnostics

// expected-error @+1 {{hwq-annotate needs a #hwq.target in the module's 'hwq.target' attribute}}
module {
  func.func @no_target(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
    return %arg0 : tensor<1x4xf32>
  }
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  // expected-error @+1 {{'func.func' op argument #0 has a dynamic or unranked type 'tensor<?x4xf32>'; hwq-annotate needs static shapes}}
  func.func @dynamic_argument(%arg0: tensor<?x4xf32>) -> tensor<?x4xf32> {
    return %arg0 : tensor<?x4xf32>
  }
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @dynamic_result(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
    // expected-error @+1 {{'tensor.cast' op has a dynamic or unranked tensor type 'tensor<?x4xf32>'; hwq-annotate needs static shapes}}
    %0 = tensor.cast %arg0 : tensor<1x4xf32> to tensor<?x4xf32>
    %1 = tensor.cast %0 : tensor<?x4xf32> to tensor<1x4xf32>
    return %1 : tensor<1x4xf32>
  }
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "s8", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>]>]>} {
  func.func @weight_not_constant(%arg0: tensor<1x4x4x2xf32>, %w: tensor<3x1x1x2xf32>) -> tensor<1x4x4x3xf32> {
    %b = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
    %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
    // expected-error @+1 {{'tosa.conv2d' op is quantized for target 's8' but its weight is not a constant}}
    %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
    return %0 : tensor<1x4x4x3xf32>
  }
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @already_annotated(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
    // expected-error @+1 {{'hwq.sim_quantize' op found in the input; hwq-annotate runs once on a float graph}}
    %0 = hwq.sim_quantize %arg0 {bits = 8 : i32} : tensor<1x4xf32>
    return %0 : tensor<1x4xf32>
  }
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 64, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "wide", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si8, weight = si8, accumulator = si64, output = si64, macs_per_cycle = 256>]>]>} {
  func.func @output_too_wide(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
    %w = "tosa.const"() {values = dense<1.0> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
    %b = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
    %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
    // expected-error @+1 {{'tosa.conv2d' op target 'wide' gives output type 'si64', which cannot be simulated (integer of 2 to 32 bits needed)}}
    %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
    return %0 : tensor<1x4x4x3xf32>
  }
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @integer_graph(%arg0: tensor<1x4xi32>) -> tensor<1x4xi32> {
    // expected-error @+1 {{'tosa.add' op has a non-float activation operand of type 'tensor<1x4xi32>'; hwq-annotate expects a float graph}}
    %0 = tosa.add %arg0, %arg0 : (tensor<1x4xi32>, tensor<1x4xi32>) -> tensor<1x4xi32>
    return %0 : tensor<1x4xi32>
  }
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  // expected-error @+1 {{'func.func' op has 2 blocks; hwq-annotate handles single-block functions}}
  func.func @two_blocks(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
    cf.br ^bb1
  ^bb1:
    return %arg0 : tensor<1x4xf32>
  }
}

// -----

// Ops that stay float after a quantized producer are remarked (not errors):
// an op with no operator kind, a kind the target has no rule for, and a kind
// with only float alternatives.

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "s8", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>]>,
    #hwq.op_rule<op = "sigmoid", per_channel = false, alternatives = [
      #hwq.dtype_config<input = f32, weight = none, accumulator = f32, output = f32, macs_per_cycle = 16>]>]>} {
  func.func @float_boundaries(%arg0: tensor<1x4x4x2xf32>) -> (tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>) {
    %w = "tosa.const"() {values = dense<1.0> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
    %b = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
    %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
    %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
    // expected-remark @+1 {{stays float after a quantized producer: no operator kind for 'tosa.exp'}}
    %1 = tosa.exp %0 : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
    // expected-remark @+1 {{stays float after a quantized producer: target 's8' has no rule for 'clamp'}}
    %2 = tosa.clamp %0 {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
    // expected-remark @+1 {{stays float after a quantized producer: target 's8' has only float alternatives for 'sigmoid'}}
    %3 = tosa.sigmoid %0 : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
    // Float ops that read float values are not remarked.
    %4 = tosa.sigmoid %1 : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
    return %2, %3, %4 : tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>
  }
}

// -----

// A matmul alternative without a weight type cannot quantize B.

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "noweight", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "matmul", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>]>]>} {
  func.func @matmul_without_weight_type(%a: tensor<1x2x3xf32>, %b: tensor<1x3x2xf32>) -> tensor<1x2x2xf32> {
    %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
    // expected-error @+1 {{'tosa.matmul' op target 'noweight' gives weight type 'none', which cannot be simulated}}
    %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<1x2x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2xf32>
    return %0 : tensor<1x2x2xf32>
  }
}
