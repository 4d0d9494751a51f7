//===- OnnxImporter.cpp - ONNX model to float TOSA ------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Model-level import: opset checks, initializers, graph inputs and outputs,
// the dispatch of nodes to their converters, and the helpers they share
// (constants, layouts, op builders).
//
//===----------------------------------------------------------------------===//

#include "OnnxImporter.h"

#include "hwq/Import/ImportUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstring>
#include <limits>

using namespace mlir;
using namespace hwq;
using namespace hwq::onnx_import;

/// The default-domain opsets the importer knows.
static constexpr int64_t kMinOpset = 7;
static constexpr int64_t kMaxOpset = 17;
/// Largest tensor (in elements) the importer accepts.
static constexpr int64_t kMaxElements = int64_t(1) << 31;

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

/// The element count of `shape`, or -1 when a dimension is negative or the
/// count exceeds kMaxElements.
static int64_t checkedElementCount(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0 || d > kMaxElements || (d > 0 && count > kMaxElements / d))
      return -1;
    count *= d;
  }
  return count;
}

int64_t Constant::numElements() const {
  return isFloat ? static_cast<int64_t>(floats.size())
                 : static_cast<int64_t>(ints.size());
}

Constant Constant::makeFloat(ArrayRef<int64_t> shape,
                             std::vector<float> values) {
  Constant c;
  c.shape.assign(shape.begin(), shape.end());
  c.isFloat = true;
  c.floats = std::move(values);
  c.onnxType = onnx::TensorProto::FLOAT;
  return c;
}

Constant Constant::makeInt(ArrayRef<int64_t> shape, std::vector<int64_t> values,
                           int32_t onnxType) {
  Constant c;
  c.shape.assign(shape.begin(), shape.end());
  c.isFloat = false;
  c.ints = std::move(values);
  c.onnxType = onnxType;
  return c;
}

Constant Constant::reshaped(ArrayRef<int64_t> newShape) const {
  Constant c = *this;
  c.shape.assign(newShape.begin(), newShape.end());
  return c;
}

Constant Constant::transposed(ArrayRef<int64_t> perm) const {
  Constant c = *this;
  c.shape = import::permuteShape(shape, perm);
  if (isFloat)
    c.floats = import::transposeData<float>(floats, shape, perm);
  else
    c.ints = import::transposeData<int64_t>(ints, shape, perm);
  return c;
}

std::vector<float> Constant::asFloats() const {
  if (isFloat)
    return floats;
  std::vector<float> result;
  result.reserve(ints.size());
  for (int64_t v : ints)
    result.push_back(static_cast<float>(v));
  return result;
}

/// Reads `count` little-endian elements of `T` from `raw`.
template <typename T>
static std::vector<T> readRaw(const std::string &raw, int64_t count) {
  std::vector<T> result(count);
  for (int64_t i = 0; i < count; ++i)
    result[i] = llvm::support::endian::read<T, llvm::endianness::little>(
        raw.data() + i * sizeof(T));
  return result;
}

static float halfToFloat(uint16_t bits) {
  llvm::APFloat value(llvm::APFloat::IEEEhalf(), llvm::APInt(16, bits));
  bool losesInfo = false;
  value.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven,
                &losesInfo);
  return value.convertToFloat();
}

static float bfloat16ToFloat(uint16_t bits) {
  uint32_t word = static_cast<uint32_t>(bits) << 16;
  float result;
  std::memcpy(&result, &word, sizeof(result));
  return result;
}

