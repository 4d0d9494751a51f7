func.func @uncalibrated(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %y = hwq.sim_quantize %x {bits = 8 : i32} : tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}
func.func @per_tensor(%x: tensor<2x3xf32>, %s: tensor<f32>, %z: tensor<i32>) -> tensor<2x3xf32> {
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 6 : i32, is_signed = false} : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @per_axis(%x: tensor<3x5xf32>, %s: tensor<3xf32>, %z: tensor<3xi32>) -> tensor<3x5xf32> {
  %y = hwq.sim_quantize %x scale(%s : tensor<3xf32>) zero_point(%z : tensor<3xi32>) {axis = 0 : i64, bits = 4 : i32, narrow_range = true, rounding = #hwq<rounding half_away_from_zero>} : tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}
