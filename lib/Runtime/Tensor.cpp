//===- Tensor.cpp - owning host tensor ------------------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Runtime/Tensor.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace hwq;
using namespace hwq::runtime;

unsigned runtime::getElementSize(ElementKind kind) {
  switch (kind) {
  case ElementKind::I8:
  case ElementKind::U8:
    return 1;
  case ElementKind::F16:
  case ElementKind::I16:
    return 2;
  case ElementKind::F32:
  case ElementKind::I32:
    return 4;
  case ElementKind::F64:
  case ElementKind::I64:
    return 8;
  }
  return 1;
}

bool runtime::isFloatKind(ElementKind kind) {
  return kind == ElementKind::F16 || kind == ElementKind::F32 ||
         kind == ElementKind::F64;
}

bool runtime::isUnsignedKind(ElementKind kind) {
  return kind == ElementKind::U8;
}

llvm::StringRef runtime::getElementKindName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F16:
    return "f16";
  case ElementKind::F32:
    return "f32";
  case ElementKind::F64:
    return "f64";
  case ElementKind::I8:
    return "i8";
  case ElementKind::U8:
    return "u8";
  case ElementKind::I16:
    return "i16";
  case ElementKind::I32:
    return "i32";
  case ElementKind::I64:
    return "i64";
  }
  return "?";
}

std::optional<ElementKind> runtime::parseElementKind(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<ElementKind>>(name.lower())
      .Cases({"f16", "float16"}, ElementKind::F16)
      .Cases({"f32", "float32"}, ElementKind::F32)
      .Cases({"f64", "float64"}, ElementKind::F64)
      .Cases({"i8", "si8", "int8"}, ElementKind::I8)
      .Cases({"u8", "ui8", "uint8"}, ElementKind::U8)
      .Cases({"i16", "si16", "int16"}, ElementKind::I16)
      .Cases({"i32", "si32", "int32"}, ElementKind::I32)
      .Cases({"i64", "si64", "int64"}, ElementKind::I64)
      .Default(std::nullopt);
}

int64_t runtime::getIntegerKindMin(ElementKind kind) {
  switch (kind) {
  case ElementKind::I8:
    return std::numeric_limits<int8_t>::min();
  case ElementKind::I16:
    return std::numeric_limits<int16_t>::min();
  case ElementKind::I32:
    return std::numeric_limits<int32_t>::min();
  case ElementKind::I64:
    return std::numeric_limits<int64_t>::min();
  default:
    return 0;
  }
}

int64_t runtime::getIntegerKindMax(ElementKind kind) {
  switch (kind) {
  case ElementKind::I8:
    return std::numeric_limits<int8_t>::max();
  case ElementKind::U8:
    return std::numeric_limits<uint8_t>::max();
  case ElementKind::I16:
    return std::numeric_limits<int16_t>::max();
  case ElementKind::I32:
    return std::numeric_limits<int32_t>::max();
  case ElementKind::I64:
    return std::numeric_limits<int64_t>::max();
  default:
    return 0;
  }
}

std::string runtime::formatShape(llvm::ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  for (auto [i, dim] : llvm::enumerate(shape)) {
    if (i)
      text += 'x';
    text += std::to_string(dim);
  }
  return text;
}

std::optional<llvm::SmallVector<int64_t>>
runtime::parseShape(llvm::StringRef text) {
  llvm::SmallVector<int64_t> shape;
  if (text == "scalar")
    return shape;
  if (text.empty())
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef> parts;
  text.split(parts, 'x');
  for (llvm::StringRef part : parts) {
    int64_t dim;
    if (part.empty() || part.getAsInteger(10, dim) || dim < 0)
      return std::nullopt;
    shape.push_back(dim);
  }
  if (!getNumElements(shape))
    return std::nullopt;
  return shape;
}

std::optional<int64_t> runtime::getNumElements(llvm::ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return std::nullopt;
    if (dim != 0 && count > std::numeric_limits<int64_t>::max() / 8 / dim)
      return std::nullopt;
    count *= dim;
  }
  return count;
}

//===----------------------------------------------------------------------===//
// Tensor
//===----------------------------------------------------------------------===//

Tensor::Tensor(ElementKind kind, llvm::ArrayRef<int64_t> shape)
    : kind(kind), shape(shape.begin(), shape.end()) {
  numElements = runtime::getNumElements(shape).value_or(0);
  valid = true;
  storage.assign((getByteSize() + 7) / 8, 0);
}

namespace {
template <typename T> T load(const uint8_t *p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}
template <typename T> void store(uint8_t *p, T value) {
  std::memcpy(p, &value, sizeof(T));
}

double halfBitsToDouble(uint16_t bits) {
  llvm::APFloat value(llvm::APFloat::IEEEhalf(), llvm::APInt(16, bits));
  bool lost;
  value.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
                &lost);
  return value.convertToDouble();
}

uint16_t doubleToHalfBits(double x) {
  llvm::APFloat value(x);
  bool lost;
  value.convert(llvm::APFloat::IEEEhalf(), llvm::APFloat::rmNearestTiesToEven,
                &lost);
  return static_cast<uint16_t>(value.bitcastToAPInt().getZExtValue());
}
} // namespace

