// hwq-verify-strategy accepts every stage of a shipped target's flow on a
// graph with an average pool, a residual add and ReLU6 (hwq-exact-sim puts
// snaps, add inputs and the pool's split between ops and their output edges;
// the verifier finds edges by name and through those intermediate grids).
//
// RUN: hwq-run --make-input=6x1x4x4x2:f32:3:-2:2 %t.cal.npy
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-annotate=remarks=false \
// RUN:   --hwq-calibrate=data=npy:%t.cal.npy --hwq-verify-strategy --hwq-exact-sim \
// RUN:   --hwq-verify-strategy --hwq-realize --hwq-verify-strategy -o %t.real.mlir
// RUN: hwq-opt %s --hwq-target=%targets/arm-neon.yaml --hwq-annotate=remarks=false \
// RUN:   --hwq-calibrate=data=npy:%t.cal.npy --hwq-exact-sim --hwq-verify-strategy -o /dev/null
// RUN: FileCheck %s --input-file %t.real.mlir
// CHECK: hwq.avg_pool2d
// CHECK: hwq.add
func.func @main(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.3]]], [[[0.2, 0.1]]]]> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() {values = dense<[0.1, -0.1]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %r = tosa.clamp %c {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %p = tosa.avg_pool2d %r, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %m = tosa.max_pool2d %r {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32>
  %a = tosa.add %p, %m : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %a : tensor<1x2x2x2xf32>
}
