// hwq-arm-pack-contractions: compile-time weight packing (zero padding to
// the kernel's tiles), the input zero point folded into a per-channel
// correction (-z_x * sum_k w[n, k]), linalg.mmt4d on the packed tiles;
// contractions it cannot handle keep their plain form.
//
// RUN: hwq-opt %s --split-input-file --pass-pipeline="builtin.module(hwq-prepare-host-abi,hwq-convert-realized-to-linalg,func.func(hwq-arm-pack-contractions{kernel=i8mm}))" | FileCheck %s --check-prefix=I8MM
// RUN: hwq-opt %s --split-input-file --pass-pipeline="builtin.module(hwq-prepare-host-abi,hwq-convert-realized-to-linalg,func.func(hwq-arm-pack-contractions{kernel=dotprod}))" | FileCheck %s --check-prefix=DOT
// RUN: hwq-opt %s --split-input-file --pass-pipeline="builtin.module(hwq-prepare-host-abi,hwq-convert-realized-to-linalg,func.func(hwq-arm-pack-contractions{kernel=auto}))" | FileCheck %s --check-prefix=AUTO
// RUN: not hwq-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(hwq-arm-pack-contractions{kernel=avx}))" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: unknown ARM kernel 'avx' (expected auto, neon, dotprod, i8mm or sve)

!x = !quant.uniform<i8:f32, 0.5:-3>
!w = !quant.uniform<i8<-127:127>:f32, 0.25>
!acc = !quant.uniform<i32:f32, 0.125>

// I8MM-LABEL: func.func @fc
// I8MM-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1, 2, 3, 0, 0, 0, 0, 0], [4, 5, 6, 0, 0, 0, 0, 0]]]]> : tensor<1x1x2x8xi8>
// I8MM-DAG: %[[CORR:.*]] = arith.constant dense<[18, 45]> : tensor<2xi32>
// I8MM: %[[PAD:.*]] = tensor.pad
// I8MM: tensor<1x3xi8> to tensor<2x8xi8>
// I8MM: %[[A:.*]] = linalg.transpose ins({{.*}} : tensor<1x2x1x8xi8>) outs({{.*}} : tensor<1x1x2x8xi8>) permutation = [0, 2, 1, 3]
// I8MM: %[[MM:.*]] = linalg.mmt4d ins(%[[A]], %[[W]] : tensor<1x1x2x8xi8>, tensor<1x1x2x8xi8>) outs(%{{.*}} : tensor<1x1x2x2xi32>)
// I8MM: tensor.extract_slice {{.*}} to tensor<1x2xi32>
// I8MM: linalg.generic {{.*}} ins({{.*}}, %[[CORR]] : tensor<1x2xi32>, tensor<2xi32>)
// I8MM-NOT: linalg.mmt4d

// DOT-LABEL: func.func @fc
// DOT: arith.constant dense<{{\[\[\[\[}}1, 2, 3, 0], [4, 5, 6, 0], [0, 0, 0, 0], [0, 0, 0, 0]]]]> : tensor<1x1x4x4xi8>
// DOT: linalg.mmt4d ins({{.*}} : tensor<1x1x1x4xi8>, tensor<1x1x4x4xi8>) outs({{.*}} : tensor<1x1x1x4xi32>)

// No target on the module: auto is the plain NEON kernel (tiles of dotprod,
// K1 padded to an even count for its pairs of K tiles).
// AUTO-LABEL: func.func @fc
// AUTO: linalg.mmt4d ins({{.*}} : tensor<1x2x1x4xi8>, tensor<1x2x4x4xi8>)
func.func @fc(%x: tensor<1x3x!x>) -> tensor<1x2x!acc> {
  %w = "tosa.const"() <{values = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8>}> : () -> tensor<2x3x!w>
  %b = "tosa.const"() <{values = dense<[7, 8]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %acc = hwq.fully_connected %x, %w, %b : (tensor<1x3x!x>, tensor<2x3x!w>, tensor<2xi32>) -> tensor<1x2x!acc>
  return %acc : tensor<1x2x!acc>
}

// -----

// A 2x2 conv through im2col: [N, OH, OW, KH, KW, C] patches, K = 2*2*2.
!x = !quant.uniform<i8:f32, 0.5:-3>
!w = !quant.uniform<i8<-127:127>:f32, 0.25>
!acc = !quant.uniform<i32:f32, 0.125>

// I8MM-LABEL: func.func @conv
// I8MM: linalg.generic {{.*}} outs({{.*}} : tensor<1x2x2x2x2x2xi8>)
// I8MM: linalg.mmt4d ins({{.*}} : tensor<2x1x2x8xi8>, tensor<1x1x2x8xi8>) outs({{.*}} : tensor<2x1x2x2xi32>)
// I8MM-NOT: linalg.conv_2d_nhwc_fhwc_q
func.func @conv(%x: tensor<1x3x3x2x!x>) -> tensor<1x2x2x1x!acc> {
  %w = "tosa.const"() <{values = dense<[[[[1, -1], [2, -2]], [[3, -3], [4, -4]]]]> : tensor<1x2x2x2xi8>}> : () -> tensor<1x2x2x2x!w>
  %acc = hwq.conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x3x3x2x!x>, tensor<1x2x2x2x!w>) -> tensor<1x2x2x1x!acc>
  return %acc : tensor<1x2x2x1x!acc>
}

