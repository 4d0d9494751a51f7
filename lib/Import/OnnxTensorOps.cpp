//===- OnnxTensorOps.cpp - ONNX elementwise and data-movement operators ---===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Elementwise operators, activations, data movement (Reshape, Flatten,
// Squeeze, Unsqueeze, Transpose, Concat, Pad, Gather, Slice) and the
// operators that only make sense on constants (Constant, ConstantOfShape,
// Shape, Cast, QuantizeLinear, DequantizeLinear). Whenever all inputs of a
// node are constants, the node is folded at import time, which removes shape
// subgraphs and dequantizes quantized weights.
//
//===----------------------------------------------------------------------===//

#include "OnnxImporter.h"

#include "hwq/Import/ImportUtils.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace hwq;
using namespace hwq::onnx_import;

/// Largest constant (in elements) an operator is folded into.
static constexpr int64_t kMaxFoldedElements = int64_t(1) << 26;

static int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p *= d;
  return p;
}

/// Row-major strides of `shape`.
static SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (size_t d = shape.size(); d-- > 1;)
    strides[d - 1] = strides[d] * shape[d];
  return strides;
}

/// For every element of `outShape` (row-major), the flat index of the
/// element of a tensor of `shape` that numpy broadcasting reads.
static std::vector<int64_t> broadcastIndices(ArrayRef<int64_t> shape,
                                             ArrayRef<int64_t> outShape) {
  size_t rank = outShape.size(), offset = rank - shape.size();
  SmallVector<int64_t> strides = stridesOf(shape);
  // Strides of the input in output dimensions (0 where broadcast).
  SmallVector<int64_t> inStrides(rank, 0);
  for (size_t d = offset; d < rank; ++d)
    if (shape[d - offset] != 1)
      inStrides[d] = strides[d - offset];
  int64_t count = product(outShape);
  std::vector<int64_t> result(count);
  SmallVector<int64_t> index(rank, 0);
  int64_t flat = 0;
  for (int64_t i = 0; i < count; ++i) {
    result[i] = flat;
    for (size_t d = rank; d-- > 0;) {
      if (++index[d] < outShape[d]) {
        flat += inStrides[d];
        break;
      }
      flat -= (outShape[d] - 1) * inStrides[d];
      index[d] = 0;
    }
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Elementwise binary operators
//===----------------------------------------------------------------------===//

LogicalResult OnnxImporter::convertBinary(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  StringRef op = node.op_type();
  if (node.input_size() != 2)
    return nodeError(node) << "only two operands are supported";
  FailureOr<TensorInfo *> a = getInput(node, 0);
  FailureOr<TensorInfo *> b = failed(a) ? a : getInput(node, 1);
  if (failed(b))
    return failure();
  std::optional<SmallVector<int64_t>> outShape =
      broadcastShapes((*a)->shape, (*b)->shape);
  if (!outShape)
    return nodeError(node) << "operand shapes do not broadcast";

  if ((*a)->isConstant() && (*b)->isConstant()) {
    if (product(*outShape) > kMaxFoldedElements)
      return nodeError(node) << "constant result too large to fold";
    const Constant &ca = *(*a)->constant, &cb = *(*b)->constant;
    std::vector<int64_t> ia = broadcastIndices(ca.shape, *outShape);
    std::vector<int64_t> ib = broadcastIndices(cb.shape, *outShape);
    if (!ca.isFloat && !cb.isFloat) {
      std::vector<int64_t> values(ia.size());
      for (size_t i = 0; i < ia.size(); ++i) {
        int64_t x = ca.ints[ia[i]], y = cb.ints[ib[i]];
        if (op == "Div" && y == 0)
          return nodeError(node) << "integer division by zero";
        values[i] = llvm::StringSwitch<int64_t>(op)
                        .Case("Add", x + y)
                        .Case("Sub", x - y)
                        .Case("Mul", x * y)
                        .Case("Div", y ? x / y : 0)
                        .Case("Max", std::max(x, y))
                        .Default(std::min(x, y));
      }
      setConstant(node.output(0),
                  Constant::makeInt(*outShape, std::move(values), ca.onnxType));
      return success();
    }
    std::vector<float> values(ia.size());
    for (size_t i = 0; i < ia.size(); ++i) {
      float x = static_cast<float>(ca.at(ia[i]));
      float y = static_cast<float>(cb.at(ib[i]));
      values[i] = llvm::StringSwitch<float>(op)
                      .Case("Add", x + y)
                      .Case("Sub", x - y)
                      .Case("Mul", x * y)
                      .Case("Div", x / y)
                      .Case("Max", std::max(x, y))
                      .Default(std::min(x, y));
    }
    setConstant(node.output(0), Constant::makeFloat(*outShape, values));
    return success();
  }

  // Division: by a constant, a multiplication by its reciprocal; by a runtime
  // value, tosa.reciprocal then a multiplication.
  TensorInfo divisor;
  TensorInfo *rhs = *b;
  if (op == "Div" && (*b)->isConstant()) {
    std::vector<float> inverse = (*b)->constant->asFloats();
    for (float &v : inverse)
      v = 1.0f / v;
    divisor.shape = (*b)->shape;
    divisor.constant = std::make_shared<const Constant>(
        Constant::makeFloat((*b)->shape, std::move(inverse)));
    rhs = &divisor;
  }
  bool channelsLast = false;
  FailureOr<SmallVector<Value>> operands =
      prepareElementwise({*a, rhs}, *outShape, channelsLast, loc);
  if (failed(operands))
    return failure();
  Value lhsValue = (*operands)[0], rhsValue = (*operands)[1];
  SmallVector<int64_t> physShape =
      channelsLast ? import::permuteShape(*outShape, import::kNchwToNhwc)
                   : *outShape;
  RankedTensorType type = f32Type(physShape);
  Value result;
  if (op == "Add")
    result = tosa::AddOp::create(builder, loc, type, lhsValue, rhsValue);
  else if (op == "Sub")
    result = tosa::SubOp::create(builder, loc, type, lhsValue, rhsValue);
  else if (op == "Max")
    result = tosa::MaximumOp::create(builder, loc, type, lhsValue, rhsValue);
  else if (op == "Min")
    result = tosa::MinimumOp::create(builder, loc, type, lhsValue, rhsValue);
  else if (op == "Mul" || rhs == &divisor)
    result = createMul(lhsValue, rhsValue, physShape, loc);
  else {
    Value inverse =
        tosa::ReciprocalOp::create(builder, loc, rhsValue.getType(), rhsValue);
    result = createMul(lhsValue, inverse, physShape, loc);
  }
  setValue(node.output(0), *outShape, result, channelsLast);
  return success();
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

/// Folds a unary float function over a constant.
static Constant foldUnary(const Constant &c, function_ref<float(float)> fn) {
  std::vector<float> values = c.asFloats();
  for (float &v : values)
    v = fn(v);
  return Constant::makeFloat(c.shape, std::move(values));
}

LogicalResult OnnxImporter::convertUnary(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  StringRef op = node.op_type();
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  float alpha = getFloatAttr(node, "alpha", 0.01f);

  if ((*x)->isConstant()) {
    auto fn = [&](float v) -> float {
      if (op == "Relu")
        return std::max(v, 0.0f);
      if (op == "LeakyRelu")
        return v >= 0.0f ? v : alpha * v;
      if (op == "Sigmoid")
        return 1.0f / (1.0f + std::exp(-v));
      if (op == "Tanh")
        return std::tanh(v);
      if (op == "Exp")
        return std::exp(v);
      if (op == "Log")
        return std::log(v);
      if (op == "Abs")
        return std::fabs(v);
      if (op == "Sqrt")
        return std::sqrt(v);
      return 1.0f / v; // Reciprocal
    };
    setConstant(node.output(0), foldUnary(*(*x)->constant, fn));
    return success();
  }

  bool channelsLast = prefersChannelsLast(**x);
  FailureOr<Value> input = getLayout(**x, channelsLast, loc);
  if (failed(input))
    return failure();
  Type type = input->getType();
  Value result;
  if (op == "Relu") {
    result = tosa::ClampOp::create(
        builder, loc, type, *input, builder.getF32FloatAttr(0.0f),
        builder.getF32FloatAttr(std::numeric_limits<float>::max()));
  } else if (op == "LeakyRelu") {
    // alpha <= 1: max(x, alpha * x); alpha > 1: min(x, alpha * x).
    SmallVector<int64_t> ones((*x)->rank(), 1);
    Value scaled = createMul(*input, createF32Const(ones, {alpha}, loc),
                             shapeOf(*input), loc);
    if (alpha <= 1.0f)
      result = tosa::MaximumOp::create(builder, loc, type, *input, scaled);
    else
      result = tosa::MinimumOp::create(builder, loc, type, *input, scaled);
  } else if (op == "Sigmoid") {
    result = tosa::SigmoidOp::create(builder, loc, type, *input);
  } else if (op == "Tanh") {
    result = tosa::TanhOp::create(builder, loc, type, *input);
  } else if (op == "Exp") {
    result = tosa::ExpOp::create(builder, loc, type, *input);
  } else if (op == "Log") {
    result = tosa::LogOp::create(builder, loc, type, *input);
  } else if (op == "Abs") {
    result = tosa::AbsOp::create(builder, loc, type, *input);
  } else if (op == "Sqrt") {
    // sqrt(x) = 1 / rsqrt(x), exact at 0 (1 / inf).
    Value rsqrt = tosa::RsqrtOp::create(builder, loc, type, *input);
    result = tosa::ReciprocalOp::create(builder, loc, type, rsqrt);
  } else {
    result = tosa::ReciprocalOp::create(builder, loc, type, *input);
  }
  setValue(node.output(0), (*x)->shape, result, channelsLast);
  return success();
}

LogicalResult OnnxImporter::convertClip(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  float minValue = std::numeric_limits<float>::lowest();
  float maxValue = std::numeric_limits<float>::max();
  if (opset >= 11) {
    for (int i = 1; i <= 2; ++i) {
      if (!hasInput(node, i))
        continue;
      FailureOr<const Constant *> bound =
          getConstantInput(node, i, i == 1 ? "min" : "max");
      if (failed(bound))
        return failure();
      if ((*bound)->numElements() != 1)
        return nodeError(node)
               << (i == 1 ? "min" : "max") << " must be a scalar";
      (i == 1 ? minValue : maxValue) = static_cast<float>((*bound)->at(0));
    }
  } else {
    minValue = getFloatAttr(node, "min", minValue);
    maxValue = getFloatAttr(node, "max", maxValue);
  }
  if (minValue > maxValue)
    return nodeError(node) << "min " << minValue << " exceeds max " << maxValue;
  if ((*x)->isConstant()) {
    setConstant(node.output(0), foldUnary(*(*x)->constant, [&](float v) {
                  return std::min(std::max(v, minValue), maxValue);
                }));
    return success();
  }
  bool channelsLast = prefersChannelsLast(**x);
  FailureOr<Value> input = getLayout(**x, channelsLast, loc);
  if (failed(input))
    return failure();
  Value result = tosa::ClampOp::create(builder, loc, input->getType(), *input,
                                       builder.getF32FloatAttr(minValue),
                                       builder.getF32FloatAttr(maxValue));
  setValue(node.output(0), (*x)->shape, result, channelsLast);
  return success();
}

//===----------------------------------------------------------------------===//
// Identity and constants
//===----------------------------------------------------------------------===//

LogicalResult OnnxImporter::convertIdentity(const onnx::NodeProto &node) {
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  // Dropout: only inference is supported (training_mode must be false).
  if (node.op_type() == "Dropout" && hasInput(node, 2)) {
    FailureOr<const Constant *> training =
        getConstantInput(node, 2, "training_mode");
    if (failed(training))
      return failure();
    if ((*training)->numElements() == 1 && (*training)->at(0) != 0.0)
      return nodeError(node) << "training mode is not supported";
  }
  TensorInfo info = **x;
  setAlias(node.output(0), info);
  return success();
}

LogicalResult OnnxImporter::convertConstant(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  if (node.attribute_size() != 1)
    return nodeError(node) << "expected exactly one attribute";
  const onnx::AttributeProto &attr = node.attribute(0);
  StringRef name = attr.name();
  if (name == "value") {
    FailureOr<Constant> c = readTensorProto(attr.t(), loc);
    if (failed(c))
      return failure();
    setConstant(node.output(0), std::move(*c));
  } else if (name == "value_float") {
    setConstant(node.output(0), Constant::makeFloat({}, {attr.f()}));
  } else if (name == "value_floats") {
    std::vector<float> values(attr.floats().begin(), attr.floats().end());
    int64_t n = static_cast<int64_t>(values.size());
    setConstant(node.output(0), Constant::makeFloat({n}, std::move(values)));
  } else if (name == "value_int") {
    setConstant(node.output(0), Constant::makeInt({}, {attr.i()}));
  } else if (name == "value_ints") {
    std::vector<int64_t> values(attr.ints().begin(), attr.ints().end());
    int64_t n = static_cast<int64_t>(values.size());
    setConstant(node.output(0), Constant::makeInt({n}, std::move(values)));
  } else {
    return nodeError(node) << "attribute '" << name << "' is not supported";
  }
  return success();
}

LogicalResult
OnnxImporter::convertConstantOfShape(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<const Constant *> shapeInput = getConstantInput(node, 0, "shape");
  if (failed(shapeInput))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t i = 0, e = (*shapeInput)->numElements(); i < e; ++i)
    shape.push_back((*shapeInput)->intAt(i));
  int64_t elements = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d > 0 && elements > kMaxFoldedElements / d))
      return nodeError(node) << "invalid or too large shape";
    elements *= d;
  }
  Constant fill = Constant::makeFloat({1}, {0.0f});
  if (const onnx::AttributeProto *value = findAttr(node, "value")) {
    FailureOr<Constant> c = readTensorProto(value->t(), loc);
    if (failed(c))
      return failure();
    if (c->numElements() != 1)
      return nodeError(node) << "'value' must hold one element";
    fill = *c;
  }
  int64_t count = product(shape);
  if (fill.isFloat)
    setConstant(
        node.output(0),
        Constant::makeFloat(shape, std::vector<float>(count, fill.floats[0])));
  else
    setConstant(node.output(0),
                Constant::makeInt(shape,
                                  std::vector<int64_t>(count, fill.ints[0]),
                                  fill.onnxType));
  return success();
}