FailureOr<Constant>
hwq::onnx_import::readTensorProto(const onnx::TensorProto &tensor,
                                  Location loc) {
  auto fail = [&]() {
    return emitError(loc) << "initializer '" << tensor.name() << "': ";
  };
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL ||
      tensor.external_data_size() > 0) {
    fail() << "external tensor data is not supported; save the model with "
              "its weights inside the file";
    return failure();
  }
  if (tensor.has_segment()) {
    fail() << "segmented tensors are not supported";
    return failure();
  }
  SmallVector<int64_t> shape(tensor.dims().begin(), tensor.dims().end());
  int64_t count = checkedElementCount(shape);
  if (count < 0) {
    fail() << "invalid or too large dimensions";
    return failure();
  }
  const std::string &raw = tensor.raw_data();
  bool hasRaw = tensor.has_raw_data();
  auto checkCount = [&](int64_t have, llvm::StringRef what) -> LogicalResult {
    if (have == count)
      return success();
    fail() << "holds " << have << " " << what << " for " << count
           << " elements";
    return failure();
  };
  auto checkRaw = [&](size_t elementSize) -> LogicalResult {
    if (raw.size() == static_cast<size_t>(count) * elementSize)
      return success();
    fail() << "raw data holds " << raw.size() << " bytes for " << count
           << " elements of " << elementSize << " bytes";
    return failure();
  };

  int32_t type = tensor.data_type();
  switch (type) {
  case onnx::TensorProto::FLOAT: {
    if (hasRaw) {
      if (failed(checkRaw(4)))
        return failure();
      std::vector<uint32_t> bits = readRaw<uint32_t>(raw, count);
      std::vector<float> values(count);
      std::memcpy(values.data(), bits.data(), count * sizeof(float));
      return Constant::makeFloat(shape, std::move(values));
    }
    if (failed(checkCount(tensor.float_data_size(), "floats")))
      return failure();
    return Constant::makeFloat(shape,
                               std::vector<float>(tensor.float_data().begin(),
                                                  tensor.float_data().end()));
  }
  case onnx::TensorProto::DOUBLE: {
    std::vector<double> values;
    if (hasRaw) {
      if (failed(checkRaw(8)))
        return failure();
      std::vector<uint64_t> bits = readRaw<uint64_t>(raw, count);
      values.resize(count);
      std::memcpy(values.data(), bits.data(), count * sizeof(double));
    } else {
      if (failed(checkCount(tensor.double_data_size(), "doubles")))
        return failure();
      values.assign(tensor.double_data().begin(), tensor.double_data().end());
    }
    Constant c = Constant::makeFloat(
        shape, std::vector<float>(values.begin(), values.end()));
    c.onnxType = type;
    return c;
  }
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16: {
    std::vector<uint16_t> bits;
    if (hasRaw) {
      if (failed(checkRaw(2)))
        return failure();
      bits = readRaw<uint16_t>(raw, count);
    } else {
      if (failed(checkCount(tensor.int32_data_size(), "values")))
        return failure();
      for (int32_t v : tensor.int32_data())
        bits.push_back(static_cast<uint16_t>(v));
    }
    std::vector<float> values;
    values.reserve(count);
    for (uint16_t b : bits)
      values.push_back(type == onnx::TensorProto::FLOAT16 ? halfToFloat(b)
                                                          : bfloat16ToFloat(b));
    Constant c = Constant::makeFloat(shape, std::move(values));
    c.onnxType = type;
    return c;
  }
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::INT16:
  case onnx::TensorProto::UINT16:
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::BOOL: {
    std::vector<int64_t> values;
    if (hasRaw) {
      size_t size = type == onnx::TensorProto::INT32 ? 4
                    : (type == onnx::TensorProto::INT16 ||
                       type == onnx::TensorProto::UINT16)
                        ? 2
                        : 1;
      if (failed(checkRaw(size)))
        return failure();
      values.reserve(count);
      for (int64_t i = 0; i < count; ++i) {
        const char *p = raw.data() + i * size;
        switch (type) {
        case onnx::TensorProto::INT8:
          values.push_back(static_cast<int8_t>(*p));
          break;
        case onnx::TensorProto::UINT8:
        case onnx::TensorProto::BOOL:
          values.push_back(static_cast<uint8_t>(*p));
          break;
        case onnx::TensorProto::INT16:
          values.push_back(
              llvm::support::endian::read<int16_t, llvm::endianness::little>(
                  p));
          break;
        case onnx::TensorProto::UINT16:
          values.push_back(
              llvm::support::endian::read<uint16_t, llvm::endianness::little>(
                  p));
          break;
        default:
          values.push_back(
              llvm::support::endian::read<int32_t, llvm::endianness::little>(
                  p));
          break;
        }
      }
    } else {
      if (failed(checkCount(tensor.int32_data_size(), "integers")))
        return failure();
      values.assign(tensor.int32_data().begin(), tensor.int32_data().end());
    }
    return Constant::makeInt(shape, std::move(values), type);
  }
  case onnx::TensorProto::INT64: {
    if (hasRaw) {
      if (failed(checkRaw(8)))
        return failure();
      return Constant::makeInt(shape, readRaw<int64_t>(raw, count), type);
    }
    if (failed(checkCount(tensor.int64_data_size(), "integers")))
      return failure();
    return Constant::makeInt(shape,
                             std::vector<int64_t>(tensor.int64_data().begin(),
                                                  tensor.int64_data().end()),
                             type);
  }
  case onnx::TensorProto::UINT32:
  case onnx::TensorProto::UINT64: {
    std::vector<int64_t> values;
    if (hasRaw) {
      size_t size = type == onnx::TensorProto::UINT32 ? 4 : 8;
      if (failed(checkRaw(size)))
        return failure();
      if (size == 4)
        for (uint32_t v : readRaw<uint32_t>(raw, count))
          values.push_back(v);
      else
        for (uint64_t v : readRaw<uint64_t>(raw, count))
          values.push_back(static_cast<int64_t>(v));
    } else {
      if (failed(checkCount(tensor.uint64_data_size(), "integers")))
        return failure();
      for (uint64_t v : tensor.uint64_data())
        values.push_back(static_cast<int64_t>(v));
    }
    return Constant::makeInt(shape, std::move(values), type);
  }
  default:
    fail() << "element type " << type << " is not supported";
    return failure();
  }
}

