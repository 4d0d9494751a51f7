func.func @reshape(%x: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<2x2x!quant.uniform<u8:f32, 0.5:128>> {
  %s = tosa.const_shape {values = dense<[2, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %x, %s : (tensor<4x!quant.uniform<u8:f32, 0.5:128>>, !tosa.shape<2>) -> tensor<2x2x!quant.uniform<u8:f32, 0.5:128>>
  return %y : tensor<2x2x!quant.uniform<u8:f32, 0.5:128>>
}
