//===- Annotate.cpp - HAGO topology analysis driven by #hwq.target -*- C++ -*-//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-annotate decides, op by op in program order, which ops of a float TOSA
// graph run quantized on the module's target and which integer alternative
// each uses, and marks every quantized edge with an uncalibrated
// `hwq.sim_quantize`. The rules are written down in docs/Passes.md; the short
// version:
//
//  * An op is quantized when its kind has an integer alternative and (an
//    activation input is quantized, or the kind has no float alternative, or
//    it is a conv2d / depthwise_conv2d / matmul with constant weights whose
//    preferred alternative is integer: such ops start a quantized region, so
//    the first conv's graph input is quantized as in HAGO).
//  * A quantized op takes the first integer alternative whose input
//    signedness matches every quantized producer, else the first.
//  * Each value carries at most one grid per (bits, signedness): an input
//    edge reuses the producer's grid when it has the wanted signedness and at
//    most the wanted bits (the intersection), else gets one "activation"
//    sim_quantize shared by all consumers asking for the same grid.
//  * Constant weights get a "weight" sim_quantize (narrow range and
//    per-channel axis from the target); ops that create a new grid
//    (conv2d, depthwise_conv2d, matmul, add, mul, avg_pool2d, softmax,
//    sigmoid, tanh) get an "output" sim_quantize; clamp, reshape, transpose,
//    max_pool2d, pad and concat pass their input grid through.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/Transforms/Annotate.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/OpKinds.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

namespace hwq {
#define GEN_PASS_DEF_HWQANNOTATEPASS
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

namespace {

/// An integer grid: width and signedness of an edge.
struct Grid {
  unsigned bits = 0;
  bool isSigned = true;
  bool operator==(const Grid &other) const {
    return bits == other.bits && isSigned == other.isSigned;
  }
};

/// One node of the topology: a single TOSA op, or a recognized group of ops
/// (decomposed softmax) that the target describes as one operator kind.
struct Node {
  /// The op whose result is the node's output.
  Operation *root = nullptr;
  /// Operator kind, "" when the op has none.
  StringRef kind;
  /// All ops of the node, root included.
  SmallVector<Operation *> members;
  /// Operands that read activation inputs of the node.
  SmallVector<OpOperand *> activations;
  /// Second operand of a contraction: conv weight or matmul B.
  OpOperand *weight = nullptr;
  /// Stable name (`n<K>`) of a node with a kind; "" otherwise.
  std::string name;
};

/// Kinds whose quantized version reads its input grid and produces values
/// on the same grid (the integer op works on the producer's integers).
bool isPassThroughKind(StringRef kind) {
  return llvm::is_contained(
      {"clamp", "reshape", "transpose", "max_pool2d", "pad", "concat"}, kind);
}

/// The grid of an integer dtype of the target, or nullopt for floats.
std::optional<Grid> getGrid(Type type) {
  auto intType = dyn_cast_or_null<IntegerType>(type);
  if (!intType)
    return std::nullopt;
  return Grid{intType.getWidth(), intType.isSigned()};
}

/// Matches the decomposed softmax
///   [m = reduce_max(x); d = sub(x, m);] e = exp(d or x);
///   s = reduce_sum(e); r = reciprocal(s); y = mul(e, r)
/// rooted at `mul`, where every intermediate value has no other user.
std::optional<Node> matchSoftmax(tosa::MulOp mul) {
  for (unsigned i = 0; i < 2; ++i) {
    auto exp = mul->getOperand(i).getDefiningOp<tosa::ExpOp>();
    auto recip = mul->getOperand(1 - i).getDefiningOp<tosa::ReciprocalOp>();
    if (!exp || !recip || !recip->hasOneUse())
      continue;
    auto sum = recip->getOperand(0).getDefiningOp<tosa::ReduceSumOp>();
    if (!sum || sum->getOperand(0) != exp.getResult() || !sum->hasOneUse())
      continue;
    if (!llvm::all_of(exp->getUsers(), [&](Operation *user) {
          return user == sum.getOperation() || user == mul.getOperation();
        }))
      continue;
    Node node;
    node.root = mul;
    node.kind = "softmax";
    auto sub = exp->getOperand(0).getDefiningOp<tosa::SubOp>();
    tosa::ReduceMaxOp max =
        sub ? sub->getOperand(1).getDefiningOp<tosa::ReduceMaxOp>() : nullptr;
    if (sub && max && sub->hasOneUse() && max->hasOneUse() &&
        max->getOperand(0) == sub->getOperand(0)) {
      node.members = {max, sub, exp, sum, recip, mul};
      node.activations = {&max->getOpOperand(0), &sub->getOpOperand(0)};
    } else {
      node.members = {exp, sum, recip, mul};
      node.activations = {&exp->getOpOperand(0)};
    }
    return node;
  }
  return std::nullopt;
}

/// Builds the node of a single op.
Node buildNode(Operation *op) {
  Node node;
  node.root = op;
  node.members = {op};
  node.kind = getTosaOpKind(op);
  if (node.kind.empty())
    return node;
  if (opKindHasWeights(node.kind)) {
    node.activations = {&op->getOpOperand(0)};
    node.weight = &op->getOpOperand(1);
  } else if (isa<tosa::AddOp, tosa::MulOp>(op)) {
    node.activations = {&op->getOpOperand(0), &op->getOpOperand(1)};
  } else if (isa<tosa::ConcatOp>(op)) {
    for (OpOperand &operand : op->getOpOperands())
      node.activations.push_back(&operand);
  } else {
    // Unary data ops: the first operand is the tensor; the rest (zero points,
    // shapes, pad constants) are not edges.
    node.activations = {&op->getOpOperand(0)};
  }
  return node;
}

/// Annotates one function.
class FunctionAnnotator {
public:
  FunctionAnnotator(TargetAttr target, const AnnotateOptions &options,
                    unsigned &nodeCounter)
      : target(target), perChannel(options.perChannel),
        remarks(options.remarks), options(options), nodeCounter(nodeCounter) {}

