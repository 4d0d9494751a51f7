func.func @no_inputs() {
  %y = hwq.concat {axis = 0 : i64} : () -> tensor<0x!quant.uniform<i8:f32, 0.5>>
  return
}
