// A graph with ops that have no device kernel (quantize, dequantize) around
// a mapped fully connected layer: hwq-run --device=cuda runs them on the
// host between the kernels.
!x = !quant.uniform<i8:f32, 0.5>
!w = !quant.uniform<i8<-127:127>:f32, 0.25>
!a = !quant.uniform<i32:f32, 0.125>
!y = !quant.uniform<i8:f32, 4.0:-7>
func.func @mixed(%in: tensor<3x40xf32>, %w: tensor<20x40x!w>) -> tensor<3x20xf32> {
  %x = hwq.quantize %in : tensor<3x40xf32> -> tensor<3x40x!x>
  %acc = hwq.fully_connected %x, %w : (tensor<3x40x!x>, tensor<20x40x!w>) -> tensor<3x20x!a>
  %q = hwq.requantize %acc {multiplier = array<i32: 1073741824>, shift = array<i32: 35>} : tensor<3x20x!a> -> tensor<3x20x!y>
  %out = hwq.dequantize %q : tensor<3x20x!y> -> tensor<3x20xf32>
  return %out : tensor<3x20xf32>
}
