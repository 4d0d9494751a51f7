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
//===----------------------------------------------------------------------===//

#include "hwq/Import/Tflite.h"

#include "hwq/Import/ImportUtils.h"

#include "TfliteSchema_generated.h"

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
using llvm::ArrayRef;
using llvm::SmallVector;
using llvm::StringRef;

namespace fb = hwq::tflite_fb;

//===----------------------------------------------------------------------===//
// Builtin operator codes
//===----------------------------------------------------------------------===//

namespace {
/// The builtin operator codes the importer converts (values of the format's
/// BuiltinOperator enum).
enum BuiltinCode : int32_t {
  kAdd = 0,
  kAveragePool2D = 1,
  kConcatenation = 2,
  kConv2D = 3,
  kDepthwiseConv2D = 4,
  kDequantize = 6,
  kFullyConnected = 9,
  kLogistic = 14,
  kMaxPool2D = 17,
  kMul = 18,
  kRelu = 19,
  kReluN1To1 = 20,
  kRelu6 = 21,
  kReshape = 22,
  kSoftmax = 25,
  kTanh = 28,
  kCustom = 32,
  kPad = 34,
  kMean = 40,
  kSub = 41,
  kPadV2 = 60,
  kQuantize = 114,
};
} // namespace

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

/// The name of a TensorType for messages.
static StringRef typeName(fb::TensorType type) {
  StringRef name = fb::EnumNameTensorType(type);
  return name.empty() ? StringRef("unknown type") : name;
}

//===----------------------------------------------------------------------===//
// Host-side tensors
//===----------------------------------------------------------------------===//

namespace {

/// At most this many elements in one tensor (shapes beyond it are rejected
/// before anything is allocated).
constexpr int64_t kMaxElements = int64_t(1) << 31;

/// A tensor known at import time, as stored: float data (FLOAT32, FLOAT16,
/// FLOAT64) as f32, integer data as int64 with the tensor's quantization.
struct Constant {
  SmallVector<int64_t> shape;
  bool isFloat = true;
  std::vector<float> floats;
  std::vector<int64_t> ints;
  /// Quantization of integer data: one scale (per tensor) or one per index
  /// of `axis`; empty when the data is plain integers.
  std::vector<float> scales;
  std::vector<int64_t> zeroPoints;
  int64_t axis = 0;

  size_t size() const { return isFloat ? floats.size() : ints.size(); }
};

/// What the importer knows about one TFLite tensor.
struct TensorInfo {
  SmallVector<int64_t> shape;
  std::shared_ptr<const Constant> constant;
  /// The runtime value, or the materialized constant.
  Value value;
};

/// The conversion of one TFLite subgraph into a func.func of float TOSA.
class TfliteImporter {
public:
  TfliteImporter(MLIRContext *context, StringRef sourceName,
                 const TfliteImportOptions &options)
      : context(context), builder(context), sourceName(sourceName.str()),
        options(options) {}

  OwningOpRef<ModuleOp> importModel(const fb::Model &model);

private:
  //===--------------------------------------------------------------------===//
  // Model-level steps
  //===--------------------------------------------------------------------===//
  LogicalResult readTensors();
  LogicalResult addInputs(func::FuncOp func);
  LogicalResult convertOperator(int64_t index, const fb::Operator &op);

  //===--------------------------------------------------------------------===//
  // The operator being converted.
  //===--------------------------------------------------------------------===//
  struct OpContext {
    int64_t index = 0;
    std::string name;
    const fb::Operator *op = nullptr;
    LocationAttr loc;
  };
  std::optional<OpContext> current;

  /// Emits an error at the current operator, prefixed with its name and
  /// index.
  InFlightDiagnostic opError() {
    InFlightDiagnostic diag = emitError(current->loc);
    diag << current->name << " (operator " << current->index << "): ";
    return diag;
  }

  Location fileLoc() const {
    return FileLineColLoc::get(context, sourceName, 0, 0);
  }
  /// The name of tensor `t` for messages.
  std::string tensorName(int64_t t) const;