LogicalResult OnnxImporter::convertShape(const onnx::NodeProto &node) {
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  int64_t rank = (*x)->rank();
  auto clampIndex = [&](int64_t i) {
    if (i < 0)
      i += rank;
    return std::min(std::max<int64_t>(i, 0), rank);
  };
  int64_t start = clampIndex(getIntAttr(node, "start", 0));
  int64_t end = clampIndex(getIntAttr(node, "end", rank));
  std::vector<int64_t> dims;
  for (int64_t d = start; d < end; ++d)
    dims.push_back((*x)->shape[d]);
  int64_t n = static_cast<int64_t>(dims.size());
  setConstant(node.output(0), Constant::makeInt({n}, std::move(dims)));
  return success();
}

LogicalResult OnnxImporter::convertCast(const onnx::NodeProto &node) {
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  int64_t to = getIntAttr(node, "to", -1);
  bool toFloat =
      to == onnx::TensorProto::FLOAT || to == onnx::TensorProto::DOUBLE ||
      to == onnx::TensorProto::FLOAT16 || to == onnx::TensorProto::BFLOAT16;
  bool toInt =
      to == onnx::TensorProto::INT8 || to == onnx::TensorProto::UINT8 ||
      to == onnx::TensorProto::INT16 || to == onnx::TensorProto::UINT16 ||
      to == onnx::TensorProto::INT32 || to == onnx::TensorProto::INT64 ||
      to == onnx::TensorProto::UINT32 || to == onnx::TensorProto::UINT64 ||
      to == onnx::TensorProto::BOOL;
  if (!toFloat && !toInt)
    return nodeError(node) << "cast to element type " << to
                           << " is not supported";
  if (!(*x)->isConstant()) {
    if (to != onnx::TensorProto::FLOAT)
      return nodeError(node) << "cast of a runtime tensor to element type "
                             << to << " is not supported (only float)";
    TensorInfo info = **x;
    setAlias(node.output(0), info);
    return success();
  }
  const Constant &c = *(*x)->constant;
  if (toFloat) {
    Constant result = Constant::makeFloat(c.shape, c.asFloats());
    result.onnxType = static_cast<int32_t>(to);
    setConstant(node.output(0), std::move(result));
    return success();
  }
  std::vector<int64_t> values;
  values.reserve(c.numElements());
  for (int64_t i = 0, e = c.numElements(); i < e; ++i) {
    if (to == onnx::TensorProto::BOOL) {
      values.push_back(c.at(i) != 0.0 ? 1 : 0);
      continue;
    }
    if (c.isFloat && !std::isfinite(c.floats[i]))
      return nodeError(node) << "cast of a non-finite value to an integer";
    values.push_back(c.intAt(i));
  }
  setConstant(node.output(0), Constant::makeInt(c.shape, std::move(values),
                                                static_cast<int32_t>(to)));
  return success();
}

