// End to end on a shipped target: float TOSA -> hwq-annotate -> (hand)
// calibration -> hwq-exact-sim -> hwq-realize; the simulated and the realized
// graphs print the same values for the same inputs (the numerics contract).
// Calibration is a sed script that gives every edge of a role one scale and
// zero point (Inputs/hand-calibrate.sed); HWQNumericsTests covers calibrated
// random graphs on every target.
//
// RUN: hwq-opt --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-annotate=remarks=false %s \
// RUN:   | sed -E -f %S/Inputs/hand-calibrate.sed \
// RUN:   | hwq-opt --hwq-exact-sim -o %t.sim.mlir
// RUN: hwq-opt --hwq-realize %t.sim.mlir -o %t.real.mlir
// RUN: FileCheck %s --input-file %t.real.mlir
//
// RUN: hwq-run --make-input=1x4x4x2:f32:1:-3:3 %t.x1.npy
// RUN: hwq-run %t.sim.mlir --input %t.x1.npy --print > %t.sim1.txt
// RUN: hwq-run %t.real.mlir --input %t.x1.npy --print > %t.real1.txt
// RUN: diff %t.sim1.txt %t.real1.txt
// RUN: FileCheck %s --check-prefix=PRINT --input-file %t.real1.txt
// RUN: hwq-run --make-input=1x4x4x2:f32:2:-3:3 %t.x2.npy
// RUN: hwq-run %t.sim.mlir --input %t.x2.npy --output %t.sim2.npz
// RUN: hwq-run %t.real.mlir --input %t.x2.npy --output %t.real2.npz
// RUN: cmp %t.sim2.npz %t.real2.npz
// RUN: hwq-run --make-input=1x4x4x2:f32:3:-6:6 %t.x3.npy
// RUN: hwq-run %t.sim.mlir --input %t.x3.npy --output %t.sim3.npz
// RUN: hwq-run %t.real.mlir --input %t.x3.npy --output %t.real3.npz
// RUN: cmp %t.sim3.npz %t.real3.npz

// The realized graph: u8 input with zero point 80, per-tensor s8 weights,
// ReLU6 fused (clamp_min = z_out = 40, clamp_max = round(6 / 0.045) + 40 =
// 173), the average pool and the fully connected layer on integers.
// CHECK-LABEL: func.func @main
// CHECK-NOT: hwq.sim_quantize
// CHECK: hwq.quantize %arg0 : tensor<1x4x4x2xf32> -> tensor<1x4x4x2x!quant.uniform<u8:f32, 0.029999999329447746:80>>
// CHECK: hwq.conv2d
// CHECK: hwq.requantize %{{.*}} {clamp_max = 173 : i64, clamp_min = 40 : i64,
// CHECK: hwq.avg_pool2d
// CHECK: hwq.fully_connected
// CHECK: hwq.requantize
// CHECK-NOT: hwq.sim_quantize
// CHECK: return

// PRINT: output #0: 1x4x4x2xf32
// PRINT-COUNT-16: {{^}}[0, {{[0-3]}}, {{[0-3]}}, :] {{[0-9.e+-]+ [0-9.e+-]+$}}
// PRINT: output #1: 1x1x3xf32

func.func @main(%x: tensor<1x4x4x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x1x3xf32>) {
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.3], [0.2, 0.1], [-0.4, 0.6]], [[0.3, 0.3], [-0.7, 0.2], [0.1, -0.1]], [[0.25, -0.5], [0.4, 0.05], [-0.2, 0.3]]], [[[-0.6, 0.2], [0.1, 0.4], [0.3, -0.2]], [[0.2, -0.1], [0.5, 0.5], [-0.3, 0.1]], [[0.1, 0.2], [-0.1, -0.4], [0.6, 0.2]]]]> : tensor<2x3x3x2xf32>} : () -> tensor<2x3x3x2xf32>
  %b = "tosa.const"() {values = dense<[0.11, -0.07]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x3x3x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %r = tosa.clamp %c {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %p = tosa.avg_pool2d %r, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %shape = tosa.const_shape {values = dense<[1, 1, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %p, %shape : (tensor<1x2x2x2xf32>, !tosa.shape<3>) -> tensor<1x1x8xf32>
  %wf = "tosa.const"() {values = dense<[[[0.3, -0.2, 0.5], [0.1, 0.4, -0.6], [-0.3, 0.2, 0.1], [0.7, -0.1, 0.2], [0.2, 0.3, -0.4], [-0.5, 0.6, 0.1], [0.1, -0.7, 0.3], [0.4, 0.1, -0.2]]]> : tensor<1x8x3xf32>} : () -> tensor<1x8x3xf32>
  %y = tosa.matmul %f, %wf, %zp, %zp : (tensor<1x1x8xf32>, tensor<1x8x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x3xf32>
  return %r, %y : tensor<1x4x4x2xf32>, tensor<1x1x3xf32>
}
