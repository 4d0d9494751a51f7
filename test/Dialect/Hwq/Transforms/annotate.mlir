// RUN: hwq-opt %s -hwq-annotate="remarks=false" -split-input-file | FileCheck %s
// RUN: hwq-opt %s -hwq-annotate="remarks=false per-channel=false" -split-input-file | FileCheck %s --check-prefix=NOPC

// Signed 8-bit target, per-channel conv weights, integer clamp.
// Stable names: ops with a kind are nodes n0, n1, ... in program order;
// edges are <node>.in<j>, <node>.weight, <node>.output (docs/Strategy.md).
// conv -> relu -> conv: the first conv starts the quantized region, so the
// graph input gets an activation sim_quantize; relu passes the conv's output
// grid through; the second conv reads it without another sim_quantize.

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
module attributes {hwq.target = #hwq.target<name = "s8", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "clamp", per_channel = false, alternatives = [#elem]>]>} {
// CHECK-LABEL: func.func @conv_relu_conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xf32>)
// CHECK: %[[XQ:.*]] = hwq.sim_quantize %[[X]] {bits = 8 : i32, hwq.edge = "n0.in0", hwq.role = "activation"} : tensor<1x4x4x2xf32>
// CHECK: %[[W1Q:.*]] = hwq.sim_quantize %{{.*}} {axis = 0 : i64, bits = 8 : i32, hwq.edge = "n0.weight", hwq.role = "weight", narrow_range = true} : tensor<3x1x1x2xf32>
// CHECK: %[[C1:.*]] = tosa.conv2d %[[XQ]], %[[W1Q]], {{.*}}hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>, hwq.kind = "conv2d", hwq.node = "n0"
// CHECK-NEXT: %[[C1Q:.*]] = hwq.sim_quantize %[[C1]] {bits = 8 : i32, hwq.edge = "n0.output", hwq.role = "output"}
// CHECK-NEXT: %[[R:.*]] = tosa.clamp %[[C1Q]] {{{.*}}hwq.kind = "clamp", hwq.node = "n1"
// CHECK-NEXT: %[[W2Q:.*]] = hwq.sim_quantize %{{.*}} {axis = 0 : i64, bits = 8 : i32, hwq.edge = "n2.weight", hwq.role = "weight", narrow_range = true} : tensor<2x3x3x3xf32>
// CHECK-NEXT: %[[C2:.*]] = tosa.conv2d %[[R]], %[[W2Q]], {{.*}}hwq.node = "n2"
// CHECK-NEXT: %[[C2Q:.*]] = hwq.sim_quantize %[[C2]] {bits = 8 : i32, hwq.edge = "n2.output", hwq.role = "output"}
// CHECK-NEXT: return %[[C2Q]]
// NOPC-LABEL: func.func @conv_relu_conv
// NOPC: hwq.sim_quantize %{{.*}} {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight", narrow_range = true} : tensor<3x1x1x2xf32>
// NOPC: hwq.sim_quantize %{{.*}} {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight", narrow_range = true} : tensor<2x3x3x3xf32>
func.func @conv_relu_conv(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w1 = "tosa.const"() {values = dense<0.5> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b1 = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
  %w2 = "tosa.const"() {values = dense<0.25> : tensor<2x3x3x3xf32>} : () -> tensor<2x3x3x3xf32>
  %b2 = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w1, %b1, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %1 = tosa.clamp %0 {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %2 = tosa.conv2d %1, %w2, %b2, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x3xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  return %2 : tensor<1x4x4x2xf32>
}
}

// -----

// Per-tensor weights only (per_channel = false) and 4-bit weights: the
// weight edge is 4 bits, narrow range, without an axis. Two convs reading
// the graph input share one activation sim_quantize.

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 4000, cores = 4>
module attributes {hwq.target = #hwq.target<name = "w4", triple = "aarch64-linux-gnu", cpu = "cortex-a76", features = "+dotprod", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = si4, accumulator = si32, output = si8, macs_per_cycle = 512>]>]>} {
// CHECK-LABEL: func.func @int4_weights_per_tensor
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xf32>)
// CHECK: %[[XQ:.*]] = hwq.sim_quantize %[[X]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK-NOT: hwq.role = "activation"
// CHECK: %[[WQ:.*]] = hwq.sim_quantize %{{.*}} {bits = 4 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight", narrow_range = true} : tensor<3x1x1x2xf32>
// CHECK: tosa.conv2d %[[XQ]], %[[WQ]]
// CHECK: hwq.sim_quantize %{{.*}} {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output"}
// CHECK: %[[WQ2:.*]] = hwq.sim_quantize %{{.*}} {bits = 4 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight", narrow_range = true} : tensor<3x1x1x2xf32>
// CHECK: tosa.conv2d %[[XQ]], %[[WQ2]]
// CHECK-NOT: hwq.role = "activation"
func.func @int4_weights_per_tensor(%arg0: tensor<1x4x4x2xf32>) -> (tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %1 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  return %0, %1 : tensor<1x4x4x3xf32>, tensor<1x4x4x3xf32>
}
}

// -----

// No integer add: the residual add stays float and reads the quantized
// producers' output edges (the boundary); nothing is inserted on its inputs
// or output. The conv after it starts a new quantized region.

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
#f32 = #hwq.dtype_config<input = f32, weight = none, accumulator = f32, output = f32, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "no-int-add", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "add", per_channel = false, alternatives = [#f32]>]>} {
// CHECK-LABEL: func.func @float_add
// CHECK: %[[C1:.*]] = tosa.conv2d
// CHECK-NEXT: %[[C1Q:.*]] = hwq.sim_quantize %[[C1]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output"}
// CHECK: %[[A:.*]] = tosa.add %[[C1Q]], %[[C1Q]] {hwq.kind = "add", hwq.node = "{{n[0-9]+}}"}
// CHECK-NEXT: %[[AQ:.*]] = hwq.sim_quantize %[[A]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK: %[[W2Q:.*]] = hwq.sim_quantize {{.*}}hwq.role = "weight"
// CHECK-NOT: narrow_range
// CHECK-NEXT: tosa.conv2d %[[AQ]], %[[W2Q]]
func.func @float_add(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %1 = tosa.add %0, %0 : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %2 = tosa.conv2d %1, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  return %2 : tensor<1x4x4x2xf32>
}
}