//===----------------------------------------------------------------------===//
// OnnxImporter: construction and model-level steps
//===----------------------------------------------------------------------===//

OnnxImporter::OnnxImporter(MLIRContext *context, StringRef sourceName,
                           const OnnxImportOptions &options)
    : context(context), builder(context), sourceName(sourceName.str()),
      options(options) {}

LogicalResult OnnxImporter::checkOpsets(const onnx::ModelProto &model) {
  Location loc = fileLoc();
  for (const onnx::OperatorSetIdProto &set : model.opset_import()) {
    if (!set.domain().empty() && set.domain() != "ai.onnx")
      continue; // Nodes of other domains are reported when they appear.
    opset = set.version();
  }
  if (opset == 0)
    return emitError(loc) << "ONNX model '" << sourceName
                          << "' imports no default-domain (ai.onnx) opset";
  if (opset < kMinOpset || opset > kMaxOpset)
    return emitError(loc) << "ONNX opset " << opset << " of model '"
                          << sourceName
                          << "' is not supported (supported: " << kMinOpset
                          << " to " << kMaxOpset << ")";
  return success();
}

LogicalResult OnnxImporter::addInitializers(const onnx::GraphProto &graph) {
  for (const onnx::TensorProto &tensor : graph.initializer()) {
    Location loc =
        NameLoc::get(StringAttr::get(context, tensor.name()), fileLoc());
    FailureOr<Constant> constant = readTensorProto(tensor, loc);
    if (failed(constant))
      return failure();
    setConstant(tensor.name(), std::move(*constant));
  }
  for (const onnx::SparseTensorProto &sparse : graph.sparse_initializer())
    return emitError(NameLoc::get(
               StringAttr::get(context, sparse.values().name()), fileLoc()))
           << "sparse initializers are not supported";
  return success();
}

