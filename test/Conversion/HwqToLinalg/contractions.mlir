// RUN: hwq-opt %s --hwq-convert-realized-to-linalg -split-input-file | FileCheck %s

// conv2d with signed storage and per-tensor weights: tensor.pad with the
// input zero point, bias broadcast into the i32 accumulator, upstream
// linalg.conv_2d_nhwc_fhwc_q with both zero points.
// CHECK-LABEL: func.func @conv2d
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x3xi8>, %[[W:.*]]: tensor<2x3x3x3xi8>, %[[B:.*]]: tensor<2xi32>) -> tensor<1x8x8x2xi32>
// CHECK: %[[PV:.*]] = arith.constant -3 : i8
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[PV]] : i8
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<2xi32>) outs(%{{.*}} : tensor<1x8x8x2xi32>)
// CHECK-DAG: %[[IZP:.*]] = arith.constant -3 : i32
// CHECK-DAG: %[[WZP:.*]] = arith.constant 2 : i32
// CHECK: %[[ACC:.*]] = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[P]], %[[W]], %[[IZP]], %[[WZP]] : tensor<1x10x10x3xi8>, tensor<2x3x3x3xi8>, i32, i32) outs(%[[INIT]] : tensor<1x8x8x2xi32>)
// CHECK: return %[[ACC]]
func.func @conv2d(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:-3>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25:2>>, %b: tensor<2xi32>)
    -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:-3>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25:2>>, tensor<2xi32>)
      -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
}

// -----

// u8 storage fills its i8 container: the input is zero-extended to i32
// before the named op (which extends signed); per-channel weight zero
// points that differ are subtracted first (weight zero point 0 for the
// named op); stride and dilation carry over; an i16 accumulator is the
// low 16 bits of the i32 sum.
// CHECK-LABEL: func.func @conv2d_u8_per_channel_i16
// CHECK: %[[XE:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1x9x9x2xi8>) outs(%{{.*}} : tensor<1x9x9x2xi32>)
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: %[[ZW:.*]] = arith.constant dense<[1, -1]> : tensor<2xi32>
// CHECK: %[[WC:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[ZW]] : tensor<2x3x3x2xi8>, tensor<2xi32>) outs(%{{.*}} : tensor<2x3x3x2xi32>)
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: arith.subi
// CHECK: linalg.fill
// CHECK-DAG: %[[IZP:.*]] = arith.constant 128 : i32
// CHECK-DAG: %[[WZP:.*]] = arith.constant 0 : i32
// CHECK: %[[ACC:.*]] = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[XE]], %[[WC]], %[[IZP]], %[[WZP]] : tensor<1x9x9x2xi32>, tensor<2x3x3x2xi32>, i32, i32)
// CHECK: linalg.generic {{.*}} ins(%[[ACC]] : tensor<1x4x3x2xi32>) outs(%{{.*}} : tensor<1x4x3x2xi16>)
// CHECK: arith.trunci %{{.*}} : i32 to i16
func.func @conv2d_u8_per_channel_i16(%x: tensor<1x9x9x2x!quant.uniform<u8:f32, 0.5:128>>, %w: tensor<2x3x3x2x!quant.uniform<i8:f32:0, {0.25:1, 0.125:-1}>>)
    -> tensor<1x4x3x2x!quant.uniform<i16:f32:3, {0.125, 0.0625}>> {
  %acc = hwq.conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 2>}
      : (tensor<1x9x9x2x!quant.uniform<u8:f32, 0.5:128>>, tensor<2x3x3x2x!quant.uniform<i8:f32:0, {0.25:1, 0.125:-1}>>)
      -> tensor<1x4x3x2x!quant.uniform<i16:f32:3, {0.125, 0.0625}>>
  return %acc : tensor<1x4x3x2x!quant.uniform<i16:f32:3, {0.125, 0.0625}>>
}

// -----

// depthwise_conv2d: linalg.depthwise_conv_2d_nhwc_hwcm_q into
// [N, OH, OW, C, M] (the bias expanded to [C, M]), collapsed to C * M.
// CHECK-LABEL: func.func @depthwise
// CHECK: %[[B2:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [2, 3] : tensor<6xi32> into tensor<2x3xi32>
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[B2]] : tensor<2x3xi32>) outs(%{{.*}} : tensor<1x4x4x2x3xi32>)
// CHECK: %[[ACC:.*]] = linalg.depthwise_conv_2d_nhwc_hwcm_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<1x6x6x2xi8>, tensor<3x3x2x3xi8>, i32, i32) outs(%[[INIT]] : tensor<1x4x4x2x3xi32>)
// CHECK: tensor.collapse_shape %[[ACC]] {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x4x4x2x3xi32> into tensor<1x4x4x6xi32>
func.func @depthwise(%x: tensor<1x6x6x2x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x2x3x!quant.uniform<i8:f32, 0.25>>, %b: tensor<6xi32>)
    -> tensor<1x4x4x6x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.depthwise_conv2d %x, %w, %b {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x6x6x2x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x2x3x!quant.uniform<i8:f32, 0.25>>, tensor<6xi32>)
      -> tensor<1x4x4x6x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x4x4x6x!quant.uniform<i32:f32, 0.125>>
}

// -----

// fully_connected: leading dimensions collapsed, one linalg.generic
// contraction (parallel, parallel, reduction) over [OC, K] weights with the
// centered operands multiplied in i32, expanded back.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @fully_connected
// CHECK: %[[C:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<2x3x16xi8> into tensor<6x16xi8>
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[X]], #[[W]], #[[O]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[C]], %{{.*}} : tensor<6x16xi8>, tensor<4x16xi8>) outs(%{{.*}} : tensor<6x4xi32>)
// CHECK: arith.extsi
// CHECK: arith.subi
// CHECK: arith.muli %{{.*}} : i32
// CHECK: arith.addi %{{.*}} : i32
// CHECK: tensor.expand_shape %[[ACC]] {{\[\[}}0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xi32> into tensor<2x3x4xi32>
func.func @fully_connected(%x: tensor<2x3x16x!quant.uniform<i8:f32, 0.5:1>>, %w: tensor<4x16x!quant.uniform<i8:f32, 0.25>>)
    -> tensor<2x3x4x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.fully_connected %x, %w : (tensor<2x3x16x!quant.uniform<i8:f32, 0.5:1>>, tensor<4x16x!quant.uniform<i8:f32, 0.25>>)
      -> tensor<2x3x4x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<2x3x4x!quant.uniform<i32:f32, 0.125>>
}

// -----

// matmul: linalg.quantized_batch_matmul with both zero points.
// CHECK-LABEL: func.func @matmul
// CHECK-DAG: %[[AZ:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[BZ:.*]] = arith.constant -2 : i32
// CHECK: linalg.quantized_batch_matmul ins(%{{.*}}, %{{.*}}, %[[AZ]], %[[BZ]] : tensor<1x4x8xi8>, tensor<1x8x3xi8>, i32, i32) outs(%{{.*}} : tensor<1x4x3xi32>)
func.func @matmul(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25:-2>>)
    -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5:1>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25:-2>>)
      -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
}