// -----

// Integer add with a 32-bit input grid preferred and an 8-bit one second:
// the add reads the conv outputs (8 bits) without re-quantization (the
// intersection of si8 and si32 is the producer's si8 grid), then writes its own
// output edge.

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = saturate, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
module attributes {hwq.target = #hwq.target<name = "int-add", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#conv]>,
    #hwq.op_rule<op = "add", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si32, weight = none, accumulator = si32, output = si8, macs_per_cycle = 16>]>]>} {
// CHECK-LABEL: func.func @int_add
// CHECK: %[[C1:.*]] = tosa.conv2d
// CHECK-NEXT: %[[C1Q:.*]] = hwq.sim_quantize %[[C1]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output"}
// CHECK: %[[C2:.*]] = tosa.conv2d
// CHECK-NEXT: %[[C2Q:.*]] = hwq.sim_quantize %[[C2]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output"}
// CHECK-NEXT: %[[A:.*]] = tosa.add %[[C1Q]], %[[C2Q]] {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si32, weight = none, accumulator = si32, output = si8, macs_per_cycle = 16>, hwq.kind = "add", hwq.node = "{{n[0-9]+}}"}
// CHECK-NEXT: %[[AQ:.*]] = hwq.sim_quantize %[[A]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output"}
// CHECK-NEXT: return %[[AQ]]
func.func @int_add(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %1 = tosa.conv2d %0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %2 = tosa.add %0, %1 : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %2 : tensor<1x4x4x2xf32>
}
}

// -----

// Unsigned activations (u8 x s8 -> u8 after a fused relu, as on VNNI). The
// pooling rule lists an s8 alternative first and a u8 one second: the
// max_pool picks the u8 alternative because its producer is unsigned, and
// passes the grid through. The avg_pool has only an s8 alternative, so its
// input edge is re-quantized to a signed grid.

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = true, power_of_two_scales = true, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "u8", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "+avx512vnni", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = ui8, weight = si8, accumulator = si32, output = ui8, macs_per_cycle = 256>]>,
    #hwq.op_rule<op = "max_pool2d", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si8, output = si8, macs_per_cycle = 64>,
      #hwq.dtype_config<input = ui8, weight = none, accumulator = ui8, output = ui8, macs_per_cycle = 64>]>,
    #hwq.op_rule<op = "avg_pool2d", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>]>]>} {