  LogicalResult run(FunctionOpInterface func);

private:
  LogicalResult verifyFunction(FunctionOpInterface func);
  LogicalResult annotate(Node &node);
  void remarkFloat(Node &node, StringRef reason);
  FailureOr<Grid> checkedGrid(Operation *op, Type dtype, StringRef what);
  Value quantizeActivation(Value value, Grid wanted, StringRef edgeName);
  void quantizeWeight(Node &node, Grid wanted, OpRuleAttr rule);
  SimQuantizeOp createSimQuantize(OpBuilder &builder, Location loc, Value input,
                                  Grid grid, StringRef role,
                                  StringRef edgeName);

  bool isQuantized(Value value) const { return grids.contains(value); }

  TargetAttr target;
  bool perChannel;
  bool remarks;
  const AnnotateOptions &options;
  /// Module-wide counter of node names.
  unsigned &nodeCounter;
  /// The grid of every value that lies on an integer grid.
  DenseMap<Value, Grid> grids;
  /// Activation sim_quantize ops already inserted, per (value, grid).
  DenseMap<std::tuple<Value, unsigned, unsigned>, Value> activationCache;
};

} // namespace

LogicalResult FunctionAnnotator::verifyFunction(FunctionOpInterface func) {
  Region &body = func.getFunctionBody();
  if (!body.hasOneBlock())
    return func.emitOpError("has ")
           << body.getBlocks().size()
           << " blocks; hwq-annotate handles single-block functions";
  for (BlockArgument arg : body.getArguments())
    if (auto tensor = dyn_cast<TensorType>(arg.getType());
        tensor && !tensor.hasStaticShape())
      return func.emitOpError("argument #")
             << arg.getArgNumber() << " has a dynamic or unranked type "
             << tensor << "; hwq-annotate needs static shapes";
  WalkResult result = func.getFunctionBody().walk([&](Operation *op) {
    if (isa<SimQuantizeOp>(op)) {
      op->emitOpError("found in the input; hwq-annotate runs once on a "
                      "float graph");
      return WalkResult::interrupt();
    }
    for (Type type : llvm::concat<Type>(llvm::to_vector(op->getOperandTypes()),
                                        llvm::to_vector(op->getResultTypes())))
      if (auto tensor = dyn_cast<TensorType>(type);
          tensor && !tensor.hasStaticShape()) {
        op->emitOpError("has a dynamic or unranked tensor type ")
            << type << "; hwq-annotate needs static shapes";
        return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

LogicalResult FunctionAnnotator::run(FunctionOpInterface func) {
  if (func.isExternal())
    return success();
  if (failed(verifyFunction(func)))
    return failure();
  Block &block = func.getFunctionBody().front();

  // Group decomposed softmax first: its members precede its root.
  DenseMap<Operation *, Operation *> rootOf;
  DenseMap<Operation *, Node> groups;
  for (Operation &op : block)
    if (auto mul = dyn_cast<tosa::MulOp>(op))
      if (std::optional<Node> node = matchSoftmax(mul)) {
        for (Operation *member : node->members)
          rootOf[member] = mul;
        groups[mul] = std::move(*node);
      }

  SmallVector<Operation *> ops;
  for (Operation &op : block)
    if (!op.hasTrait<OpTrait::IsTerminator>())
      ops.push_back(&op);
  for (Operation *op : ops) {
    if (op->hasTrait<OpTrait::ConstantLike>())
      continue;
    auto it = rootOf.find(op);
    if (it != rootOf.end() && it->second != op)
      continue;
    Node node = it != rootOf.end() ? groups[op] : buildNode(op);
    if (!node.kind.empty()) {
      node.name = "n" + std::to_string(nodeCounter++);
      op->setAttr(kNodeAttrName, StringAttr::get(op->getContext(), node.name));
    }
    if (failed(annotate(node)))
      return failure();
  }
  return success();
}

void FunctionAnnotator::remarkFloat(Node &node, StringRef reason) {
  if (!remarks)
    return;
  bool readsQuantized = llvm::any_of(node.root->getOperands(),
                                     [&](Value v) { return isQuantized(v); });
  for (OpOperand *operand : node.activations)
    readsQuantized |= isQuantized(operand->get());
  if (readsQuantized)
    node.root->emitRemark("stays float after a quantized producer: ") << reason;
}

FailureOr<Grid> FunctionAnnotator::checkedGrid(Operation *op, Type dtype,
                                               StringRef what) {
  std::optional<Grid> grid = getGrid(dtype);
  if (!grid || grid->bits < 2 || grid->bits > 32)
    return op->emitOpError("target '")
           << target.getName() << "' gives " << what << " type " << dtype
           << ", which cannot be simulated (integer of 2 to 32 bits needed)";
  return *grid;
}

SimQuantizeOp FunctionAnnotator::createSimQuantize(OpBuilder &builder,
                                                   Location loc, Value input,
                                                   Grid grid, StringRef role,
                                                   StringRef edgeName) {
  auto op = SimQuantizeOp::create(
      builder, loc, input.getType(), input, /*scale=*/Value(),
      /*zero_point=*/Value(), /*acc_scale=*/Value(), grid.bits, grid.isSigned,
      /*narrow_range=*/false, /*axis=*/IntegerAttr());
  op->setAttr(kRoleAttrName, builder.getStringAttr(role));
  op->setAttr(kEdgeAttrName, builder.getStringAttr(edgeName));
  return op;
}

Value FunctionAnnotator::quantizeActivation(Value value, Grid wanted,
                                            StringRef edgeName) {
  Grid grid = wanted;
  auto it = grids.find(value);
  if (it != grids.end() && it->second.isSigned == wanted.isSigned) {
    // The intersection of the producer's grid and the consumer's: reuse the
    // producer's grid when it is not wider than what the consumer reads.
    if (it->second.bits <= wanted.bits)
      return value;
  }
  auto key = std::make_tuple(value, grid.bits, unsigned(grid.isSigned));
  if (Value cached = activationCache.lookup(key))
    return cached;
  OpBuilder builder(value.getContext());
  builder.setInsertionPointAfterValue(value);
  Value result = createSimQuantize(builder, value.getLoc(), value, grid,
                                   kRoleActivation, edgeName);
  grids[result] = grid;
  activationCache[key] = result;
  return result;
}

void FunctionAnnotator::quantizeWeight(Node &node, Grid wanted,
                                       OpRuleAttr rule) {
  Operation *op = node.root;
  Value weight = node.weight->get();
  auto type = cast<RankedTensorType>(weight.getType());
  std::optional<int64_t> axis;
  if (perChannel && rule.getPerChannel().getValue()) {
    if (node.kind == "conv2d")
      axis = 0; // OHWI
    else if (node.kind == "depthwise_conv2d" && type.getShape()[3] == 1)
      axis = 2; // [KH, KW, C, M] with M == 1: output channel == C
    else if (node.kind == "matmul")
      axis = type.getRank() - 1; // [B, K, N]: per output column
  }
  OpBuilder builder(op);
  SimQuantizeOp sim =
      createSimQuantize(builder, weight.getLoc(), weight, wanted, kRoleWeight,
                        node.name + ".weight");
  bool narrow =
      wanted.isSigned && target.getScheme().getNarrowRangeWeights().getValue();
  sim.setNarrowRange(narrow);
  if (axis)
    sim.setAxis(static_cast<uint64_t>(*axis));
  node.weight->set(sim.getResult());
}

LogicalResult FunctionAnnotator::annotate(Node &node) {
  Operation *root = node.root;
  Builder b(root->getContext());
  if (node.kind.empty()) {
    remarkFloat(node, "no operator kind for '" +
                          root->getName().getStringRef().str() + "'");
    return success();
  }
  for (Operation *member : node.members)
    member->setAttr(kKindAttrName, b.getStringAttr(node.kind));

  // Mapped ops must be float; anything else is not an input hwq handles.
  for (OpOperand *operand : node.activations)
    if (!isa<FloatType>(getElementTypeOrSelf(operand->get().getType())))
      return root->emitOpError("has a non-float activation operand of type ")
             << operand->get().getType()
             << "; hwq-annotate expects a float graph";

  OpRuleAttr rule = target.lookupOp(node.kind);
  if (!rule) {
    remarkFloat(node, ("target '" + target.getName() + "' has no rule for '" +
                       node.kind + "'")
                          .str());
    return success();
  }
  SmallVector<std::pair<DTypeConfigAttr, int64_t>> integerAlternatives;
  bool hasFloat = false;
  for (auto [index, config] : llvm::enumerate(rule.getConfigs())) {
    if (config.isInteger())
      integerAlternatives.push_back({config, static_cast<int64_t>(index)});
    else
      hasFloat = true;
  }

  bool readsQuantized = llvm::any_of(
      node.activations, [&](OpOperand *o) { return isQuantized(o->get()); });
  bool constantWeight =
      node.weight && matchPattern(node.weight->get(), m_Constant());
  if (node.weight && !constantWeight && isQuantized(node.weight->get()))
    readsQuantized = true;
  bool startsRegion =
      constantWeight && (*rule.getConfigs().begin()).isInteger();

  // A strategy may force the alternative: an integer one quantizes the op
  // whatever the region rules say, a float one keeps it float.
  std::optional<int64_t> forced;
  if (auto it = options.alternatives.find(node.name);
      it != options.alternatives.end()) {
    int64_t index = it->second;
    int64_t count = static_cast<int64_t>(rule.getAlternatives().size());
    if (index < 0 || index >= count)
      return root->emitOpError("strategy chooses alternative ")
             << index << " for node '" << node.name << "', but target '"
             << target.getName() << "' lists " << count << " for '" << node.kind
             << "'";
    if (!cast<DTypeConfigAttr>(rule.getAlternatives()[index]).isInteger())
      return success();
    forced = index;
  }
  if (integerAlternatives.empty()) {
    remarkFloat(node, ("target '" + target.getName() +
                       "' has only float alternatives for '" + node.kind + "'")
                          .str());
    return success();
  }
  if (!forced && !readsQuantized && hasFloat && !startsRegion)
    return success();

  // A quantized conv needs constant weights (a matmul with a non-constant B
  // is an activation x activation product).
  if (node.weight && !constantWeight && node.kind != "matmul")
    return root->emitOpError("is quantized for target '")
           << target.getName() << "' but its weight is not a constant; "
           << "hwq-annotate needs constant weights (run hwq-prepare to fold "
           << "constant expressions)";

  // Preferred alternative compatible with the quantized producers.
  auto compatible = [&](DTypeConfigAttr config) {
    std::optional<Grid> input = getGrid(config.getInput());
    for (OpOperand *operand : node.activations) {
      auto it = grids.find(operand->get());
      if (it != grids.end() && it->second.isSigned != input->isSigned)
        return false;
    }
    if (node.weight && !constantWeight) {
      std::optional<Grid> weight = getGrid(config.getWeight());
      auto it = grids.find(node.weight->get());
      if (weight && it != grids.end() &&
          it->second.isSigned != weight->isSigned)
        return false;
    }
    return true;
  };
  auto chosen = integerAlternatives.front();
  for (auto candidate : integerAlternatives)
    if (compatible(candidate.first)) {
      chosen = candidate;
      break;
    }
  if (forced)
    chosen = {cast<DTypeConfigAttr>(rule.getAlternatives()[*forced]), *forced};
  DTypeConfigAttr config = chosen.first;

  FailureOr<Grid> inputGrid = checkedGrid(root, config.getInput(), "input");
  FailureOr<Grid> outputGrid = checkedGrid(root, config.getOutput(), "output");
  if (failed(inputGrid) || failed(outputGrid))
    return failure();
  FailureOr<Grid> weightGrid = Grid{};
  if (node.weight) {
    weightGrid = checkedGrid(root, config.getWeight(), "weight");
    if (failed(weightGrid))
      return failure();
  }

  root->setAttr(kConfigAttrName, config);
  root->setAttr(kAlternativeAttrName, b.getI64IntegerAttr(chosen.second));

  // Concat inputs share one grid: the narrowest that every same-signed
  // producer and the alternative allow.
  Grid wanted = *inputGrid;
  if (node.kind == "concat")
    for (OpOperand *operand : node.activations) {
      auto it = grids.find(operand->get());
      if (it != grids.end() && it->second.isSigned == wanted.isSigned)
        wanted.bits = std::min(wanted.bits, it->second.bits);
    }
  for (auto [index, operand] : llvm::enumerate(node.activations))
    operand->set(quantizeActivation(operand->get(), wanted,
                                    node.name + ".in" + std::to_string(index)));
  if (node.weight) {
    if (constantWeight)
      quantizeWeight(node, *weightGrid, rule);
    else
      node.weight->set(quantizeActivation(node.weight->get(), *weightGrid,
                                          node.name + ".weight"));
  }

  Value result = root->getResult(0);
  if (isPassThroughKind(node.kind)) {
    // The op moves or clamps integers of its input grid.
    Value input = node.activations.front()->get();
    grids[result] = grids.lookup(input);
    if (node.kind == "concat")
      grids[result] = wanted;
    return success();
  }
  OpBuilder builder(root->getContext());
  builder.setInsertionPointAfter(root);
  SimQuantizeOp output =
      createSimQuantize(builder, root->getLoc(), result, *outputGrid,
                        kRoleOutput, node.name + ".output");
  result.replaceAllUsesExcept(output.getResult(), output);
  grids[output.getResult()] = *outputGrid;
  return success();
}

LogicalResult hwq::annotateModule(ModuleOp module,
                                  const AnnotateOptions &options) {
  auto target =
      module->getAttrOfType<TargetAttr>(HwqDialect::getTargetAttrName());
  if (!target)
    return module.emitError(
               "hwq-annotate needs a #hwq.target in the module's '")
           << HwqDialect::getTargetAttrName()
           << "' attribute (use --hwq-target=FILE or write it inline)";
  unsigned nodeCounter = 0;
  for (auto func : module.getOps<FunctionOpInterface>()) {
    FunctionAnnotator annotator(target, options, nodeCounter);
    if (failed(annotator.run(func)))
      return failure();
  }
  return success();
}

void hwq::removeAnnotations(ModuleOp module) {
  SmallVector<SimQuantizeOp> sims;
  module.walk([&](Operation *op) {
    if (auto sim = dyn_cast<SimQuantizeOp>(op)) {
      sims.push_back(sim);
      return;
    }
    for (StringRef name : {kKindAttrName.data(), kConfigAttrName.data(),
                           kAlternativeAttrName.data(), kNodeAttrName.data()})
      op->removeAttr(name);
  });
  for (SimQuantizeOp sim : llvm::reverse(sims)) {
    sim.getOutput().replaceAllUsesWith(sim.getInput());
    sim.erase();
  }
}

namespace {
struct AnnotatePass : public hwq::impl::HwqAnnotatePassBase<AnnotatePass> {
  using Base::Base;

  void runOnOperation() override {
    AnnotateOptions options;
    options.perChannel = perChannel;
    options.remarks = remarks;
    if (failed(annotateModule(getOperation(), options)))
      return signalPassFailure();
  }
};
} // namespace
