//===- Evaluator.cpp - the reference evaluator driver ---------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Walks the single block of a func.func in order, dispatching every op to the
// function its family registered (EvaluatorImpl.h), and converts between
// runtime tensors and the evaluator's RefTensor at the function boundary.
//
//===----------------------------------------------------------------------===//

#include "EvaluatorImpl.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::ref;
using namespace hwq::ref::interp;
using runtime::ElementKind;
using runtime::Tensor;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static std::string typeToString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

//===----------------------------------------------------------------------===//
// Public helpers
//===----------------------------------------------------------------------===//

FailureOr<ElementKind> ref::getRuntimeElementKind(Type type) {
  if (auto floatType = dyn_cast<FloatType>(type)) {
    if (floatType.isF16())
      return ElementKind::F16;
    if (floatType.isF32())
      return ElementKind::F32;
    if (floatType.isF64())
      return ElementKind::F64;
    return failure();
  }
  std::optional<IntFormat> format = getIntFormat(type);
  if (!format)
    return failure();
  if (format->bits <= 8)
    return format->isUnsigned ? ElementKind::U8 : ElementKind::I8;
  if (format->bits <= 16)
    return format->isUnsigned ? ElementKind::I32 : ElementKind::I16;
  if (format->bits <= 32)
    return format->isUnsigned ? ElementKind::I64 : ElementKind::I32;
  if (!format->isUnsigned)
    return ElementKind::I64;
  return failure();
}