// CHECK-LABEL: func.func @unsigned_activations
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xf32>)
// CHECK: %[[XQ:.*]] = hwq.sim_quantize %[[X]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation", is_signed = false}
// CHECK: %[[C:.*]] = tosa.conv2d %[[XQ]]
// CHECK-NEXT: %[[CQ:.*]] = hwq.sim_quantize %[[C]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output", is_signed = false}
// CHECK-NEXT: %[[CS:.*]] = hwq.sim_quantize %[[CQ]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK-NEXT: %[[M:.*]] = tosa.max_pool2d %[[CQ]] {{{.*}}hwq.alternative = 1 : i64
// CHECK-NEXT: %[[A:.*]] = tosa.avg_pool2d %[[CS]], {{.*}}hwq.alternative = 0 : i64
// CHECK-NEXT: %[[AQ:.*]] = hwq.sim_quantize %[[A]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output"}
// CHECK-NEXT: return %[[M]], %[[AQ]]
func.func @unsigned_activations(%arg0: tensor<1x4x4x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %1 = tosa.max_pool2d %0 {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32>
  %2 = tosa.avg_pool2d %0, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  return %1, %2 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}
}

// -----

// Softmax is float only: a fully connected layer (matmul with constant B,
// per output column: axis 2) feeds a decomposed softmax, which is recognized
// as one "softmax" node and stays float, reading the matmul's output edge.
// Reshapes have an integer rule and pass the grid through.

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
#f32 = #hwq.dtype_config<input = f32, weight = none, accumulator = f32, output = f32, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "fc", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "matmul", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>]>,
    #hwq.op_rule<op = "reshape", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si8, output = si8, macs_per_cycle = 64>, #f32]>,
    #hwq.op_rule<op = "softmax", per_channel = false, alternatives = [#f32]>]>} {
