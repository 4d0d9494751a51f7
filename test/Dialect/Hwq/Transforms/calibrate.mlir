// Max calibration on the x86 VNNI target (u8 activations with a zero point,
// s8 symmetric per-channel weights), checked by hand. Two samples:
//   x0 = [1, -2, 3, 0.5], x1 = [-1, 4, 0, 2]            (1x2x2x1, NHWC)
// RUN: echo "1 -2 3 0.5  -1 4 0 2" | hwq-eval --write-npy=2x1x2x2x1:f32 %t.npy
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.npy" | FileCheck %s
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.npy fold-clamps=false" | FileCheck %s --check-prefix=NOFOLD
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.npy range=1:2" | FileCheck %s --check-prefix=RANGE
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate="remarks=false per-channel=false" -hwq-calibrate="data=%t.npy" | FileCheck %s --check-prefix=PERTENSOR
//
// Percentile 100 of each tail is the observed minimum and maximum: the same
// result as max.
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.npy method=max" -o %t.max.mlir
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.npy method=percentile percentile=100" -o %t.p100.mlir
// RUN: diff %t.max.mlir %t.p100.mlir
// A tighter percentile clips the input range: another scale.
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.npy method=percentile percentile=90" | FileCheck %s --check-prefix=P90
//
// Progress on stderr.
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.npy progress=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=PROGRESS

// Input edge: range [min(-2, 0), max(4, 0)] = [-2, 4] on u8:
//   scale = 6 / 255 = 0.0235294117... -> f32 0.0235294122,
//   zero point = round(0 - (-2) / scale) = 85.
// Weights, per output channel (axis 0), symmetric s8: 0.5 / 127 and
// 0.25 / 127.
// Conv output: channel 0 = 0.5 x, channel 1 = -0.25 x, in [-1, 2]; the
// output edge is read only by a ReLU, so it is measured after the clamp:
// [0, 2] -> scale 2 / 255 = 0.00784313725 (f32 0.00784313772), zero point 0.
// Without fold-clamps: [-1, 2] -> 3 / 255, zero point round(1 / (3 / 255)) = 85.

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x2x1xf32>)
// CHECK-DAG: %[[XS:.*]] = arith.constant dense<0.0235294122> : tensor<f32>
// CHECK-DAG: %[[XZ:.*]] = arith.constant dense<85> : tensor<i32>
// CHECK: %[[XQ:.*]] = hwq.sim_quantize %[[X]] scale(%[[XS]] : tensor<f32>) zero_point(%[[XZ]] : tensor<i32>) {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "activation", is_signed = false}
// CHECK-DAG: %[[WS:.*]] = arith.constant dense<[0.00393700786, 0.00196850393]> : tensor<2xf32>
// CHECK-DAG: %[[WZ:.*]] = arith.constant dense<0> : tensor<2xi32>
// CHECK: %[[WQ:.*]] = hwq.sim_quantize %{{.*}} scale(%[[WS]] : tensor<2xf32>) zero_point(%[[WZ]] : tensor<2xi32>) {axis = 0 : i64, bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight"}
// CHECK: %[[C:.*]] = tosa.conv2d %[[XQ]], %[[WQ]]
// CHECK-DAG: %[[OS:.*]] = arith.constant dense<0.00784313772> : tensor<f32>
// CHECK-DAG: %[[OZ:.*]] = arith.constant dense<0> : tensor<i32>
// CHECK: %[[CQ:.*]] = hwq.sim_quantize %[[C]] scale(%[[OS]] : tensor<f32>) zero_point(%[[OZ]] : tensor<i32>) {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "output", is_signed = false}
// CHECK: tosa.clamp %[[CQ]]

// NOFOLD-LABEL: func.func @main
// NOFOLD: arith.constant dense<0.0235294122> : tensor<f32>
// NOFOLD: tosa.conv2d
// NOFOLD-DAG: %[[OS:.*]] = arith.constant dense<0.0117647061> : tensor<f32>
// NOFOLD-DAG: %[[OZ:.*]] = arith.constant dense<85> : tensor<i32>
// NOFOLD: hwq.sim_quantize %{{.*}} scale(%[[OS]] : tensor<f32>) zero_point(%[[OZ]] : tensor<i32>) {{.*}}hwq.role = "output"

// Sample 1 only: input range [-1, 4] -> scale 5 / 255 (f32 0.0196078438),
// zero point round(1 / scale) = 51; the clamped output range is still [0, 2].
// RANGE-LABEL: func.func @main
// RANGE-DAG: %[[XS:.*]] = arith.constant dense<0.0196078438> : tensor<f32>
// RANGE-DAG: %[[XZ:.*]] = arith.constant dense<51> : tensor<i32>
// RANGE: hwq.sim_quantize %{{.*}} scale(%[[XS]] : tensor<f32>) zero_point(%[[XZ]] : tensor<i32>) {{.*}}hwq.role = "activation"
// RANGE: arith.constant dense<0.00784313772> : tensor<f32>

// Per-tensor weights: max |w| = 0.5 -> one scale 0.5 / 127, rank 0.
// PERTENSOR-LABEL: func.func @main
// PERTENSOR-DAG: %[[WS:.*]] = arith.constant dense<0.00393700786> : tensor<f32>
// PERTENSOR-DAG: %[[WZ:.*]] = arith.constant dense<0> : tensor<i32>
// PERTENSOR: hwq.sim_quantize %{{.*}} scale(%[[WS]] : tensor<f32>) zero_point(%[[WZ]] : tensor<i32>) {bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight"}

// P90-LABEL: func.func @main
// P90-NOT: dense<0.0235294122>
// P90: hwq.role = "activation"

// PROGRESS: calibrate: 1/2 samples, {{[0-9.]+}} s
// PROGRESS-NEXT: calibrate: 2/2 samples, {{[0-9.]+}} s

func.func @main(%arg0: tensor<1x2x2x1xf32>) -> tensor<1x2x2x2xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.5]]], [[[-0.25]]]]> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %1 = tosa.clamp %0 {min_val = 0.0 : f32, max_val = 3.40282347E+38 : f32} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}
