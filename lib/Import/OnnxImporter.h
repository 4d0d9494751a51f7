//===- OnnxImporter.h - ONNX graph to TOSA conversion state -----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Private to lib/Import: the state of one ONNX import. Every ONNX tensor name
// maps to a TensorInfo that holds either a host-side Constant (initializers,
// Constant nodes and everything computed only from them: shape subgraphs,
// dequantized weights, batch-norm factors) or an MLIR value. Rank-4 runtime
// tensors can exist in two layouts, the ONNX one (NCHW, "natural") and NHWC
// ("channelsLast"); each form is created on first request and cached, so a
// graph converts its input to NHWC once and its outputs back once.
//
// The converters of the individual operators live in OnnxNNOps.cpp (window
// and contraction operators) and OnnxTensorOps.cpp (elementwise, data
// movement and constant folding).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_LIB_IMPORT_ONNXIMPORTER_H
#define HWQ_LIB_IMPORT_ONNXIMPORTER_H

#include "hwq/Import/Onnx.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace hwq {
namespace onnx_import {

/// A tensor whose contents the importer knows. Floating-point data (any ONNX
/// float type) is held as f32, integer and boolean data as int64.
struct Constant {
  llvm::SmallVector<int64_t> shape;
  bool isFloat = true;
  std::vector<float> floats;
  std::vector<int64_t> ints;
  /// The ONNX element type (onnx::TensorProto::DataType) it came from.
  int32_t onnxType = onnx::TensorProto::FLOAT;

  int64_t numElements() const;
  /// Element `i` in row-major order, converted to double.
  double at(size_t i) const { return isFloat ? floats[i] : double(ints[i]); }
  /// Element `i` as an integer (floats truncate toward zero and saturate to
  /// the int64_t range; NaN gives 0).
  int64_t intAt(size_t i) const {
    if (!isFloat)
      return ints[i];
    float value = floats[i];
    if (std::isnan(value))
      return 0;
    if (value >= 0x1p63f)
      return std::numeric_limits<int64_t>::max();
    if (value < -0x1p63f)
      return std::numeric_limits<int64_t>::min();
    return static_cast<int64_t>(value);
  }

  static Constant makeFloat(llvm::ArrayRef<int64_t> shape,
                            std::vector<float> values);
  static Constant makeInt(llvm::ArrayRef<int64_t> shape,
                          std::vector<int64_t> values,
                          int32_t onnxType = onnx::TensorProto::INT64);
  /// The same data viewed with another shape of equal element count.
  Constant reshaped(llvm::ArrayRef<int64_t> newShape) const;
  /// The data transposed by `perm`.
  Constant transposed(llvm::ArrayRef<int64_t> perm) const;
  /// All elements as float (converting integers).
  std::vector<float> asFloats() const;
};

/// What the importer knows about one ONNX tensor.
struct TensorInfo {
  /// The shape in ONNX order.
  llvm::SmallVector<int64_t> shape;
  /// Set when the tensor is known at import time.
  std::shared_ptr<const Constant> constant;
  /// The value in ONNX layout, if created.
  mlir::Value natural;
  /// For rank-4 tensors: the value in NHWC layout, if created.
  mlir::Value channelsLast;

  bool isConstant() const { return constant != nullptr; }
  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
};

/// The conversion of one ONNX graph into a func.func of float TOSA.
class OnnxImporter {
public:
  OnnxImporter(mlir::MLIRContext *context, llvm::StringRef sourceName,
               const OnnxImportOptions &options);

  /// Imports `model`; null after diagnostics on failure.
  mlir::OwningOpRef<mlir::ModuleOp> importModel(const onnx::ModelProto &model);

  //===--------------------------------------------------------------------===//
  // Helpers shared by the operator converters.
  //===--------------------------------------------------------------------===//

  /// The location of the model file.
  mlir::Location fileLoc() const {
    return mlir::FileLineColLoc::get(context, sourceName, 0, 0);
  }
  /// The location of `node` (its name, or its first output's name).
  mlir::Location nodeLoc(const onnx::NodeProto &node) const;
  /// "'<name>'" of a node for messages: its name, else its first output.
  std::string nodeLabel(const onnx::NodeProto &node) const;
  /// Emits an error at `node` prefixed with its operator and name.
  mlir::InFlightDiagnostic nodeError(const onnx::NodeProto &node);

  /// Attribute lookups (nullptr / default when absent).
  const onnx::AttributeProto *findAttr(const onnx::NodeProto &node,
                                       llvm::StringRef name) const;
  int64_t getIntAttr(const onnx::NodeProto &node, llvm::StringRef name,
                     int64_t defaultValue) const;
  float getFloatAttr(const onnx::NodeProto &node, llvm::StringRef name,
                     float defaultValue) const;
  std::string getStringAttr(const onnx::NodeProto &node, llvm::StringRef name,
                            llvm::StringRef defaultValue) const;
  /// The INTS attribute `name`, or std::nullopt when absent.
  std::optional<llvm::SmallVector<int64_t>>
  getIntsAttr(const onnx::NodeProto &node, llvm::StringRef name) const;

