#conv = #hwq.dtype_config<input = si4, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @narrower_input(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x8x2xf32> {
  %s8 = arith.constant dense<0.05> : tensor<f32>
  %s4 = arith.constant dense<0.9> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %shape = tosa.const_shape {values = dense<[1, 2, 8, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %x8 = hwq.sim_quantize %x scale(%s8 : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %r = tosa.reshape %x8, %shape {hwq.kind = "reshape", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>, !tosa.shape<4>) -> tensor<1x2x8x2xf32>
  %x4 = hwq.sim_quantize %r scale(%s4 : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 4 : i32, hwq.role = "activation"} : tensor<1x2x8x2xf32>
  return %x4 : tensor<1x2x8x2xf32>
}