//===----------------------------------------------------------------------===//
// Shape changes
//===----------------------------------------------------------------------===//

/// Records `x` reshaped to `shape` as output 0 of `node`.
static LogicalResult setReshaped(OnnxImporter &importer,
                                 const onnx::NodeProto &node, TensorInfo &x,
                                 ArrayRef<int64_t> shape) {
  if (product(shape) != product(x.shape))
    return importer.nodeError(node)
           << "cannot reshape " << x.shape.size() << "-D tensor of "
           << product(x.shape) << " elements to " << product(shape)
           << " elements";
  if (x.isConstant()) {
    importer.setConstant(node.output(0), x.constant->reshaped(shape));
    return success();
  }
  FailureOr<Value> value = importer.reshapeTo(x, shape, importer.nodeLoc(node));
  if (failed(value))
    return failure();
  importer.setValue(node.output(0), shape, *value, /*isChannelsLast=*/false);
  return success();
}

LogicalResult OnnxImporter::convertReshape(const onnx::NodeProto &node) {
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  SmallVector<int64_t> requested;
  if (hasInput(node, 1)) {
    FailureOr<const Constant *> shape = getConstantInput(node, 1, "the shape");
    if (failed(shape))
      return failure();
    for (int64_t i = 0, e = (*shape)->numElements(); i < e; ++i)
      requested.push_back((*shape)->intAt(i));
  } else if (std::optional<SmallVector<int64_t>> attr =
                 getIntsAttr(node, "shape")) {
    requested = *attr;
  } else {
    return nodeError(node) << "missing shape";
  }
  bool allowZero = getIntAttr(node, "allowzero", 0) != 0;
  SmallVector<int64_t> shape;
  int64_t inferred = -1, known = 1;
  for (size_t i = 0; i < requested.size(); ++i) {
    int64_t d = requested[i];
    if (d == 0 && !allowZero) {
      if (i >= (*x)->shape.size())
        return nodeError(node) << "0 in the shape refers to a missing "
                                  "dimension";
      d = (*x)->shape[i];
    }
    if (d == -1) {
      if (inferred >= 0)
        return nodeError(node) << "more than one -1 in the shape";
      inferred = static_cast<int64_t>(i);
      shape.push_back(1);
      continue;
    }
    if (d < 0)
      return nodeError(node) << "invalid dimension " << d << " in the shape";
    known *= d;
    shape.push_back(d);
  }
  int64_t total = product((*x)->shape);
  if (inferred >= 0) {
    if (known == 0 || total % known != 0)
      return nodeError(node) << "cannot infer the -1 dimension";
    shape[inferred] = total / known;
  }
  return setReshaped(*this, node, **x, shape);
}

