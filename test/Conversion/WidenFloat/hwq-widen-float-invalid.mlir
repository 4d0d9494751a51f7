// RUN: hwq-opt %s --hwq-widen-float -split-input-file -verify-diagnostics

// Found by hwq-fuzz-passes: widening TOSA or realized hwq ops, whose verifiers
// tie their float types to other operands and attributes, left IR that does
// not verify. The pass now reports them (they must be lowered to linalg
// first, as hwq-host-lowering does).

func.func @realized(%q: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4xf32> {
  // expected-error @+1 {{'hwq.dequantize' op cannot be widened to f64 by hwq-widen-float; lower TOSA and realized hwq ops to linalg first}}
  %x = hwq.dequantize %q : tensor<4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<4xf32>
  return %x : tensor<4xf32>
}

// -----

func.func @tosa(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tosa.clamp' op cannot be widened to f64}}
  %y = tosa.clamp %x {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Float-free TOSA ops (shapes) are left alone.
func.func @shape_only(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = tosa.const_shape {values = dense<4> : tensor<1xindex>} : () -> !tosa.shape<1>
  %y = arith.addf %x, %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