// CHECK-LABEL: func.func @fc_softmax
// CHECK-SAME: (%[[X:.*]]: tensor<1x4xf32>)
// CHECK: %[[R:.*]] = tosa.reshape %[[X]], {{.*}} {hwq.kind = "reshape", hwq.node = "{{n[0-9]+}}"}
// CHECK-NEXT: %[[RQ:.*]] = hwq.sim_quantize %[[R]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"} : tensor<1x1x4xf32>
// CHECK: %[[WQ:.*]] = hwq.sim_quantize %{{.*}} {axis = 2 : i64, bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight", narrow_range = true} : tensor<1x4x3xf32>
// CHECK-NEXT: %[[M:.*]] = tosa.matmul %[[RQ]], %[[WQ]], {{.*}}hwq.kind = "matmul"
// CHECK-NEXT: %[[MQ:.*]] = hwq.sim_quantize %[[M]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output"}
// CHECK-NEXT: %[[R2:.*]] = tosa.reshape %[[MQ]], {{.*}}hwq.kind = "reshape"
// CHECK-NEXT: tosa.reduce_max %[[R2]] {{{.*}}hwq.kind = "softmax"}
// CHECK-NEXT: tosa.sub %[[R2]], %{{.*}} {hwq.kind = "softmax"}
// CHECK-NEXT: tosa.exp %{{.*}} {hwq.kind = "softmax"}
// CHECK-NEXT: tosa.reduce_sum %{{.*}} {{{.*}}hwq.kind = "softmax"}
// CHECK-NEXT: tosa.reciprocal %{{.*}} {hwq.kind = "softmax"}
// CHECK: %[[Y:.*]] = tosa.mul %{{.*}} {hwq.kind = "softmax", hwq.node = "n3"}
// CHECK-NEXT: return %[[Y]]
func.func @fc_softmax(%arg0: tensor<1x4xf32>) -> tensor<1x3xf32> {
  %s1 = tosa.const_shape {values = dense<[1, 1, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s2 = tosa.const_shape {values = dense<[1, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %w = "tosa.const"() {values = dense<0.5> : tensor<1x4x3xf32>} : () -> tensor<1x4x3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %0 = tosa.reshape %arg0, %s1 : (tensor<1x4xf32>, !tosa.shape<3>) -> tensor<1x1x4xf32>
  %1 = tosa.matmul %0, %w, %zp, %zp : (tensor<1x1x4xf32>, tensor<1x4x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x3xf32>
  %2 = tosa.reshape %1, %s2 : (tensor<1x1x3xf32>, !tosa.shape<2>) -> tensor<1x3xf32>
  %3 = tosa.reduce_max %2 {axis = 1 : i32} : (tensor<1x3xf32>) -> tensor<1x1xf32>
  %4 = tosa.sub %2, %3 : (tensor<1x3xf32>, tensor<1x1xf32>) -> tensor<1x3xf32>
  %5 = tosa.exp %4 : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %6 = tosa.reduce_sum %5 {axis = 1 : i32} : (tensor<1x3xf32>) -> tensor<1x1xf32>
  %7 = tosa.reciprocal %6 : (tensor<1x1xf32>) -> tensor<1x1xf32>
  %8 = tosa.mul %5, %7, %shift : (tensor<1x3xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<1x3xf32>
  return %8 : tensor<1x3xf32>
}
}

// -----

// Integer softmax (a table-driven kernel): the softmax node gets one input
// edge, shared by both readers of its input, and one output edge (u8).

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "int-softmax", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "softmax", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = ui8, macs_per_cycle = 16>]>]>} {
// CHECK-LABEL: func.func @int_softmax
// CHECK-SAME: (%[[X:.*]]: tensor<1x3xf32>)
// CHECK: %[[XQ:.*]] = hwq.sim_quantize %[[X]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK: tosa.reduce_max %[[XQ]]
// CHECK-NEXT: tosa.sub %[[XQ]]
// CHECK: %[[Y:.*]] = tosa.mul {{.*}}hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = ui8, macs_per_cycle = 16>, hwq.kind = "softmax"
// CHECK-NEXT: %[[YQ:.*]] = hwq.sim_quantize %[[Y]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output", is_signed = false}
// CHECK-NEXT: return %[[YQ]]
func.func @int_softmax(%arg0: tensor<1x3xf32>) -> tensor<1x3xf32> {
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %3 = tosa.reduce_max %arg0 {axis = 1 : i32} : (tensor<1x3xf32>) -> tensor<1x1xf32>
  %4 = tosa.sub %arg0, %3 : (tensor<1x3xf32>, tensor<1x1xf32>) -> tensor<1x3xf32>
  %5 = tosa.exp %4 : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %6 = tosa.reduce_sum %5 {axis = 1 : i32} : (tensor<1x3xf32>) -> tensor<1x1xf32>
  %7 = tosa.reciprocal %6 : (tensor<1x1xf32>) -> tensor<1x1xf32>
  %8 = tosa.mul %5, %7, %shift : (tensor<1x3xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<1x3xf32>
  return %8 : tensor<1x3xf32>
}
}

// -----

// Bit-width intersection: the conv reads 4-bit activations. The first conv's
// 8-bit output edge feeds the second conv through one extra 4-bit activation
// edge, while the function result keeps the 8-bit edge. Depthwise weights
// [KH, KW, C, M] with M == 1 are per channel along axis 2; with M == 2 they
// fall back to per tensor.

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 16, overflow = saturate, add_scales = shared, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 800, memory_bandwidth_mbps = 2000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "a4", triple = "armv7", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si4, weight = si4, accumulator = si16, output = si8, macs_per_cycle = 128>]>,
    #hwq.op_rule<op = "depthwise_conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 32>]>]>} {
// CHECK-LABEL: func.func @intersection_and_depthwise
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xf32>)
// CHECK: %[[XQ:.*]] = hwq.sim_quantize %[[X]] {bits = 4 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK: %[[C1:.*]] = tosa.conv2d %[[XQ]]
// CHECK-NEXT: %[[C1Q:.*]] = hwq.sim_quantize %[[C1]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output"}
// CHECK-NEXT: %[[C1Q4:.*]] = hwq.sim_quantize %[[C1Q]] {bits = 4 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK: hwq.sim_quantize %{{.*}} {axis = 0 : i64, bits = 4 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight"} : tensor<2x1x1x2xf32>
// CHECK: %[[C2:.*]] = tosa.conv2d %[[C1Q4]]
// CHECK: hwq.sim_quantize %{{.*}} {axis = 2 : i64, bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight"} : tensor<3x3x2x1xf32>
// CHECK-NEXT: tosa.depthwise_conv2d %[[C1Q]]
// CHECK: hwq.sim_quantize %{{.*}} {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight"} : tensor<3x3x2x2xf32>
// CHECK-NEXT: tosa.depthwise_conv2d %[[C1Q]]
// CHECK: return %[[C1Q]],
func.func @intersection_and_depthwise(%arg0: tensor<1x4x4x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x4xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %dw = "tosa.const"() {values = dense<0.5> : tensor<3x3x2x1xf32>} : () -> tensor<3x3x2x1xf32>
  %dw2 = "tosa.const"() {values = dense<0.5> : tensor<3x3x2x2xf32>} : () -> tensor<3x3x2x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %b4 = "tosa.const"() {values = dense<0.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %1 = tosa.conv2d %0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %2 = tosa.depthwise_conv2d %0, %dw, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %3 = tosa.depthwise_conv2d %0, %dw2, %b4, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x3x2x2xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x4xf32>
  return %0, %1, %2, %3 : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x4xf32>
}
}

// -----

// conv2d lists f32 first (preferred), so the first conv does not start a
// quantized region and stays float. The concat has no float alternative, so
// it is quantized although its inputs are float: both inputs (the graph input
// and the float conv's output) get activation edges and the concat passes
// the grid through. The second conv reads that quantized value and is
// quantized with its integer alternative (index 1). The matmul of two graph
// inputs has no constant weight and no float alternative: both operands are
// activation edges, B with the alternative's weight dtype (4 bits).

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
#f32 = #hwq.dtype_config<input = f32, weight = none, accumulator = f32, output = f32, macs_per_cycle = 16>
#f32w = #hwq.dtype_config<input = f32, weight = f32, accumulator = f32, output = f32, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "mixed", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#f32w,
      #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>]>,
    #hwq.op_rule<op = "concat", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si8, output = si8, macs_per_cycle = 64>]>,
    #hwq.op_rule<op = "matmul", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si8, weight = si4, accumulator = si32, output = si16, macs_per_cycle = 64>]>]>} {
// CHECK-LABEL: func.func @concat_and_preferences
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xf32>, %[[A:.*]]: tensor<1x2x3xf32>, %[[B:.*]]: tensor<1x3x2xf32>)
// CHECK-DAG: %[[AQ:.*]] = hwq.sim_quantize %[[A]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK-DAG: %[[BQ:.*]] = hwq.sim_quantize %[[B]] {bits = 4 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK-DAG: %[[XQ:.*]] = hwq.sim_quantize %[[X]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK: %[[C1:.*]] = tosa.conv2d %[[X]], %{{[0-9]+}}, {{.*}} {acc_type = f32, dilation = array<i64: 1, 1>, hwq.kind = "conv2d", hwq.node = "{{n[0-9]+}}", pad
// CHECK-NEXT: %[[C1Q:.*]] = hwq.sim_quantize %[[C1]] {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation"}
// CHECK-NEXT: %[[CAT:.*]] = tosa.concat %[[XQ]], %[[C1Q]] {{{.*}}hwq.kind = "concat", hwq.node = "{{n[0-9]+}}"}
// CHECK: tosa.conv2d %[[CAT]], {{.*}}hwq.alternative = 1 : i64
// CHECK: %[[MM:.*]] = tosa.matmul %[[AQ]], %[[BQ]]
// CHECK-NEXT: hwq.sim_quantize %[[MM]] {bits = 16 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output"}
func.func @concat_and_preferences(%arg0: tensor<1x4x4x2xf32>, %a: tensor<1x2x3xf32>, %b: tensor<1x3x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x2x2xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %w4 = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x4xf32>} : () -> tensor<2x1x1x4xf32>
  %b2 = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b2, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %1 = tosa.concat %arg0, %0 {axis = 3 : i32} : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x4xf32>
  %2 = tosa.conv2d %1, %w4, %b2, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>, tensor<2x1x1x4xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %3 = tosa.matmul %a, %b, %zp, %zp : (tensor<1x2x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2xf32>
  return %2, %3 : tensor<1x4x4x2xf32>, tensor<1x2x2xf32>
}
}