LogicalResult OnnxImporter::addInputs(const onnx::GraphProto &graph,
                                      func::FuncOp func) {
  Block *entry = func.addEntryBlock();
  SmallVector<Type> inputTypes;
  size_t index = 0;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    // Older exporters also list the initializers as graph inputs.
    if (tensors.count(input.name()))
      continue;
    Location loc =
        NameLoc::get(StringAttr::get(context, input.name()), fileLoc());
    if (!input.type().has_tensor_type())
      return emitError(loc)
             << "graph input '" << input.name() << "' is not a tensor";
    const onnx::TypeProto::Tensor &type = input.type().tensor_type();
    if (type.elem_type() != onnx::TensorProto::FLOAT)
      return emitError(loc)
             << "graph input '" << input.name() << "' has element type "
             << type.elem_type() << "; only float (1) inputs are supported";

    SmallVector<int64_t> shape;
    bool overridden = index < options.inputShapes.size() &&
                      !options.inputShapes[index].empty();
    if (overridden) {
      const auto &given = options.inputShapes[index];
      shape.assign(given.begin(), given.end());
      if (type.has_shape() &&
          type.shape().dim_size() != static_cast<int>(shape.size()))
        return emitError(loc)
               << "--input-shape gives graph input '" << input.name()
               << "' rank " << shape.size() << " but the model declares rank "
               << type.shape().dim_size();
      if (type.has_shape())
        for (int d = 0; d < type.shape().dim_size(); ++d) {
          const auto &dim = type.shape().dim(d);
          if (dim.has_dim_value() && dim.dim_value() != shape[d])
            return emitError(loc)
                   << "--input-shape gives dimension " << d << " of graph "
                   << "input '" << input.name() << "' as " << shape[d]
                   << " but the model declares " << dim.dim_value();
        }
    } else {
      if (!type.has_shape())
        return emitError(loc) << "graph input '" << input.name()
                              << "' has no shape; give it with --input-shape";
      for (int d = 0; d < type.shape().dim_size(); ++d) {
        const auto &dim = type.shape().dim(d);
        if (!dim.has_dim_value() || dim.dim_value() <= 0) {
          auto diag = emitError(loc) << "graph input '" << input.name()
                                     << "' has dynamic dimension " << d;
          if (dim.has_dim_param())
            diag << " ('" << dim.dim_param() << "')";
          diag << "; give its shape with --input-shape";
          return diag;
        }
        shape.push_back(dim.dim_value());
      }
    }
    if (checkedElementCount(shape) <= 0)
      return emitError(loc)
             << "graph input '" << input.name() << "' has an invalid shape";
    RankedTensorType tensorType = f32Type(shape);
    inputTypes.push_back(tensorType);
    BlockArgument arg = entry->addArgument(tensorType, loc);
    setValue(input.name(), shape, arg, /*isChannelsLast=*/false);
    ++index;
  }
  if (index < options.inputShapes.size())
    return emitError(fileLoc())
           << "--input-shape gives " << options.inputShapes.size()
           << " shapes but the model has " << index << " graph inputs";
  func.setFunctionType(FunctionType::get(context, inputTypes, {}));
  return success();
}

