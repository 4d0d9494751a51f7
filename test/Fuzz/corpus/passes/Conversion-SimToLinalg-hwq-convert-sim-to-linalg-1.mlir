func.func @acc_scale(%x: tensor<2x3xf64>, %s: tensor<3xf32>, %z: tensor<1xi32>, %a: tensor<3xf32>) -> tensor<2x3xf64> {
  %y = hwq.sim_quantize %x scale(%s : tensor<3xf32>) zero_point(%z : tensor<1xi32>) acc_scale(%a : tensor<3xf32>) {axis = 1 : i64, bits = 8 : i32, is_signed = false} : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}