LogicalResult OnnxImporter::convertFlatten(const onnx::NodeProto &node) {
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  int64_t rank = (*x)->rank();
  int64_t axis = getIntAttr(node, "axis", 1);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return nodeError(node) << "axis out of range";
  ArrayRef<int64_t> shape = (*x)->shape;
  SmallVector<int64_t> flat = {product(shape.take_front(axis)),
                               product(shape.drop_front(axis))};
  return setReshaped(*this, node, **x, flat);
}

LogicalResult OnnxImporter::convertSqueeze(const onnx::NodeProto &node) {
  bool isSqueeze = node.op_type() == "Squeeze";
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  SmallVector<int64_t> axes;
  bool haveAxes = false;
  if (opset >= 13) {
    if (hasInput(node, 1)) {
      FailureOr<const Constant *> given = getConstantInput(node, 1, "axes");
      if (failed(given))
        return failure();
      for (int64_t i = 0, e = (*given)->numElements(); i < e; ++i)
        axes.push_back((*given)->intAt(i));
      haveAxes = true;
    }
  } else if (std::optional<SmallVector<int64_t>> attr =
                 getIntsAttr(node, "axes")) {
    axes = *attr;
    haveAxes = true;
  }
  ArrayRef<int64_t> inShape = (*x)->shape;
  int64_t rank = (*x)->rank();
  SmallVector<int64_t> shape;
  if (isSqueeze) {
    SmallVector<bool> drop(rank, false);
    if (!haveAxes) {
      for (int64_t d = 0; d < rank; ++d)
        drop[d] = inShape[d] == 1;
    }
    for (int64_t axis : axes) {
      std::optional<int64_t> a = normalizeAxis(axis, rank);
      if (!a || inShape[*a] != 1)
        return nodeError(node) << "cannot squeeze axis " << axis;
      drop[*a] = true;
    }
    for (int64_t d = 0; d < rank; ++d)
      if (!drop[d])
        shape.push_back(inShape[d]);
  } else {
    if (!haveAxes)
      return nodeError(node) << "missing axes";
    int64_t outRank = rank + static_cast<int64_t>(axes.size());
    SmallVector<bool> inserted(outRank, false);
    for (int64_t axis : axes) {
      std::optional<int64_t> a = normalizeAxis(axis, outRank);
      if (!a || inserted[*a])
        return nodeError(node) << "invalid axis " << axis;
      inserted[*a] = true;
    }
    for (int64_t d = 0, in = 0; d < outRank; ++d)
      shape.push_back(inserted[d] ? 1 : inShape[in++]);
  }
  return setReshaped(*this, node, **x, shape);
}