  /// Number of inputs/outputs of the current operator.
  int64_t numInputs() const {
    return current->op->inputs() ? current->op->inputs()->size() : 0;
  }
  int64_t numOutputs() const {
    return current->op->outputs() ? current->op->outputs()->size() : 0;
  }
  /// The tensor index of input `slot` (-1 when absent: an omitted optional
  /// input).
  int64_t inputIndex(int64_t slot) const {
    return slot < numInputs() ? current->op->inputs()->Get(slot) : -1;
  }
  /// Fails unless the operator has between `min` and `max` inputs and
  /// exactly one output.
  LogicalResult checkArity(int64_t min, int64_t max);
  /// Input `slot`, which must be present.
  FailureOr<TensorInfo *> getInput(int64_t slot);
  /// Input `slot` as a runtime or materialized f32 value.
  FailureOr<Value> getInputValue(int64_t slot);
  /// Input `slot`, which must be known at import time (`role` names it).
  FailureOr<const Constant *> getConstantInput(int64_t slot, StringRef role);
  /// The f32 data of constant input `slot` (dequantized when it is stored
  /// quantized).
  FailureOr<std::vector<float>> getFloatInput(int64_t slot, StringRef role);
  /// The integer data of constant input `slot` (shapes, axes, paddings).
  FailureOr<std::vector<int64_t>> getIntInput(int64_t slot, StringRef role);

  /// The float data of `c`: its floats, or its integers dequantized.
  FailureOr<std::vector<float>> toFloats(const Constant &c, int64_t tensor);

  /// The declared shape of output 0.
  ArrayRef<int64_t> outputShape() const;
  /// Records `value` of `shape` as output 0, after checking that the shape
  /// agrees with the declared one and that the output is a float tensor.
  LogicalResult setOutput(Value value, ArrayRef<int64_t> shape);
  /// Records a folded constant as output 0.
  LogicalResult setOutputConstant(Constant constant);

  /// The value of a tensor (materializing constants as tosa.const).
  FailureOr<Value> getValue(int64_t t, Location loc);

  //===--------------------------------------------------------------------===//
  // Operator converters
  //===--------------------------------------------------------------------===//
  LogicalResult convertConv(bool depthwise);
  LogicalResult convertPool(bool average);
  LogicalResult convertFullyConnected();
  LogicalResult convertBinary(int32_t code);
  LogicalResult convertActivation(int32_t code);
  LogicalResult convertReshape();
  LogicalResult convertSoftmax();
  LogicalResult convertConcatenation();
  LogicalResult convertPad(bool withValue);
  LogicalResult convertMean();
  LogicalResult convertDequantize();
  LogicalResult convertQuantize();

  /// Applies a fused activation function to `value`.
  FailureOr<Value> applyActivation(Value value, fb::ActivationFunctionType act);

  //===--------------------------------------------------------------------===//
  // Op builders
  //===--------------------------------------------------------------------===//
  RankedTensorType f32Type(ArrayRef<int64_t> shape) const {
    return RankedTensorType::get(shape, Float32Type::get(context));
  }
  static ArrayRef<int64_t> shapeOf(Value value) {
    return cast<ShapedType>(value.getType()).getShape();
  }
  Value createF32Const(ArrayRef<int64_t> shape, ArrayRef<float> values,
                       Location loc);
  Value createConstShape(ArrayRef<int64_t> values, Location loc);
  Value createReshape(Value value, ArrayRef<int64_t> shape, Location loc);
  Value createClamp(Value value, float min, float max, Location loc);
  Value createMul(Value lhs, Value rhs, ArrayRef<int64_t> shape, Location loc);
  /// The f32 zero-point operand shared by conv, matmul and pooling.
  Value zeroPoint(Location loc);

  MLIRContext *context;
  OpBuilder builder;
  std::string sourceName;
  const TfliteImportOptions &options;
  const fb::Model *model = nullptr;
  const fb::SubGraph *graph = nullptr;
  std::vector<TensorInfo> tensors;
  Value zeroPointValue;
  Value mulShiftValue;
};

} // namespace

//===----------------------------------------------------------------------===//
// Reading tensors
//===----------------------------------------------------------------------===//

/// The element count of `shape`, or std::nullopt when a dimension is
/// negative or the count exceeds kMaxElements.
static std::optional<int64_t> elementCount(ArrayRef<int64_t> shape) {
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
      if (q->zero_point())
        for (int64_t z : *q->zero_point())
          constant->zeroPoints.push_back(z);
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
    result[i] = static_cast<float>(scale * static_cast<double>(c.ints[i] - zp));
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

/// "AxBxC" for messages.
static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? "x" : "") + std::to_string(shape[i]);
  return text.empty() ? "scalar" : text;
}

/// Whether `t` is an integer tensor type hwq sees in fully quantized models.
static bool isQuantizedActivationType(fb::TensorType type) {
  return type == fb::TensorType::INT8 || type == fb::TensorType::UINT8 ||
         type == fb::TensorType::INT16;
}

static constexpr const char *kFullyQuantized =
    "fully quantized models are not supported; use the float model";

