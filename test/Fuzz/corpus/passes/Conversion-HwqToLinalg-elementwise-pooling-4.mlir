func.func @max_pool(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:128>>, %y: tensor<1x4x4x2x!quant.uniform<i8<-100:100>:f32, 0.5>>)
    -> (tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:128>>, tensor<1x2x2x2x!quant.uniform<i8<-100:100>:f32, 0.5>>) {
  %a = hwq.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>}
       : tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:128>>
  %b = hwq.max_pool2d %y {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>}
       : tensor<1x4x4x2x!quant.uniform<i8<-100:100>:f32, 0.5>> -> tensor<1x2x2x2x!quant.uniform<i8<-100:100>:f32, 0.5>>
  return %a, %b : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:128>>, tensor<1x2x2x2x!quant.uniform<i8<-100:100>:f32, 0.5>>
}
