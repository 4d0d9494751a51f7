// Truncated .npy files (cut in the data, cut in the header) and raw files of
// the wrong size are clear errors, never crashes.
// RUN: hwq-run --make-input=4x4:f32:1 %t.x.npy
// RUN: head -c 150 %t.x.npy > %t.cut-data.npy
// RUN: not hwq-run %s --input %t.cut-data.npy 2>&1 | FileCheck %s --check-prefix=DATA
// RUN: hwq-run %s --input %t.cut-data.npy > /dev/null 2>&1 || test $? -eq 1
// RUN: head -c 40 %t.x.npy > %t.cut-header.npy
// RUN: not hwq-run %s --input %t.cut-header.npy 2>&1 | FileCheck %s --check-prefix=HEADER
// RUN: head -c 5 %t.x.npy > %t.cut-magic.npy
// RUN: not hwq-run %s --input %t.cut-magic.npy 2>&1 | FileCheck %s --check-prefix=MAGIC
// RUN: not hwq-run %s --input %t.cut-data.npy:4x4:f32 2>&1 | FileCheck %s --check-prefix=RAW
// RUN: printf 'hello' > %t.text.npy
// RUN: not hwq-run %s --input %t.text.npy 2>&1 | FileCheck %s --check-prefix=NOTNPY

// DATA: hwq-run: error: {{.*}}cut-data.npy: truncated .npy file: shape 4x4 of f32 needs 64 data bytes, the file has 22
// HEADER: hwq-run: error: {{.*}}cut-header.npy: truncated .npy header: it declares 118 bytes, the file has 30
// MAGIC: hwq-run: error: {{.*}}cut-magic.npy: truncated .npy file (5 bytes)
// RAW: hwq-run: error: {{.*}}cut-data.npy: raw file has 150 bytes, shape 4x4 of f32 needs 64
// NOTNPY: hwq-run: error: {{.*}}text.npy: not a .npy or .npz file (bad magic); give raw binaries as FILE:SHAPE:TYPE

func.func @main(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  return %x : tensor<4x4xf32>
}
