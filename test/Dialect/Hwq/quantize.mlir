// RUN: hwq-opt %s | hwq-opt | FileCheck %s
// RUN: hwq-opt %s --mlir-print-op-generic | hwq-opt | FileCheck %s
// RUN: hwq-opt %s -emit-bytecode | hwq-opt | FileCheck %s

// CHECK-LABEL: func @quantize_per_tensor
// CHECK: %[[Q:.*]] = hwq.quantize %{{.*}} : tensor<1x8x8x3xf32> -> tensor<1x8x8x3x!quant.uniform<i8<-32:31>:f32, 1.000000e-01>>
// CHECK: hwq.dequantize %[[Q]] : tensor<1x8x8x3x!quant.uniform<i8<-32:31>:f32, 1.000000e-01>> -> tensor<1x8x8x3xf32>
func.func @quantize_per_tensor(%x: tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xf32> {
  %q = hwq.quantize %x : tensor<1x8x8x3xf32> -> tensor<1x8x8x3x!quant.uniform<i8<-32:31>:f32, 0.1>>
  %y = hwq.dequantize %q : tensor<1x8x8x3x!quant.uniform<i8<-32:31>:f32, 0.1>> -> tensor<1x8x8x3xf32>
  return %y : tensor<1x8x8x3xf32>
}

// CHECK-LABEL: func @quantize_per_axis
// CHECK: hwq.quantize %{{.*}} {rounding = #hwq<rounding half_away_from_zero>} : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32:0, {5.000000e-01:128,2.500000e-01:120}>>
func.func @quantize_per_axis(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<u8:f32:0, {0.5:128, 0.25:120}>> {
  %q = hwq.quantize %x {rounding = #hwq<rounding half_away_from_zero>} : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32:0, {0.5:128, 0.25:120}>>
  return %q : tensor<2x3x!quant.uniform<u8:f32:0, {0.5:128, 0.25:120}>>
}

// The default rounding is not printed.
// CHECK-LABEL: func @default_rounding
// CHECK: hwq.quantize %{{.*}} : tensor<4xf32>
// CHECK-NOT: rounding
func.func @default_rounding(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i4:f32, 0.5:-1>> {
  %q = hwq.quantize %x {rounding = #hwq<rounding half_to_even>} : tensor<4xf32> -> tensor<4x!quant.uniform<i4:f32, 0.5:-1>>
  return %q : tensor<4x!quant.uniform<i4:f32, 0.5:-1>>
}

// CHECK-LABEL: func @dequantize_dynamic
// CHECK: hwq.dequantize %{{.*}} : tensor<?x16x!quant.uniform<i16:f16, 3.125000e-02>> -> tensor<?x16xf16>
func.func @dequantize_dynamic(%q: tensor<?x16x!quant.uniform<i16:f16, 0.03125>>) -> tensor<?x16xf16> {
  %y = hwq.dequantize %q : tensor<?x16x!quant.uniform<i16:f16, 0.03125>> -> tensor<?x16xf16>
  return %y : tensor<?x16xf16>
}
