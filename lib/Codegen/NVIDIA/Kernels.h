//===- Kernels.h - int8 GEMM and depthwise kernels --------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The two kernels of the NVIDIA code generator, written against Schedule:
//
//  - emitGemmKernel: C[b, m, n] = sum_k A(b, m, k) * B(b, n, k) on s8
//    operands staged in shared memory tile by tile (64 x 32 of A, 64 x 32 of
//    B), with the dp4a inner step (256 threads, 4 x 4 outputs each) or the
//    mma.sync m16n8k32 step (4 warps of 32 x 32 outputs), then the epilogue.
//    fully_connected, matmul and conv2d (implicit GEMM) are GEMMs whose A and
//    B loaders compute the element addresses.
//  - emitDepthwiseKernel: one output per thread, the window in groups of 4
//    taps through dp4a, the weights of the block's channels staged in shared
//    memory.
//
// Operands are "centered" s8 values xs with x - z = xs - z' (u8 storage is
// flipped to s8 by xor 0x80, z' = z - 128), so that the product of two
// centered operands expands to
//   sum (xs - zx')(ws - zw'[n]) = sum xs ws - zx' colsum(ws)[n]
//                                 - zw'[n] rowsum(xs)[m] + K zx' zw'[n]
// and the sums that a zero point needs are accumulated only when it is not
// zero (the symmetric NVIDIA targets need none). Padding positions load zx',
// so they contribute nothing to the centered sum.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_LIB_CODEGEN_NVIDIA_KERNELS_H
#define HWQ_LIB_CODEGEN_NVIDIA_KERNELS_H

#include "Schedule.h"

#include <functional>
#include <optional>

namespace hwq {
namespace nvidia {

/// Loads one centered s8 operand element; indices are in range (index type).
using OperandLoader = std::function<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::Value batch, mlir::Value row,
    mlir::Value k)>;

/// Looks up a per-channel i32/i64 constant (values of size 1 or N).
using ChannelTable = std::function<mlir::Value(
    mlir::OpBuilder &, mlir::Location, llvm::ArrayRef<int64_t> values,
    mlir::Value channel, mlir::Type type)>;

/// The fused epilogue: accumulator -> stored output element.
struct Epilogue {
  /// A fused hwq.requantize; otherwise the accumulator is stored (wrapped to
  /// `accumulatorWidth`).
  bool requantize = false;
  llvm::SmallVector<int64_t> multiplier, shift, outputZeroPoint;
  int64_t inputZeroPoint = 0;
  int64_t clipMin = 0, clipMax = 0;
  unsigned accumulatorWidth = 32;
  /// The element type of the output buffer.
  mlir::IntegerType outputType;
};

/// One GEMM-shaped contraction.
struct GemmSpec {
  int64_t batch = 1, M = 0, N = 0, K = 0;
  OperandLoader loadA, loadB;
  /// Centered zero points: zx' (A) and zw'[n] (B, one or N values).
  int64_t zeroA = 0;
  llvm::SmallVector<int64_t> zeroB = {0};
  /// memref<N x i32> or null.
  mlir::Value bias;
  /// memref<batch x M x N x outputType>.
  mlir::Value output;
  Epilogue epilogue;
  bool useMma = false;
};

/// One depthwise convolution (NHWC input, weights [KH, KW, C, Mult]).
struct DepthwiseSpec {
  int64_t N = 0, H = 0, W = 0, C = 0, mult = 1, KH = 0, KW = 0, OH = 0,
          OW = 0;
  int64_t padTop = 0, padLeft = 0, strideH = 1, strideW = 1, dilationH = 1,
          dilationW = 1;
  /// memref<N x H x W x C x i8>, memref<KH x KW x C x mult x i8>.
  mlir::Value input, weight;
  bool flipInput = false, flipWeight = false;
  int64_t zeroA = 0;
  /// Per input channel c (one or C values).
  llvm::SmallVector<int64_t> zeroB = {0};
  mlir::Value bias;
  /// memref<1 x (N*OH*OW) x (C*mult) x outputType>.
  mlir::Value output;
  Epilogue epilogue;
};

/// A standalone requantize (one element per thread, 256 per block): input
/// memref<total x iN> (signed or not), output memref<1 x 1 x total>; the
/// channel of element i is i % channels.
struct RequantizeSpec {
  int64_t total = 0, channels = 1;
  mlir::Value input, output;
  bool unsignedInput = false;
  Epilogue epilogue;
};

/// Emits the standalone requantize kernel at the builder's position.
void emitRequantizeKernel(mlir::OpBuilder &b, mlir::Location loc, bool emulate,
                          const RequantizeSpec &spec,
                          const ChannelTable &table);

/// Emits the GEMM kernel at the builder's position.
void emitGemmKernel(mlir::OpBuilder &b, mlir::Location loc, bool emulate,
                    const GemmSpec &spec, const ChannelTable &table);

/// Emits the depthwise kernel at the builder's position.
void emitDepthwiseKernel(mlir::OpBuilder &b, mlir::Location loc, bool emulate,
                         const DepthwiseSpec &spec, const ChannelTable &table);

} // namespace nvidia
} // namespace hwq

#endif // HWQ_LIB_CODEGEN_NVIDIA_KERNELS_H
