#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @avg_pool(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32> {
  %sx = arith.constant dense<0.05> : tensor<f32>
  %zx = arith.constant dense<10> : tensor<i32>
  %so = arith.constant dense<0.07> : tensor<f32>
  %zo = arith.constant dense<-3> : tensor<i32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %xq = hwq.sim_quantize %x scale(%sx : tensor<f32>) zero_point(%zx : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %p = tosa.avg_pool2d %xq, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, hwq.kind = "avg_pool2d", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %pq = hwq.sim_quantize %p scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x2x2xf32>
  return %pq : tensor<1x2x2x2xf32>
}
