//===- StrategyModule.cpp - strategies read from and applied to IR -*- C++ -*-//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// readStrategyFromModule collects the choices hwq-annotate (or an earlier
// strategy) wrote into a module; applyStrategy writes a strategy's choices
// into a float or annotated, uncalibrated module (docs/Strategy.md).
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Strategy.h"

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/Transforms/Annotate.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace hwq;

/// The module's target, or a located error.
static FailureOr<TargetAttr> getTarget(ModuleOp module, StringRef what) {
  auto target =
      module->getAttrOfType<TargetAttr>(HwqDialect::getTargetAttrName());
  if (!target)
    return module.emitError()
           << what << " needs a #hwq.target in the module's '"
           << HwqDialect::getTargetAttrName()
           << "' attribute (use --hwq-target=FILE or write it inline)";
  return target;
}

/// Index of the first float alternative of `rule`, if any.
static std::optional<int64_t> getFirstFloatAlternative(OpRuleAttr rule) {
  for (auto [index, config] : llvm::enumerate(rule.getConfigs()))
    if (!config.isInteger())
      return static_cast<int64_t>(index);
  return std::nullopt;
}

/// The alternative `op` (a node) currently uses: its `hwq.alternative` when
/// quantized, else the first float alternative of its rule.
static std::optional<int64_t> getCurrentAlternative(Operation *op,
                                                    OpRuleAttr rule) {
  if (auto index = op->getAttrOfType<IntegerAttr>(kAlternativeAttrName))
    return index.getInt();
  return getFirstFloatAlternative(rule);
}

/// The op that consumes a weight sim_quantize (its single user with a kind).
static Operation *getWeightConsumer(SimQuantizeOp op) {
  for (Operation *user : op->getUsers())
    if (user->hasAttr(kKindAttrName))
      return user;
  return nullptr;
}

/// The output-channel axis of a constant weight edge, as hwq-annotate
/// chooses it, or nullopt when the op has none that a single axis expresses.
static std::optional<int64_t> getPerChannelAxis(SimQuantizeOp op) {
  Operation *consumer = getWeightConsumer(op);
  if (!consumer)
    return std::nullopt;
  auto kind = consumer->getAttrOfType<StringAttr>(kKindAttrName).getValue();
  auto type = cast<RankedTensorType>(op.getInput().getType());
  if (kind == "conv2d")
    return 0;
  if (kind == "depthwise_conv2d" && type.getRank() == 4 &&
      type.getShape()[3] == 1)
    return 2;
  if (kind == "matmul")
    return type.getRank() - 1;
  return std::nullopt;
}

FailureOr<Strategy> hwq::readStrategyFromModule(ModuleOp module) {
  FailureOr<TargetAttr> target = getTarget(module, "reading a strategy");
  if (failed(target))
    return failure();
  Strategy strategy;
  strategy.target = target->getName().str();
  module.walk([&](Operation *op) {
    if (auto sim = dyn_cast<SimQuantizeOp>(op)) {
      auto name = sim->getAttrOfType<StringAttr>(kEdgeAttrName);
      if (!name)
        return;
      EdgeChoice edge;
      edge.name = name.getValue().str();
      if (auto role = sim->getAttrOfType<StringAttr>(kRoleAttrName))
        edge.role = role.getValue().str();
      edge.bits = sim.getBits();
      edge.isSigned = sim.getIsSigned();
      edge.granularity =
          sim.getAxis() ? Granularity::PerChannel : Granularity::PerTensor;
      if (auto method = sim->getAttrOfType<StringAttr>(kMethodAttrName))
        edge.method = parseThresholdMethod(method.getValue());
      if (auto percentile = sim->getAttrOfType<FloatAttr>(kPercentileAttrName))
        if (edge.method == ThresholdMethod::Percentile)
          edge.percentile = percentile.getValueAsDouble();
      strategy.edges.push_back(std::move(edge));
      return;
    }
    auto name = op->getAttrOfType<StringAttr>(kNodeAttrName);
    auto kind = op->getAttrOfType<StringAttr>(kKindAttrName);
    if (!name || !kind)
      return;
    OpRuleAttr rule = target->lookupOp(kind.getValue());
    if (!rule)
      return;
    std::optional<int64_t> alternative = getCurrentAlternative(op, rule);
    if (!alternative)
      return;
    strategy.nodes.push_back(
        {name.getValue().str(), kind.getValue().str(), *alternative});
  });
  return strategy;
}

