// hwq-pack-contractions: packed weights, the zero-point correction folded
// into the bias (u8 input: -z_x * colsum; s8 input: -(z_x + 128) * colsum
// after the xor 0x80), padding with the shifted zero point, channel padding
// to the group, output channel padding to the block; non-candidates stay.
// RUN: hwq-opt %s --hwq-pack-contractions="n-block=8 n-align=8" -split-input-file | FileCheck %s
// RUN: hwq-opt %s --hwq-pack-contractions="target-prefix=x86" -split-input-file | FileCheck %s --check-prefix=NOTARGET

!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
!acc = !quant.uniform<i32:f32, 0.125>
// CHECK-LABEL: func @conv_u8
// Weights [2, 1, 2, 3] -> [1 block, 1, 2, 1 group, 8, 4].
// CHECK-DAG: arith.constant dense<{{\[\[\[\[\[\[}}1, 2, 3, 0], [-1, -1, -1, 0], [0, 0, 0, 0], {{.*}}{{\]\]}}, {{\[\[\[}}4, 5, 6, 0], [-1, -1, -1, 0], {{.*}} : tensor<1x1x2x1x8x4xi8>
// colsum = [1+2+3+4+5+6, -1-1-1-1-1-1] = [21, -6]; bias - 10 * colsum.
// CHECK-DAG: arith.constant dense<[-110, 160, 0, 0, 0, 0, 0, 0]> : tensor<8xi32>
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 0] high[0, 0, 1, 1]
// CHECK: tensor.yield %c10_i8
// CHECK: linalg.generic {{.*}}ins(%{{.*}}, %{{.*}} : tensor<1x3x6x4xi8>, tensor<1x1x2x1x8x4xi8>)
// CHECK-SAME: hwq.packed_contraction = {dilation = array<i64: 1, 1>, k_group = 4 : i64, lhs_range = array<i64: 0, 255>, lhs_unsigned = true, n_block = 8 : i64, stride = array<i64: 1, 1>}
// CHECK: arith.extui
// CHECK: arith.extsi
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 3, 5, 2] [1, 1, 1, 1]
// CHECK: quant.scast
// CHECK-NOT: hwq.conv2d
// NOTARGET-LABEL: func @conv_u8
// NOTARGET: hwq.conv2d
func.func @conv_u8(%x: tensor<1x3x4x3x!x>) -> tensor<1x3x5x2x!acc> {
  %w = "tosa.const"() <{values = dense<[[[[1, 2, 3], [4, 5, 6]]], [[[-1, -1, -1], [-1, -1, -1]]]]> : tensor<2x1x2x3xi8>}> : () -> tensor<2x1x2x3x!w>
  %b = "tosa.const"() <{values = dense<[100, 100]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x3x4x3x!x>, tensor<2x1x2x3x!w>, tensor<2xi32>) -> tensor<1x3x5x2x!acc>
  return %acc : tensor<1x3x5x2x!acc>
}

// -----

!x = !quant.uniform<i8:f32, 0.5:-3>
!w = !quant.uniform<i8:f32, 0.25>
!acc = !quant.uniform<i32:f32, 0.125>
// CHECK-LABEL: func @fc_s8
// colsum = [10, -4]: -(-3 + 128) * colsum, no bias.
// CHECK-DAG: arith.constant dense<[-1250, 500, 0, 0, 0, 0, 0, 0]> : tensor<8xi32>
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2], [3]] output_shape [1, 1, 5, 4]
// CHECK: linalg.generic
// CHECK: arith.xori %{{.*}}, %c-128_i8
// CHECK: hwq.packed_contraction = {{{.*}}lhs_range = array<i64: 0, 255>, lhs_unsigned = true
// NOTARGET-LABEL: func @fc_s8
// NOTARGET: hwq.fully_connected
func.func @fc_s8(%x: tensor<5x4x!x>) -> tensor<5x2x!acc> {
  %w = "tosa.const"() <{values = dense<[[1, 2, 3, 4], [-1, -1, -1, -1]]> : tensor<2x4xi8>}> : () -> tensor<2x4x!w>
  %acc = hwq.fully_connected %x, %w : (tensor<5x4x!x>, tensor<2x4x!w>) -> tensor<5x2x!acc>
  return %acc : tensor<5x2x!acc>
}

// -----

!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25:1>
!acc = !quant.uniform<i32:f32, 0.125>
// Asymmetric weights and weights that are arguments are left alone.
// CHECK-LABEL: func @not_candidates
// CHECK: hwq.fully_connected
// CHECK: hwq.fully_connected
// CHECK-NOT: hwq.packed_contraction
func.func @not_candidates(%x: tensor<5x4x!x>, %w2: tensor<2x4x!w>) -> (tensor<5x2x!acc>, tensor<5x2x!acc>) {
  %w = "tosa.const"() <{values = dense<[[1, 2, 3, 4], [-1, -1, -1, -1]]> : tensor<2x4xi8>}> : () -> tensor<2x4x!w>
  %a = hwq.fully_connected %x, %w : (tensor<5x4x!x>, tensor<2x4x!w>) -> tensor<5x2x!acc>
  %b = hwq.fully_connected %x, %w2 : (tensor<5x4x!x>, tensor<2x4x!w>) -> tensor<5x2x!acc>
  return %a, %b : tensor<5x2x!acc>, tensor<5x2x!acc>
}

// -----

// The pass option is checked.
// RUN: not hwq-opt %s -split-input-file --hwq-pack-contractions="lhs=both" 2>&1 | FileCheck %s --check-prefix=BADLHS
// BADLHS: unknown lhs 'both'
func.func @empty() {
  return
}
