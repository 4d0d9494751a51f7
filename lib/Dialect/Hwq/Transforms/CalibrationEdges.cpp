//===- CalibrationEdges.cpp - the edges hwq-calibrate fills in ------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Finds the sim_quantize ops of an annotated function, names them for the
// statistics file, records fused clamps, and groups the edges whose scales
// the target wants shared (add_scales / concat_scales = shared). An input of
// an add or concat that is not a sim_quantize result takes its grid from the
// sim_quantize upstream of the pass-through ops (clamp, reshape, transpose,
// max_pool2d, pad, concat) that hwq-annotate lets through.
//
//===----------------------------------------------------------------------===//

#include "CalibrateImpl.h"

#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::calibrate;

/// Kinds whose quantized op passes its input grid through (docs/Passes.md).
static bool isPassThroughKind(StringRef kind) {
  return llvm::is_contained(
      {"clamp", "reshape", "transpose", "max_pool2d", "pad", "concat"}, kind);
}

/// True when annotate quantized `op` (it carries the chosen alternative).
static bool isQuantizedOp(Operation *op) {
  return op && op->hasAttr(kConfigAttrName);
}

/// The bounds of a float tosa.clamp, if it is one.
static std::optional<std::pair<double, double>> getClampBounds(Operation *op) {
  auto clamp = dyn_cast<tosa::ClampOp>(op);
  if (!clamp)
    return std::nullopt;
  auto lo = dyn_cast<FloatAttr>(clamp.getMinValAttr());
  auto hi = dyn_cast<FloatAttr>(clamp.getMaxValAttr());
  if (!lo || !hi)
    return std::nullopt;
  return std::make_pair(lo.getValueAsDouble(), hi.getValueAsDouble());
}

/// The sim_quantize ops whose grid `value` lies on: the op itself, or the
/// sources of a quantized pass-through op's data operands.
static void collectGridSources(Value value,
                               const DenseMap<Operation *, unsigned> &edgeOf,
                               SmallVectorImpl<unsigned> &sources) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return;
  auto it = edgeOf.find(def);
  if (it != edgeOf.end()) {
    sources.push_back(it->second);
    return;
  }
  auto kind = def->getAttrOfType<StringAttr>(kKindAttrName);
  if (!kind || !isQuantizedOp(def) || !isPassThroughKind(kind.getValue()))
    return;
  if (isa<tosa::ConcatOp>(def)) {
    for (Value operand : def->getOperands())
      collectGridSources(operand, edgeOf, sources);
    return;
  }
  collectGridSources(def->getOperand(0), edgeOf, sources);
}

FailureOr<EdgeSet> calibrate::collectEdges(func::FuncOp func, TargetAttr target,
                                           bool foldClamps) {
  EdgeSet set;
  DenseMap<Operation *, unsigned> edgeOf;
  unsigned position = 0;
  WalkResult walk = func.walk([&](SimQuantizeOp op) {
    unsigned index = position++;
    auto role = op->getAttrOfType<StringAttr>(kRoleAttrName);
    if (!role) {
      op.emitOpError("has no '")
          << kRoleAttrName
          << "' attribute; hwq-calibrate fills in the edges hwq-annotate "
             "inserted";
      return WalkResult::interrupt();
    }
    if (op.isCalibrated()) {
      op.emitOpError("is already calibrated; hwq-calibrate runs once, on the "
                     "output of hwq-annotate");
      return WalkResult::interrupt();
    }
    if (role.getValue() == kRoleWeight) {
      set.weights.push_back(op);
      return WalkResult::advance();
    }
    if (role.getValue() != kRoleActivation && role.getValue() != kRoleOutput) {
      op.emitOpError("has unknown role '")
          << role.getValue() << "' (expected '" << kRoleActivation << "', '"
          << kRoleWeight << "' or '" << kRoleOutput << "')";
      return WalkResult::interrupt();
    }
    Edge edge;
    edge.op = op;
    edge.name = "sq" + std::to_string(index) + "." + role.getValue().str();
    if (foldClamps && !op->use_empty()) {
      std::optional<std::pair<double, double>> bounds;
      bool onlyClamps = true;
      for (Operation *user : op->getUsers()) {
        std::optional<std::pair<double, double>> userBounds =
            getClampBounds(user);
        if (!userBounds || (bounds && *bounds != *userBounds)) {
          onlyClamps = false;
          break;
        }
        bounds = userBounds;
      }
      if (onlyClamps && bounds && bounds->first <= bounds->second)
        edge.clamp = bounds;
    }
    edge.group = set.edges.size();
    edgeOf[op] = set.edges.size();
    set.edges.push_back(std::move(edge));
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  if (set.edges.empty() && set.weights.empty())
    return func.emitError("function @")
           << func.getSymName()
           << " has no hwq.sim_quantize; run hwq-annotate before "
              "hwq-calibrate";

  // Scale sharing.
  SchemeAttr scheme = target.getScheme();
  bool shareAdd = scheme.getAddScales().getValue() == ScaleSharing::Shared;
  bool shareConcat =
      scheme.getConcatScales().getValue() == ScaleSharing::Shared;
  llvm::EquivalenceClasses<unsigned> classes;
  for (unsigned i = 0; i < set.edges.size(); ++i)
    classes.insert(i);
  func.walk([&](Operation *op) {
    if (!isQuantizedOp(op))
      return;
    auto kind = op->getAttrOfType<StringAttr>(kKindAttrName);
    bool isAdd = kind && kind.getValue() == "add" && isa<tosa::AddOp>(op);
    bool isConcat =
        kind && kind.getValue() == "concat" && isa<tosa::ConcatOp>(op);
    if (!((isAdd && shareAdd) || (isConcat && shareConcat)))
      return;
    SmallVector<unsigned> members;
    for (Value operand : op->getOperands())
      collectGridSources(operand, edgeOf, members);
    // The add's output edge (annotate rewires every user to it).
    if (isAdd)
      for (Operation *user : op->getResult(0).getUsers())
        if (auto it = edgeOf.find(user); it != edgeOf.end())
          members.push_back(it->second);
    for (unsigned member : llvm::drop_begin(members))
      classes.unionSets(members.front(), member);
  });
  // Name each group by its first edge in program order.
  DenseMap<unsigned, unsigned> firstOfLeader;
  for (unsigned i = 0; i < set.edges.size(); ++i) {
    unsigned first =
        firstOfLeader.try_emplace(classes.getLeaderValue(i), i).first->second;
    set.edges[i].group = first;
  }
  return set;
}