LogicalResult OnnxImporter::convertTranspose(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  int64_t rank = (*x)->rank();
  SmallVector<int64_t> perm;
  if (std::optional<SmallVector<int64_t>> attr = getIntsAttr(node, "perm"))
    perm = *attr;
  else
    for (int64_t d = rank; d-- > 0;)
      perm.push_back(d);
  if (!import::isPermutation(perm, rank))
    return nodeError(node) << "invalid perm";
  SmallVector<int64_t> outShape = import::permuteShape((*x)->shape, perm);
  if ((*x)->isConstant()) {
    setConstant(node.output(0), (*x)->constant->transposed(perm));
    return success();
  }
  Value source;
  SmallVector<int64_t> physPerm = perm;
  if ((*x)->natural) {
    source = (*x)->natural;
  } else {
    // Read the NHWC value directly: natural dimension p is NHWC dimension
    // channelsLastAxis(p).
    source = (*x)->channelsLast;
    for (int64_t &p : physPerm)
      for (int64_t i = 0; i < 4; ++i)
        if (import::kNchwToNhwc[i] == p) {
          p = i;
          break;
        }
  }
  bool identity = true;
  for (int64_t i = 0; i < rank; ++i)
    identity &= physPerm[i] == i;
  Value result = identity ? source : createLayoutChange(source, physPerm, loc);
  setValue(node.output(0), outShape, result, /*isChannelsLast=*/false);
  return success();
}

LogicalResult OnnxImporter::convertConcat(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  SmallVector<TensorInfo *> inputs;
  for (int i = 0; i < node.input_size(); ++i) {
    FailureOr<TensorInfo *> input = getInput(node, i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
  }
  if (inputs.empty())
    return nodeError(node) << "no inputs";
  int64_t rank = inputs.front()->rank();
  if (rank == 0)
    return nodeError(node) << "cannot concatenate scalars";
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(node, "axis", 0), rank);
  if (!axis)
    return nodeError(node) << "axis out of range";
  SmallVector<int64_t> outShape(inputs.front()->shape);
  outShape[*axis] = 0;
  bool allConstant = true, anyFloat = false;
  for (TensorInfo *t : inputs) {
    if (t->rank() != rank)
      return nodeError(node) << "inputs have different ranks";
    for (int64_t d = 0; d < rank; ++d)
      if (d != *axis && t->shape[d] != outShape[d])
        return nodeError(node) << "input shapes differ outside the axis";
    outShape[*axis] += t->shape[*axis];
    allConstant &= t->isConstant();
    anyFloat |= t->isConstant() ? t->constant->isFloat : true;
  }

  if (allConstant) {
    // Interleave the inputs block by block along the axis.
    int64_t outer = product(ArrayRef<int64_t>(outShape).take_front(*axis));
    int64_t inner = product(ArrayRef<int64_t>(outShape).drop_front(*axis + 1));
    std::vector<float> floats;
    std::vector<int64_t> ints;
    for (int64_t o = 0; o < outer; ++o)
      for (TensorInfo *t : inputs) {
        const Constant &c = *t->constant;
        int64_t block = t->shape[*axis] * inner;
        for (int64_t i = 0; i < block; ++i) {
          if (anyFloat)
            floats.push_back(static_cast<float>(c.at(o * block + i)));
          else
            ints.push_back(c.ints[o * block + i]);
        }
      }
    setConstant(node.output(0),
                anyFloat ? Constant::makeFloat(outShape, std::move(floats))
                         : Constant::makeInt(outShape, std::move(ints)));
    return success();
  }

  bool channelsLast = false;
  if (rank == 4)
    for (TensorInfo *t : inputs)
      channelsLast |= prefersChannelsLast(*t);
  SmallVector<Value> values;
  for (TensorInfo *t : inputs) {
    FailureOr<Value> v = getLayout(*t, channelsLast, loc);
    if (failed(v))
      return failure();
    values.push_back(*v);
  }
  int64_t physAxis = *axis;
  SmallVector<int64_t> physShape = outShape;
  if (channelsLast) {
    physShape = import::permuteShape(outShape, import::kNchwToNhwc);
    for (int64_t i = 0; i < 4; ++i)
      if (import::kNchwToNhwc[i] == *axis)
        physAxis = i;
  }
  Value result =
      tosa::ConcatOp::create(builder, loc, f32Type(physShape), values,
                             static_cast<uint32_t>(physAxis));
  setValue(node.output(0), outShape, result, channelsLast);
  return success();
}

