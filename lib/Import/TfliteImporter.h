//===- TfliteImporter.h - TFLite subgraph to TOSA conversion ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Private to lib/Import: the state of one TFLite import. Every TFLite tensor
// index maps to a TensorInfo that holds a host-side Constant (buffer data, or
// the result of folding DEQUANTIZE/QUANTIZE/RESHAPE of one), a runtime f32
// value, or both once a constant is materialized as tosa.const.
//
// Model-level steps, tensor reading and the shared helpers live in
// TfliteImporter.cpp; the operator converters in TfliteOps.cpp. Only these
// files include the generated flatbuffers header.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_LIB_IMPORT_TFLITEIMPORTER_H
#define HWQ_LIB_IMPORT_TFLITEIMPORTER_H

#include "hwq/Import/Tflite.h"

#include "TfliteSchema_generated.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hwq {
namespace tflite_import {

namespace fb = hwq::tflite_fb;
using llvm::ArrayRef;
using llvm::SmallVector;
using llvm::StringRef;
using mlir::FailureOr;
using mlir::FileLineColLoc;
using mlir::Float32Type;
using mlir::InFlightDiagnostic;
using mlir::Location;
using mlir::LocationAttr;
using mlir::LogicalResult;
using mlir::MLIRContext;
using mlir::ModuleOp;
using mlir::OpBuilder;
using mlir::OwningOpRef;
using mlir::RankedTensorType;
using mlir::ShapedType;
using mlir::Value;

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
  kTranspose = 39,
  kSqueeze = 43,
  kMaximum = 55,
  kMinimum = 57,
  kExpandDims = 70,
  kLeakyRelu = 98,
  kQuantize = 114,
  kHardSwish = 117,
};

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
  LogicalResult addInputs(mlir::func::FuncOp func);
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
  /// Whether `tensor` can be a runtime f32 value: FLOAT32, or a quantized
  /// activation when dequantizeActivations is set.
  bool isFloatActivation(const fb::Tensor &tensor) const;
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
  LogicalResult convertTranspose();
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
    return llvm::cast<ShapedType>(value.getType()).getShape();
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

/// The element count of `shape`, or std::nullopt when a dimension is
/// negative or the count exceeds kMaxElements.
std::optional<int64_t> elementCount(ArrayRef<int64_t> shape);

/// "AxBxC" for messages ("scalar" for rank 0).
std::string formatShape(ArrayRef<int64_t> shape);

/// The zero points of `q` (possibly unaligned in the file).
std::vector<int64_t> readZeroPoints(const fb::QuantizationParameters &q);

/// The name of a TensorType for messages.
StringRef typeName(fb::TensorType type);

/// Whether `type` is an integer type that activations of fully quantized
/// models have.
inline bool isQuantizedActivationType(fb::TensorType type) {
  return type == fb::TensorType::INT8 || type == fb::TensorType::UINT8 ||
         type == fb::TensorType::INT16;
}

/// The message for fully quantized models.
inline constexpr const char kFullyQuantized[] =
    "fully quantized models are not supported; use the float model (or "
    "--tflite-dequantize-activations to import the float graph it "
    "approximates)";

} // namespace tflite_import
} // namespace hwq

#endif // HWQ_LIB_IMPORT_TFLITEIMPORTER_H
