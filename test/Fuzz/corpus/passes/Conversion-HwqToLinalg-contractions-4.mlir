func.func @matmul(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25:-2>>)
    -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5:1>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25:-2>>)
      -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
}
