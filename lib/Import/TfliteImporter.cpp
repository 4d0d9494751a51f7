//===- TfliteImporter.cpp - TFLite flatbuffer to float TOSA ---------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The TFLite importer. A model is checked with the flatbuffers verifier
// (which bounds every offset, vector and string), then its first subgraph is
// converted operator by operator. Every TFLite tensor is either known at
// import time (a tensor with buffer data, or the result of folding
// DEQUANTIZE/QUANTIZE/RESHAPE of one), kept on the host as a Constant, or a
// runtime f32 value. Constants become tosa.const only where a runtime
// operation uses them; integer constants with quantization parameters are
// dequantized (real = scale * (q - zero_point)) on that use.
//
// TFLite activations are NHWC and its convolution weights OHWI (depthwise:
// [1, KH, KW, C * M]), which is what TOSA takes, so no layout conversion is
// needed anywhere.
//
// This file holds the model-level steps, the reading of tensors and the
// helpers the operator converters (TfliteOps.cpp) share.
//
//===----------------------------------------------------------------------===//

#include "TfliteImporter.h"

#include "hwq/Import/ImportUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

using namespace mlir;
using namespace hwq;
using namespace hwq::tflite_import;

/// Names of the builtin operators 0 to 126, for diagnostics.
static const char *const kBuiltinNames[] = {
    "ADD",
    "AVERAGE_POOL_2D",
    "CONCATENATION",
    "CONV_2D",
    "DEPTHWISE_CONV_2D",
    "DEPTH_TO_SPACE",
    "DEQUANTIZE",
    "EMBEDDING_LOOKUP",
    "FLOOR",
    "FULLY_CONNECTED",
    "HASHTABLE_LOOKUP",
    "L2_NORMALIZATION",
    "L2_POOL_2D",
    "LOCAL_RESPONSE_NORMALIZATION",
    "LOGISTIC",
    "LSH_PROJECTION",
    "LSTM",
    "MAX_POOL_2D",
    "MUL",
    "RELU",
    "RELU_N1_TO_1",
    "RELU6",
    "RESHAPE",
    "RESIZE_BILINEAR",
    "RNN",
    "SOFTMAX",
    "SPACE_TO_DEPTH",
    "SVDF",
    "TANH",
    "CONCAT_EMBEDDINGS",
    "SKIP_GRAM",
    "CALL",
    "CUSTOM",
    "EMBEDDING_LOOKUP_SPARSE",
    "PAD",
    "UNIDIRECTIONAL_SEQUENCE_RNN",
    "GATHER",
    "BATCH_TO_SPACE_ND",
    "SPACE_TO_BATCH_ND",
    "TRANSPOSE",
    "MEAN",
    "SUB",
    "DIV",
    "SQUEEZE",
    "UNIDIRECTIONAL_SEQUENCE_LSTM",
    "STRIDED_SLICE",
    "BIDIRECTIONAL_SEQUENCE_RNN",
    "EXP",
    "TOPK_V2",
    "SPLIT",
    "LOG_SOFTMAX",
    "DELEGATE",
    "BIDIRECTIONAL_SEQUENCE_LSTM",
    "CAST",
    "PRELU",
    "MAXIMUM",
    "ARG_MAX",
    "MINIMUM",
    "LESS",
    "NEG",
    "PADV2",
    "GREATER",
    "GREATER_EQUAL",
    "LESS_EQUAL",
    "SELECT",
    "SLICE",
    "SIN",
    "TRANSPOSE_CONV",
    "SPARSE_TO_DENSE",
    "TILE",
    "EXPAND_DIMS",
    "EQUAL",
    "NOT_EQUAL",
    "LOG",
    "SUM",
    "SQRT",
    "RSQRT",
    "SHAPE",
    "POW",
    "ARG_MIN",
    "FAKE_QUANT",
    "REDUCE_PROD",
    "REDUCE_MAX",
    "PACK",
    "LOGICAL_OR",
    "ONE_HOT",
    "LOGICAL_AND",
    "LOGICAL_NOT",
    "UNPACK",
    "REDUCE_MIN",
    "FLOOR_DIV",
    "REDUCE_ANY",
    "SQUARE",
    "ZEROS_LIKE",
    "FILL",
    "FLOOR_MOD",
    "RANGE",
    "RESIZE_NEAREST_NEIGHBOR",
    "LEAKY_RELU",
    "SQUARED_DIFFERENCE",
    "MIRROR_PAD",
    "ABS",
    "SPLIT_V",
    "UNIQUE",
    "CEIL",
    "REVERSE_V2",
    "ADD_N",
    "GATHER_ND",
    "COS",
    "WHERE",
    "RANK",
    "ELU",
    "REVERSE_SEQUENCE",
    "MATRIX_DIAG",
    "QUANTIZE",
    "MATRIX_SET_DIAG",
    "ROUND",
    "HARD_SWISH",
    "IF",
    "WHILE",
    "NON_MAX_SUPPRESSION_V4",
    "NON_MAX_SUPPRESSION_V5",
    "SCATTER_ND",
    "SELECT_V2",
    "DENSIFY",
    "SEGMENT_SUM",
    "BATCH_MATMUL",
};

