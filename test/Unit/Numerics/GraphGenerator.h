//===- GraphGenerator.h - random float TOSA graphs for tests ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Writes small float TOSA functions (conv, depthwise, fully connected, add,
// mul, concat, pooling, clamp, pad, reshape, transpose) with random weights
// drawn from a fixed seed, as MLIR text. Used by the numerics contract test.
//
//===----------------------------------------------------------------------===//

#ifndef TEST_UNIT_NUMERICS_GRAPHGENERATOR_H
#define TEST_UNIT_NUMERICS_GRAPHGENERATOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <random>
#include <string>

namespace hwq {
namespace test {

/// Builds one float TOSA function `@main` as text. Values are SSA names with
/// static shapes; constants get random values from the builder's generator.
class TosaGraphBuilder {
public:
  /// A value of the function: its SSA name and shape.
  struct Tensor {
    std::string name;
    llvm::SmallVector<int64_t, 4> shape;
  };

  explicit TosaGraphBuilder(uint64_t seed) : rng(seed) {}

  /// A new function argument.
  Tensor input(llvm::ArrayRef<int64_t> shape);
  /// NHWC conv with OHWI weights of `outChannels` x `kernel` x `kernel`.
  Tensor conv2d(const Tensor &x, int64_t outChannels, int64_t kernel,
                int64_t stride = 1, int64_t pad = 0, int64_t dilation = 1);
  /// Depthwise conv with [K, K, C, multiplier] weights.
  Tensor depthwise(const Tensor &x, int64_t kernel, int64_t multiplier,
                   int64_t stride = 1, int64_t pad = 0);
  /// [1, M, K] x constant [1, K, n] (a fully connected layer).
  Tensor fullyConnected(const Tensor &x, int64_t n);
  Tensor clamp(const Tensor &x, double lo, double hi);
  Tensor maxPool(const Tensor &x, int64_t kernel, int64_t stride,
                 int64_t pad = 0);
  Tensor avgPool(const Tensor &x, int64_t kernel, int64_t stride);
  Tensor add(const Tensor &a, const Tensor &b);
  Tensor mul(const Tensor &a, const Tensor &b);
  Tensor concat(llvm::ArrayRef<Tensor> inputs, int64_t axis);
  Tensor reshape(const Tensor &x, llvm::ArrayRef<int64_t> shape);
  Tensor transpose(const Tensor &x, llvm::ArrayRef<int32_t> perms);
  /// Pads H and W by `pad` on every side with `value`.
  Tensor pad(const Tensor &x, int64_t pad, double value);

  /// The function returning `results`.
  std::string finish(llvm::ArrayRef<Tensor> results);

private:
  std::string fresh();
  /// A tosa.const of `shape` with values uniform in [lo, hi).
  std::string randomConstant(llvm::ArrayRef<int64_t> shape, double lo,
                             double hi);
  std::string constant(llvm::ArrayRef<int64_t> shape,
                       llvm::ArrayRef<float> values);
  std::string zeroPoint();
  std::string mulShift();

  std::mt19937_64 rng;
  unsigned counter = 0;
  std::string arguments, body;
  llvm::SmallVector<Tensor> args;
  std::string zeroPointName, mulShiftName;
};

/// The MLIR type `tensor<AxBxf32>`.
std::string getTensorTypeString(llvm::ArrayRef<int64_t> shape);

/// Number of generated graph recipes.
unsigned getNumGraphRecipes();

/// Graph recipe `index` (conv / depthwise / fully connected / add / mul /
/// concat / pool mixes) with random weights from `seed`, as a module.
std::string generateGraph(unsigned index, uint64_t seed);

} // namespace test
} // namespace hwq

#endif // TEST_UNIT_NUMERICS_GRAPHGENERATOR_H
