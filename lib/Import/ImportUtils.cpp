//===- ImportUtils.cpp - layout and window helpers for importers ----------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Import/ImportUtils.h"

#include "llvm/ADT/StringSwitch.h"

using namespace hwq;
using namespace hwq::import;
using llvm::SmallVector;

std::optional<AutoPad> hwq::import::parseAutoPad(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<AutoPad>>(text)
      .Cases({"", "NOTSET"}, AutoPad::NotSet)
      .Case("SAME_UPPER", AutoPad::SameUpper)
      .Case("SAME_LOWER", AutoPad::SameLower)
      .Case("VALID", AutoPad::Valid)
      .Default(std::nullopt);
}

/// Floor and ceiling division for a non-negative numerator.
static int64_t floorDiv(int64_t a, int64_t b) { return a / b; }
static int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

std::optional<WindowAxis>
hwq::import::computeWindowAxis(int64_t inSize, int64_t kernel, int64_t stride,
                               int64_t dilation, AutoPad mode, int64_t padBegin,
                               int64_t padEnd, bool ceilMode) {
  // Reject sizes whose products could overflow as well as invalid ones.
  constexpr int64_t kLimit = int64_t(1) << 31;
  if (inSize <= 0 || kernel <= 0 || stride <= 0 || dilation <= 0 ||
      padBegin < 0 || padEnd < 0 || inSize > kLimit || kernel > kLimit ||
      stride > kLimit || dilation > kLimit || padBegin > kLimit ||
      padEnd > kLimit)
    return std::nullopt;
  int64_t effKernel = (kernel - 1) * dilation + 1;

  WindowAxis axis;
  switch (mode) {
  case AutoPad::NotSet: {
    axis.padBegin = padBegin;
    axis.padEnd = padEnd;
    int64_t span = inSize + padBegin + padEnd - effKernel;
    if (span < 0)
      return std::nullopt;
    axis.outSize =
        (ceilMode ? ceilDiv(span, stride) : floorDiv(span, stride)) + 1;
    // With ceil_mode, the last window must start inside the input or the
    // leading padding (ONNX and PyTorch drop it otherwise).
    if (ceilMode && (axis.outSize - 1) * stride >= inSize + padBegin)
      --axis.outSize;
    break;
  }
  case AutoPad::Valid: {
    if (inSize < effKernel)
      return std::nullopt;
    axis.outSize = floorDiv(inSize - effKernel, stride) + 1;
    break;
  }
  case AutoPad::SameUpper:
  case AutoPad::SameLower: {
    axis.outSize = ceilDiv(inSize, stride);
    int64_t total =
        std::max<int64_t>(0, (axis.outSize - 1) * stride + effKernel - inSize);
    axis.padBegin = mode == AutoPad::SameUpper ? total / 2 : (total + 1) / 2;
    axis.padEnd = total - axis.padBegin;
    break;
  }
  }
  if (axis.outSize < 1)
    return std::nullopt;

  // Make the padded extent exact: the last window ends at
  // (outSize - 1) * stride + effKernel; padding beyond it is dropped, input
  // beyond it is cropped, and ceil_mode windows get the padding they need.
  int64_t needed = (axis.outSize - 1) * stride + effKernel;
  int64_t end = needed - inSize - axis.padBegin;
  if (end >= 0) {
    axis.padEnd = end;
    axis.inputCrop = 0;
  } else {
    axis.padEnd = 0;
    axis.inputCrop = -end;
  }
  return axis;
}

SmallVector<int64_t> hwq::import::permuteShape(llvm::ArrayRef<int64_t> shape,
                                               llvm::ArrayRef<int64_t> perm) {
  SmallVector<int64_t> result;
  result.reserve(perm.size());
  for (int64_t p : perm)
    result.push_back(shape[p]);
  return result;
}

bool hwq::import::isPermutation(llvm::ArrayRef<int64_t> perm, size_t rank) {
  if (perm.size() != rank)
    return false;
  SmallVector<bool> seen(rank, false);
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(rank) || seen[p])
      return false;
    seen[p] = true;
  }
  return true;
}

template <typename T>
std::vector<T> hwq::import::transposeData(llvm::ArrayRef<T> data,
                                          llvm::ArrayRef<int64_t> shape,
                                          llvm::ArrayRef<int64_t> perm) {
  size_t rank = shape.size();
  std::vector<T> result(data.size());
  if (data.empty())
    return result;
  // Row-major strides of the input, read in the output's dimension order.
  SmallVector<int64_t> inStrides(rank, 1);
  for (size_t d = rank; d-- > 1;)
    inStrides[d - 1] = inStrides[d] * shape[d];
  SmallVector<int64_t> outShape = permuteShape(shape, perm);
  SmallVector<int64_t> strides;
  for (int64_t p : perm)
    strides.push_back(inStrides[p]);
  SmallVector<int64_t> index(rank, 0);
  int64_t offset = 0;
  for (size_t i = 0, e = data.size(); i < e; ++i) {
    result[i] = data[offset];
    // Advance the output index like an odometer, updating the input offset.
    for (size_t d = rank; d-- > 0;) {
      if (++index[d] < outShape[d]) {
        offset += strides[d];
        break;
      }
      offset -= (outShape[d] - 1) * strides[d];
      index[d] = 0;
    }
  }
  return result;
}

template std::vector<float> hwq::import::transposeData<float>(
    llvm::ArrayRef<float>, llvm::ArrayRef<int64_t>, llvm::ArrayRef<int64_t>);
template std::vector<int64_t> hwq::import::transposeData<int64_t>(
    llvm::ArrayRef<int64_t>, llvm::ArrayRef<int64_t>, llvm::ArrayRef<int64_t>);

bool hwq::import::isOrderPreservingPermutation(llvm::ArrayRef<int64_t> shape,
                                               llvm::ArrayRef<int64_t> perm) {
  int64_t last = -1;
  for (int64_t p : perm) {
    if (shape[p] == 1)
      continue;
    if (p < last)
      return false;
    last = p;
  }
  return true;
}

std::vector<float>
hwq::import::convWeightsToOhwi(llvm::ArrayRef<float> oihw,
                               llvm::ArrayRef<int64_t> shape) {
  const int64_t perm[] = {0, 2, 3, 1};
  return transposeData<float>(oihw, shape, perm);
}

std::vector<float>
hwq::import::depthwiseWeightsToHwcm(llvm::ArrayRef<float> weights,
                                    llvm::ArrayRef<int64_t> shape,
                                    int64_t channels) {
  // [C * M, 1, KH, KW] is, in memory, [C, M, KH, KW]; TOSA wants
  // [KH, KW, C, M].
  int64_t multiplier = shape[0] / channels;
  const int64_t split[] = {channels, multiplier, shape[2], shape[3]};
  const int64_t perm[] = {2, 3, 0, 1};
  return transposeData<float>(weights, split, perm);
}