LogicalResult OnnxImporter::convertNode(const onnx::NodeProto &node) {
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return emitError(nodeLoc(node))
           << "unsupported ONNX operator '" << node.domain() << "."
           << node.op_type() << "' (node " << nodeLabel(node) << ")";
  if (node.output_size() == 0 || node.output(0).empty())
    return emitError(nodeLoc(node))
           << node.op_type() << " (node " << nodeLabel(node)
           << "): the node has no output";
  if (foldedBatchNorms.count(&node)) {
    auto it = tensors.find(foldedBatchNorms[&node]);
    if (it == tensors.end())
      return nodeError(node) << "internal error: folded convolution missing";
    TensorInfo info = it->second;
    setAlias(node.output(0), info);
    return success();
  }

  using Converter = LogicalResult (OnnxImporter::*)(const onnx::NodeProto &);
  Converter converter =
      llvm::StringSwitch<Converter>(node.op_type())
          .Case("Conv", &OnnxImporter::convertConv)
          .Cases({"AveragePool", "MaxPool"}, &OnnxImporter::convertPool)
          .Cases({"GlobalAveragePool", "GlobalMaxPool"},
                 &OnnxImporter::convertGlobalPool)
          .Case("BatchNormalization", &OnnxImporter::convertBatchNorm)
          .Case("Gemm", &OnnxImporter::convertGemm)
          .Case("MatMul", &OnnxImporter::convertMatMul)
          .Cases({"Softmax", "LogSoftmax"}, &OnnxImporter::convertSoftmax)
          .Cases({"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin"},
                 &OnnxImporter::convertReduce)
          .Cases({"Add", "Sub", "Mul", "Div"}, &OnnxImporter::convertBinary)
          .Cases({"Max", "Min"}, &OnnxImporter::convertBinary)
          .Cases({"Relu", "LeakyRelu", "Sigmoid", "Tanh"},
                 &OnnxImporter::convertUnary)
          .Cases({"Exp", "Log", "Abs", "Sqrt", "Reciprocal"},
                 &OnnxImporter::convertUnary)
          .Case("Clip", &OnnxImporter::convertClip)
          .Cases({"Identity", "Dropout"}, &OnnxImporter::convertIdentity)
          .Case("Constant", &OnnxImporter::convertConstant)
          .Case("ConstantOfShape", &OnnxImporter::convertConstantOfShape)
          .Case("Shape", &OnnxImporter::convertShape)
          .Case("Cast", &OnnxImporter::convertCast)
          .Case("Reshape", &OnnxImporter::convertReshape)
          .Case("Flatten", &OnnxImporter::convertFlatten)
          .Cases({"Squeeze", "Unsqueeze"}, &OnnxImporter::convertSqueeze)
          .Case("Transpose", &OnnxImporter::convertTranspose)
          .Case("Concat", &OnnxImporter::convertConcat)
          .Case("Pad", &OnnxImporter::convertPad)
          .Case("Gather", &OnnxImporter::convertGather)
          .Case("Slice", &OnnxImporter::convertSlice)
          .Case("QuantizeLinear", &OnnxImporter::convertQuantizeLinear)
          .Case("DequantizeLinear", &OnnxImporter::convertDequantizeLinear)
          .Default(nullptr);
  if (!converter)
    return emitError(nodeLoc(node))
           << "unsupported ONNX operator '" << node.op_type() << "' (node "
           << nodeLabel(node) << ")";
  if (failed((this->*converter)(node)))
    return failure();
  // Every used output must now be known.
  for (int i = 0; i < node.output_size(); ++i)
    if (isOutputUsed(node, i) && !tensors.count(node.output(i)))
      return nodeError(node) << "output " << i << " ('" << node.output(i)
                             << "') is not supported";
  return success();
}

OwningOpRef<ModuleOp> OnnxImporter::importModel(const onnx::ModelProto &model) {
  if (failed(checkOpsets(model)))
    return nullptr;
  const onnx::GraphProto &graph = model.graph();

  for (const onnx::NodeProto &node : graph.node())
    for (const std::string &input : node.input())
      if (!input.empty())
        consumers[input].push_back(&node);
  for (const onnx::ValueInfoProto &output : graph.output())
    graphOutputs.insert(output.name());

  Location modelLoc = fileLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(modelLoc);
  std::string name = options.functionName;
  if (name.empty())
    name = graph.name().empty() ? "main" : graph.name();
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, modelLoc, name,
                                   FunctionType::get(context, {}, {}));

  if (failed(addInitializers(graph)) || failed(addInputs(graph, func)))
    return nullptr;
  builder.setInsertionPointToEnd(&func.getBody().front());

  for (const onnx::NodeProto &node : graph.node())
    if (failed(convertNode(node)))
      return nullptr;

  if (graph.output_size() == 0) {
    emitError(modelLoc) << "ONNX graph of '" << sourceName
                        << "' has no outputs";
    return nullptr;
  }
  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    Location loc =
        NameLoc::get(StringAttr::get(context, output.name()), fileLoc());
    auto it = tensors.find(output.name());
    if (it == tensors.end()) {
      emitError(loc) << "graph output '" << output.name()
                     << "' is produced by no node";
      return nullptr;
    }
    FailureOr<Value> value = getNatural(it->second, loc);
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
// Node helpers
//===----------------------------------------------------------------------===//

std::string OnnxImporter::nodeLabel(const onnx::NodeProto &node) const {
  if (!node.name().empty())
    return "'" + node.name() + "'";
  if (node.output_size() > 0)
    return "producing '" + node.output(0) + "'";
  return "<unnamed>";
}

