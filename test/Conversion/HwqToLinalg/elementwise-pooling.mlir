// RUN: hwq-opt %s --hwq-convert-realized-to-linalg -split-input-file | FileCheck %s

// add: both inputs rescaled onto the intermediate grid, added, rescaled;
// the broadcast input is read at index 0 along its size-1 dimensions.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[BC:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @add
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[BC]], #[[ID]]]
// CHECK-COUNT-3: arith.shrsi %{{.*}} : i64
// CHECK: arith.constant -128 : i64
// CHECK: arith.constant 100 : i64
func.func @add(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x4x!quant.uniform<i8:f32, 1.0>>) -> tensor<2x4x!quant.uniform<i8:f32, 1.0>> {
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32,
                       multiplier_a = 1073741824 : i32, shift_a = 20 : i32,
                       multiplier_b = 1073741824 : i32, shift_b = 19 : i32,
                       multiplier_out = 1073741824 : i32, shift_out = 41 : i32,
                       clamp_max = 100 : i64}
       : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x4x!quant.uniform<i8:f32, 1.0>>) -> tensor<2x4x!quant.uniform<i8:f32, 1.0>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 1.0>>
}

// -----

// mul: the exact product of the centered inputs, one rescale, in i64 while
// |product| * (2^31 - 1) + 2^61 < 2^63 (16-bit inputs still fit), i128 for
// 32-bit inputs.
// CHECK-LABEL: func.func @mul
// CHECK: arith.muli %{{.*}} : i64
// CHECK-LABEL: func.func @mul_16
// CHECK: arith.muli %{{.*}} : i64
// CHECK-LABEL: func.func @mul_wide
// CHECK: arith.extsi %{{.*}} : i32 to i128
// CHECK: arith.muli %{{.*}} : i128
func.func @mul(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32}
       : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.25>>
}
func.func @mul_16(%a: tensor<4x!quant.uniform<i16:f32, 0.5>>, %b: tensor<4x!quant.uniform<i16:f32, 0.25>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>> {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32}
       : (tensor<4x!quant.uniform<i16:f32, 0.5>>, tensor<4x!quant.uniform<i16:f32, 0.25>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>>
  return %y : tensor<4x!quant.uniform<i16:f32, 0.25>>
}
func.func @mul_wide(%a: tensor<4x!quant.uniform<i32:f32, 0.5>>, %b: tensor<4x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32}
       : (tensor<4x!quant.uniform<i32:f32, 0.5>>, tensor<4x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.25>>
}

// -----

// avg_pool2d with padding: centered input padded with 0, window sums by
// linalg.pooling_nhwc_sum, then one (multiplier, shift) per output position
// from compile-time tables (border windows have fewer valid elements).
// CHECK-DAG: #[[POS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @avg_pool_padded
// CHECK: %[[C:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x4x4x2xi32>)
// CHECK: %[[P:.*]] = tensor.pad %[[C]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: %[[S:.*]] = linalg.pooling_nhwc_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[P]], %{{.*}} : tensor<1x6x6x2xi32>, tensor<3x3xi32>)
// CHECK-DAG: %[[M:.*]] = arith.constant dense<{{.*}}> : tensor<4x4xi64>
// CHECK-DAG: %[[N:.*]] = arith.constant dense<{{.*}}> : tensor<4x4xi64>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[POS]], #[[POS]], #{{.*}}]{{.*}} ins(%[[S]], %[[M]], %[[N]] :
func.func @avg_pool_padded(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>> {
  %y = hwq.avg_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>}
       : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>> -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>
  return %y : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>
}

// -----

// Full windows everywhere: one multiplier for the count 4 (scalars).
// CHECK-LABEL: func.func @avg_pool_full
// CHECK-NOT: tensor.pad
// CHECK: linalg.pooling_nhwc_sum
// CHECK-NOT: tensor<2x2xi64>
// CHECK: arith.shrsi
func.func @avg_pool_full(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>> {
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>}
       : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>>
}

// -----

// max_pool2d: padded with the storage minimum (padding never wins); u8
// storage uses the unsigned pooling op, i8 (explicit bounds) the signed one.
// CHECK-LABEL: func.func @max_pool
// CHECK: arith.constant 0 : i8
// CHECK: linalg.pooling_nhwc_max_unsigned
// CHECK: arith.constant -100 : i8
// CHECK: linalg.pooling_nhwc_max {
func.func @max_pool(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:128>>, %y: tensor<1x4x4x2x!quant.uniform<i8<-100:100>:f32, 0.5>>)
    -> (tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:128>>, tensor<1x2x2x2x!quant.uniform<i8<-100:100>:f32, 0.5>>) {
  %a = hwq.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>}
       : tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:128>>
  %b = hwq.max_pool2d %y {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>}
       : tensor<1x4x4x2x!quant.uniform<i8<-100:100>:f32, 0.5>> -> tensor<1x2x2x2x!quant.uniform<i8<-100:100>:f32, 0.5>>
  return %a, %b : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:128>>, tensor<1x2x2x2x!quant.uniform<i8<-100:100>:f32, 0.5>>
}

// -----

// concat: insert_slice of each input at its offset.
// CHECK-LABEL: func.func @concat
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x4x5xi8>
// CHECK: %[[A:.*]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0, 0, 0] [1, 4, 4, 2] [1, 1, 1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[A]][0, 0, 0, 2] [1, 4, 4, 3] [1, 1, 1, 1]
func.func @concat(%a: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>> {
  %y = hwq.concat %a, %b {axis = 3 : i64}
       : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>, tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Data movement keeps its op on the storage integers.
// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<2x2xi8>
// CHECK: tosa.reshape %[[X]], %{{.*}} : (tensor<4xi8>, !tosa.shape<2>) -> tensor<2x2xi8>
func.func @reshape(%x: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<2x2x!quant.uniform<u8:f32, 0.5:128>> {
  %s = tosa.const_shape {values = dense<[2, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %x, %s : (tensor<4x!quant.uniform<u8:f32, 0.5:128>>, !tosa.shape<2>) -> tensor<2x2x!quant.uniform<u8:f32, 0.5:128>>
  return %y : tensor<2x2x!quant.uniform<u8:f32, 0.5:128>>
}
