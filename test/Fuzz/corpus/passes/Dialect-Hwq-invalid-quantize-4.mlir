func.func @quantize_not_quant(%x: tensor<4xf32>) {
  %q = hwq.quantize %x : tensor<4xf32> -> tensor<4xi8>
  return
}
