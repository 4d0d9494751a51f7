func.func @scalar(%x: tensor<f32>) -> f32 {
  %e = tensor.extract %x[] : tensor<f32>
  return %e : f32
}
