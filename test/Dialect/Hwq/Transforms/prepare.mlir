// RUN: hwq-opt %s -hwq-prepare -split-input-file | FileCheck %s
// RUN: hwq-opt %s -hwq-prepare="fold-batch-norm=false" -split-input-file | FileCheck %s --check-prefix=NOFOLD

// Batch norm after conv2d: y = (conv(x, w, b) * k + c). Weights are OHWI, so
// output channel o scales the row w[o]; bias becomes b * k + c.
//   w = [[1, 2], [3, 4], [5, 6]], b = [1, 2, 3], k = [2, 0.5, -1], c = [0.5, 1, 1.5]
//   w' = [[2, 4], [1.5, 2], [-5, -6]], b' = [2.5, 2, -1.5]
// CHECK-LABEL: func.func @conv_batch_norm
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{\[\[\[\[}}2.000000e+00, 4.000000e+00]]], {{\[\[\[}}1.500000e+00, 2.000000e+00]]], {{\[\[\[}}-5.000000e+00, -6.000000e+00]]]]> : tensor<3x1x1x2xf32>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[2.500000e+00, 2.000000e+00, -1.500000e+00]> : tensor<3xf32>}>
// CHECK: %[[C:.*]] = tosa.conv2d %arg0, %[[W]], %[[B]]
// CHECK-NOT: tosa.mul
// CHECK-NOT: tosa.add
// CHECK: return %[[C]]
// NOFOLD-LABEL: func.func @conv_batch_norm
// NOFOLD: tosa.conv2d
// NOFOLD: tosa.mul
// NOFOLD: tosa.add
func.func @conv_batch_norm(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
  %w = "tosa.const"() {values = dense<[[[[1.0, 2.0]]], [[[3.0, 4.0]]], [[[5.0, 6.0]]]]> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() {values = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %k = "tosa.const"() {values = dense<[[[[2.0, 0.5, -1.0]]]]> : tensor<1x1x1x3xf32>} : () -> tensor<1x1x1x3xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %1 = tosa.mul %0, %k, %shift : (tensor<1x4x4x3xf32>, tensor<1x1x1x3xf32>, tensor<1xi8>) -> tensor<1x4x4x3xf32>
  %c = "tosa.const"() {values = dense<[[[[0.5, 1.0, 1.5]]]]> : tensor<1x1x1x3xf32>} : () -> tensor<1x1x1x3xf32>
  %2 = tosa.add %c, %1 : (tensor<1x1x1x3xf32>, tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  return %2 : tensor<1x4x4x3xf32>
}

// -----

// Depthwise weights are [KH, KW, C, M]; output channel c * M + m.
//   w[0, 0] = [[1, 2], [3, 4]] (C = 2, M = 2), k = [1, 2, 3, 4]
//   w' = [[1, 4], [9, 16]]; the bias of one element broadcasts: b = 1 -> b' = k.
// CHECK-LABEL: func.func @depthwise_scale
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{\[\[\[\[}}1.000000e+00, 4.000000e+00], [9.000000e+00, 1.600000e+01]]]]> : tensor<1x1x2x2xf32>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>}>
// CHECK: %[[C:.*]] = tosa.depthwise_conv2d %arg0, %[[W]], %[[B]]
// CHECK-NEXT: return %[[C]]
func.func @depthwise_scale(%arg0: tensor<1x3x3x2xf32>) -> tensor<1x3x3x4xf32> {
  %w = "tosa.const"() {values = dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>} : () -> tensor<1x1x2x2xf32>
  %b = "tosa.const"() {values = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.depthwise_conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x3x3x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x3x3x4xf32>
  %k = "tosa.const"() {values = dense<[[[[1.0, 2.0, 3.0, 4.0]]]]> : tensor<1x1x1x4xf32>} : () -> tensor<1x1x1x4xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %1 = tosa.mul %0, %k, %shift : (tensor<1x3x3x4xf32>, tensor<1x1x1x4xf32>, tensor<1xi8>) -> tensor<1x3x3x4xf32>
  return %1 : tensor<1x3x3x4xf32>
}

// -----

// Fully connected as matmul with constant B [1, K, N]: column n scales by k[n].
// There is no bias operand, so the following add stays.
//   B = [[1, 2], [3, 4], [5, 6]], k = [10, -1] -> [[10, -2], [30, -4], [50, -6]]
// CHECK-LABEL: func.func @matmul_scale
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<{{\[\[\[}}1.000000e+01, -2.000000e+00], [3.000000e+01, -4.000000e+00], [5.000000e+01, -6.000000e+00]]]> : tensor<1x3x2xf32>}>
// CHECK: %[[M:.*]] = tosa.matmul %arg0, %[[B]]
// CHECK-NOT: tosa.mul
// CHECK: tosa.add %[[M]]
func.func @matmul_scale(%arg0: tensor<1x4x3xf32>) -> tensor<1x4x2xf32> {
  %b = "tosa.const"() {values = dense<[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]> : tensor<1x3x2xf32>} : () -> tensor<1x3x2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.matmul %arg0, %b, %zp, %zp : (tensor<1x4x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x2xf32>
  %k = "tosa.const"() {values = dense<[[[10.0, -1.0]]]> : tensor<1x1x2xf32>} : () -> tensor<1x1x2xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %1 = tosa.mul %k, %0, %shift : (tensor<1x1x2xf32>, tensor<1x4x2xf32>, tensor<1xi8>) -> tensor<1x4x2xf32>
  %c = "tosa.const"() {values = dense<[[[0.5, 0.25]]]> : tensor<1x1x2xf32>} : () -> tensor<1x1x2xf32>
  %2 = tosa.add %1, %c : (tensor<1x4x2xf32>, tensor<1x1x2xf32>) -> tensor<1x4x2xf32>
  return %2 : tensor<1x4x2xf32>
}

// -----

// A scalar-broadcast shift and a subtraction fold into the bias:
//   b = [1, 2] -> (b + 0.25) - [1, -1] = [0.25, 3.25]
// CHECK-LABEL: func.func @conv_bias_add_sub
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[2.500000e-01, 3.250000e+00]> : tensor<2xf32>}>
// CHECK: %[[C:.*]] = tosa.conv2d %arg0, %{{.*}}, %[[B]]
// CHECK-NEXT: return %[[C]]
func.func @conv_bias_add_sub(%arg0: tensor<1x2x2x1xf32>) -> tensor<1x2x2x2xf32> {
  %w = "tosa.const"() {values = dense<1.0> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() {values = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %c = "tosa.const"() {values = dense<0.25> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %1 = tosa.add %0, %c : (tensor<1x2x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %d = "tosa.const"() {values = dense<[[[[1.0, -1.0]]]]> : tensor<1x1x1x2xf32>} : () -> tensor<1x1x1x2xf32>
  %2 = tosa.sub %1, %d : (tensor<1x2x2x2xf32>, tensor<1x1x1x2xf32>) -> tensor<1x2x2x2xf32>
  return %2 : tensor<1x2x2x2xf32>
}

// -----

// Not folded: the conv result has a second user; the factor varies over
// space; the factor is not a constant; the constant is subtracted from
// (c - conv is not conv + bias).
// CHECK-LABEL: func.func @no_fold
// CHECK: %[[C:.*]] = tosa.conv2d
// CHECK: tosa.mul %[[C]]
// CHECK: %[[C2:.*]] = tosa.conv2d
// CHECK: tosa.mul %[[C2]]
// CHECK: %[[C3:.*]] = tosa.conv2d
// CHECK: tosa.mul %[[C3]], %arg1
// CHECK: %[[C4:.*]] = tosa.conv2d
// CHECK: tosa.sub %{{.*}}, %[[C4]]
func.func @no_fold(%arg0: tensor<1x2x2x1xf32>, %arg1: tensor<1x1x1x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %w = "tosa.const"() {values = dense<1.0> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() {values = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %k = "tosa.const"() {values = dense<[[[[2.0, 3.0]]]]> : tensor<1x1x1x2xf32>} : () -> tensor<1x1x1x2xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %1 = tosa.mul %0, %k, %shift : (tensor<1x2x2x2xf32>, tensor<1x1x1x2xf32>, tensor<1xi8>) -> tensor<1x2x2x2xf32>
  %spatial = "tosa.const"() {values = dense<[[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]]> : tensor<1x2x2x2xf32>} : () -> tensor<1x2x2x2xf32>
  %2 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %3 = tosa.mul %2, %spatial, %shift : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1xi8>) -> tensor<1x2x2x2xf32>
  %4 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %5 = tosa.mul %4, %arg1, %shift : (tensor<1x2x2x2xf32>, tensor<1x1x1x2xf32>, tensor<1xi8>) -> tensor<1x2x2x2xf32>
  %6 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %7 = tosa.sub %k, %6 : (tensor<1x1x1x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %0, %1, %3, %5, %7 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// Weights imported as transpose(constant) (OIHW -> OHWI) are folded to a
// constant first, then the scale folds in. OIHW [2, 1, 1, 1] is already OHWI
// order in memory here, so w' = [1 * 3, 2 * 4] = [3, 8].
// CHECK-LABEL: func.func @transposed_weights
// CHECK-NOT: tosa.transpose
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{\[\[\[\[}}3.000000e+00]]], {{\[\[\[}}8.000000e+00]]]]> : tensor<2x1x1x1xf32>}>
// CHECK: tosa.conv2d %arg0, %[[W]]
// CHECK-NOT: tosa.mul
func.func @transposed_weights(%arg0: tensor<1x2x2x1xf32>) -> tensor<1x2x2x2xf32> {
  %oihw = "tosa.const"() {values = dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %w = tosa.transpose %oihw {perms = array<i32: 0, 2, 3, 1>} : (tensor<2x1x1x1xf32>) -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %k = "tosa.const"() {values = dense<[[[[3.0, 4.0]]]]> : tensor<1x1x1x2xf32>} : () -> tensor<1x1x1x2xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %1 = tosa.mul %0, %k, %shift : (tensor<1x2x2x2xf32>, tensor<1x1x1x2xf32>, tensor<1xi8>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// f16 constants are computed in double and rounded once to f16:
// 0.1 (f16: 0.0999755859375) * 3 = 0.2999267578125 = 1228.5 * 2^-12, a tie
// between the f16 neighbours 1228 * 2^-12 and 1229 * 2^-12: to even, 0.2998046875.
// CHECK-LABEL: func.func @f16_rounding
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<2.998050e-01> : tensor<1x1x1x1xf16>}>
// CHECK: tosa.conv2d %arg0, %[[W]]
func.func @f16_rounding(%arg0: tensor<1x2x2x1xf16>) -> tensor<1x2x2x1xf16> {
  %w = "tosa.const"() {values = dense<0.1> : tensor<1x1x1x1xf16>} : () -> tensor<1x1x1x1xf16>
  %b = "tosa.const"() {values = dense<0.0> : tensor<1xf16>} : () -> tensor<1xf16>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf16>} : () -> tensor<1xf16>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f16, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf16>, tensor<1x1x1x1xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<1x2x2x1xf16>
  %k = "tosa.const"() {values = dense<3.0> : tensor<1x1x1x1xf16>} : () -> tensor<1x1x1x1xf16>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %1 = tosa.mul %0, %k, %shift : (tensor<1x2x2x1xf16>, tensor<1x1x1x1xf16>, tensor<1xi8>) -> tensor<1x2x2x1xf16>
  return %1 : tensor<1x2x2x1xf16>
}
