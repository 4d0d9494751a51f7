//===- ImportUtils.h - layout and window helpers for importers --*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Format-independent arithmetic the model importers share: output sizes and
// padding of convolution and pooling windows (ONNX auto_pad, ceil_mode) made
// exact for TOSA, and host-side permutation of constant tensors (OIHW -> OHWI
// weights, NCHW -> NHWC constants).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_IMPORT_IMPORTUTILS_H
#define HWQ_IMPORT_IMPORTUTILS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace hwq {
namespace import {

/// How a window operator pads its input (ONNX `auto_pad`).
enum class AutoPad { NotSet, SameUpper, SameLower, Valid };

/// Parses an ONNX `auto_pad` value; std::nullopt for an unknown one.
std::optional<AutoPad> parseAutoPad(llvm::StringRef text);

/// One spatial axis of a convolution or pooling window, as TOSA takes it.
struct WindowAxis {
  /// Padding before and after the input.
  int64_t padBegin = 0;
  int64_t padEnd = 0;
  /// Trailing input elements that no window reads; TOSA requires the
  /// padded extent to fit the windows exactly, so they are sliced off.
  int64_t inputCrop = 0;
  /// Number of output elements.
  int64_t outSize = 0;
};

/// Computes one axis of an ONNX window operator: `padBegin`/`padEnd` are the
/// explicit pads (used with AutoPad::NotSet), `ceilMode` the pooling
/// `ceil_mode`. The result satisfies TOSA's exactness rule
///   in - inputCrop + padBegin + padEnd - effectiveKernel
///     == (outSize - 1) * stride
/// with effectiveKernel = (kernel - 1) * dilation + 1: the end padding is
/// lowered (or raised for ceil_mode) and unread input is cropped, which does
/// not change any output value. std::nullopt when the sizes are invalid
/// (non-positive kernel/stride/dilation, negative pads, empty output).
std::optional<WindowAxis> computeWindowAxis(int64_t inSize, int64_t kernel,
                                            int64_t stride, int64_t dilation,
                                            AutoPad mode, int64_t padBegin,
                                            int64_t padEnd, bool ceilMode);

/// The shape of a tensor of `shape` transposed by `perm` (result dimension i
/// is input dimension perm[i]).
llvm::SmallVector<int64_t> permuteShape(llvm::ArrayRef<int64_t> shape,
                                        llvm::ArrayRef<int64_t> perm);

/// Whether `perm` is a valid permutation of [0, rank).
bool isPermutation(llvm::ArrayRef<int64_t> perm, size_t rank);

/// Transposes the row-major `data` of a tensor of `shape` by `perm`.
template <typename T>
std::vector<T> transposeData(llvm::ArrayRef<T> data,
                             llvm::ArrayRef<int64_t> shape,
                             llvm::ArrayRef<int64_t> perm);

/// Whether transposing a tensor of `shape` by `perm` keeps its elements in
/// the same row-major order (only dimensions of size 1 move), so that a
/// reshape can replace the transpose.
bool isOrderPreservingPermutation(llvm::ArrayRef<int64_t> shape,
                                  llvm::ArrayRef<int64_t> perm);

/// NCHW -> NHWC and back, as permutations.
inline constexpr int64_t kNchwToNhwc[] = {0, 2, 3, 1};
inline constexpr int64_t kNhwcToNchw[] = {0, 3, 1, 2};

/// ONNX convolution weights [O, I, KH, KW] to TOSA conv2d weights
/// [O, KH, KW, I].
std::vector<float> convWeightsToOhwi(llvm::ArrayRef<float> oihw,
                                     llvm::ArrayRef<int64_t> shape);

/// ONNX depthwise weights [C * M, 1, KH, KW] (output channel c * M + m reads
/// input channel c) to TOSA depthwise_conv2d weights [KH, KW, C, M].
std::vector<float> depthwiseWeightsToHwcm(llvm::ArrayRef<float> weights,
                                          llvm::ArrayRef<int64_t> shape,
                                          int64_t channels);

} // namespace import
} // namespace hwq

#endif // HWQ_IMPORT_IMPORTUTILS_H
