// RUN: hwq-opt %s --hwq-prepare | FileCheck %s --check-prefix=PREP
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-prepare --hwq-annotate=remarks=false \
// RUN:   --hwq-calibrate="data-free=true input-range=-1:1.55" | FileCheck %s
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-prepare --hwq-annotate=remarks=false \
// RUN:   --hwq-calibrate="data-free=true input-range=-1:1.55 bn-sigmas=1" | FileCheck %s --check-prefix=K1
// RUN: not hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-prepare --hwq-annotate=remarks=false \
// RUN:   --hwq-calibrate="data-free=true" 2>&1 | FileCheck %s --check-prefix=NOINPUT
// RUN: not hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-prepare --hwq-annotate=remarks=false \
// RUN:   --hwq-calibrate="data-free=true input-range=-1:1 method=kl" 2>&1 | FileCheck %s --check-prefix=METHOD
// RUN: not hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-prepare --hwq-annotate=remarks=false \
// RUN:   --hwq-calibrate="data-free=true input-range=2:1" 2>&1 | FileCheck %s --check-prefix=RANGE

// Data-free calibration (docs/Strategy.md): conv -> batch norm (mul + add,
// the add carrying the BN output's mean and std as the ONNX importer writes
// them) -> ReLU -> 1x1 conv without batch norm.
//
// hwq-prepare folds the BN into the first conv and moves the statistics
// onto it.
// PREP-LABEL: func.func @bn_net
// PREP: tosa.conv2d {{.*}}hwq.bn_mean = dense<[5.000000e-01, -1.000000e+00]> : tensor<2xf32>, hwq.bn_std = dense<[2.500000e-01, 5.000000e-01]> : tensor<2xf32>
// PREP-NOT: tosa.mul
// PREP-NOT: tosa.add
//
// Ranges (k = 3): input [-1, 1.55] -> u8 scale 2.55 / 255 = 0.01, zero point
// 100. BN channels [0.5 -+ 0.75] = [-0.25, 1.25] and [-1 -+ 1.5] = [-2.5,
// 0.5]: union [-2.5, 1.25], measured after the fused ReLU: [0, 1.25], scale
// 1.25 / 255 = 0.00490196..., zero point 0. Second conv, by interval
// arithmetic on x in [0, 1.25] with weights [0.5, -0.25] and [1, 1], bias
// [0.1, -0.2]: channel 0 [0.1 - 0.3125, 0.1 + 0.625], channel 1 [-0.2, 2.3]:
// [-0.2125, 2.3], scale 2.5125 / 255 = 0.0098529..., zero point
// round(0.2125 / scale) = round(21.57) = 22.
// CHECK-LABEL: func.func @bn_net
// CHECK: %[[S0:.*]] = arith.constant dense<0.00999999977> : tensor<f32>
// CHECK: %[[Z0:.*]] = arith.constant dense<100> : tensor<i32>
// CHECK: hwq.sim_quantize %arg0 scale(%[[S0]] : tensor<f32>) zero_point(%[[Z0]] : tensor<i32>)
// CHECK: %[[S1:.*]] = arith.constant dense<0.00490196096> : tensor<f32>
// CHECK: %[[Z1:.*]] = arith.constant dense<0> : tensor<i32>
// CHECK: hwq.sim_quantize %{{.*}} scale(%[[S1]] : tensor<f32>) zero_point(%[[Z1]] : tensor<i32>) {{.*}}hwq.edge = "n0.output"
// CHECK: %[[S2:.*]] = arith.constant dense<0.00985294115> : tensor<f32>
// CHECK: %[[Z2:.*]] = arith.constant dense<22> : tensor<i32>
// CHECK: hwq.sim_quantize %{{.*}} scale(%[[S2]] : tensor<f32>) zero_point(%[[Z2]] : tensor<i32>) {{.*}}hwq.edge = "n2.output"
//
// k = 1: BN channels [0.25, 0.75] and [-1.5, -0.5]; after ReLU [0, 0.75],
// scale 0.75 / 255 = 0.00294117...
// K1: arith.constant dense<0.00294117653> : tensor<f32>
//
// NOINPUT: error: 'hwq.sim_quantize' op data-free calibration cannot bound edge 'sq0.activation': it reads a function argument; give input-range=LO:HI
// METHOD: error: hwq-calibrate: data-free=true gives each edge a range, not a distribution; use method=max
// RANGE: error: hwq-calibrate: input-range must be LO:HI with finite LO <= HI, got '2:1'
func.func @bn_net(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.3]]], [[[0.2, 0.1]]]]> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %k = "tosa.const"() {values = dense<[[[[2.0, 4.0]]]]> : tensor<1x1x1x2xf32>} : () -> tensor<1x1x1x2xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %m = tosa.mul %c, %k, %shift : (tensor<1x4x4x2xf32>, tensor<1x1x1x2xf32>, tensor<1xi8>) -> tensor<1x4x4x2xf32>
  %beta = "tosa.const"() {values = dense<[[[[0.5, -1.0]]]]> : tensor<1x1x1x2xf32>} : () -> tensor<1x1x1x2xf32>
  %bn = tosa.add %m, %beta {hwq.bn_mean = dense<[0.5, -1.0]> : tensor<2xf32>, hwq.bn_std = dense<[0.25, 0.5]> : tensor<2xf32>} : (tensor<1x4x4x2xf32>, tensor<1x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  %r = tosa.clamp %bn {min_val = 0.0 : f32, max_val = 3.4028235e38 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %w2 = "tosa.const"() {values = dense<[[[[0.5, -0.25]]], [[[1.0, 1.0]]]]> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b2 = "tosa.const"() {values = dense<[0.1, -0.2]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y = tosa.conv2d %r, %w2, %b2, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}