llvm::Error ref::checkTensorMatchesType(const Tensor &tensor, Type type) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType)
    return makeError("argument type " + typeToString(type) +
                     " is not a ranked tensor");
  FailureOr<ElementKind> kind =
      getRuntimeElementKind(tensorType.getElementType());
  if (failed(kind))
    return makeError("element type " +
                     typeToString(tensorType.getElementType()) +
                     " has no runtime representation");
  if (tensor.getKind() != *kind)
    return makeError(llvm::formatv(
        "element type mismatch: got {0}, the function expects {1} ({2})",
        runtime::getElementKindName(tensor.getKind()),
        runtime::getElementKindName(*kind), typeToString(type)));
  bool shapeMatches = tensor.getRank() == tensorType.getRank();
  for (int64_t d = 0; shapeMatches && d < tensor.getRank(); ++d)
    if (!tensorType.isDynamicDim(d) &&
        tensorType.getDimSize(d) != tensor.getShape()[d])
      shapeMatches = false;
  if (!shapeMatches) {
    std::string expected;
    for (int64_t d = 0; d < tensorType.getRank(); ++d)
      expected +=
          (d ? "x" : "") + (tensorType.isDynamicDim(d)
                                ? std::string("?")
                                : std::to_string(tensorType.getDimSize(d)));
    if (expected.empty())
      expected = "scalar";
    return makeError(llvm::formatv(
        "shape mismatch: got {0}, the function expects {1} ({2})",
        runtime::formatShape(tensor.getShape()), expected, typeToString(type)));
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Frame and registry
//===----------------------------------------------------------------------===//

LogicalResult Frame::setResult(Operation *op, Value value, RefTensor tensor) {
  if (auto shaped = dyn_cast<ShapedType>(value.getType())) {
    if (shaped.hasRank()) {
      bool ok = shaped.getRank() == tensor.getRank();
      for (int64_t d = 0; ok && d < tensor.getRank(); ++d)
        ok = shaped.isDynamicDim(d) || shaped.getDimSize(d) == tensor.shape[d];
      if (!ok)
        return op->emitOpError()
               << "computed a result of shape "
               << runtime::formatShape(tensor.shape)
               << " that does not match its type " << value.getType();
    }
    tensor.elementType = shaped.getElementType();
  }
  bool wantFloat = isa<FloatType>(tensor.elementType);
  size_t count = static_cast<size_t>(tensor.getNumElements());
  if ((wantFloat ? tensor.floats.size() : tensor.ints.size()) != count)
    return op->emitOpError()
           << "reference evaluator produced values of the wrong kind for "
           << value.getType();
  if (wantFloat) {
    if (options.roundEveryOp)
      for (double &x : tensor.floats)
        x = roundToFloatType(x, cast<FloatType>(tensor.elementType));
  } else if (std::optional<IntFormat> format =
                 getIntFormat(tensor.elementType)) {
    for (int64_t &x : tensor.ints)
      x = format->wrap(x);
  }
  values[value] = std::move(tensor);
  return success();
}

FailureOr<int64_t> Frame::getScalarInt(Operation *op, Value value,
                                       StringRef what) const {
  const RefTensor &tensor = get(value);
  if (tensor.getNumElements() != 1)
    return op->emitOpError()
           << what << " must have exactly one element, it has "
           << tensor.getNumElements();
  if (tensor.isFloat())
    return op->emitOpError() << what << " must be an integer";
  return tensor.ints[0];
}

FailureOr<double> Frame::getScalarDouble(Operation *op, Value value,
                                         StringRef what) const {
  const RefTensor &tensor = get(value);
  if (tensor.getNumElements() != 1)
    return op->emitOpError()
           << what << " must have exactly one element, it has "
           << tensor.getNumElements();
  return tensor.getDouble(0);
}

const OpEvaluatorRegistry::Fn *
OpEvaluatorRegistry::lookup(Operation *op) const {
  std::optional<RegisteredOperationName> name = op->getRegisteredInfo();
  if (!name)
    return nullptr;
  auto it = table.find(name->getTypeID());
  return it == table.end() ? nullptr : &it->second;
}

/// Every op the evaluator knows, built once.
static const OpEvaluatorRegistry &getRegistry() {
  static const OpEvaluatorRegistry registry = [] {
    OpEvaluatorRegistry r;
    registerConstantEvaluators(r);
    registerTosaElementwiseEvaluators(r);
    registerTosaDataEvaluators(r);
    registerTosaNNEvaluators(r);
    registerSimEvaluators(r);
    registerHwqEvaluators(r);
    registerHwqContractionEvaluators(r);
    return r;
  }();
  return registry;
}

//===----------------------------------------------------------------------===//
// The engine
//===----------------------------------------------------------------------===//

namespace {
/// The reference evaluator behind the runtime::Engine interface.
class ReferenceEngine : public runtime::Engine {
public:
  explicit ReferenceEngine(const EvaluateOptions &options) : options(options) {}

  StringRef getName() const override { return "reference"; }
  LogicalResult prepare(func::FuncOp func) override;
  FailureOr<SmallVector<Tensor>> run(ArrayRef<Tensor> inputs) override;

private:
  EvaluateOptions options;
  func::FuncOp func;
  /// Results of constant ops, computed by the first run.
  llvm::DenseMap<Operation *, SmallVector<RefTensor, 1>> constants;
  /// The values whose last use is the key op: released after it runs.
  llvm::DenseMap<Operation *, SmallVector<Value>> lastUses;
};
} // namespace

LogicalResult ReferenceEngine::prepare(func::FuncOp f) {
  func = f;
  constants.clear();
  if (func.isExternal())
    return func.emitError()
           << "function @" << func.getSymName() << " has no body";
  if (!func.getBody().hasOneBlock())
    return func.emitError()
           << "reference evaluator needs a function with a single block";
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    if (!tensorType ||
        failed(getRuntimeElementKind(tensorType.getElementType())))
      return func.emitError() << "argument #" << i << " of type " << type
                              << " is not supported (ranked tensors of f16, "
                                 "f32, f64 or integers up to 64 bits)";
  }
  for (auto [i, type] : llvm::enumerate(func.getResultTypes())) {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    if (!tensorType ||
        failed(getRuntimeElementKind(tensorType.getElementType())))
      return func.emitError() << "result #" << i << " of type " << type
                              << " is not supported (ranked tensors of f16, "
                                 "f32, f64 or integers up to 64 bits)";
  }
  // Reject unsupported ops before running anything.
  const OpEvaluatorRegistry &registry = getRegistry();
  llvm::DenseMap<Value, Operation *> lastUser;
  for (Operation &op : func.getBody().front()) {
    for (Value operand : op.getOperands())
      lastUser[operand] = &op;
    if (isa<func::ReturnOp>(op))
      continue;
    if (!registry.lookup(&op))
      return op.emitError()
             << "reference evaluator does not support '" << op.getName() << "'";
  }
  lastUses.clear();
  for (auto [value, user] : lastUser)
    if (!isa<func::ReturnOp>(user))
      lastUses[user].push_back(value);
  return success();
}

/// Reports `value` to the options' observer when it holds floats.
static void observe(const EvaluateOptions &options, const Frame &frame,
                    Value value) {
  const RefTensor &tensor = frame.get(value);
  if (tensor.isFloat())
    options.observer(value, tensor.shape, tensor.floats);
}

