// RUN: hwq-opt %s --hwq-prepare-host-abi -split-input-file -verify-diagnostics | FileCheck %s

// Arguments become read-only for bufferization.
// CHECK-LABEL: func.func @ok
// CHECK-SAME: (%{{.*}}: tensor<4xf32> {bufferization.writable = false}, %{{.*}}: tensor<2x!quant.uniform<u8:f32, 5.000000e-01:128>> {bufferization.writable = false})
func.func @ok(%x: tensor<4xf32>, %q: tensor<2x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{argument #0 has type 'tensor<?xf32>'; host execution needs static shapes}}
func.func @dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  return %x : tensor<?xf32>
}

// -----

// expected-error @+1 {{result #0 has type 'f32'; host execution needs ranked tensors}}
func.func @scalar(%x: tensor<f32>) -> f32 {
  %e = tensor.extract %x[] : tensor<f32>
  return %e : f32
}

// -----

// expected-error @+1 {{argument #0 has element type 'bf16'; host execution supports f16, f32, f64, signless integers and per-tensor or per-axis !quant.uniform}}
func.func @bf16(%x: tensor<4xbf16>) -> tensor<4xbf16> {
  return %x : tensor<4xbf16>
}
