//===- RefTensor.cpp - values and helpers of the reference evaluator ------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "EvaluatorImpl.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/APFloat.h"

using namespace mlir;
using namespace hwq::ref;
using namespace hwq::ref::interp;

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

int64_t IntFormat::wrap(int64_t value) const {
  if (bits >= 64)
    return value;
  uint64_t mask = (uint64_t(1) << bits) - 1;
  uint64_t low = static_cast<uint64_t>(value) & mask;
  if (!isUnsigned && (low >> (bits - 1)) & 1)
    low |= ~mask;
  return static_cast<int64_t>(low);
}

std::optional<IntFormat> interp::getIntFormat(Type type) {
  IntFormat format;
  if (isa<IndexType>(type))
    return format;
  if (auto quantType = dyn_cast<quant::QuantizedType>(type)) {
    format.bits = quantType.getStorageTypeIntegralWidth();
    format.isUnsigned = !quantType.isSigned();
    if (format.bits == 0 || format.bits > 64 ||
        (format.isUnsigned && format.bits == 64))
      return std::nullopt;
    format.min = quantType.getStorageTypeMin();
    format.max = quantType.getStorageTypeMax();
    return format;
  }
  auto intType = dyn_cast<IntegerType>(type);
  if (!intType || intType.getWidth() > 64)
    return std::nullopt;
  format.bits = intType.getWidth();
  format.isUnsigned = intType.isUnsigned() || format.bits == 1;
  if (format.isUnsigned && format.bits == 64)
    return std::nullopt;
  if (format.isUnsigned) {
    format.min = 0;
    format.max = static_cast<int64_t>((uint64_t(1) << format.bits) - 1);
  } else if (format.bits < 64) {
    format.min = -(int64_t(1) << (format.bits - 1));
    format.max = (int64_t(1) << (format.bits - 1)) - 1;
  }
  return format;
}

double interp::roundToFloatType(double value, FloatType type) {
  if (type.isF64())
    return value;
  if (type.isF32())
    return static_cast<double>(static_cast<float>(value));
  llvm::APFloat converted(value);
  bool lost;
  converted.convert(type.getFloatSemantics(),
                    llvm::APFloat::rmNearestTiesToEven, &lost);
  converted.convert(llvm::APFloat::IEEEdouble(),
                    llvm::APFloat::rmNearestTiesToEven, &lost);
  return converted.convertToDouble();
}

Type interp::getResultElementType(Operation *op, unsigned index) {
  return getElementTypeOrSelf(op->getResult(index).getType());
}

//===----------------------------------------------------------------------===//
// RefTensor and shapes
//===----------------------------------------------------------------------===//