LogicalResult OnnxImporter::convertPad(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  std::string mode = getStringAttr(node, "mode", "constant");
  if (mode != "constant")
    return nodeError(node) << "mode '" << mode
                           << "' is not supported (only constant)";
  int64_t rank = (*x)->rank();
  SmallVector<int64_t> pads;
  float value = 0.0f;
  if (opset >= 11) {
    FailureOr<const Constant *> given = getConstantInput(node, 1, "pads");
    if (failed(given))
      return failure();
    for (int64_t i = 0, e = (*given)->numElements(); i < e; ++i)
      pads.push_back((*given)->intAt(i));
    if (hasInput(node, 2)) {
      FailureOr<const Constant *> v =
          getConstantInput(node, 2, "constant_value");
      if (failed(v))
        return failure();
      if ((*v)->numElements() != 1)
        return nodeError(node) << "constant_value must be a scalar";
      value = static_cast<float>((*v)->at(0));
    }
    if (hasInput(node, 3))
      return nodeError(node) << "the axes input is not supported";
  } else {
    if (std::optional<SmallVector<int64_t>> attr = getIntsAttr(node, "pads"))
      pads = *attr;
    value = getFloatAttr(node, "value", 0.0f);
  }
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return nodeError(node) << "expected " << 2 * rank << " pads, got "
                           << pads.size();
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return nodeError(node) << "negative pads are not supported";

  SmallVector<int64_t> outShape((*x)->shape);
  for (int64_t d = 0; d < rank; ++d)
    outShape[d] += pads[d] + pads[rank + d];
  bool channelsLast = prefersChannelsLast(**x);
  FailureOr<Value> input = getLayout(**x, channelsLast, loc);
  if (failed(input))
    return failure();
  SmallVector<int64_t> padding;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t d = channelsLast ? import::kNchwToNhwc[i] : i;
    padding.push_back(pads[d]);
    padding.push_back(pads[rank + d]);
  }
  SmallVector<int64_t> physShape =
      channelsLast ? import::permuteShape(outShape, import::kNchwToNhwc)
                   : outShape;
  Value result = tosa::PadOp::create(builder, loc, f32Type(physShape), *input,
                                     createConstShape(padding, loc),
                                     createF32Const({1}, {value}, loc));
  setValue(node.output(0), outShape, result, channelsLast);
  return success();
}

//===----------------------------------------------------------------------===//
// Gather and Slice
//===----------------------------------------------------------------------===//