StringRef hwq::getTfliteBuiltinName(int32_t code) {
  if (code < 0 || code >= static_cast<int32_t>(std::size(kBuiltinNames)))
    return "";
  return kBuiltinNames[code];
}

StringRef hwq::tflite_import::typeName(fb::TensorType type) {
  StringRef name = fb::EnumNameTensorType(type);
  return name.empty() ? StringRef("unknown type") : name;
}

//===----------------------------------------------------------------------===//
// Reading tensors
//===----------------------------------------------------------------------===//

std::optional<int64_t>
hwq::tflite_import::elementCount(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0 || d > kMaxElements)
      return std::nullopt;
    count *= d;
    if (count > kMaxElements)
      return std::nullopt;
  }
  return count;
}

std::string hwq::tflite_import::formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? "x" : "") + std::to_string(shape[i]);
  return text.empty() ? "scalar" : text;
}

std::vector<int64_t>
hwq::tflite_import::readZeroPoints(const fb::QuantizationParameters &q) {
  std::vector<int64_t> result;
  const flatbuffers::Vector<int64_t> *zeroPoints = q.zero_point();
  if (!zeroPoints)
    return result;
  // The verifier checks the vector's length word, which is 4-byte aligned,
  // not the 8-byte alignment of its elements: copy them out bytewise.
  result.resize(zeroPoints->size());
  if (!result.empty())
    std::memcpy(result.data(), zeroPoints->Data(),
                result.size() * sizeof(int64_t));
  for (int64_t &z : result)
    z = flatbuffers::EndianScalar(z);
  return result;
}

/// IEEE half precision to float.
static float halfToFloat(uint16_t bits) {
  uint32_t sign = (bits >> 15) & 1, exponent = (bits >> 10) & 0x1f,
           mantissa = bits & 0x3ff;
  float magnitude;
  if (exponent == 0)
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);
  else if (exponent == 31)
    magnitude = mantissa ? std::numeric_limits<float>::quiet_NaN()
                         : std::numeric_limits<float>::infinity();
  else
    magnitude = std::ldexp(static_cast<float>(mantissa | 0x400),
                           static_cast<int>(exponent) - 25);
  return sign ? -magnitude : magnitude;
}

/// Reads `count` little-endian elements of type T from `data`.
template <typename T>
static std::vector<T> readElements(const uint8_t *data, int64_t count) {
  std::vector<T> result(static_cast<size_t>(count));
  if (count > 0)
    std::memcpy(result.data(), data, static_cast<size_t>(count) * sizeof(T));
  return result;
}

/// Converts a vector of T to a vector of U.
template <typename U, typename T>
static std::vector<U> convertAll(const std::vector<T> &values) {
  return std::vector<U>(values.begin(), values.end());
}

std::string TfliteImporter::tensorName(int64_t t) const {
  const fb::Tensor *tensor = graph->tensors()->Get(t);
  if (tensor && tensor->name() && tensor->name()->size())
    return tensor->name()->str();
  return "#" + std::to_string(t);
}

