// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// quantize rule 1: same shape.
func.func @quantize_shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{input and output must have the same shape}}
  %q = hwq.quantize %x : tensor<4xf32> -> tensor<5x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// quantize rule 2: expressed type equals the input element type.
func.func @quantize_expressed(%x: tensor<4xf16>) {
  // expected-error @+1 {{expressed type 'f32' of the output must be the float element type 'f16'}}
  %q = hwq.quantize %x : tensor<4xf16> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// quantize rule 3: per-axis dimension in range.
func.func @quantize_axis_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{output quantized dimension 2 is out of range for rank 2}}
  %q = hwq.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:2, {0.5, 0.25}>>
  return
}

// -----

// quantize rule 3: one scale per channel.
func.func @quantize_axis_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{output has 2 per-axis scales but dimension 1 has size 3}}
  %q = hwq.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
  return
}

// -----

// The result must be a quantized tensor (type constraint).
func.func @quantize_not_quant(%x: tensor<4xf32>) {
  // expected-error @+1 {{must be ranked tensor of per-tensor or per-axis !quant.uniform values}}
  %q = hwq.quantize %x : tensor<4xf32> -> tensor<4xi8>
  return
}

// -----

// Sub-channel quantized types are not accepted by the realized ops.
func.func @quantize_sub_channel(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{must be ranked tensor of per-tensor or per-axis !quant.uniform values}}
  %q = hwq.quantize %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32:{0:1, 1:2}, {{2.0, 3.0}, {4.0, 5.0}}>>
  return
}

// -----

// dequantize rule 1: same shape.
func.func @dequantize_shape(%q: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input and output must have the same shape}}
  %x = hwq.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x2xf32>
  return
}

// -----

// dequantize rule 2: the result is the expressed type.
func.func @dequantize_expressed(%q: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{expressed type 'f32' of the input must be the float element type 'bf16'}}
  %x = hwq.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4xbf16>
  return
}

// -----

// dequantize rule 3: per-axis count.
func.func @dequantize_axis_count(%q: tensor<4x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{input has 2 per-axis scales but dimension 0 has size 4}}
  %x = hwq.dequantize %q : tensor<4x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<4x2xf32>
  return
}