LogicalResult OnnxImporter::convertGather(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<TensorInfo *> data = getInput(node, 0);
  if (failed(data))
    return failure();
  FailureOr<const Constant *> indices = getConstantInput(node, 1, "indices");
  if (failed(indices))
    return failure();
  int64_t rank = (*data)->rank();
  if (rank == 0)
    return nodeError(node) << "cannot gather from a scalar";
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(node, "axis", 0), rank);
  if (!axis)
    return nodeError(node) << "axis out of range";
  ArrayRef<int64_t> shape = (*data)->shape;
  int64_t dim = shape[*axis];
  SmallVector<int64_t> picks;
  for (int64_t i = 0, e = (*indices)->numElements(); i < e; ++i) {
    int64_t index = (*indices)->intAt(i);
    if (index < -dim || index >= dim)
      return nodeError(node) << "index " << index << " out of range";
    picks.push_back(index < 0 ? index + dim : index);
  }
  SmallVector<int64_t> outShape(shape.take_front(*axis));
  outShape.append((*indices)->shape.begin(), (*indices)->shape.end());
  outShape.append(shape.begin() + *axis + 1, shape.end());
  int64_t outer = product(shape.take_front(*axis));
  int64_t inner = product(shape.drop_front(*axis + 1));

  if ((*data)->isConstant()) {
    const Constant &c = *(*data)->constant;
    std::vector<float> floats;
    std::vector<int64_t> ints;
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t p : picks)
        for (int64_t i = 0; i < inner; ++i) {
          int64_t src = (o * dim + p) * inner + i;
          if (c.isFloat)
            floats.push_back(c.floats[src]);
          else
            ints.push_back(c.ints[src]);
        }
    setConstant(node.output(0),
                c.isFloat
                    ? Constant::makeFloat(outShape, std::move(floats))
                    : Constant::makeInt(outShape, std::move(ints), c.onnxType));
    return success();
  }
  if (picks.empty())
    return nodeError(node) << "empty indices are not supported";
  // A runtime tensor: one slice per index, concatenated along the axis.
  FailureOr<Value> input = getNatural(**data, loc);
  if (failed(input))
    return failure();
  SmallVector<Value> slices;
  SmallVector<int64_t> start(rank, 0), size(shape);
  size[*axis] = 1;
  for (int64_t p : picks) {
    start[*axis] = p;
    slices.push_back(createSlice(*input, start, size, loc));
  }
  Value result = slices.front();
  if (slices.size() > 1) {
    SmallVector<int64_t> concatShape(shape);
    concatShape[*axis] = static_cast<int64_t>(slices.size());
    result = tosa::ConcatOp::create(builder, loc, f32Type(concatShape), slices,
                                    static_cast<uint32_t>(*axis));
  }
  if (shapeOf(result) != ArrayRef<int64_t>(outShape))
    result = createReshape(result, outShape, loc);
  setValue(node.output(0), outShape, result, /*isChannelsLast=*/false);
  return success();
}

LogicalResult OnnxImporter::convertSlice(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<TensorInfo *> data = getInput(node, 0);
  if (failed(data))
    return failure();
  int64_t rank = (*data)->rank();
  SmallVector<int64_t> starts, ends, axes, steps;
  auto readInput = [&](int index, StringRef role,
                       SmallVector<int64_t> &out) -> LogicalResult {
    if (!hasInput(node, index))
      return success();
    FailureOr<const Constant *> c = getConstantInput(node, index, role);
    if (failed(c))
      return failure();
    for (int64_t i = 0, e = (*c)->numElements(); i < e; ++i)
      out.push_back((*c)->intAt(i));
    return success();
  };
  if (opset >= 10) {
    if (failed(readInput(1, "starts", starts)) ||
        failed(readInput(2, "ends", ends)) ||
        failed(readInput(3, "axes", axes)) ||
        failed(readInput(4, "steps", steps)))
      return failure();
  } else {
    starts = getIntsAttr(node, "starts").value_or(SmallVector<int64_t>());
    ends = getIntsAttr(node, "ends").value_or(SmallVector<int64_t>());
    axes = getIntsAttr(node, "axes").value_or(SmallVector<int64_t>());
  }
  if (starts.size() != ends.size())
    return nodeError(node) << "starts and ends differ in length";
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i)
      axes.push_back(static_cast<int64_t>(i));
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (axes.size() != starts.size() || steps.size() != starts.size())
    return nodeError(node) << "axes/steps do not match starts";

  ArrayRef<int64_t> shape = (*data)->shape;
  SmallVector<int64_t> begin(rank, 0), size(shape), step(rank, 1);
  for (size_t i = 0; i < starts.size(); ++i) {
    std::optional<int64_t> axis = normalizeAxis(axes[i], rank);
    if (!axis)
      return nodeError(node) << "axis " << axes[i] << " out of range";
    if (steps[i] <= 0)
      return nodeError(node) << "only positive steps are supported";
    int64_t dim = shape[*axis];
    auto clamp = [&](int64_t v) {
      if (v < 0)
        v = v < -dim ? 0 : v + dim;
      return std::min(v, dim);
    };
    int64_t s = clamp(starts[i]), e = clamp(ends[i]);
    begin[*axis] = s;
    step[*axis] = steps[i];
    size[*axis] = e > s ? (e - s + steps[i] - 1) / steps[i] : 0;
  }
  if (llvm::any_of(size, [](int64_t d) { return d == 0; }))
    return nodeError(node) << "empty slices are not supported";

  if ((*data)->isConstant()) {
    const Constant &c = *(*data)->constant;
    SmallVector<int64_t> inStrides = stridesOf(shape);
    int64_t count = product(size);
    std::vector<float> floats;
    std::vector<int64_t> ints;
    SmallVector<int64_t> index(rank, 0);
    for (int64_t n = 0; n < count; ++n) {
      int64_t src = 0;
      for (int64_t d = 0; d < rank; ++d)
        src += (begin[d] + index[d] * step[d]) * inStrides[d];
      if (c.isFloat)
        floats.push_back(c.floats[src]);
      else
        ints.push_back(c.ints[src]);
      for (int64_t d = rank; d-- > 0;) {
        if (++index[d] < size[d])
          break;
        index[d] = 0;
      }
    }
    setConstant(node.output(0),
                c.isFloat
                    ? Constant::makeFloat(size, std::move(floats))
                    : Constant::makeInt(size, std::move(ints), c.onnxType));
    return success();
  }
  if (llvm::any_of(step, [](int64_t s) { return s != 1; }))
    return nodeError(node) << "strided slices of runtime tensors are not "
                              "supported";
  FailureOr<Value> input = getNatural(**data, loc);
  if (failed(input))
    return failure();
  setValue(node.output(0), size, createSlice(*input, begin, size, loc),
           /*isChannelsLast=*/false);
  return success();
}

