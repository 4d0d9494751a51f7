// RUN: hwq-opt %s --hwq-convert-realized-to-linalg -split-input-file -verify-diagnostics

// Arithmetic on quantized types that is not a realized hwq op has no
// integer meaning to lower: the conversion reports it.
func.func @tosa_add(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+1 {{failed to legalize operation 'tosa.add'}}
  %y = tosa.add %x, %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.5>>
}
