#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @pad(%x: tensor<1x2xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %padding = tosa.const_shape {values = dense<[0, 0, 1, 1]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %c0 = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c1 = "tosa.const"() {values = dense<0.12> : tensor<1xf32>} : () -> tensor<1xf32>
  %xq = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
  %p0 = tosa.pad %xq, %padding, %c0 {hwq.kind = "pad", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x2xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<1x4xf32>
  %p1 = tosa.pad %xq, %padding, %c1 {hwq.kind = "pad", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x2xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<1x4xf32>
  return %p0, %p1 : tensor<1x4xf32>, tensor<1x4xf32>
}