//===----------------------------------------------------------------------===//
// QuantizeLinear / DequantizeLinear on constants
//===----------------------------------------------------------------------===//

namespace {
/// Scale and zero point of a QuantizeLinear/DequantizeLinear node, per
/// tensor or along `axis`.
struct QuantParams {
  const Constant *scale = nullptr;
  const Constant *zeroPoint = nullptr;
  int64_t axis = 0;
  int64_t inner = 1; ///< Elements after the axis.
  int64_t dim = 1;   ///< Size of the axis (1 for per-tensor).

  double scaleAt(int64_t i) const {
    return scale->at(dim == 1 ? 0 : (i / inner) % dim);
  }
  double zeroPointAt(int64_t i) const {
    if (!zeroPoint)
      return 0.0;
    return zeroPoint->at(dim == 1 ? 0 : (i / inner) % dim);
  }
};
} // namespace

static FailureOr<QuantParams> readQuantParams(OnnxImporter &importer,
                                              const onnx::NodeProto &node,
                                              const TensorInfo &x) {
  QuantParams params;
  FailureOr<const Constant *> scale =
      importer.getConstantInput(node, 1, "the scale");
  if (failed(scale))
    return failure();
  params.scale = *scale;
  if (importer.hasInput(node, 2)) {
    FailureOr<const Constant *> zp =
        importer.getConstantInput(node, 2, "the zero point");
    if (failed(zp))
      return failure();
    params.zeroPoint = *zp;
  }
  int64_t count = params.scale->numElements();
  if (params.zeroPoint && params.zeroPoint->numElements() != count)
    return importer.nodeError(node) << "scale and zero point differ in size";
  if (count > 1) {
    std::optional<int64_t> axis =
        importer.normalizeAxis(importer.getIntAttr(node, "axis", 1), x.rank());
    if (!axis || x.shape[*axis] != count)
      return importer.nodeError(node) << "per-axis scale of " << count
                                      << " elements does not match the axis";
    params.axis = *axis;
    params.dim = count;
    params.inner = product(ArrayRef<int64_t>(x.shape).drop_front(*axis + 1));
  }
  return params;
}

LogicalResult OnnxImporter::convertQuantizeLinear(const onnx::NodeProto &node) {
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  if (!(*x)->isConstant())
    return nodeError(node)
           << "quantizing a runtime tensor is not supported: hwq imports "
              "float models (QuantizeLinear is folded on constant weights "
              "only)";
  FailureOr<QuantParams> params = readQuantParams(*this, node, **x);
  if (failed(params))
    return failure();
  int32_t type = params->zeroPoint ? params->zeroPoint->onnxType
                                   : int32_t(onnx::TensorProto::UINT8);
  int64_t qmin, qmax;
  switch (type) {
  case onnx::TensorProto::INT8:
    qmin = -128, qmax = 127;
    break;
  case onnx::TensorProto::UINT8:
    qmin = 0, qmax = 255;
    break;
  case onnx::TensorProto::INT16:
    qmin = -32768, qmax = 32767;
    break;
  case onnx::TensorProto::UINT16:
    qmin = 0, qmax = 65535;
    break;
  case onnx::TensorProto::INT32:
    qmin = std::numeric_limits<int32_t>::min();
    qmax = std::numeric_limits<int32_t>::max();
    break;
  default:
    return nodeError(node) << "zero point type " << type << " is not supported";
  }
  const Constant &c = *(*x)->constant;
  std::vector<int64_t> values;
  values.reserve(c.numElements());
  for (int64_t i = 0, e = c.numElements(); i < e; ++i) {
    double scale = params->scaleAt(i);
    if (!(scale > 0.0))
      return nodeError(node) << "scale must be positive";
    // Round half to even, as ONNX specifies.
    double q = std::nearbyint(c.at(i) / scale) + params->zeroPointAt(i);
    q = std::min(std::max(q, static_cast<double>(qmin)),
                 static_cast<double>(qmax));
    values.push_back(static_cast<int64_t>(q));
  }
  setConstant(node.output(0),
              Constant::makeInt(c.shape, std::move(values), type));
  return success();
}

LogicalResult
OnnxImporter::convertDequantizeLinear(const onnx::NodeProto &node) {
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  if (!(*x)->isConstant())
    return nodeError(node)
           << "dequantizing a runtime tensor is not supported: hwq imports "
              "float models (DequantizeLinear is folded on constant weights "
              "only)";
  FailureOr<QuantParams> params = readQuantParams(*this, node, **x);
  if (failed(params))
    return failure();
  const Constant &c = *(*x)->constant;
  std::vector<float> values;
  values.reserve(c.numElements());
  for (int64_t i = 0, e = c.numElements(); i < e; ++i)
    values.push_back(
        static_cast<float>(c.at(i) - params->zeroPointAt(i)) *
        static_cast<float>(params->scaleAt(i))); // f32, as ONNX computes it
  setConstant(node.output(0), Constant::makeFloat(c.shape, std::move(values)));
  return success();
}