  /// Whether input `index` of `node` is given (present and non-empty).
  bool hasInput(const onnx::NodeProto &node, int index) const;
  /// Input `index` of `node`; fails with a diagnostic when it is missing or
  /// names an unknown tensor.
  mlir::FailureOr<TensorInfo *> getInput(const onnx::NodeProto &node,
                                         int index);
  /// Input `index` when given, nullptr when absent.
  mlir::FailureOr<TensorInfo *> getOptionalInput(const onnx::NodeProto &node,
                                                 int index);
  /// Input `index`, which must be known at import time (`role` names it in
  /// the diagnostic).
  mlir::FailureOr<const Constant *>
  getConstantInput(const onnx::NodeProto &node, int index,
                   llvm::StringRef role);
  /// The tensor called `name`, or nullptr when no node produced it yet.
  TensorInfo *lookup(const std::string &name) {
    auto it = tensors.find(name);
    return it == tensors.end() ? nullptr : &it->second;
  }
  /// Whether output `index` of `node` is used by the graph.
  bool isOutputUsed(const onnx::NodeProto &node, int index) const;

  /// Records the results of a node.
  void setConstant(const std::string &name, Constant constant);
  void setValue(const std::string &name, llvm::ArrayRef<int64_t> shape,
                mlir::Value value, bool isChannelsLast);
  void setAlias(const std::string &name, const TensorInfo &info);

  /// The tensor in ONNX layout (materializing constants as tosa.const).
  mlir::FailureOr<mlir::Value> getNatural(TensorInfo &tensor,
                                          mlir::Location loc);
  /// The rank-4 tensor in NHWC layout.
  mlir::FailureOr<mlir::Value> getChannelsLast(TensorInfo &tensor,
                                               mlir::Location loc);
  /// The tensor in `channelsLast` or ONNX layout.
  mlir::FailureOr<mlir::Value> getLayout(TensorInfo &tensor, bool channelsLast,
                                         mlir::Location loc) {
    return channelsLast ? getChannelsLast(tensor, loc)
                        : getNatural(tensor, loc);
  }
  /// Whether a runtime rank-4 tensor is (also) held in NHWC.
  static bool prefersChannelsLast(const TensorInfo &tensor) {
    return !tensor.isConstant() && tensor.rank() == 4 && tensor.channelsLast;
  }
  /// The tensor reshaped to `shape` (ONNX order), reading it in whichever
  /// layout needs no transpose.
  mlir::FailureOr<mlir::Value> reshapeTo(TensorInfo &tensor,
                                         llvm::ArrayRef<int64_t> shape,
                                         mlir::Location loc);

  /// Op builders.
  mlir::RankedTensorType f32Type(llvm::ArrayRef<int64_t> shape) const;
  mlir::Value createF32Const(llvm::ArrayRef<int64_t> shape,
                             llvm::ArrayRef<float> values, mlir::Location loc);
  mlir::Value createConstShape(llvm::ArrayRef<int64_t> values,
                               mlir::Location loc);
  mlir::Value createReshape(mlir::Value value, llvm::ArrayRef<int64_t> shape,
                            mlir::Location loc);
  mlir::Value createTranspose(mlir::Value value, llvm::ArrayRef<int64_t> perm,
                              mlir::Location loc);
  /// A transpose, or a reshape when `perm` only moves unit dimensions.
  mlir::Value createLayoutChange(mlir::Value value,
                                 llvm::ArrayRef<int64_t> perm,
                                 mlir::Location loc);
  mlir::Value createSlice(mlir::Value value, llvm::ArrayRef<int64_t> start,
                          llvm::ArrayRef<int64_t> size, mlir::Location loc);
  mlir::Value createMul(mlir::Value lhs, mlir::Value rhs,
                        llvm::ArrayRef<int64_t> shape, mlir::Location loc);
  /// The f32 zero-point operand shared by conv, matmul and pooling.
  mlir::Value zeroPoint(mlir::Location loc);

  static llvm::ArrayRef<int64_t> shapeOf(mlir::Value value) {
    return llvm::cast<mlir::ShapedType>(value.getType()).getShape();
  }

  /// Numpy-style broadcast of two shapes; std::nullopt when incompatible.
  static std::optional<llvm::SmallVector<int64_t>>
  broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