Location OnnxImporter::nodeLoc(const onnx::NodeProto &node) const {
  std::string name = node.name();
  if (name.empty() && node.output_size() > 0)
    name = node.output(0);
  return NameLoc::get(StringAttr::get(context, name), fileLoc());
}

InFlightDiagnostic OnnxImporter::nodeError(const onnx::NodeProto &node) {
  return emitError(nodeLoc(node))
         << node.op_type() << " (node " << nodeLabel(node) << "): ";
}

const onnx::AttributeProto *OnnxImporter::findAttr(const onnx::NodeProto &node,
                                                   StringRef name) const {
  for (const onnx::AttributeProto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

int64_t OnnxImporter::getIntAttr(const onnx::NodeProto &node, StringRef name,
                                 int64_t defaultValue) const {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr && attr->has_i() ? attr->i() : defaultValue;
}

float OnnxImporter::getFloatAttr(const onnx::NodeProto &node, StringRef name,
                                 float defaultValue) const {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr && attr->has_f() ? attr->f() : defaultValue;
}

std::string OnnxImporter::getStringAttr(const onnx::NodeProto &node,
                                        StringRef name,
                                        StringRef defaultValue) const {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr && attr->has_s() ? attr->s() : defaultValue.str();
}

std::optional<SmallVector<int64_t>>
OnnxImporter::getIntsAttr(const onnx::NodeProto &node, StringRef name) const {
  const onnx::AttributeProto *attr = findAttr(node, name);
  if (!attr)
    return std::nullopt;
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

bool OnnxImporter::hasInput(const onnx::NodeProto &node, int index) const {
  return index < node.input_size() && !node.input(index).empty();
}

FailureOr<TensorInfo *> OnnxImporter::getInput(const onnx::NodeProto &node,
                                               int index) {
  if (!hasInput(node, index))
    return nodeError(node) << "missing input " << index;
  auto it = tensors.find(node.input(index));
  if (it == tensors.end())
    return nodeError(node) << "input '" << node.input(index)
                           << "' is not produced by any earlier node";
  return &it->second;
}

FailureOr<TensorInfo *>
OnnxImporter::getOptionalInput(const onnx::NodeProto &node, int index) {
  if (!hasInput(node, index))
    return static_cast<TensorInfo *>(nullptr);
  return getInput(node, index);
}

FailureOr<const Constant *>
OnnxImporter::getConstantInput(const onnx::NodeProto &node, int index,
                               StringRef role) {
  FailureOr<TensorInfo *> input = getInput(node, index);
  if (failed(input))
    return failure();
  if (!(*input)->isConstant())
    return nodeError(node) << role << " ('" << node.input(index)
                           << "') must be a constant";
  return (*input)->constant.get();
}

bool OnnxImporter::isOutputUsed(const onnx::NodeProto &node, int index) const {
  if (index >= node.output_size() || node.output(index).empty())
    return false;
  const std::string &name = node.output(index);
  return consumers.count(name) || graphOutputs.contains(name);
}

const onnx::NodeProto *
OnnxImporter::getSingleConsumer(const std::string &name) const {
  if (graphOutputs.contains(name))
    return nullptr;
  auto it = consumers.find(name);
  if (it == consumers.end() || it->second.size() != 1)
    return nullptr;
  return it->second.front();
}

void OnnxImporter::setConstant(const std::string &name, Constant constant) {
  TensorInfo info;
  info.shape = constant.shape;
  info.constant = std::make_shared<const Constant>(std::move(constant));
  tensors[name] = std::move(info);
}

void OnnxImporter::setValue(const std::string &name, ArrayRef<int64_t> shape,
                            Value value, bool isChannelsLast) {
  TensorInfo info;
  info.shape.assign(shape.begin(), shape.end());
  (isChannelsLast ? info.channelsLast : info.natural) = value;
  tensors[name] = std::move(info);
}

void OnnxImporter::setAlias(const std::string &name, const TensorInfo &info) {
  tensors[name] = info;
}

//===----------------------------------------------------------------------===//
// Layouts
//===----------------------------------------------------------------------===//

FailureOr<Value> OnnxImporter::getNatural(TensorInfo &tensor, Location loc) {
  if (tensor.natural)
    return tensor.natural;
  if (tensor.isConstant()) {
    tensor.natural =
        createF32Const(tensor.shape, tensor.constant->asFloats(), loc);
    return tensor.natural;
  }
  if (!tensor.channelsLast)
    return emitError(loc) << "internal error: tensor without value";
  tensor.natural =
      createLayoutChange(tensor.channelsLast, import::kNhwcToNchw, loc);
  return tensor.natural;
}

FailureOr<Value> OnnxImporter::getChannelsLast(TensorInfo &tensor,
                                               Location loc) {
  if (tensor.rank() != 4)
    return emitError(loc) << "internal error: NHWC form of a rank-"
                          << tensor.rank() << " tensor";
  if (tensor.channelsLast)
    return tensor.channelsLast;
  if (tensor.isConstant()) {
    Constant permuted = tensor.constant->transposed(import::kNchwToNhwc);
    tensor.channelsLast =
        createF32Const(permuted.shape, permuted.asFloats(), loc);
    return tensor.channelsLast;
  }
  tensor.channelsLast =
      createLayoutChange(tensor.natural, import::kNchwToNhwc, loc);
  return tensor.channelsLast;
}

FailureOr<Value> OnnxImporter::reshapeTo(TensorInfo &tensor,
                                         ArrayRef<int64_t> shape,
                                         Location loc) {
  Value source;
  if (tensor.isConstant()) {
    Constant c = tensor.constant->reshaped(shape);
    return createF32Const(c.shape, c.asFloats(), loc);
  }
  if (tensor.natural) {
    source = tensor.natural;
  } else if (import::isOrderPreservingPermutation(tensor.shape,
                                                  import::kNchwToNhwc)) {
    // NHWC and NCHW hold the elements in the same order: reshape directly.
    source = tensor.channelsLast;
  } else {
    FailureOr<Value> natural = getNatural(tensor, loc);
    if (failed(natural))
      return failure();
    source = *natural;
  }
  if (shapeOf(source) == shape)
    return source;
  return createReshape(source, shape, loc);
}

std::optional<SmallVector<int64_t>>
OnnxImporter::broadcastShapes(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
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

FailureOr<SmallVector<Value>>
OnnxImporter::prepareElementwise(ArrayRef<TensorInfo *> operands,
                                 ArrayRef<int64_t> outShape, bool &channelsLast,
                                 Location loc) {
  size_t rank = outShape.size();
  channelsLast = false;
  if (rank == 4)
    for (TensorInfo *t : operands)
      if (prefersChannelsLast(*t))
        channelsLast = true;

  SmallVector<Value> values;
  for (TensorInfo *t : operands) {
    SmallVector<int64_t> expanded(rank - t->shape.size(), 1);
    expanded.append(t->shape.begin(), t->shape.end());
    if (t->isConstant()) {
      Constant c = t->constant->reshaped(expanded);
      if (channelsLast)
        c = c.transposed(import::kNchwToNhwc);
      values.push_back(createF32Const(c.shape, c.asFloats(), loc));
      continue;
    }
    if (t->rank() == static_cast<int64_t>(rank)) {
      FailureOr<Value> v = getLayout(*t, channelsLast, loc);
      if (failed(v))
        return failure();
      values.push_back(*v);
      continue;
    }
    FailureOr<Value> v = reshapeTo(*t, expanded, loc);
    if (failed(v))
      return failure();
    values.push_back(
        channelsLast ? createLayoutChange(*v, import::kNchwToNhwc, loc) : *v);
  }
  return values;
}

//===----------------------------------------------------------------------===//
// Op builders
//===----------------------------------------------------------------------===//

RankedTensorType OnnxImporter::f32Type(ArrayRef<int64_t> shape) const {
  return RankedTensorType::get(shape, Float32Type::get(context));
}

Value OnnxImporter::createF32Const(ArrayRef<int64_t> shape,
                                   ArrayRef<float> values, Location loc) {
  RankedTensorType type = f32Type(shape);
  auto attr = DenseElementsAttr::get(type, values);
  return tosa::ConstOp::create(builder, loc, type, attr);
}

Value OnnxImporter::createConstShape(ArrayRef<int64_t> values, Location loc) {
  auto attrType = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                        builder.getIndexType());
  auto attr = DenseIntElementsAttr::get(attrType, values);
  auto type = tosa::shapeType::get(context, values.size());
  return tosa::ConstShapeOp::create(builder, loc, type, attr);
}

Value OnnxImporter::createReshape(Value value, ArrayRef<int64_t> shape,
                                  Location loc) {
  return tosa::ReshapeOp::create(builder, loc, f32Type(shape), value,
                                 createConstShape(shape, loc));
}

Value OnnxImporter::createTranspose(Value value, ArrayRef<int64_t> perm,
                                    Location loc) {
  SmallVector<int32_t> perms(perm.begin(), perm.end());
  SmallVector<int64_t> shape = import::permuteShape(shapeOf(value), perm);
  return tosa::TransposeOp::create(builder, loc, f32Type(shape), value, perms);
}

Value OnnxImporter::createLayoutChange(Value value, ArrayRef<int64_t> perm,
                                       Location loc) {
  ArrayRef<int64_t> shape = shapeOf(value);
  if (import::isOrderPreservingPermutation(shape, perm))
    return createReshape(value, import::permuteShape(shape, perm), loc);
  return createTranspose(value, perm, loc);
}

Value OnnxImporter::createSlice(Value value, ArrayRef<int64_t> start,
                                ArrayRef<int64_t> size, Location loc) {
  return tosa::SliceOp::create(builder, loc, f32Type(size), value,
                               createConstShape(start, loc),
                               createConstShape(size, loc));
}

Value OnnxImporter::createMul(Value lhs, Value rhs, ArrayRef<int64_t> shape,
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

Value OnnxImporter::zeroPoint(Location loc) {
  if (!zeroPointValue) {
    // Keep the shared zero point at the top of the function.
    OpBuilder::InsertionGuard guard(builder);
    Block *block = builder.getInsertionBlock();
    builder.setInsertionPointToStart(block);
    zeroPointValue = createF32Const({1}, {0.0f}, loc);
  }
  return zeroPointValue;
}

//===----------------------------------------------------------------------===//
// Public API
//===----------------------------------------------------------------------===//

llvm::Expected<SmallVector<SmallVector<int64_t, 4>>>
hwq::parseInputShapes(StringRef text) {
  SmallVector<SmallVector<int64_t, 4>> shapes;
  text = text.trim();
  if (text.empty())
    return shapes;
  SmallVector<StringRef> parts;
  text.split(parts, ',');
  for (StringRef part : parts) {
    SmallVector<int64_t, 4> shape;
    SmallVector<StringRef> dims;
    part.trim().split(dims, 'x');
    for (StringRef dim : dims) {
      int64_t value;
      if (dim.trim().getAsInteger(10, value) || value <= 0)
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "invalid input shape '%s': expected positive dimensions separated "
            "by 'x' (e.g. 1x3x224x224)",
            part.str().c_str());
      shape.push_back(value);
    }
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

void hwq::registerOnnxImportDialects(DialectRegistry &registry) {
  registry.insert<func::FuncDialect, tosa::TosaDialect>();
}

OwningOpRef<ModuleOp> hwq::importOnnx(StringRef bytes, StringRef sourceName,
                                      MLIRContext *context,
                                      const OnnxImportOptions &options) {
  context->loadDialect<func::FuncDialect, tosa::TosaDialect>();
  Location fileLoc = FileLineColLoc::get(context, sourceName, 0, 0);
  onnx::ModelProto model;
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
      !model.has_graph()) {
    emitError(fileLoc) << "cannot parse ONNX model '" << sourceName << "'";
    return nullptr;
  }
  OnnxImporter importer(context, sourceName, options);
  return importer.importModel(model);
}

OwningOpRef<ModuleOp> hwq::importOnnxFile(StringRef path, MLIRContext *context,
                                          const OnnxImportOptions &options) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot read ONNX model '" << path
        << "': " << buffer.getError().message();
    return nullptr;
  }
  return importOnnx((*buffer)->getBuffer(), path, context, options);
}
