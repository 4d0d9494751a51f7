// RUN: hwq-opt --hwq-target=%targets/x86-avx512-vnni.yaml %s | FileCheck %s

// The shipped x86-avx512-vnni description attaches to a float TOSA module.

// CHECK: module attributes {hwq.target = #hwq.target<name = "x86-avx512-vnni"
// CHECK-SAME: triple = "x86_64-unknown-linux-gnu", cpu = "sapphirerapids", features = "+avx512f,+avx512bw,+avx512vl,+avx512vnni"
// CHECK-SAME: scheme = <symmetric_weights = true, symmetric_activations = false, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
// CHECK-SAME: cost = <clock_mhz = 2300, memory_bandwidth_mbps = 20000, cores = 2>
// CHECK-SAME: #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#hwq.dtype_config<input = ui8, weight = si8, accumulator = si32, output = ui8, macs_per_cycle = 128>, #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 128>, #hwq.dtype_config<input = f32, weight = f32, accumulator = f32, output = f32, macs_per_cycle = 32>]>
// CHECK-SAME: #hwq.op_rule<op = "add", per_channel = false, alternatives = [#hwq.dtype_config<input = ui8, weight = none, accumulator = si32, output = ui8
// CHECK-SAME: #hwq.op_rule<op = "softmax", per_channel = false, alternatives = [#hwq.dtype_config<input = f32, weight = none, accumulator = f32, output = f32, macs_per_cycle = {{[0-9]+}}>]>
// CHECK-LABEL: func.func @residual
// CHECK: tosa.add
// CHECK: tosa.clamp
func.func @residual(%x: tensor<1x4xf32>, %y: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = tosa.add %x, %y : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %1 = tosa.clamp %0 {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}
