// Statistics files: collecting and saving them (stats-out), then calibrating
// from the file alone (stats-in) gives the same IR; a file serves other
// threshold methods too. Depthwise conv (per-channel weights on axis 2),
// average pool, reshape and a fully connected matmul on the x86 VNNI target.
// RUN: echo "0.5 -1  2 0.25  -0.5 1.5  3 -2   1 1  -1 0  0.75 -0.25  2.5 1" | hwq-eval --write-npy=2x1x2x2x2:f32 %t.npy
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.npy stats-out=%t.json channel-stats=true" -o %t.run.mlir
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="stats-in=%t.json" -o %t.file.mlir
// RUN: diff %t.run.mlir %t.file.mlir
// RUN: FileCheck %s < %t.run.mlir
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="stats-in=%t.json method=kl" | FileCheck %s --check-prefix=KL
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="stats-in=%t.json method=mse" | FileCheck %s --check-prefix=KL

// Every sim_quantize is calibrated; weights are per channel.
// CHECK-LABEL: func.func @main
// CHECK: hwq.sim_quantize %{{.*}} scale(%{{.*}} : tensor<f32>) zero_point(%{{.*}} : tensor<i32>) {{.*}}hwq.role = "activation"
// CHECK: hwq.sim_quantize %{{.*}} scale(%{{.*}} : tensor<2xf32>) zero_point(%{{.*}} : tensor<2xi32>) {axis = 2 : i64, bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight"}
// CHECK: tosa.depthwise_conv2d
// CHECK: hwq.sim_quantize %{{.*}} scale(%{{.*}} : tensor<f32>) {{.*}}hwq.role = "output"
// CHECK: tosa.avg_pool2d
// CHECK: hwq.sim_quantize %{{.*}} scale(%{{.*}} : tensor<f32>) {{.*}}hwq.role = "output"
// CHECK: tosa.reshape
// CHECK: hwq.sim_quantize %{{.*}} scale(%{{.*}} : tensor<3xf32>) zero_point(%{{.*}} : tensor<3xi32>) {axis = 2 : i64, bits = 8 : i32, hwq.edge = "{{[^"]*}}", hwq.role = "weight"}
// CHECK: tosa.matmul
// CHECK: hwq.sim_quantize %{{.*}} scale(%{{.*}} : tensor<f32>) {{.*}}hwq.role = "output"
// CHECK-NOT: hwq.sim_quantize %{{[0-9]+}} {

// The graph input: 16 values in [-2, 3]; per channel (last dimension):
// channel 0 has 0.5 2 -0.5 3 1 -1 0.75 2.5, channel 1 the rest.
// JSON: "edges": {
// JSON-NEXT: "sq0.activation": {
// JSON: "per_channel": {
// JSON-NEXT: "axis": 3,
// JSON: "count": 8,
// JSON: "max": 3,
// JSON: "min": -1,
// JSON: "count": 8,
// JSON: "max": 1.5,
// JSON: "min": -2,
// JSON: "tensor": {
// JSON-NEXT: "count": 16,
// JSON: "max": 3,
// JSON-NEXT: "min": -2,
// JSON: "sq2.output"
// JSON: "sq3.output"
// JSON: "sq5.output"
// JSON: "format": "hwq-statistics"

// KL-LABEL: func.func @main
// KL: hwq.sim_quantize %{{.*}} scale(%{{.*}} : tensor<f32>) {{.*}}hwq.role = "activation"

func.func @main(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x1x3xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.5], [-1.0]]]]> : tensor<1x1x2x1xf32>} : () -> tensor<1x1x2x1xf32>
  %b = "tosa.const"() {values = dense<[0.1, -0.2]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.depthwise_conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<1x1x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %1 = tosa.avg_pool2d %0, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1x2xf32>
  %shape = tosa.const_shape {values = dense<[1, 1, 2]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %2 = tosa.reshape %1, %shape : (tensor<1x1x1x2xf32>, !tosa.shape<3>) -> tensor<1x1x2xf32>
  %m = "tosa.const"() {values = dense<[[[1.0, -0.5, 0.25], [0.5, 2.0, -1.0]]]> : tensor<1x2x3xf32>} : () -> tensor<1x2x3xf32>
  %3 = tosa.matmul %2, %m, %zp, %zp : (tensor<1x1x2xf32>, tensor<1x2x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x3xf32>
  return %3 : tensor<1x1x3xf32>
}