LogicalResult TfliteImporter::readTensors() {
  const auto *fbTensors = graph->tensors();
  size_t count = fbTensors ? fbTensors->size() : 0;
  tensors.resize(count);
  const auto *buffers = model->buffers();
  for (size_t t = 0; t < count; ++t) {
    const fb::Tensor *tensor = fbTensors->Get(t);
    TensorInfo &info = tensors[t];
    if (tensor->shape())
      for (int32_t d : *tensor->shape())
        info.shape.push_back(d);
    std::optional<int64_t> numElements = elementCount(info.shape);
    if (!numElements)
      return emitError(fileLoc()) << "tensor " << t << " ('" << tensorName(t)
                                  << "') has an invalid or too large shape";
    if (tensor->sparsity())
      return emitError(fileLoc()) << "tensor " << t << " ('" << tensorName(t)
                                  << "') is sparse; sparse tensors are not "
                                     "supported";

    uint32_t bufferIndex = tensor->buffer();
    if (bufferIndex == 0)
      continue;
    if (!buffers || bufferIndex >= buffers->size())
      return emitError(fileLoc())
             << "tensor " << t << " ('" << tensorName(t)
             << "') refers to buffer " << bufferIndex << ", but the model has "
             << (buffers ? buffers->size() : 0) << " buffers";
    const fb::Buffer *buffer = buffers->Get(bufferIndex);
    if (buffer->offset() != 0 || buffer->size() != 0)
      return emitError(fileLoc())
             << "tensor " << t << " ('" << tensorName(t)
             << "') keeps its data outside the flatbuffer; such models (over "
                "2 GB) are not supported";
    if (!buffer->data() || buffer->data()->size() == 0)
      continue;

    auto constant = std::make_shared<Constant>();
    constant->shape = info.shape;
    const uint8_t *data = buffer->data()->data();
    size_t bytes = buffer->data()->size();
    int64_t elementSize = 0;
    fb::TensorType type = tensor->type();
    switch (type) {
    case fb::TensorType::FLOAT32:
    case fb::TensorType::INT32:
      elementSize = 4;
      break;
    case fb::TensorType::FLOAT16:
    case fb::TensorType::INT16:
      elementSize = 2;
      break;
    case fb::TensorType::FLOAT64:
    case fb::TensorType::INT64:
      elementSize = 8;
      break;
    case fb::TensorType::INT8:
    case fb::TensorType::UINT8:
    case fb::TensorType::BOOL:
      elementSize = 1;
      break;
    default:
      return emitError(fileLoc())
             << "tensor " << t << " ('" << tensorName(t) << "') holds "
             << typeName(type) << " data, which is not supported";
    }
    if (bytes != static_cast<size_t>(*numElements * elementSize))
      return emitError(fileLoc())
             << "tensor " << t << " ('" << tensorName(t) << "') of "
             << *numElements << " " << typeName(type)
             << " elements has a buffer of " << bytes << " bytes";
    switch (type) {
    case fb::TensorType::FLOAT32:
      constant->floats = readElements<float>(data, *numElements);
      break;
    case fb::TensorType::FLOAT16: {
      std::vector<uint16_t> halves = readElements<uint16_t>(data, *numElements);
      for (uint16_t h : halves)
        constant->floats.push_back(halfToFloat(h));
      break;
    }
    case fb::TensorType::FLOAT64:
      constant->floats =
          convertAll<float>(readElements<double>(data, *numElements));
      break;
    case fb::TensorType::INT32:
      constant->isFloat = false;
      constant->ints =
          convertAll<int64_t>(readElements<int32_t>(data, *numElements));
      break;
    case fb::TensorType::INT16:
      constant->isFloat = false;
      constant->ints =
          convertAll<int64_t>(readElements<int16_t>(data, *numElements));
      break;
    case fb::TensorType::INT64:
      constant->isFloat = false;
      constant->ints = readElements<int64_t>(data, *numElements);
      break;
    case fb::TensorType::INT8:
      constant->isFloat = false;
      constant->ints =
          convertAll<int64_t>(readElements<int8_t>(data, *numElements));
      break;
    case fb::TensorType::UINT8:
    case fb::TensorType::BOOL:
      constant->isFloat = false;
      constant->ints =
          convertAll<int64_t>(readElements<uint8_t>(data, *numElements));
      break;
    default:
      break;
    }

    // Quantization parameters of integer data.
    const fb::QuantizationParameters *q = tensor->quantization();
    if (!constant->isFloat && q && q->scale() && q->scale()->size() > 0) {
      if (q->details_type() != fb::QuantizationDetails::NONE)
        return emitError(fileLoc())
               << "tensor " << t << " ('" << tensorName(t)
               << "') uses custom quantization, which is not supported";
      for (float s : *q->scale())
        constant->scales.push_back(s);
      constant->zeroPoints = readZeroPoints(*q);
      if (constant->zeroPoints.empty())
        constant->zeroPoints.push_back(0);
      constant->axis = q->quantized_dimension();
      size_t channels = constant->scales.size();
      if (channels > 1) {
        if (constant->axis < 0 ||
            constant->axis >= static_cast<int64_t>(info.shape.size()) ||
            info.shape[constant->axis] != static_cast<int64_t>(channels))
          return emitError(fileLoc())
                 << "tensor " << t << " ('" << tensorName(t) << "') has "
                 << channels << " scales, which do not match dimension "
                 << constant->axis << " of its shape";
      }
      if (constant->zeroPoints.size() != 1 &&
          constant->zeroPoints.size() != channels)
        return emitError(fileLoc())
               << "tensor " << t << " ('" << tensorName(t) << "') has "
               << channels << " scales but " << constant->zeroPoints.size()
               << " zero points";
      for (float s : constant->scales)
        if (!std::isfinite(s) || s <= 0.0f)
          return emitError(fileLoc())
                 << "tensor " << t << " ('" << tensorName(t)
                 << "') has a non-positive or non-finite scale " << s;
    }
    info.constant = std::move(constant);
  }
  return success();
}