double Tensor::getDouble(int64_t index) const {
  const uint8_t *p = getBytes().data() + index * getElementSize(kind);
  switch (kind) {
  case ElementKind::F16:
    return halfBitsToDouble(load<uint16_t>(p));
  case ElementKind::F32:
    return load<float>(p);
  case ElementKind::F64:
    return load<double>(p);
  default:
    return static_cast<double>(getInt(index));
  }
}

int64_t Tensor::getInt(int64_t index) const {
  const uint8_t *p = getBytes().data() + index * getElementSize(kind);
  switch (kind) {
  case ElementKind::I8:
    return load<int8_t>(p);
  case ElementKind::U8:
    return load<uint8_t>(p);
  case ElementKind::I16:
    return load<int16_t>(p);
  case ElementKind::I32:
    return load<int32_t>(p);
  case ElementKind::I64:
    return load<int64_t>(p);
  default: {
    double value = getDouble(index);
    if (std::isnan(value))
      return 0;
    return static_cast<int64_t>(
        std::fmax(std::fmin(std::nearbyint(value), 9223372036854774784.0),
                  -9223372036854775808.0));
  }
  }
}

void Tensor::setDouble(int64_t index, double value) {
  uint8_t *p = getMutableBytes().data() + index * getElementSize(kind);
  switch (kind) {
  case ElementKind::F16:
    return store<uint16_t>(p, doubleToHalfBits(value));
  case ElementKind::F32:
    return store<float>(p, static_cast<float>(value));
  case ElementKind::F64:
    return store<double>(p, value);
  default: {
    if (std::isnan(value))
      return setInt(index, 0);
    double rounded = std::nearbyint(value);
    double lo = static_cast<double>(getIntegerKindMin(kind));
    double hi = static_cast<double>(getIntegerKindMax(kind));
    if (rounded <= lo)
      return setInt(index, getIntegerKindMin(kind));
    if (rounded >= hi)
      return setInt(index, getIntegerKindMax(kind));
    return setInt(index, static_cast<int64_t>(rounded));
  }
  }
}

void Tensor::setInt(int64_t index, int64_t value) {
  uint8_t *p = getMutableBytes().data() + index * getElementSize(kind);
  switch (kind) {
  case ElementKind::I8:
  case ElementKind::U8:
    return store<uint8_t>(p, static_cast<uint8_t>(value));
  case ElementKind::I16:
    return store<uint16_t>(p, static_cast<uint16_t>(value));
  case ElementKind::I32:
    return store<uint32_t>(p, static_cast<uint32_t>(value));
  case ElementKind::I64:
    return store<int64_t>(p, value);
  default:
    return setDouble(index, static_cast<double>(value));
  }
}

std::string Tensor::describe() const {
  std::string text;
  for (int64_t dim : shape)
    text += std::to_string(dim) + "x";
  return text + getElementKindName(kind).str();
}

//===----------------------------------------------------------------------===//
// Random tensors
//===----------------------------------------------------------------------===//

namespace {
/// SplitMix64: tiny, fast, and the same sequence everywhere (unlike the
/// distributions of <random>, whose algorithms are implementation-defined).
class SplitMix64 {
public:
  explicit SplitMix64(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1) with 53 random bits.
  double nextUnit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
  uint64_t state;
};
} // namespace

Tensor runtime::makeRandomTensor(ElementKind kind,
                                 llvm::ArrayRef<int64_t> shape, uint64_t seed,
                                 std::optional<double> lo,
                                 std::optional<double> hi) {
  Tensor tensor(kind, shape);
  SplitMix64 rng(seed);
  if (isFloatKind(kind)) {
    double low = lo.value_or(-1.0), high = hi.value_or(1.0);
    for (int64_t i = 0, e = tensor.getNumElements(); i < e; ++i)
      tensor.setDouble(i, low + (high - low) * rng.nextUnit());
    return tensor;
  }
  bool narrow = getElementSize(kind) == 1;
  double kindMin = static_cast<double>(getIntegerKindMin(kind));
  double kindMax = static_cast<double>(getIntegerKindMax(kind));
  double low = std::fmax(lo.value_or(narrow ? kindMin : -128.0), kindMin);
  double high = std::fmin(hi.value_or(narrow ? kindMax : 127.0), kindMax);
  int64_t ilo = static_cast<int64_t>(std::ceil(low));
  int64_t ihi = static_cast<int64_t>(std::floor(high));
  if (ihi < ilo)
    ihi = ilo;
  uint64_t span = static_cast<uint64_t>(ihi) - static_cast<uint64_t>(ilo) + 1;
  for (int64_t i = 0, e = tensor.getNumElements(); i < e; ++i) {
    uint64_t r = span == 0 ? rng.next() : rng.next() % span;
    tensor.setInt(i, static_cast<int64_t>(static_cast<uint64_t>(ilo) + r));
  }
  return tensor;
}
