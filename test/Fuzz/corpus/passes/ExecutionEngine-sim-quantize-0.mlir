func.func @plain(%x: tensor<4x6x5xf32>) -> (tensor<4x6x5xf32>, tensor<4x6x5xf32>, tensor<4x6x5xf32>, tensor<4x6x5xf32>, tensor<4x6x5xf32>) {
  %s = arith.constant dense<0.1> : tensor<f32>
  %z = arith.constant dense<3> : tensor<i32>
  %s4 = arith.constant dense<0.7> : tensor<1xf32>
  %z4 = arith.constant dense<2> : tensor<1xi32>
  %sc = arith.constant dense<[0.05, 0.11, 0.3, 0.017, 1.5]> : tensor<5xf32>
  %zc = arith.constant dense<[0, 1, -2, 3, -4]> : tensor<5xi32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4x6x5xf32>
  %b = hwq.sim_quantize %x scale(%s4 : tensor<1xf32>) zero_point(%z4 : tensor<1xi32>) {bits = 4 : i32, is_signed = false, rounding = #hwq<rounding half_up>} : tensor<4x6x5xf32>
  %c = hwq.sim_quantize %x scale(%sc : tensor<5xf32>) zero_point(%zc : tensor<5xi32>) {axis = 2 : i64, bits = 8 : i32, narrow_range = true, rounding = #hwq<rounding half_away_from_zero>} : tensor<4x6x5xf32>
  %d = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 16 : i32} : tensor<4x6x5xf32>
  %e = hwq.sim_quantize %x {bits = 8 : i32} : tensor<4x6x5xf32>
  return %a, %b, %c, %d, %e : tensor<4x6x5xf32>, tensor<4x6x5xf32>, tensor<4x6x5xf32>, tensor<4x6x5xf32>, tensor<4x6x5xf32>
}
func.func @acc(%y: tensor<3x7x4xf32>) -> (tensor<3x7x4xf32>, tensor<3x7x4xf32>, tensor<3x7x4xf32>, tensor<3x7x4xf32>, tensor<3x7x4xf32>) {
  %eight = "tosa.const"() <{values = dense<8.0> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %eighth = "tosa.const"() <{values = dense<0.125> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y8 = tosa.mul %y, %eight, %shift : (tensor<3x7x4xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<3x7x4xf32>
  %fl = tosa.floor %y8 : (tensor<3x7x4xf32>) -> tensor<3x7x4xf32>
  %grid = tosa.mul %fl, %eighth, %shift : (tensor<3x7x4xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<3x7x4xf32>
  %acc_t = arith.constant dense<0.125> : tensor<f32>
  %s_t = arith.constant dense<0.25> : tensor<f32>
  %z0 = arith.constant dense<0> : tensor<i32>
  %ties = hwq.sim_quantize %grid scale(%s_t : tensor<f32>) zero_point(%z0 : tensor<i32>) acc_scale(%acc_t : tensor<f32>) {bits = 8 : i32} : tensor<3x7x4xf32>
  %sx = "tosa.const"() <{values = dense<0.0371> : tensor<1xf32>}> : () -> tensor<1xf32>
  %sw = "tosa.const"() <{values = dense<[0.0113, 0.0291, 0.00427, 0.071]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %accs = tosa.mul %sx, %sw, %shift : (tensor<1xf32>, tensor<4xf32>, tensor<1xi8>) -> tensor<4xf32>
  %so = arith.constant dense<0.173> : tensor<f32>
  %zo = arith.constant dense<-7> : tensor<i32>
  %pc = hwq.sim_quantize %y scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) acc_scale(%accs : tensor<4xf32>) {axis = 2 : i64, bits = 8 : i32} : tensor<3x7x4xf32>
  %s4 = arith.constant dense<1.9> : tensor<f32>
  %z4 = arith.constant dense<5> : tensor<i32>
  %a4 = arith.constant dense<0.0419> : tensor<f32>
  %u4 = hwq.sim_quantize %y scale(%s4 : tensor<f32>) zero_point(%z4 : tensor<i32>) acc_scale(%a4 : tensor<f32>) {bits = 4 : i32, is_signed = false} : tensor<3x7x4xf32>
  %si = arith.constant dense<3.0517578125e-05> : tensor<f32>
  %ai = arith.constant dense<0.05> : tensor<f32>
  %i32 = hwq.sim_quantize %y scale(%si : tensor<f32>) zero_point(%z0 : tensor<i32>) acc_scale(%ai : tensor<f32>) {bits = 32 : i32} : tensor<3x7x4xf32>
  %sc = arith.constant dense<[0.9, 1.1, 2.3, 0.5, 7.0, 0.25, 3.3]> : tensor<7xf32>
  %zc = arith.constant dense<[0, -1, 2, -3, 4, -5, 6]> : tensor<7xi32>
  %ac = arith.constant dense<[0.01, 0.02, 0.03, 0.004, 0.05, 0.006, 0.07]> : tensor<7xf32>
  %ch = hwq.sim_quantize %y scale(%sc : tensor<7xf32>) zero_point(%zc : tensor<7xi32>) acc_scale(%ac : tensor<7xf32>) {axis = 1 : i64, bits = 16 : i32, narrow_range = true} : tensor<3x7x4xf32>
  return %ties, %pc, %u4, %i32, %ch : tensor<3x7x4xf32>, tensor<3x7x4xf32>, tensor<3x7x4xf32>, tensor<3x7x4xf32>, tensor<3x7x4xf32>
}
