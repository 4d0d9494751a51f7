// Scale sharing (add_scales / concat_scales), pass-through tracing and
// power-of-two scales, on symmetric s8 activations. Two samples of 1x4:
//   [0.5, -1, 2, 1] and [1, 0.25, -3, 0.5]
// p = x[0:2] has max |p| = 1, q = x[2:4] has max |q| = 3, p + q has
// max |p + q| = 2.5.
// RUN: echo "0.5 -1 2 1  1 0.25 -3 0.5" | hwq-eval --write-npy=2x1x4:f32 %t.npy
// RUN: hwq-opt %s -split-input-file -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.npy" | FileCheck %s

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = shared, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "shared", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "add", per_channel = false, alternatives = [#elem]>]>} {
// add_scales = shared: both inputs and the output get the union range
// [-3, 3]: scale 3 / 127 = 0.0236220472 everywhere.
// CHECK-LABEL: func.func @add_shared
// CHECK: %[[S0:.*]] = arith.constant dense<0.0236220472> : tensor<f32>
// CHECK: hwq.sim_quantize %{{.*}} scale(%[[S0]] : tensor<f32>) {{.*}}hwq.role = "activation"
// CHECK: %[[S1:.*]] = arith.constant dense<0.0236220472> : tensor<f32>
// CHECK: hwq.sim_quantize %{{.*}} scale(%[[S1]] : tensor<f32>) {{.*}}hwq.role = "activation"
// CHECK: tosa.add
// CHECK: %[[S2:.*]] = arith.constant dense<0.0236220472> : tensor<f32>
// CHECK: hwq.sim_quantize %{{.*}} scale(%[[S2]] : tensor<f32>) {{.*}}hwq.role = "output"
func.func @add_shared(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %s0 = tosa.const_shape {values = dense<[0, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %s2 = tosa.const_shape {values = dense<[0, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %size = tosa.const_shape {values = dense<[1, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %p = tosa.slice %x, %s0, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %q = tosa.slice %x, %s2, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %sum = tosa.add %p, %q : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  return %sum : tensor<1x2xf32>
}
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "requantize", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "add", per_channel = false, alternatives = [#elem]>]>} {
// add_scales = requantize: every edge keeps its own range:
// 1 / 127 = 0.00787401571, 3 / 127, 2.5 / 127 = 0.0196850393.
// CHECK-LABEL: func.func @add_requantize
// CHECK: arith.constant dense<0.00787401571> : tensor<f32>
// CHECK: hwq.role = "activation"
// CHECK: arith.constant dense<0.0236220472> : tensor<f32>
// CHECK: hwq.role = "activation"
// CHECK: tosa.add
// CHECK: arith.constant dense<0.0196850393> : tensor<f32>
// CHECK: hwq.role = "output"
func.func @add_requantize(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %s0 = tosa.const_shape {values = dense<[0, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %s2 = tosa.const_shape {values = dense<[0, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %size = tosa.const_shape {values = dense<[1, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %p = tosa.slice %x, %s0, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %q = tosa.slice %x, %s2, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %sum = tosa.add %p, %q : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  return %sum : tensor<1x2xf32>
}
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = true, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "pot", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "add", per_channel = false, alternatives = [#elem]>]>} {
// power_of_two_scales: each scale rounds up to a power of two:
// 1 / 127 -> 2^-6 = 0.015625, 3 / 127 -> 2^-5 = 0.03125, 2.5 / 127 -> 2^-5.
// CHECK-LABEL: func.func @add_power_of_two
// CHECK: arith.constant dense<1.562500e-02> : tensor<f32>
// CHECK: hwq.role = "activation"
// CHECK: arith.constant dense<3.125000e-02> : tensor<f32>
// CHECK: hwq.role = "activation"
// CHECK: tosa.add
// CHECK: arith.constant dense<3.125000e-02> : tensor<f32>
// CHECK: hwq.role = "output"
func.func @add_power_of_two(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %s0 = tosa.const_shape {values = dense<[0, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %s2 = tosa.const_shape {values = dense<[0, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %size = tosa.const_shape {values = dense<[1, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %p = tosa.slice %x, %s0, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %q = tosa.slice %x, %s2, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %sum = tosa.add %p, %q : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  return %sum : tensor<1x2xf32>
}
}

// -----

#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si8, output = si8, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "concat", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "clamp", per_channel = false, alternatives = [#elem]>,
    #hwq.op_rule<op = "concat", per_channel = false, alternatives = [#elem]>]>} {
// concat_scales = shared: the concat reads the clamp (a pass-through op on
// p's edge, measured after the clamp: max 0.5) and q's edge (max 3); both
// edges get 3 / 127. The concat itself has no sim_quantize.
// CHECK-LABEL: func.func @concat_shared_through_clamp
// CHECK: %[[S0:.*]] = arith.constant dense<0.0236220472> : tensor<f32>
// CHECK: %[[P:.*]] = hwq.sim_quantize %{{.*}} scale(%[[S0]] : tensor<f32>) {{.*}}hwq.role = "activation"
// CHECK: %[[S1:.*]] = arith.constant dense<0.0236220472> : tensor<f32>
// CHECK: %[[Q:.*]] = hwq.sim_quantize %{{.*}} scale(%[[S1]] : tensor<f32>) {{.*}}hwq.role = "activation"
// CHECK: %[[C:.*]] = tosa.clamp %[[P]]
// CHECK: %[[R:.*]] = tosa.concat %[[C]], %[[Q]]
// CHECK-NEXT: return %[[R]]
func.func @concat_shared_through_clamp(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %s0 = tosa.const_shape {values = dense<[0, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %s2 = tosa.const_shape {values = dense<[0, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %size = tosa.const_shape {values = dense<[1, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %p = tosa.slice %x, %s0, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %q = tosa.slice %x, %s2, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %c = tosa.clamp %p {min_val = -0.5 : f32, max_val = 0.5 : f32} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %r = tosa.concat %c, %q {axis = 1 : i32} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
  return %r : tensor<1x4xf32>
}
}
