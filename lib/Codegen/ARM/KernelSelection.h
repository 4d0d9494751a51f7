//===- KernelSelection.h - ARM micro-kernel parameters ----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// What the packing pass and the micro-kernel pass must agree on: the tile
// shapes of linalg.mmt4d per kernel and the register blocking.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_CODEGEN_ARM_KERNELSELECTION_H
#define LIB_CODEGEN_ARM_KERNELSELECTION_H

#include "hwq/Codegen/ARM/Pipeline.h"
#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

#include <algorithm>

namespace hwq::arm {

/// The kernel an option names; `auto` reads the features of the #hwq.target
/// of `op`'s module (neon without one). Reports unknown names on `op`.
mlir::FailureOr<ArmKernel> resolveArmKernel(llvm::StringRef option,
                                            mlir::Operation *op);

/// Tile shapes of the packed operands and register blocking (in tiles).
struct TileShape {
  int64_t m0, n0, k0;
  /// Tiles of M and N per micro-kernel step.
  int64_t mb, nb;
  /// K1 is padded to a multiple of this (2 for the paired neon kernel).
  int64_t k1Multiple = 1;
};

/// The tile shape for `kernel` on an M x N x K contraction.
inline TileShape getTileShape(ArmKernel kernel, int64_t m, int64_t n) {
  auto ceilDiv = [](int64_t a, int64_t b) { return (a + b - 1) / b; };
  // The blocks are powers of two that hwq-arm-lower-mmt4d picks again (the
  // largest allowed one dividing the padded tile count).
  auto block = [](int64_t tiles, int64_t max) {
    int64_t b = 1;
    while (b * 2 <= max && b * 2 <= tiles)
      b *= 2;
    return b;
  };
  if (kernel == ArmKernel::I8MM || kernel == ArmKernel::SVE) {
    TileShape t{2, 2, 8, 0, 0};
    t.mb = block(ceilDiv(m, 2), 4);
    t.nb = block(ceilDiv(n, 2), 4);
    return t;
  }
  TileShape t{std::min<int64_t>(8, m), 4, 4, 1, 0};
  t.nb = block(ceilDiv(n, 4), 2);
  if (kernel == ArmKernel::Neon)
    t.k1Multiple = 2;
  return t;
}

} // namespace hwq::arm

#endif // LIB_CODEGEN_ARM_KERNELSELECTION_H