/// Applies one edge choice to its sim_quantize.
static LogicalResult applyEdge(SimQuantizeOp op, const EdgeChoice &choice,
                               TargetAttr target) {
  StringRef role;
  if (auto roleAttr = op->getAttrOfType<StringAttr>(kRoleAttrName))
    role = roleAttr.getValue();
  if (!choice.role.empty() && choice.role != role)
    return op.emitOpError("is edge '")
           << choice.name << "' with role '" << role
           << "', but the strategy says role '" << choice.role << "'";
  Builder b(op->getContext());
  if (choice.bits)
    op.setBits(*choice.bits);
  if (choice.isSigned)
    op.setIsSigned(*choice.isSigned);
  bool isWeight = role == kRoleWeight;
  op.setNarrowRange(isWeight && op.getIsSigned() &&
                    target.getScheme().getNarrowRangeWeights().getValue());
  if (choice.granularity == Granularity::PerChannel) {
    if (!isWeight || !matchPattern(op.getInput(), m_Constant()))
      return op.emitOpError("is edge '")
             << choice.name << "' (role '" << role
             << "'); per-channel quantization needs a constant weight edge";
    std::optional<int64_t> axis = getPerChannelAxis(op);
    if (!axis)
      return op.emitOpError("is edge '")
             << choice.name
             << "'; its op has no single output-channel axis for "
                "per-channel weights";
    op.setAxis(static_cast<uint64_t>(*axis));
  } else if (choice.granularity == Granularity::PerTensor) {
    op.removeAxisAttr();
  }
  if (choice.method) {
    op->setAttr(kMethodAttrName,
                b.getStringAttr(stringifyThresholdMethod(*choice.method)));
    if (choice.percentile)
      op->setAttr(kPercentileAttrName, b.getF64FloatAttr(*choice.percentile));
    else
      op->removeAttr(kPercentileAttrName);
  }
  return success();
}

LogicalResult hwq::applyStrategy(ModuleOp module, const Strategy &strategy,
                                 bool remarks) {
  FailureOr<TargetAttr> target = getTarget(module, "applying a strategy");
  if (failed(target))
    return failure();
  if (!strategy.target.empty() && strategy.target != target->getName())
    return module.emitError("the strategy was made for target '")
           << strategy.target << "', the module's target is '"
           << target->getName() << "'";

  bool annotated = false;
  WalkResult calibrated = module.walk([&](SimQuantizeOp op) {
    annotated = true;
    if (op.isCalibrated()) {
      op.emitOpError("is calibrated; apply a strategy before hwq-calibrate");
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (calibrated.wasInterrupted())
    return failure();

  AnnotateOptions options;
  options.remarks = remarks;
  for (const NodeChoice &node : strategy.nodes)
    options.alternatives[node.name] = node.alternative;

  // Re-annotate when an op's alternative differs from the strategy's.
  bool reannotate = !annotated;
  if (annotated) {
    llvm::StringMap<Operation *> nodes;
    module.walk([&](Operation *op) {
      if (auto name = op->getAttrOfType<StringAttr>(kNodeAttrName))
        nodes[name.getValue()] = op;
    });
    for (const NodeChoice &node : strategy.nodes) {
      Operation *op = nodes.lookup(node.name);
      if (!op)
        continue; // Reported after annotation below.
      auto kind = op->getAttrOfType<StringAttr>(kKindAttrName);
      OpRuleAttr rule = kind ? target->lookupOp(kind.getValue()) : OpRuleAttr();
      if (!rule || getCurrentAlternative(op, rule) != node.alternative)
        reannotate = true;
    }
    if (reannotate)
      removeAnnotations(module);
  }
  if (reannotate && failed(annotateModule(module, options)))
    return failure();

  // Every named node must exist, with the kind the strategy states.
  llvm::StringMap<Operation *> nodes;
  llvm::StringMap<SimQuantizeOp> edges;
  module.walk([&](Operation *op) {
    if (auto name = op->getAttrOfType<StringAttr>(kNodeAttrName))
      nodes[name.getValue()] = op;
    if (auto sim = dyn_cast<SimQuantizeOp>(op))
      if (auto name = sim->getAttrOfType<StringAttr>(kEdgeAttrName))
        edges[name.getValue()] = sim;
  });
  for (const NodeChoice &node : strategy.nodes) {
    Operation *op = nodes.lookup(node.name);
    if (!op)
      return module.emitError("the strategy names node '")
             << node.name << "', which the module does not have (it has "
             << nodes.size() << " nodes); was it made for another graph?";
    auto kind = op->getAttrOfType<StringAttr>(kKindAttrName);
    if (!node.kind.empty() && (!kind || kind.getValue() != node.kind))
      return op->emitOpError("is node '")
             << node.name << "' of kind '"
             << (kind ? kind.getValue() : StringRef("none"))
             << "', but the strategy says kind '" << node.kind << "'";
  }
  for (const EdgeChoice &choice : strategy.edges) {
    SimQuantizeOp op = edges.lookup(choice.name);
    if (!op)
      return module.emitError("the strategy names edge '")
             << choice.name << "', which the module does not have (it has "
             << edges.size()
             << " quantized edges); was it made for another graph or other "
                "alternatives?";
    if (failed(applyEdge(op, choice, *target)))
      return failure();
  }
  return success();
}
