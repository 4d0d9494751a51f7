// RUN: hwq-opt --hwq-target=%targets/nvidia-sm90.yaml %s | FileCheck %s

// The shipped nvidia-sm90 description attaches to a float TOSA module.

// CHECK: module attributes {hwq.target = #hwq.target<name = "nvidia-sm90"
// CHECK-SAME: triple = "nvptx64-nvidia-cuda", cpu = "sm_90", features = "+ptx80"
// CHECK-SAME: scheme = <symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = saturate, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
// CHECK-SAME: cost = <clock_mhz = 1830, memory_bandwidth_mbps = 3350000, cores = 132>
// CHECK-SAME: #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 2048>, #hwq.dtype_config<input = f16, weight = f16, accumulator = f32, output = f16, macs_per_cycle = 1024>, #hwq.dtype_config<input = f32, weight = f32, accumulator = f32, output = f32, macs_per_cycle = 128>]>
// CHECK-SAME: #hwq.op_rule<op = "softmax", per_channel = false, alternatives = [#hwq.dtype_config<input = f32, weight = none, accumulator = f32, output = f32, macs_per_cycle = {{[0-9]+}}>]>
// CHECK-LABEL: func.func @residual
// CHECK: tosa.add
// CHECK: tosa.clamp
func.func @residual(%x: tensor<1x4xf32>, %y: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = tosa.add %x, %y : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %1 = tosa.clamp %0 {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}
