func.func @fully_connected_bias(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>,
                                %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>,
                                %b: tensor<10xi32>) -> tensor<2x10x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.fully_connected %x, %w, %b
      : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>, tensor<10xi32>)
      -> tensor<2x10x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<2x10x!quant.uniform<i32:f32, 0.125>>
}
func.func @fully_connected_per_channel(
    %x: tensor<4x7x8x!quant.uniform<u8:f32, 0.5:128>>,
    %w: tensor<3x8x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25, 0.125}>>)
    -> tensor<4x7x3x!quant.uniform<i32:f32:2, {0.25, 0.125, 0.0625}>> {
  %acc = hwq.fully_connected %x, %w
      : (tensor<4x7x8x!quant.uniform<u8:f32, 0.5:128>>, tensor<3x8x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25, 0.125}>>)
      -> tensor<4x7x3x!quant.uniform<i32:f32:2, {0.25, 0.125, 0.0625}>>
  return %acc : tensor<4x7x3x!quant.uniform<i32:f32:2, {0.25, 0.125, 0.0625}>>
}
func.func @matmul(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5:1>>,
                  %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25:-2>>) -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5:1>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25:-2>>)
      -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
}
func.func @matmul_dynamic_i16(%a: tensor<?x?x8x!quant.uniform<i4:f32, 0.25>>,
                              %b: tensor<?x8x5x!quant.uniform<i4:f32, 0.25>>) -> tensor<?x?x5x!quant.uniform<i16:f32, 0.0625>> {
  %acc = hwq.matmul %a, %b : (tensor<?x?x8x!quant.uniform<i4:f32, 0.25>>, tensor<?x8x5x!quant.uniform<i4:f32, 0.25>>)
      -> tensor<?x?x5x!quant.uniform<i16:f32, 0.0625>>
  return %acc : tensor<?x?x5x!quant.uniform<i16:f32, 0.0625>>
}