  /// The operands of an elementwise operator of `outShape` brought to its
  /// rank and to a common layout (NHWC when a rank-4 runtime operand is
  /// already NHWC); `channelsLast` tells which.
  mlir::FailureOr<llvm::SmallVector<mlir::Value>>
  prepareElementwise(llvm::ArrayRef<TensorInfo *> operands,
                     llvm::ArrayRef<int64_t> outShape, bool &channelsLast,
                     mlir::Location loc);

  /// Normalizes a possibly negative `axis` of a tensor of `rank`.
  std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) const {
    if (axis < -rank || axis >= rank)
      return std::nullopt;
    return axis < 0 ? axis + rank : axis;
  }

  mlir::MLIRContext *context;
  mlir::OpBuilder builder;
  /// The default-domain opset of the model.
  int64_t opset = 0;

private:
  //===--------------------------------------------------------------------===//
  // Model-level steps (OnnxImporter.cpp).
  //===--------------------------------------------------------------------===//
  mlir::LogicalResult checkOpsets(const onnx::ModelProto &model);
  mlir::LogicalResult addInitializers(const onnx::GraphProto &graph);
  mlir::LogicalResult addInputs(const onnx::GraphProto &graph,
                                mlir::func::FuncOp func);
  mlir::LogicalResult convertNode(const onnx::NodeProto &node);

public:
  //===--------------------------------------------------------------------===//
  // Operator converters. Each reads the node's inputs and records its
  // outputs; it emits a diagnostic and fails on anything it cannot express.
  //===--------------------------------------------------------------------===//

  // OnnxNNOps.cpp
  mlir::LogicalResult convertConv(const onnx::NodeProto &node);
  mlir::LogicalResult convertPool(const onnx::NodeProto &node);
  mlir::LogicalResult convertGlobalPool(const onnx::NodeProto &node);
  mlir::LogicalResult convertBatchNorm(const onnx::NodeProto &node);
  mlir::LogicalResult convertGemm(const onnx::NodeProto &node);
  mlir::LogicalResult convertMatMul(const onnx::NodeProto &node);
  mlir::LogicalResult convertSoftmax(const onnx::NodeProto &node);
  mlir::LogicalResult convertReduce(const onnx::NodeProto &node);

  // OnnxTensorOps.cpp
  mlir::LogicalResult convertBinary(const onnx::NodeProto &node);
  mlir::LogicalResult convertUnary(const onnx::NodeProto &node);
  mlir::LogicalResult convertClip(const onnx::NodeProto &node);
  mlir::LogicalResult convertIdentity(const onnx::NodeProto &node);
  mlir::LogicalResult convertConstant(const onnx::NodeProto &node);
  mlir::LogicalResult convertConstantOfShape(const onnx::NodeProto &node);
  mlir::LogicalResult convertShape(const onnx::NodeProto &node);
  mlir::LogicalResult convertCast(const onnx::NodeProto &node);
  mlir::LogicalResult convertReshape(const onnx::NodeProto &node);
  mlir::LogicalResult convertFlatten(const onnx::NodeProto &node);
  mlir::LogicalResult convertSqueeze(const onnx::NodeProto &node);
  mlir::LogicalResult convertTranspose(const onnx::NodeProto &node);
  mlir::LogicalResult convertConcat(const onnx::NodeProto &node);
  mlir::LogicalResult convertPad(const onnx::NodeProto &node);
  mlir::LogicalResult convertGather(const onnx::NodeProto &node);
  mlir::LogicalResult convertSlice(const onnx::NodeProto &node);
  mlir::LogicalResult convertQuantizeLinear(const onnx::NodeProto &node);
  mlir::LogicalResult convertDequantizeLinear(const onnx::NodeProto &node);

  /// Batch-norm folding into a preceding Conv: the Conv converter folds the
  /// batch-norm node that is the only consumer of its output, and records it
  /// here so that the batch-norm node becomes an alias.
  llvm::DenseMap<const onnx::NodeProto *, std::string> foldedBatchNorms;

private:
  std::string sourceName;
  const OnnxImportOptions &options;
  llvm::StringMap<TensorInfo> tensors;
  /// Consumers of every tensor name (graph outputs count as a use).
  llvm::StringMap<llvm::SmallVector<const onnx::NodeProto *, 2>> consumers;
  llvm::StringSet<> graphOutputs;
  mlir::Value zeroPointValue;
  mlir::Value mulShiftValue;

public:
  /// The single consumer of `name`, if it has exactly one and is no graph
  /// output.
  const onnx::NodeProto *getSingleConsumer(const std::string &name) const;
};

/// Reads an ONNX TensorProto into a Constant; emits at `loc` on failure.
mlir::FailureOr<Constant> readTensorProto(const onnx::TensorProto &tensor,
                                          mlir::Location loc);

} // namespace onnx_import
} // namespace hwq

#endif // HWQ_LIB_IMPORT_ONNXIMPORTER_H
