func.func @main(%x: tensor<2x2xi16>) -> tensor<2x2xi16> {
  return %x : tensor<2x2xi16>
}