// -----

// Not packed: weights that are not constants, weights with a zero point,
// unsigned activations (widened to i32 before the contraction).
!x = !quant.uniform<i8:f32, 0.5:-3>
!u = !quant.uniform<u8:f32, 0.5:128>
!w = !quant.uniform<i8<-127:127>:f32, 0.25>
!wz = !quant.uniform<i8:f32, 0.25:2>
!acc = !quant.uniform<i32:f32, 0.125>

// I8MM-LABEL: func.func @not_packed
// I8MM-NOT: linalg.mmt4d
// I8MM-COUNT-3: linalg.conv_2d_nhwc_fhwc_q
// I8MM-NOT: linalg.mmt4d
func.func @not_packed(%x: tensor<1x3x3x2x!x>, %u: tensor<1x3x3x2x!u>, %wa: tensor<1x2x2x2x!w>)
    -> (tensor<1x2x2x1x!acc>, tensor<1x2x2x1x!acc>, tensor<1x2x2x1x!acc>) {
  %a = hwq.conv2d %x, %wa {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x3x3x2x!x>, tensor<1x2x2x2x!w>) -> tensor<1x2x2x1x!acc>
  %wz = "tosa.const"() <{values = dense<1> : tensor<1x2x2x2xi8>}> : () -> tensor<1x2x2x2x!wz>
  %b = hwq.conv2d %x, %wz {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x3x3x2x!x>, tensor<1x2x2x2x!wz>) -> tensor<1x2x2x1x!acc>
  %w = "tosa.const"() <{values = dense<1> : tensor<1x2x2x2xi8>}> : () -> tensor<1x2x2x2x!w>
  %c = hwq.conv2d %u, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x3x3x2x!u>, tensor<1x2x2x2x!w>) -> tensor<1x2x2x1x!acc>
  return %a, %b, %c : tensor<1x2x2x1x!acc>, tensor<1x2x2x1x!acc>, tensor<1x2x2x1x!acc>
}

// -----

// Depthwise (one output per channel): the zero point folded into a
// per-channel correction, the window sum as a generic whose innermost loop
// runs over channels.
!x = !quant.uniform<i8:f32, 0.5:-3>
!w = !quant.uniform<i8<-127:127>:f32, 0.25>
!acc = !quant.uniform<i32:f32, 0.125>

// I8MM-LABEL: func.func @depthwise
// I8MM-DAG: %[[CORR:.*]] = arith.constant dense<[9, -3]> : tensor<2xi32>
// I8MM-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[}}1, -2], [3, 0]], {{\[\[}}-1, 0], [0, 1]]]> : tensor<2x2x2xi8>
// I8MM: linalg.generic {{.*}} ins(%[[CORR]] : tensor<2xi32>)
// I8MM: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%{{.*}}, %[[W]] : tensor<1x3x3x2xi8>, tensor<2x2x2xi8>)
// I8MM-NOT: linalg.depthwise_conv_2d_nhwc_hwcm_q
func.func @depthwise(%x: tensor<1x3x3x2x!x>) -> tensor<1x2x2x2x!acc> {
  %w = "tosa.const"() <{values = dense<[[[[1], [-2]], [[3], [0]]], [[[-1], [0]], [[0], [1]]]]> : tensor<2x2x2x1xi8>}> : () -> tensor<2x2x2x1x!w>
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x3x3x2x!x>, tensor<2x2x2x1x!w>) -> tensor<1x2x2x2x!acc>
  return %acc : tensor<1x2x2x2x!acc>
}
