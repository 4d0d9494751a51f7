//===- Tensor.h - owning host tensor ----------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The tensor every hwq execution engine (the reference evaluator, the JIT)
// consumes and produces: a shape, an element kind and a dense, row-major
// (C order), little-endian buffer it owns. It knows nothing about MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_RUNTIME_TENSOR_H
#define HWQ_RUNTIME_TENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hwq {
namespace runtime {

/// The element types a runtime tensor can hold.
enum class ElementKind : uint8_t { F16, F32, F64, I8, U8, I16, I32, I64 };

/// Size in bytes of one element of `kind`.
unsigned getElementSize(ElementKind kind);

/// True for F16, F32 and F64.
bool isFloatKind(ElementKind kind);

/// True for U8.
bool isUnsignedKind(ElementKind kind);

/// The short name used on command lines and in messages: f16, f32, f64, i8,
/// u8, i16, i32, i64.
llvm::StringRef getElementKindName(ElementKind kind);

/// Parses a short name (see getElementKindName; `ui8` and `si8`-style
/// spellings and `float32`-style numpy names are accepted too).
std::optional<ElementKind> parseElementKind(llvm::StringRef name);

/// Smallest and largest value of an integer kind.
int64_t getIntegerKindMin(ElementKind kind);
int64_t getIntegerKindMax(ElementKind kind);

/// Formats a shape as `1x49x10x1` (`scalar` for rank 0).
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// Parses `1x49x10x1` (or `scalar`); std::nullopt when malformed or when a
/// dimension is negative.
std::optional<llvm::SmallVector<int64_t>> parseShape(llvm::StringRef text);

/// Number of elements of `shape` (1 for rank 0), or std::nullopt when a
/// dimension is negative or the product overflows.
std::optional<int64_t> getNumElements(llvm::ArrayRef<int64_t> shape);

/// An owning, dense, row-major tensor.
class Tensor {
public:
  /// An empty rank-0 f32 tensor with no storage (isValid() is false).
  Tensor() = default;

  /// A zero-filled tensor. The shape must be valid (non-negative dims).
  Tensor(ElementKind kind, llvm::ArrayRef<int64_t> shape);

  /// True for every tensor made by the shape constructor.
  bool isValid() const { return valid; }

  ElementKind getKind() const { return kind; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getRank() const { return static_cast<int64_t>(shape.size()); }
  int64_t getNumElements() const { return numElements; }
  size_t getByteSize() const {
    return static_cast<size_t>(numElements) * getElementSize(kind);
  }

  /// The raw little-endian bytes, getByteSize() of them.
  llvm::ArrayRef<uint8_t> getBytes() const {
    return {reinterpret_cast<const uint8_t *>(storage.data()), getByteSize()};
  }
  llvm::MutableArrayRef<uint8_t> getMutableBytes() {
    return {reinterpret_cast<uint8_t *>(storage.data()), getByteSize()};
  }

  /// Element `index` (row-major linear index) as a double: exact for every
  /// integer kind whose values fit in 53 bits and for every float kind.
  double getDouble(int64_t index) const;

  /// Element `index` of an integer kind, sign- or zero-extended.
  int64_t getInt(int64_t index) const;

  /// Stores `value` into element `index`: float kinds round to nearest even
  /// (f16 and f32), integer kinds round to nearest even and saturate.
  void setDouble(int64_t index, double value);

  /// Stores `value` into element `index` of an integer kind, keeping its low
  /// bits (two's-complement wrap); float kinds convert.
  void setInt(int64_t index, int64_t value);

  /// `f32` tensor `1x2x3` style description for messages: `1x2x3xf32`.
  std::string describe() const;

private:
  ElementKind kind = ElementKind::F32;
  llvm::SmallVector<int64_t, 4> shape;
  int64_t numElements = 0;
  bool valid = false;
  /// 8-byte aligned storage for every element kind.
  std::vector<uint64_t> storage;
};

/// A tensor of `shape` and `kind` filled with reproducible pseudo-random
/// values from `seed` (the generator is hwq's own, identical on every
/// platform): floats uniform in [lo, hi), integers uniform in [lo, hi]
/// (clamped to the kind's range). Defaults: [-1, 1) for floats, the full
/// range for 8-bit kinds, [-128, 127] for wider integers.
Tensor makeRandomTensor(ElementKind kind, llvm::ArrayRef<int64_t> shape,
                        uint64_t seed, std::optional<double> lo = std::nullopt,
                        std::optional<double> hi = std::nullopt);

} // namespace runtime
} // namespace hwq

#endif // HWQ_RUNTIME_TENSOR_H