/// Converts an input tensor into the evaluator's representation.
static RefTensor toRefTensor(const Tensor &tensor, Type elementType) {
  RefTensor ref = RefTensor::zeros(elementType, tensor.getShape());
  int64_t count = tensor.getNumElements();
  if (ref.isFloat())
    for (int64_t i = 0; i < count; ++i)
      ref.floats[i] = tensor.getDouble(i);
  else
    for (int64_t i = 0; i < count; ++i)
      ref.ints[i] = tensor.getInt(i);
  return ref;
}

/// Converts a result into a runtime tensor, rounding floats to the IR type.
static Tensor toRuntimeTensor(const RefTensor &ref, ElementKind kind) {
  Tensor tensor(kind, ref.shape);
  int64_t count = ref.getNumElements();
  if (ref.isFloat()) {
    auto floatType = cast<FloatType>(ref.elementType);
    for (int64_t i = 0; i < count; ++i)
      tensor.setDouble(i, roundToFloatType(ref.floats[i], floatType));
  } else {
    for (int64_t i = 0; i < count; ++i)
      tensor.setInt(i, ref.ints[i]);
  }
  return tensor;
}

FailureOr<SmallVector<Tensor>> ReferenceEngine::run(ArrayRef<Tensor> inputs) {
  if (!func)
    return failure();
  if (inputs.size() != func.getNumArguments())
    return func.emitError() << "function @" << func.getSymName() << " takes "
                            << func.getNumArguments() << " inputs, "
                            << inputs.size() << " given";
  Block &body = func.getBody().front();
  Frame frame(options);
  for (auto [i, arg] : llvm::enumerate(body.getArguments())) {
    if (llvm::Error error = checkTensorMatchesType(inputs[i], arg.getType()))
      return func.emitError()
             << "input #" << i << ": " << llvm::toString(std::move(error));
    frame.bind(arg,
               toRefTensor(inputs[i], getElementTypeOrSelf(arg.getType())));
    if (options.observer)
      observe(options, frame, arg);
  }

  const OpEvaluatorRegistry &registry = getRegistry();
  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      SmallVector<Tensor> outputs;
      for (auto [i, value] : llvm::enumerate(ret.getOperands())) {
        if (!frame.contains(value))
          return ret.emitOpError() << "operand #" << i << " was not computed";
        FailureOr<ElementKind> kind =
            getRuntimeElementKind(getElementTypeOrSelf(value.getType()));
        if (failed(kind))
          return ret.emitOpError()
                 << "result #" << i << " of type " << value.getType()
                 << " has no runtime representation";
        outputs.push_back(toRuntimeTensor(frame.get(value), *kind));
      }
      return outputs;
    }
    auto cached = constants.find(&op);
    if (cached != constants.end()) {
      for (auto [result, tensor] : llvm::zip(op.getResults(), cached->second)) {
        frame.bind(result, tensor);
        if (options.observer)
          observe(options, frame, result);
      }
      continue;
    }
    for (auto [i, operand] : llvm::enumerate(op.getOperands()))
      if (!frame.contains(operand))
        return op.emitOpError() << "operand #" << i << " was not computed";
    const OpEvaluatorRegistry::Fn *fn = registry.lookup(&op);
    if (!fn)
      return op.emitError()
             << "reference evaluator does not support '" << op.getName() << "'";
    if (failed((*fn)(&op, frame)))
      return failure();
    for (auto [i, result] : llvm::enumerate(op.getResults()))
      if (!frame.contains(result))
        return op.emitOpError() << "reference evaluator computed no value for "
                                   "result #"
                                << i;
    if (options.observer)
      for (Value result : op.getResults())
        observe(options, frame, result);
    if (op.getNumOperands() == 0 && op.hasTrait<OpTrait::ConstantLike>()) {
      SmallVector<RefTensor, 1> values;
      for (Value result : op.getResults())
        values.push_back(frame.get(result));
      constants[&op] = std::move(values);
    }
    // Keep memory at the live set: drop values no later op reads.
    auto released = lastUses.find(&op);
    if (released != lastUses.end())
      for (Value value : released->second)
        frame.erase(value);
  }
  return func.emitError() << "function body has no func.return";
}

std::unique_ptr<runtime::Engine>
ref::createReferenceEngine(const EvaluateOptions &options) {
  return std::make_unique<ReferenceEngine>(options);
}

FailureOr<SmallVector<Tensor>> ref::evaluate(func::FuncOp func,
                                             ArrayRef<Tensor> inputs,
                                             const EvaluateOptions &options) {
  ReferenceEngine engine(options);
  if (failed(engine.prepare(func)))
    return failure();
  return engine.run(inputs);
}