FailureOr<std::vector<float>> TfliteImporter::toFloats(const Constant &c,
                                                       int64_t tensor) {
  if (c.isFloat)
    return c.floats;
  if (c.scales.empty()) {
    // Plain integers used as float data (e.g. an int32 bias of a float
    // operator) carry no scale: that is a quantized operator.
    return opError() << "the integer tensor '" << tensorName(tensor)
                     << "' has no quantization scale and cannot be used as "
                        "float data";
  }
  // real = scale * (q - zero_point), per tensor or along `axis`.
  int64_t inner = 1;
  for (size_t d = c.axis + 1; d < c.shape.size(); ++d)
    inner *= c.shape[d];
  size_t channels = c.scales.size();
  std::vector<float> result(c.ints.size());
  for (size_t i = 0; i < c.ints.size(); ++i) {
    size_t ch = channels == 1 ? 0 : (i / inner) % channels;
    double scale = c.scales[ch];
    int64_t zp = c.zeroPoints.size() == 1 ? c.zeroPoints[0] : c.zeroPoints[ch];
    // In double: a (corrupt) zero point may be far outside the data's range.
    result[i] = static_cast<float>(
        scale * (static_cast<double>(c.ints[i]) - static_cast<double>(zp)));
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Operator inputs and outputs
//===----------------------------------------------------------------------===//

LogicalResult TfliteImporter::checkArity(int64_t min, int64_t max) {
  if (numInputs() < min || numInputs() > max) {
    if (min == max)
      return opError() << "expected " << min << " inputs, got " << numInputs();
    return opError() << "expected " << min << " to " << max << " inputs, got "
                     << numInputs();
  }
  if (numOutputs() != 1)
    return opError() << "expected 1 output, got " << numOutputs();
  return success();
}

FailureOr<TensorInfo *> TfliteImporter::getInput(int64_t slot) {
  int64_t t = inputIndex(slot);
  if (t < 0)
    return opError() << "input " << slot << " is missing";
  TensorInfo &info = tensors[t];
  if (!info.constant && !info.value)
    return opError() << "input " << slot << " ('" << tensorName(t)
                     << "') is not produced by any earlier operator";
  return &info;
}

FailureOr<Value> TfliteImporter::getInputValue(int64_t slot) {
  if (failed(getInput(slot)))
    return failure();
  return getValue(inputIndex(slot), current->loc);
}

FailureOr<const Constant *> TfliteImporter::getConstantInput(int64_t slot,
                                                             StringRef role) {
  FailureOr<TensorInfo *> input = getInput(slot);
  if (failed(input))
    return failure();
  if (!(*input)->constant)
    return opError() << role << " ('" << tensorName(inputIndex(slot))
                     << "') must be a constant";
  return (*input)->constant.get();
}

FailureOr<std::vector<float>> TfliteImporter::getFloatInput(int64_t slot,
                                                            StringRef role) {
  FailureOr<const Constant *> c = getConstantInput(slot, role);
  if (failed(c))
    return failure();
  return toFloats(**c, inputIndex(slot));
}

FailureOr<std::vector<int64_t>> TfliteImporter::getIntInput(int64_t slot,
                                                            StringRef role) {
  FailureOr<const Constant *> c = getConstantInput(slot, role);
  if (failed(c))
    return failure();
  if ((*c)->isFloat)
    return opError() << role << " ('" << tensorName(inputIndex(slot))
                     << "') must hold integers";
  return (*c)->ints;
}

ArrayRef<int64_t> TfliteImporter::outputShape() const {
  return tensors[current->op->outputs()->Get(0)].shape;
}

bool TfliteImporter::isFloatActivation(const fb::Tensor &tensor) const {
  if (tensor.type() == fb::TensorType::FLOAT32)
    return true;
  // With dequantizeActivations, a quantized activation stands for its real
  // values.
  const fb::QuantizationParameters *q = tensor.quantization();
  return options.dequantizeActivations &&
         isQuantizedActivationType(tensor.type()) && q && q->scale() &&
         q->scale()->size() > 0;
}

LogicalResult TfliteImporter::setOutput(Value value, ArrayRef<int64_t> shape) {
  int64_t t = current->op->outputs()->Get(0);
  const fb::Tensor *tensor = graph->tensors()->Get(t);
  if (!isFloatActivation(*tensor)) {
    if (isQuantizedActivationType(tensor->type()))
      return opError() << "output '" << tensorName(t) << "' is "
                       << typeName(tensor->type()) << ": " << kFullyQuantized;
    return opError() << "output '" << tensorName(t) << "' is "
                     << typeName(tensor->type())
                     << "; only FLOAT32 activations are supported";
  }
  TensorInfo &info = tensors[t];
  if (info.shape != shape)
    return opError() << "computed output shape " << formatShape(shape)
                     << " does not match the declared shape "
                     << formatShape(info.shape) << " of '" << tensorName(t)
                     << "'";
  info.value = value;
  info.constant.reset();
  return success();
}

LogicalResult TfliteImporter::setOutputConstant(Constant constant) {
  int64_t t = current->op->outputs()->Get(0);
  TensorInfo &info = tensors[t];
  if (info.shape != ArrayRef<int64_t>(constant.shape))
    return opError() << "computed output shape " << formatShape(constant.shape)
                     << " does not match the declared shape "
                     << formatShape(info.shape) << " of '" << tensorName(t)
                     << "'";
  info.constant = std::make_shared<const Constant>(std::move(constant));
  info.value = nullptr;
  return success();
}

FailureOr<Value> TfliteImporter::getValue(int64_t t, Location loc) {
  TensorInfo &info = tensors[t];
  if (info.value)
    return info.value;
  if (!info.constant)
    return emitError(loc) << "tensor '" << tensorName(t)
                          << "' is not produced by any earlier operator";
  FailureOr<std::vector<float>> data = toFloats(*info.constant, t);
  if (failed(data))
    return failure();
  // Constants live at the top of the function, next to their first user's
  // predecessors; one tosa.const per tensor.
  info.value = createF32Const(info.shape, *data, loc);
  return info.value;
}

//===----------------------------------------------------------------------===//
// Op builders
//===----------------------------------------------------------------------===//

Value TfliteImporter::createF32Const(ArrayRef<int64_t> shape,
                                     ArrayRef<float> values, Location loc) {
  RankedTensorType type = f32Type(shape);
  auto attr = DenseElementsAttr::get(type, values);
  return tosa::ConstOp::create(builder, loc, type, attr);
}

Value TfliteImporter::createConstShape(ArrayRef<int64_t> values, Location loc) {
  auto attrType = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                        builder.getIndexType());
  auto attr = DenseIntElementsAttr::get(attrType, values);
  auto type = tosa::shapeType::get(context, values.size());
  return tosa::ConstShapeOp::create(builder, loc, type, attr);
}

Value TfliteImporter::createReshape(Value value, ArrayRef<int64_t> shape,
                                    Location loc) {
  if (shapeOf(value) == shape)
    return value;
  return tosa::ReshapeOp::create(builder, loc, f32Type(shape), value,
                                 createConstShape(shape, loc));
}

Value TfliteImporter::createClamp(Value value, float min, float max,
                                  Location loc) {
  return tosa::ClampOp::create(builder, loc, value.getType(), value,
                               builder.getF32FloatAttr(min),
                               builder.getF32FloatAttr(max));
}

Value TfliteImporter::createMul(Value lhs, Value rhs, ArrayRef<int64_t> shape,
                                Location loc) {
  if (!mulShiftValue) {
    // tosa.mul's shift operand (only meaningful for i32), shared.
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(builder.getInsertionBlock());
    auto shiftType = RankedTensorType::get({1}, builder.getI8Type());
    mulShiftValue = tosa::ConstOp::create(
        builder, loc, shiftType,
        DenseElementsAttr::get(shiftType, builder.getI8IntegerAttr(0)));
  }
  return tosa::MulOp::create(builder, loc, f32Type(shape), lhs, rhs,
                             mulShiftValue);
}

Value TfliteImporter::zeroPoint(Location loc) {
  if (!zeroPointValue) {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(builder.getInsertionBlock());
    zeroPointValue = createF32Const({1}, {0.0f}, loc);
  }
  return zeroPointValue;
}

FailureOr<Value>
TfliteImporter::applyActivation(Value value, fb::ActivationFunctionType act) {
  Location loc = current->loc;
  switch (act) {
  case fb::ActivationFunctionType::NONE:
    return value;
  case fb::ActivationFunctionType::RELU:
    return createClamp(value, 0.0f, std::numeric_limits<float>::max(), loc);
  case fb::ActivationFunctionType::RELU_N1_TO_1:
    return createClamp(value, -1.0f, 1.0f, loc);
  case fb::ActivationFunctionType::RELU6:
    return createClamp(value, 0.0f, 6.0f, loc);
  case fb::ActivationFunctionType::TANH:
    return tosa::TanhOp::create(builder, loc, value.getType(), value)
        .getResult();
  default:
    break;
  }
  StringRef name = fb::EnumNameActivationFunctionType(act);
  return opError() << "fused activation function "
                   << (name.empty() ? std::to_string(static_cast<int>(act))
                                    : name.str())
                   << " is not supported";
}

//===----------------------------------------------------------------------===//
// Model
//===----------------------------------------------------------------------===//

LogicalResult TfliteImporter::addInputs(func::FuncOp func) {
  Block *entry = func.addEntryBlock();
  SmallVector<Type> types;
  if (graph->inputs())
    for (int32_t t : *graph->inputs()) {
      if (t < 0 || t >= static_cast<int64_t>(tensors.size()))
        return emitError(fileLoc())
               << "subgraph input " << t << " is not a tensor index";
      const fb::Tensor *tensor = graph->tensors()->Get(t);
      if (!isFloatActivation(*tensor)) {
        if (isQuantizedActivationType(tensor->type()))
          return emitError(fileLoc())
                 << "input '" << tensorName(t) << "' is "
                 << typeName(tensor->type()) << ": " << kFullyQuantized;
        return emitError(fileLoc()) << "input '" << tensorName(t) << "' is "
                                    << typeName(tensor->type())
                                    << "; only FLOAT32 inputs are supported";
      }
      TensorInfo &info = tensors[t];
      if (llvm::is_contained(info.shape, 0) || info.shape.empty() ||
          info.constant)
        return emitError(fileLoc())
               << "input '" << tensorName(t) << "' has shape "
               << formatShape(info.shape)
               << "; inputs need a static, non-empty shape";
      Location loc =
          NameLoc::get(StringAttr::get(context, tensorName(t)), fileLoc());
      info.value = entry->addArgument(f32Type(info.shape), loc);
      types.push_back(info.value.getType());
    }
  func.setFunctionType(FunctionType::get(context, types, {}));
  return success();
}

LogicalResult TfliteImporter::convertOperator(int64_t index,
                                              const fb::Operator &op) {
  const auto *codes = model->operator_codes();
  uint32_t codeIndex = op.opcode_index();
  if (!codes || codeIndex >= codes->size())
    return emitError(fileLoc())
           << "operator " << index << " refers to operator code " << codeIndex
           << ", but the model has " << (codes ? codes->size() : 0);
  const fb::OperatorCode *opCode = codes->Get(codeIndex);
  int32_t code = std::max<int32_t>(opCode->deprecated_builtin_code(),
                                   opCode->builtin_code());

  OpContext ctx;
  ctx.index = index;
  ctx.op = &op;
  if (code == kCustom) {
    ctx.name =
        "custom operator '" +
        (opCode->custom_code() ? opCode->custom_code()->str() : std::string()) +
        "'";
  } else {
    StringRef name = getTfliteBuiltinName(code);
    ctx.name =
        name.empty() ? "builtin operator " + std::to_string(code) : name.str();
  }
  // Operators are located by their first output's name.
  std::string locName = ctx.name;
  if (op.outputs() && op.outputs()->size() > 0) {
    int32_t out = op.outputs()->Get(0);
    if (out >= 0 && out < static_cast<int64_t>(tensors.size()))
      locName = tensorName(out);
  }
  ctx.loc = NameLoc::get(StringAttr::get(context, locName), fileLoc());
  current = std::move(ctx);

  // Tensor indices must be in range (-1 marks an omitted optional input).
  for (const auto *list : {op.inputs(), op.outputs()})
    if (list)
      for (int32_t t : *list)
        if (t < -1 || t >= static_cast<int64_t>(tensors.size()) ||
            (t == -1 && list == op.outputs()))
          return opError() << "tensor index " << t << " is out of range";

  switch (code) {
  case kConv2D:
    return convertConv(/*depthwise=*/false);
  case kDepthwiseConv2D:
    return convertConv(/*depthwise=*/true);
  case kAveragePool2D:
    return convertPool(/*average=*/true);
  case kMaxPool2D:
    return convertPool(/*average=*/false);
  case kFullyConnected:
    return convertFullyConnected();
  case kAdd:
  case kSub:
  case kMul:
    return convertBinary(code);
  case kRelu:
  case kRelu6:
  case kReluN1To1:
  case kLogistic:
  case kTanh:
    return convertActivation(code);
  case kReshape:
  case kSqueeze:
  case kExpandDims:
    // All three keep the elements and declare the result's shape.
    return convertReshape();
  case kTranspose:
    return convertTranspose();
  case kMaximum:
  case kMinimum:
    return convertBinary(code);
  case kLeakyRelu:
  case kHardSwish:
    return convertActivation(code);
  case kSoftmax:
    return convertSoftmax();
  case kConcatenation:
    return convertConcatenation();
  case kPad:
    return convertPad(/*withValue=*/false);
  case kPadV2:
    return convertPad(/*withValue=*/true);
  case kMean:
    return convertMean();
  case kDequantize:
    return convertDequantize();
  case kQuantize:
    return convertQuantize();
  default:
    break;
  }
  if (code == kCustom)
    return emitError(current->loc) << "unsupported TFLite " << current->name
                                   << " (operator " << index << ")";
  return emitError(current->loc)
         << "unsupported TFLite operator '" << current->name << "' (operator "
         << index << ")";
}

OwningOpRef<ModuleOp> TfliteImporter::importModel(const fb::Model &m) {
  model = &m;
  Location modelLoc = fileLoc();
  if (m.version() != 3) {
    emitError(modelLoc) << "TFLite schema version " << m.version() << " of '"
                        << sourceName << "' is not supported (expected 3)";
    return nullptr;
  }
  if (!m.subgraphs() || m.subgraphs()->size() == 0) {
    emitError(modelLoc) << "TFLite model '" << sourceName
                        << "' has no subgraph";
    return nullptr;
  }
  graph = m.subgraphs()->Get(0);
  if (failed(readTensors()))
    return nullptr;

  OwningOpRef<ModuleOp> module = ModuleOp::create(modelLoc);
  std::string name = options.functionName;
  if (name.empty())
    name =
        graph->name() && graph->name()->size() ? graph->name()->str() : "main";
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, modelLoc, name,
                                   FunctionType::get(context, {}, {}));
  if (failed(addInputs(func)))
    return nullptr;
  builder.setInsertionPointToEnd(&func.getBody().front());

  if (graph->operators()) {
    int64_t index = 0;
    for (const fb::Operator *op : *graph->operators())
      if (failed(convertOperator(index++, *op)))
        return nullptr;
  }
  current.reset();

  if (!graph->outputs() || graph->outputs()->size() == 0) {
    emitError(modelLoc) << "TFLite subgraph of '" << sourceName
                        << "' has no outputs";
    return nullptr;
  }
  SmallVector<Value> results;
  for (int32_t t : *graph->outputs()) {
    if (t < 0 || t >= static_cast<int64_t>(tensors.size())) {
      emitError(modelLoc) << "subgraph output " << t
                          << " is not a tensor index";
      return nullptr;
    }
    Location loc =
        NameLoc::get(StringAttr::get(context, tensorName(t)), fileLoc());
    FailureOr<Value> value = getValue(t, loc);
    if (failed(value))
      return nullptr;
    results.push_back(*value);
  }
  func::ReturnOp::create(builder, modelLoc, results);
  func.setFunctionType(FunctionType::get(context,
                                         func.getFunctionType().getInputs(),
                                         ValueRange(results).getTypes()));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

//===----------------------------------------------------------------------===//
// Public API
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> hwq::importTflite(StringRef bytes, StringRef sourceName,
                                        MLIRContext *context,
                                        const TfliteImportOptions &options) {
  context->loadDialect<func::FuncDialect, tosa::TosaDialect>();
  Location fileLoc = FileLineColLoc::get(context, sourceName, 0, 0);
  // The verifier checks alignment relative to the buffer start, and the
  // accessors read scalars in place: work on a 16-byte aligned copy when the
  // caller's bytes are not aligned.
  std::unique_ptr<char[]> storage;
  const uint8_t *data = reinterpret_cast<const uint8_t *>(bytes.data());
  if (reinterpret_cast<uintptr_t>(data) % 16 != 0) {
    storage.reset(new char[bytes.size() + 16]);
    uintptr_t base = reinterpret_cast<uintptr_t>(storage.get());
    char *aligned = storage.get() + (16 - base % 16) % 16;
    std::memcpy(aligned, bytes.data(), bytes.size());
    data = reinterpret_cast<const uint8_t *>(aligned);
  }
  if (bytes.size() < 8 || bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE ||
      !fb::ModelBufferHasIdentifier(data)) {
    emitError(fileLoc) << "'" << sourceName
                       << "' is not a TFLite model (no TFL3 flatbuffer "
                          "identifier)";
    return nullptr;
  }
  flatbuffers::Verifier verifier(data, bytes.size());
  if (!fb::VerifyModelBuffer(verifier)) {
    emitError(fileLoc) << "cannot read TFLite model '" << sourceName
                       << "': the flatbuffer is corrupted or truncated";
    return nullptr;
  }
  TfliteImporter importer(context, sourceName, options);
  return importer.importModel(*fb::GetModel(data));
}

OwningOpRef<ModuleOp>
hwq::importTfliteFile(StringRef path, MLIRContext *context,
                      const TfliteImportOptions &options) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot read TFLite model '" << path
        << "': " << buffer.getError().message();
    return nullptr;
  }
  return importTflite((*buffer)->getBuffer(), path, context, options);
}
