// RUN: hwq-opt %s --hwq-convert-realized-to-linalg -split-input-file -verify-diagnostics

// Arithmetic on quantized types that is not a realized hwq op has no
// integer meaning to lower: the conversion reports it.
func.func @tosa_add(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+1 {{failed to legalize operation 'tosa.add'}}
  %y = tosa.add %x, %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Found by hwq-fuzz-passes: a dynamic dimension made the lowering create a
// tensor.empty without its size (IR that does not verify). Realized ops
// need static shapes.
func.func @dynamic(%q: tensor<?x16x!quant.uniform<i16:f16, 0.03125>>) -> tensor<?x16xf16> {
  // expected-error @+1 {{'hwq.dequantize' op has the dynamically shaped type 'tensor<?x16x!quant.uniform<i16:f16, 3.125000e-02>>'; hwq-convert-realized-to-linalg needs static shapes}}
  %y = hwq.dequantize %q : tensor<?x16x!quant.uniform<i16:f16, 0.03125>> -> tensor<?x16xf16>
  return %y : tensor<?x16xf16>
}