int64_t interp::getNumElements(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

RefTensor RefTensor::zeros(Type elementType, ArrayRef<int64_t> shape) {
  RefTensor tensor;
  tensor.shape.assign(shape.begin(), shape.end());
  tensor.elementType = elementType;
  if (isa<FloatType>(elementType))
    tensor.floats.assign(interp::getNumElements(shape), 0.0);
  else
    tensor.ints.assign(interp::getNumElements(shape), 0);
  return tensor;
}

int64_t RefTensor::getNumElements() const {
  return interp::getNumElements(shape);
}

SmallVector<int64_t, 4> interp::getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t, 4> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

void interp::forEachIndex(
    ArrayRef<int64_t> shape,
    llvm::function_ref<void(ArrayRef<int64_t>, int64_t)> fn) {
  int64_t count = interp::getNumElements(shape);
  SmallVector<int64_t, 4> index(shape.size(), 0);
  for (int64_t linear = 0; linear < count; ++linear) {
    fn(index, linear);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

FailureOr<SmallVector<int64_t, 4>>
interp::broadcastShapes(Operation *op, ArrayRef<int64_t> a,
                        ArrayRef<int64_t> b) {
  if (a.size() != b.size())
    return op->emitOpError() << "operands have ranks " << a.size() << " and "
                             << b.size() << "; broadcasting needs equal ranks";
  SmallVector<int64_t, 4> out;
  for (auto [da, db] : llvm::zip(a, b)) {
    if (da != db && da != 1 && db != 1)
      return op->emitOpError() << "cannot broadcast operand shapes "
                               << hwq::runtime::formatShape(a) << " and "
                               << hwq::runtime::formatShape(b);
    out.push_back(da == 1 ? db : da);
  }
  return out;
}

void interp::forEachBroadcast(
    ArrayRef<int64_t> out, ArrayRef<int64_t> a, ArrayRef<int64_t> b,
    llvm::function_ref<void(int64_t, int64_t, int64_t)> fn) {
  SmallVector<int64_t, 4> sa = getStrides(a), sb = getStrides(b);
  for (size_t d = 0; d < out.size(); ++d) {
    if (a[d] == 1)
      sa[d] = 0;
    if (b[d] == 1)
      sb[d] = 0;
  }
  forEachIndex(out, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t ia = 0, ib = 0;
    for (size_t d = 0; d < index.size(); ++d) {
      ia += index[d] * sa[d];
      ib += index[d] * sb[d];
    }
    fn(linear, ia, ib);
  });
}

LogicalResult interp::checkSameKind(Operation *op, const RefTensor &a,
                                    const RefTensor &b) {
  if (a.isFloat() == b.isFloat())
    return success();
  return op->emitOpError() << "mixes float and integer element types ("
                           << a.elementType << " and " << b.elementType
                           << "), which the reference evaluator does not "
                              "support here";
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

static double apFloatToDouble(llvm::APFloat value) {
  bool lost;
  value.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
                &lost);
  return value.convertToDouble();
}

FailureOr<RefTensor> interp::tensorFromAttr(Operation *op, ElementsAttr attr) {
  ShapedType type = attr.getShapedType();
  if (!type.hasStaticShape())
    return op->emitOpError() << "constant of dynamic shape " << type;
  Type elementType = type.getElementType();
  auto floatType = dyn_cast<FloatType>(elementType);
  std::optional<IntFormat> format = getIntFormat(elementType);
  if (!floatType && !format)
    return op->emitOpError()
           << "reference evaluator does not support constants of element "
              "type "
           << elementType;
  RefTensor tensor = RefTensor::zeros(elementType, type.getShape());
  int64_t count = tensor.getNumElements();

  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    int64_t i = 0;
    if (floatType) {
      for (const llvm::APFloat &value : dense.getValues<llvm::APFloat>())
        tensor.floats[i++] = apFloatToDouble(value);
    } else {
      for (const llvm::APInt &value : dense.getValues<llvm::APInt>())
        tensor.ints[i++] = format->isUnsigned
                               ? static_cast<int64_t>(value.getZExtValue())
                               : value.getSExtValue();
    }
    return tensor;
  }

  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return op->emitOpError()
             << "dense_resource '" << resource.getRawHandle().getKey()
             << "' has no data (elided or missing resource blob)";
    ArrayRef<char> data = blob->getData();
    unsigned bits = floatType ? floatType.getWidth() : format->bits;
    unsigned width = (bits + 7) / 8;
    if (data.size() != static_cast<size_t>(count) * width)
      return op->emitOpError()
             << "dense_resource '" << resource.getRawHandle().getKey()
             << "' holds " << data.size() << " bytes, " << type << " needs "
             << count * width;
    for (int64_t i = 0; i < count; ++i) {
      uint64_t raw = 0;
      for (unsigned byte = 0; byte < width; ++byte)
        raw |=
            static_cast<uint64_t>(static_cast<uint8_t>(data[i * width + byte]))
            << (8 * byte);
      if (bits < 64)
        raw &= (uint64_t(1) << bits) - 1;
      if (floatType) {
        tensor.floats[i] = apFloatToDouble(llvm::APFloat(
            floatType.getFloatSemantics(), llvm::APInt(bits, raw)));
      } else {
        llvm::APInt value(bits, raw);
        tensor.ints[i] = format->isUnsigned
                             ? static_cast<int64_t>(value.getZExtValue())
                             : value.getSExtValue();
      }
    }
    return tensor;
  }
  return op->emitOpError()
         << "reference evaluator does not support this constant attribute";
}