LogicalResult TfliteImporter::setOutput(Value value, ArrayRef<int64_t> shape) {
  int64_t t = current->op->outputs()->Get(0);
  const fb::Tensor *tensor = graph->tensors()->Get(t);
  if (tensor->type() != fb::TensorType::FLOAT32) {
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
// Convolution and pooling
//===----------------------------------------------------------------------===//

namespace {
/// A 2-D window as TOSA takes it, with the input crop that makes it exact.
struct Window {
  import::WindowAxis axes[2];
  SmallVector<int64_t> kernel, stride, dilation;
};
} // namespace

/// Computes the window of an NHWC input of `inShape` for a kernel of
/// kh x kw; TFLite's SAME pads (total - total / 2) after, like ONNX's
/// SAME_UPPER.
static std::optional<Window> computeWindow(ArrayRef<int64_t> inShape,
                                           int64_t kh, int64_t kw,
                                           fb::Padding padding, int64_t sh,
                                           int64_t sw, int64_t dh, int64_t dw) {
  import::AutoPad mode = padding == fb::Padding::VALID
                             ? import::AutoPad::Valid
                             : import::AutoPad::SameUpper;
  Window window;
  window.kernel = {kh, kw};
  window.stride = {sh, sw};
  window.dilation = {dh, dw};
  for (int i = 0; i < 2; ++i) {
    std::optional<import::WindowAxis> axis = import::computeWindowAxis(
        inShape[1 + i], window.kernel[i], window.stride[i], window.dilation[i],
        mode, 0, 0, /*ceilMode=*/false);
    if (!axis)
      return std::nullopt;
    window.axes[i] = *axis;
  }
  return window;
}

/// TOSA's [top, bottom, left, right] padding of `window`.
static SmallVector<int64_t> tosaPad(const Window &window) {
  return {window.axes[0].padBegin, window.axes[0].padEnd,
          window.axes[1].padBegin, window.axes[1].padEnd};
}

LogicalResult TfliteImporter::convertConv(bool depthwise) {
  if (failed(checkArity(2, 3)))
    return failure();
  Location loc = current->loc;
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  FailureOr<const Constant *> w = getConstantInput(1, "the filter");
  if (failed(w))
    return failure();
  ArrayRef<int64_t> inShape = (*x)->shape;
  ArrayRef<int64_t> wShape = (*w)->shape;
  if (inShape.size() != 4 || wShape.size() != 4)
    return opError() << "expected a rank-4 input and filter, got "
                     << formatShape(inShape) << " and " << formatShape(wShape);
  int64_t channels = inShape[3];

  fb::Padding padding;
  int64_t sh, sw, dh, dw, multiplier = 1;
  fb::ActivationFunctionType act;
  int64_t outChannels, kh = wShape[1], kw = wShape[2];
  if (depthwise) {
    const fb::DepthwiseConv2DOptions *opts =
        current->op->builtin_options_as_DepthwiseConv2DOptions();
    if (!opts)
      return opError() << "missing DepthwiseConv2DOptions";
    padding = opts->padding();
    sh = opts->stride_h(), sw = opts->stride_w();
    dh = opts->dilation_h_factor(), dw = opts->dilation_w_factor();
    act = opts->fused_activation_function();
    outChannels = wShape[3];
    if (wShape[0] != 1 || channels <= 0 || outChannels % channels != 0)
      return opError() << "filter " << formatShape(wShape)
                       << " does not fit an input of " << channels
                       << " channels (expected 1xKHxKWx(C*M))";
    multiplier = outChannels / channels;
    if (opts->depth_multiplier() > 0 && opts->depth_multiplier() != multiplier)
      return opError() << "depth_multiplier " << opts->depth_multiplier()
                       << " does not match the filter " << formatShape(wShape)
                       << " for " << channels << " input channels";
  } else {
    const fb::Conv2DOptions *opts =
        current->op->builtin_options_as_Conv2DOptions();
    if (!opts)
      return opError() << "missing Conv2DOptions";
    padding = opts->padding();
    sh = opts->stride_h(), sw = opts->stride_w();
    dh = opts->dilation_h_factor(), dw = opts->dilation_w_factor();
    act = opts->fused_activation_function();
    outChannels = wShape[0];
    if (wShape[3] != channels) {
      if (wShape[3] > 0 && channels % wShape[3] == 0)
        return opError() << "grouped convolution (" << channels
                         << " input channels, filter " << formatShape(wShape)
                         << ") is not supported";
      return opError() << "filter " << formatShape(wShape) << " does not match "
                       << channels << " input channels";
    }
  }
  std::optional<Window> window =
      computeWindow(inShape, kh, kw, padding, sh, sw, dh, dw);
  if (!window)
    return opError() << "invalid window: input " << formatShape(inShape)
                     << ", kernel " << kh << "x" << kw << ", strides " << sh
                     << "x" << sw << ", dilations " << dh << "x" << dw;

  FailureOr<std::vector<float>> weights = getFloatInput(1, "the filter");
  if (failed(weights))
    return failure();
  std::vector<float> bias(outChannels, 0.0f);
  if (inputIndex(2) >= 0) {
    FailureOr<std::vector<float>> b = getFloatInput(2, "the bias");
    if (failed(b))
      return failure();
    if (static_cast<int64_t>(b->size()) != outChannels)
      return opError() << "the bias has " << b->size() << " elements, expected "
                       << outChannels;
    bias = std::move(*b);
  }

  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  Value cropped = *input;
  if (window->axes[0].inputCrop || window->axes[1].inputCrop) {
    SmallVector<int64_t> size(inShape);
    size[1] -= window->axes[0].inputCrop;
    size[2] -= window->axes[1].inputCrop;
    cropped = tosa::SliceOp::create(builder, loc, f32Type(size), *input,
                                    createConstShape({0, 0, 0, 0}, loc),
                                    createConstShape(size, loc));
  }
  SmallVector<int64_t> outShape = {inShape[0], window->axes[0].outSize,
                                   window->axes[1].outSize, outChannels};
  Value biasValue = createF32Const({outChannels}, bias, loc);
  Value zp = zeroPoint(loc);
  Value result;
  if (depthwise) {
    // [1, KH, KW, C * M] holds, in memory, [KH, KW, C, M].
    Value weight =
        createF32Const({kh, kw, channels, multiplier}, *weights, loc);
    result = tosa::DepthwiseConv2DOp::create(
        builder, loc, f32Type(outShape), cropped, weight, biasValue, zp, zp,
        tosaPad(*window), window->stride, window->dilation,
        builder.getF32Type());
  } else {
    Value weight = createF32Const(wShape, *weights, loc);
    result = tosa::Conv2DOp::create(builder, loc, f32Type(outShape), cropped,
                                    weight, biasValue, zp, zp, tosaPad(*window),
                                    window->stride, window->dilation,
                                    builder.getF32Type());
  }
  FailureOr<Value> activated = applyActivation(result, act);
  if (failed(activated))
    return failure();
  return setOutput(*activated, outShape);
}

LogicalResult TfliteImporter::convertPool(bool average) {
  if (failed(checkArity(1, 1)))
    return failure();
  Location loc = current->loc;
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> inShape = (*x)->shape;
  if (inShape.size() != 4)
    return opError() << "expected a rank-4 input, got " << formatShape(inShape);
  const fb::Pool2DOptions *opts =
      current->op->builtin_options_as_Pool2DOptions();
  if (!opts)
    return opError() << "missing Pool2DOptions";
  std::optional<Window> window =
      computeWindow(inShape, opts->filter_height(), opts->filter_width(),
                    opts->padding(), opts->stride_h(), opts->stride_w(), 1, 1);
  if (!window)
    return opError() << "invalid window: input " << formatShape(inShape)
                     << ", filter " << opts->filter_height() << "x"
                     << opts->filter_width() << ", strides " << opts->stride_h()
                     << "x" << opts->stride_w();
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  Value cropped = *input;
  if (window->axes[0].inputCrop || window->axes[1].inputCrop) {
    SmallVector<int64_t> size(inShape);
    size[1] -= window->axes[0].inputCrop;
    size[2] -= window->axes[1].inputCrop;
    cropped = tosa::SliceOp::create(builder, loc, f32Type(size), *input,
                                    createConstShape({0, 0, 0, 0}, loc),
                                    createConstShape(size, loc));
  }
  SmallVector<int64_t> outShape = {inShape[0], window->axes[0].outSize,
                                   window->axes[1].outSize, inShape[3]};
  // TFLite's average excludes the padding from the count, like TOSA's.
  Value result;
  if (average) {
    Value zp = zeroPoint(loc);
    result = tosa::AvgPool2dOp::create(builder, loc, f32Type(outShape), cropped,
                                       zp, zp, window->kernel, window->stride,
                                       tosaPad(*window), builder.getF32Type());
  } else {
    result = tosa::MaxPool2dOp::create(builder, loc, f32Type(outShape), cropped,
                                       window->kernel, window->stride,
                                       tosaPad(*window));
  }
  FailureOr<Value> activated =
      applyActivation(result, opts->fused_activation_function());
  if (failed(activated))
    return failure();
  return setOutput(*activated, outShape);
}

//===----------------------------------------------------------------------===//
// FULLY_CONNECTED
//===----------------------------------------------------------------------===//

LogicalResult TfliteImporter::convertFullyConnected() {
  if (failed(checkArity(2, 3)))
    return failure();
  Location loc = current->loc;
  const fb::FullyConnectedOptions *opts =
      current->op->builtin_options_as_FullyConnectedOptions();
  fb::ActivationFunctionType act = opts ? opts->fused_activation_function()
                                        : fb::ActivationFunctionType::NONE;
  if (opts &&
      opts->weights_format() != fb::FullyConnectedOptionsWeightsFormat::DEFAULT)
    return opError() << "shuffled weight formats are not supported";
  bool keepDims = opts && opts->keep_num_dims();

  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  FailureOr<const Constant *> w = getConstantInput(1, "the weights");
  if (failed(w))
    return failure();
  ArrayRef<int64_t> inShape = (*x)->shape;
  ArrayRef<int64_t> wShape = (*w)->shape;
  if (wShape.size() != 2 || wShape[1] <= 0)
    return opError() << "expected [N, K] weights, got " << formatShape(wShape);
  int64_t n = wShape[0], k = wShape[1];
  std::optional<int64_t> count = elementCount(inShape);
  if (!count || *count % k != 0 || inShape.empty())
    return opError() << "input " << formatShape(inShape)
                     << " does not fit weights " << formatShape(wShape);
  int64_t rows = *count / k;
  if (keepDims && inShape.back() != k)
    return opError() << "keep_num_dims needs the input's last dimension to be "
                     << k;

  FailureOr<std::vector<float>> weights = getFloatInput(1, "the weights");
  if (failed(weights))
    return failure();
  std::vector<float> bias;
  if (inputIndex(2) >= 0) {
    FailureOr<std::vector<float>> b = getFloatInput(2, "the bias");
    if (failed(b))
      return failure();
    if (static_cast<int64_t>(b->size()) != n)
      return opError() << "the bias has " << b->size() << " elements, expected "
                       << n;
    bias = std::move(*b);
  }
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();

  // y[r, j] = sum_i x[r, i] * w[j, i]: tosa.matmul of [1, R, K] and the
  // transposed weights [1, K, N].
  const int64_t perm[] = {1, 0};
  std::vector<float> kn = import::transposeData<float>(*weights, wShape, perm);
  Value x3 = createReshape(*input, {1, rows, k}, loc);
  Value w3 = createF32Const({1, k, n}, kn, loc);
  Value zp = zeroPoint(loc);
  Value result = tosa::MatMulOp::create(builder, loc, f32Type({1, rows, n}), x3,
                                        w3, zp, zp);
  if (!bias.empty())
    result = tosa::AddOp::create(builder, loc, f32Type({1, rows, n}), result,
                                 createF32Const({1, 1, n}, bias, loc));
  SmallVector<int64_t> outShape;
  if (keepDims) {
    outShape.assign(inShape.begin(), inShape.end() - 1);
    outShape.push_back(n);
  } else {
    outShape = {rows, n};
  }
  result = createReshape(result, outShape, loc);
  FailureOr<Value> activated = applyActivation(result, act);
  if (failed(activated))
    return failure();
  return setOutput(*activated, outShape);
}

//===----------------------------------------------------------------------===//
// Elementwise operators
//===----------------------------------------------------------------------===//

/// Numpy-style broadcast of two shapes; std::nullopt when incompatible.
static std::optional<SmallVector<int64_t>>
broadcastShapes(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    result[i] = da == 1 ? db : da;
  }
  return result;
}

LogicalResult TfliteImporter::convertBinary(int32_t code) {
  if (failed(checkArity(2, 2)))
    return failure();
  Location loc = current->loc;
  fb::ActivationFunctionType act = fb::ActivationFunctionType::NONE;
  if (code == kAdd) {
    if (const auto *opts = current->op->builtin_options_as_AddOptions())
      act = opts->fused_activation_function();
  } else if (code == kSub) {
    if (const auto *opts = current->op->builtin_options_as_SubOptions())
      act = opts->fused_activation_function();
  } else if (const auto *opts = current->op->builtin_options_as_MulOptions()) {
    act = opts->fused_activation_function();
  }
  FailureOr<TensorInfo *> lhs = getInput(0), rhs = getInput(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  std::optional<SmallVector<int64_t>> outShape =
      broadcastShapes((*lhs)->shape, (*rhs)->shape);
  if (!outShape)
    return opError() << "shapes " << formatShape((*lhs)->shape) << " and "
                     << formatShape((*rhs)->shape) << " do not broadcast";
  // TOSA broadcasts size-1 dimensions of operands of equal rank.
  SmallVector<Value, 2> operands;
  for (TensorInfo *operand : {*lhs, *rhs}) {
    int64_t slot = operands.size();
    ArrayRef<int64_t> shape = operand->shape;
    SmallVector<int64_t> expanded(outShape->size() - shape.size(), 1);
    expanded.append(shape.begin(), shape.end());
    if (operand->constant) {
      // Constants take the common rank at import time.
      FailureOr<std::vector<float>> data = getFloatInput(slot, "the operand");
      if (failed(data))
        return failure();
      operands.push_back(createF32Const(expanded, *data, loc));
      continue;
    }
    FailureOr<Value> v = getInputValue(slot);
    if (failed(v))
      return failure();
    operands.push_back(createReshape(*v, expanded, loc));
  }
  RankedTensorType type = f32Type(*outShape);
  Value result;
  if (code == kAdd)
    result = tosa::AddOp::create(builder, loc, type, operands[0], operands[1]);
  else if (code == kSub)
    result = tosa::SubOp::create(builder, loc, type, operands[0], operands[1]);
  else
    result = createMul(operands[0], operands[1], *outShape, loc);
  FailureOr<Value> activated = applyActivation(result, act);
  if (failed(activated))
    return failure();
  return setOutput(*activated, *outShape);
}

LogicalResult TfliteImporter::convertActivation(int32_t code) {
  if (failed(checkArity(1, 1)))
    return failure();
  Location loc = current->loc;
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  Value result;
  switch (code) {
  case kRelu:
    result = createClamp(*input, 0.0f, std::numeric_limits<float>::max(), loc);
    break;
  case kRelu6:
    result = createClamp(*input, 0.0f, 6.0f, loc);
    break;
  case kReluN1To1:
    result = createClamp(*input, -1.0f, 1.0f, loc);
    break;
  case kLogistic:
    result = tosa::SigmoidOp::create(builder, loc, input->getType(), *input);
    break;
  default:
    result = tosa::TanhOp::create(builder, loc, input->getType(), *input);
    break;
  }
  return setOutput(result, shapeOf(*input));
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

LogicalResult TfliteImporter::convertReshape() {
  if (failed(checkArity(1, 2)))
    return failure();
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  // Static models declare the result's shape; the shape input and the
  // new_shape option (which may hold -1) say the same.
  SmallVector<int64_t> outShape(outputShape());
  std::optional<int64_t> inCount = elementCount((*x)->shape);
  std::optional<int64_t> outCount = elementCount(outShape);
  if (!inCount || !outCount || *inCount != *outCount)
    return opError() << "cannot reshape " << formatShape((*x)->shape) << " to "
                     << formatShape(outShape);
  if ((*x)->constant && !(*x)->value) {
    Constant folded = *(*x)->constant;
    folded.shape = outShape;
    if (!folded.scales.empty() && folded.scales.size() > 1)
      return opError() << "reshaping a per-axis quantized constant is not "
                          "supported";
    return setOutputConstant(std::move(folded));
  }
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  return setOutput(createReshape(*input, outShape, current->loc), outShape);
}

LogicalResult TfliteImporter::convertSoftmax() {
  if (failed(checkArity(1, 1)))
    return failure();
  Location loc = current->loc;
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  const fb::SoftmaxOptions *opts =
      current->op->builtin_options_as_SoftmaxOptions();
  float beta = opts ? opts->beta() : 1.0f;
  SmallVector<int64_t> shape(shapeOf(*input));
  if (shape.empty())
    return opError() << "expected an input of rank >= 1";
  // softmax(beta * x) along the last axis, decomposed like the ONNX
  // importer's: max, subtract, exp, sum, reciprocal, multiply.
  Value x = *input;
  if (beta != 1.0f) {
    SmallVector<int64_t> ones(shape.size(), 1);
    x = createMul(x, createF32Const(ones, {beta}, loc), shape, loc);
  }
  uint32_t axis = static_cast<uint32_t>(shape.size() - 1);
  SmallVector<int64_t> reduced = shape;
  reduced[axis] = 1;
  RankedTensorType type = f32Type(shape), reducedType = f32Type(reduced);
  Value max = tosa::ReduceMaxOp::create(builder, loc, reducedType, x, axis);
  Value shifted = tosa::SubOp::create(builder, loc, type, x, max);
  Value exp = tosa::ExpOp::create(builder, loc, type, shifted);
  Value sum = tosa::ReduceSumOp::create(builder, loc, reducedType, exp, axis);
  Value inverse = tosa::ReciprocalOp::create(builder, loc, reducedType, sum);
  return setOutput(createMul(exp, inverse, shape, loc), shape);
}

LogicalResult TfliteImporter::convertConcatenation() {
  if (numInputs() < 1 || numOutputs() != 1)
    return opError() << "expected at least 1 input and 1 output";
  Location loc = current->loc;
  const fb::ConcatenationOptions *opts =
      current->op->builtin_options_as_ConcatenationOptions();
  if (!opts)
    return opError() << "missing ConcatenationOptions";
  SmallVector<Value> values;
  for (int64_t slot = 0; slot < numInputs(); ++slot) {
    FailureOr<Value> v = getInputValue(slot);
    if (failed(v))
      return failure();
    values.push_back(*v);
  }
  SmallVector<int64_t> shape(shapeOf(values[0]));
  int64_t rank = shape.size();
  int64_t axis = opts->axis();
  if (axis < -rank || axis >= rank)
    return opError() << "axis " << axis << " is out of range for rank " << rank;
  if (axis < 0)
    axis += rank;
  shape[axis] = 0;
  for (Value v : values) {
    ArrayRef<int64_t> s = shapeOf(v);
    for (int64_t d = 0; d < rank; ++d)
      if (static_cast<int64_t>(s.size()) != rank ||
          (d != axis && s[d] != shape[d]))
        return opError() << "inputs of shapes "
                         << formatShape(shapeOf(values[0])) << " and "
                         << formatShape(s)
                         << " cannot be concatenated along axis " << axis;
    shape[axis] += s[axis];
  }
  Value result = tosa::ConcatOp::create(builder, loc, f32Type(shape), values,
                                        static_cast<uint32_t>(axis));
  FailureOr<Value> activated =
      applyActivation(result, opts->fused_activation_function());
  if (failed(activated))
    return failure();
  return setOutput(*activated, shape);
}

LogicalResult TfliteImporter::convertPad(bool withValue) {
  if (failed(checkArity(2, withValue ? 3 : 2)))
    return failure();
  Location loc = current->loc;
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  FailureOr<std::vector<int64_t>> pads = getIntInput(1, "the paddings");
  if (failed(pads))
    return failure();
  int64_t rank = (*x)->shape.size();
  if (static_cast<int64_t>(pads->size()) != 2 * rank)
    return opError() << "expected paddings of shape " << rank << "x2, got "
                     << pads->size() << " values";
  float value = 0.0f;
  if (withValue && inputIndex(2) >= 0) {
    FailureOr<std::vector<float>> v = getFloatInput(2, "the padding value");
    if (failed(v))
      return failure();
    if (v->size() != 1)
      return opError() << "the padding value must have one element";
    value = (*v)[0];
  }
  SmallVector<int64_t> outShape((*x)->shape);
  for (int64_t d = 0; d < rank; ++d) {
    int64_t before = (*pads)[2 * d], after = (*pads)[2 * d + 1];
    if (before < 0 || after < 0 || before > kMaxElements ||
        after > kMaxElements)
      return opError() << "paddings must be non-negative";
    outShape[d] += before + after;
  }
  if (!elementCount(outShape))
    return opError() << "the padded shape is too large";
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  Value result = tosa::PadOp::create(builder, loc, f32Type(outShape), *input,
                                     createConstShape(*pads, loc),
                                     createF32Const({1}, {value}, loc));
  return setOutput(result, outShape);
}

LogicalResult TfliteImporter::convertMean() {
  if (failed(checkArity(2, 2)))
    return failure();
  Location loc = current->loc;
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  FailureOr<std::vector<int64_t>> axesData = getIntInput(1, "the axes");
  if (failed(axesData))
    return failure();
  const fb::ReducerOptions *opts =
      current->op->builtin_options_as_ReducerOptions();
  bool keepDims = opts && opts->keep_dims();
  int64_t rank = (*x)->shape.size();
  SmallVector<bool> reduce(rank, false);
  for (int64_t a : *axesData) {
    if (a < -rank || a >= rank)
      return opError() << "axis " << a << " is out of range for rank " << rank;
    reduce[a < 0 ? a + rank : a] = true;
  }
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  // One tosa.reduce_sum per axis, then a multiplication by 1 / count.
  Value result = *input;
  SmallVector<int64_t> shape((*x)->shape), squeezed;
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduce[d]) {
      squeezed.push_back(shape[d]);
      continue;
    }
    count *= shape[d];
    shape[d] = 1;
    result = tosa::ReduceSumOp::create(builder, loc, f32Type(shape), result,
                                       static_cast<uint32_t>(d));
    if (keepDims)
      squeezed.push_back(1);
  }
  if (count == 0)
    return opError() << "mean over an empty axis";
  SmallVector<int64_t> ones(rank, 1);
  result = createMul(
      result, createF32Const(ones, {static_cast<float>(1.0 / count)}, loc),
      shape, loc);
  result = createReshape(result, squeezed, loc);
  return setOutput(result, squeezed);
}

//===----------------------------------------------------------------------===//
// QUANTIZE / DEQUANTIZE
//===----------------------------------------------------------------------===//

LogicalResult TfliteImporter::convertDequantize() {
  if (failed(checkArity(1, 1)))
    return failure();
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  if (!(*x)->constant) {
    const fb::Tensor *tensor = graph->tensors()->Get(inputIndex(0));
    if (isQuantizedActivationType(tensor->type()))
      return opError() << "dequantizes the runtime tensor '"
                       << tensorName(inputIndex(0)) << "': " << kFullyQuantized;
    // FLOAT16 activations do not occur in TFLite; anything else is invalid.
    return opError() << "the input ('" << tensorName(inputIndex(0))
                     << "') must be a constant";
  }
  // Weights stored quantized (or as float16): fold to float.
  FailureOr<std::vector<float>> data = getFloatInput(0, "the input");
  if (failed(data))
    return failure();
  Constant folded;
  folded.shape = (*x)->shape;
  folded.floats = std::move(*data);
  return setOutputConstant(std::move(folded));
}

LogicalResult TfliteImporter::convertQuantize() {
  if (failed(checkArity(1, 1)))
    return failure();
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  int64_t out = current->op->outputs()->Get(0);
  if (!(*x)->constant)
    return opError() << "quantizes the runtime tensor '"
                     << tensorName(inputIndex(0)) << "': " << kFullyQuantized;
  // A constant quantized at import time (rare): its integers, with the
  // output's quantization, dequantized again wherever they are used.
  FailureOr<std::vector<float>> data = getFloatInput(0, "the input");
  if (failed(data))
    return failure();
  const fb::Tensor *tensor = graph->tensors()->Get(out);
  const fb::QuantizationParameters *q = tensor->quantization();
  if (!q || !q->scale() || q->scale()->size() != 1)
    return opError() << "the output ('" << tensorName(out)
                     << "') needs one scale";
  int64_t qmin, qmax;
  switch (tensor->type()) {
  case fb::TensorType::INT8:
    qmin = -128, qmax = 127;
    break;
  case fb::TensorType::UINT8:
    qmin = 0, qmax = 255;
    break;
  case fb::TensorType::INT16:
    qmin = -32768, qmax = 32767;
    break;
  default:
    return opError() << "unsupported output type " << typeName(tensor->type());
  }
  double scale = q->scale()->Get(0);
  int64_t zp =
      q->zero_point() && q->zero_point()->size() ? q->zero_point()->Get(0) : 0;
  if (!(scale > 0.0) || !std::isfinite(scale))
    return opError() << "the output's scale must be positive";
  Constant folded;
  folded.shape = (*x)->shape;
  folded.isFloat = false;
  folded.scales = {static_cast<float>(scale)};
  folded.zeroPoints = {zp};
  for (float v : *data) {
    // Round half away from zero (TFLite's reference quantizer), saturate.
    double r = std::round(static_cast<double>(v) / scale);
    if (!std::isfinite(r))
      r = r > 0 ? static_cast<double>(qmax) : static_cast<double>(qmin);
    r = std::clamp(r + static_cast<double>(zp), static_cast<double>(qmin),
                   static_cast<double>(qmax));
    folded.ints.push_back(static_cast<int64_t>(r));
  }
  return setOutputConstant(std::move(folded));
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
      if (tensor->type() != fb::TensorType::FLOAT32) {
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
    return convertReshape();
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
  std::unique_ptr<uint64_t[]> aligned;
  const uint8_t *data = reinterpret_cast<const uint8_t *>(bytes.data());
  if (reinterpret_cast<uintptr_t>(data) % 16 != 0) {
    aligned.reset(new uint64_t[bytes.size() / 8 + 2]);
    // new[] of uint64_t is 16-byte aligned on the platforms hwq supports.
    std::memcpy(aligned.get(), bytes.data(), bytes.size());
    data = reinterpret_cast<const uint8_t *>(aligned.get());
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
