//===- VerifyStrategy.cpp - check a quantized module against its target ---===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-verify-strategy checks the quantization decisions of a module against
// its #hwq.target (docs/Strategy.md, "Verifier rules"). It reads what the
// IR says, not a strategy file, so it checks annotated, calibrated,
// exact-simulated and realized modules alike:
//
//  * simulated graphs (ops with `hwq.config`): the chosen alternative is one
//    of the target's integer alternatives for the op's kind; every input,
//    weight and output edge's grid fits that alternative's dtype (at most its
//    bits, same signedness); per-channel weights only where the rule allows;
//    calibrated scales are powers of two and zero points 0 where the scheme
//    says so; the worst-case accumulator of each contraction fits;
//  * realized graphs (hwq.conv2d, hwq.depthwise_conv2d, hwq.fully_connected,
//    hwq.matmul): the operand types fit some integer alternative of the
//    kind, per-axis weights only where allowed, power-of-two scales and
//    symmetric weights as required, accumulator width and worst case.
//
// The worst case of an accumulator is K * max|x - z_x| * max|w - z_w| +
// max|bias| (integers on the accumulator grid), K the reduction size. It must
// fit the accumulator (the narrower of the scheme's accumulator_bits and the
// alternative's accumulator type) when the target's overflow is `saturate`:
// a saturating partial sum changes the result. With `wrap`, two's complement
// partial sums are harmless as long as the final sum fits, which hwq-exact-sim
// checks on the actual weights; `check-wrapping=true` applies the worst-case
// rule there too. Every violation is a located error; all are reported.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Passes.h"

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/OpKinds.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>

namespace hwq {
#define GEN_PASS_DEF_HWQVERIFYSTRATEGYPASS
#include "hwq/Search/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

namespace {

/// The integer grid a value lies on, and the sim_quantize that defines it.
struct GridInfo {
  unsigned bits = 0;
  bool isSigned = true;
  SimQuantizeOp sim;
};

bool isPassThroughKind(StringRef kind) {
  return llvm::is_contained(
      {"clamp", "reshape", "transpose", "max_pool2d", "pad", "concat"}, kind);
}

StringRef getRole(SimQuantizeOp op) {
  if (auto role = op->getAttrOfType<StringAttr>(kRoleAttrName))
    return role.getValue();
  return "";
}

/// A name for an edge in messages: its `hwq.edge`, else its role.
std::string describeEdge(SimQuantizeOp op) {
  if (auto name = op->getAttrOfType<StringAttr>(kEdgeAttrName))
    return ("edge '" + name.getValue() + "'").str();
  return ("the " + getRole(op) + " edge").str();
}

/// A name for a node in messages.
std::string describeNode(Operation *op, StringRef kind) {
  if (auto name = op->getAttrOfType<StringAttr>(kNodeAttrName))
    return ("node '" + name.getValue() + "' (" + kind + ")").str();
  return ("'" + kind + "' op").str();
}

/// Spelling of a grid as a target dtype (u4, s8).
std::string spellGrid(unsigned bits, bool isSigned) {
  return (isSigned ? "s" : "u") + std::to_string(bits);
}

/// The grid `value` lies on: a sim_quantize's, looking through the
/// intermediate grids of hwq-exact-sim (add inputs, snaps) and quantized
/// pass-through ops; nullopt for float values.
std::optional<GridInfo> getGridOf(Value value) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return std::nullopt;
  if (auto sim = dyn_cast<SimQuantizeOp>(def)) {
    StringRef role = getRole(sim);
    if (role == kRoleAddInput)
      return getGridOf(sim.getInput());
    if (role == kRoleSnap)
      if (std::optional<GridInfo> grid = getGridOf(sim.getInput()))
        return grid;
    return GridInfo{sim.getBits(), sim.getIsSigned(), sim};
  }
  auto kind = def->getAttrOfType<StringAttr>(kKindAttrName);
  if (kind && def->hasAttr(kConfigAttrName) &&
      isPassThroughKind(kind.getValue()) && def->getNumOperands() > 0)
    return getGridOf(def->getOperand(0));
  return std::nullopt;
}

/// The values of a constant float or integer tensor operand, as doubles.
std::optional<SmallVector<double>> getConstantValues(Value value) {
  DenseElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<double> values;
  if (isa<FloatType>(attr.getElementType())) {
    for (APFloat v : attr.getValues<APFloat>())
      values.push_back(v.convertToDouble());
  } else if (isa<IntegerType>(attr.getElementType())) {
    for (APInt v : attr.getValues<APInt>())
      values.push_back(static_cast<double>(v.getSExtValue()));
  } else {
    return std::nullopt;
  }
  return values;
}

/// Whether `value` is 2^k.
bool isPowerOfTwo(double value) {
  int exponent = 0;
  return value > 0.0 && std::frexp(value, &exponent) == 0.5;
}

/// Smallest grid width that holds [lo, hi].
unsigned getGridBits(int64_t lo, int64_t hi, bool isSigned) {
  for (unsigned bits = 1; bits < 64; ++bits) {
    int64_t min = isSigned ? -(int64_t(1) << (bits - 1)) : 0;
    int64_t max =
        isSigned ? (int64_t(1) << (bits - 1)) - 1 : (int64_t(1) << bits) - 1;
    if (lo >= min && hi <= max)
      return bits;
  }
  return 64;
}

class Verifier {
public:
  Verifier(TargetAttr target, bool checkWrapping,
           const llvm::StringMap<SimQuantizeOp> &edges)
      : target(target), scheme(target.getScheme()),
        checkWrapping(checkWrapping), edges(edges) {}

  void verifyNode(Operation *op);
  void verifyFloatNode(Operation *op);
  void verifyCalibration(SimQuantizeOp op);
  void verifyRealizedScales(Operation *op);
  void verifyRealizedContraction(Operation *op, StringRef kind, Value input,
                                 Value weight, Value bias,
                                 int64_t reductionSize);

  unsigned errors = 0;

private:
  /// Checks that `grid` fits `dtype`; `what` names the position.
  void checkFits(Operation *node, StringRef nodeName, GridInfo grid, Type dtype,
                 StringRef what, int64_t alternative);
  /// Largest |q - z| of an operand grid (calibrated zero points when known,
  /// else the worst the scheme allows).
  int64_t getMaxCentered(SimQuantizeOp sim, bool symmetric);
  /// The accumulator bound check shared by both graph forms.
  void checkAccumulator(Operation *op, StringRef nodeName,
                        int64_t reductionSize, int64_t maxInput,
                        int64_t maxWeight, int64_t maxBias,
                        unsigned accumulatorBits);

  InFlightDiagnostic error(Operation *op) {
    ++errors;
    return op->emitError();
  }

  TargetAttr target;
  SchemeAttr scheme;
  bool checkWrapping;
  /// Named edges of the module (`hwq.edge`).
  const llvm::StringMap<SimQuantizeOp> &edges;
};

} // namespace

void Verifier::checkFits(Operation *node, StringRef nodeName, GridInfo grid,
                         Type dtype, StringRef what, int64_t alternative) {
  auto intType = dyn_cast<IntegerType>(dtype);
  if (!intType) {
    error(grid.sim ? grid.sim.getOperation() : node)
        << nodeName << ": " << what << " is on a "
        << spellGrid(grid.bits, grid.isSigned) << " grid, but alternative "
        << alternative << " takes " << dtype;
    return;
  }
  if (grid.bits <= intType.getWidth() && grid.isSigned == intType.isSigned())
    return;
  InFlightDiagnostic diag = error(grid.sim ? grid.sim.getOperation() : node);
  diag << nodeName << ": " << what;
  if (grid.sim)
    diag << " (" << describeEdge(grid.sim) << ")";
  diag << " has " << grid.bits << " bits "
       << (grid.isSigned ? "signed" : "unsigned") << " ("
       << spellGrid(grid.bits, grid.isSigned) << "), but alternative "
       << alternative << " of target '" << target.getName() << "' takes "
       << spellGrid(intType.getWidth(), intType.isSigned())
       << (grid.bits > intType.getWidth() ? " (too many bits)"
                                          : " (other signedness)");
}

int64_t Verifier::getMaxCentered(SimQuantizeOp sim, bool symmetric) {
  int64_t qmin = sim.getQMin(), qmax = sim.getQMax();
  if (sim.isCalibrated())
    if (std::optional<SmallVector<double>> zeroPoints =
            getConstantValues(sim.getZeroPoint())) {
      int64_t worst = 0;
      for (double z : *zeroPoints) {
        int64_t zp = static_cast<int64_t>(z);
        worst = std::max({worst, qmax - zp, zp - qmin});
      }
      return worst;
    }
  if (symmetric)
    return std::max(-qmin, qmax);
  return qmax - qmin;
}

void Verifier::checkAccumulator(Operation *op, StringRef nodeName,
                                int64_t reductionSize, int64_t maxInput,
                                int64_t maxWeight, int64_t maxBias,
                                unsigned accumulatorBits) {
  bool saturates = scheme.getOverflow().getValue() == OverflowMode::Saturate;
  if (!saturates && !checkWrapping)
    return;
  // In double: the product may exceed int64 for absurd inputs.
  double worst = static_cast<double>(reductionSize) *
                     static_cast<double>(maxInput) *
                     static_cast<double>(maxWeight) +
                 static_cast<double>(maxBias);
  double limit = std::ldexp(1.0, static_cast<int>(accumulatorBits) - 1) - 1.0;
  if (worst <= limit)
    return;
  InFlightDiagnostic diag = error(op);
  diag << nodeName << ": worst-case accumulator " << reductionSize << " * "
       << maxInput << " * " << maxWeight;
  if (maxBias)
    diag << " + " << maxBias;
  diag << " = " << static_cast<int64_t>(worst) << " exceeds the "
       << accumulatorBits << "-bit " << (saturates ? "saturating" : "wrapping")
       << " accumulator (" << static_cast<int64_t>(limit) << ") of target '"
       << target.getName() << "'; use fewer bits or a smaller reduction";
}

void Verifier::verifyNode(Operation *op) {
  auto kindAttr = op->getAttrOfType<StringAttr>(kKindAttrName);
  auto config = op->getAttrOfType<DTypeConfigAttr>(kConfigAttrName);
  if (!kindAttr || !config)
    return;
  StringRef kind = kindAttr.getValue();
  std::string nodeName = describeNode(op, kind);
  OpRuleAttr rule = target.lookupOp(kind);
  if (!rule) {
    error(op) << nodeName << " is quantized, but target '" << target.getName()
              << "' has no rule for '" << kind << "'";
    return;
  }
  auto alternative = op->getAttrOfType<IntegerAttr>(kAlternativeAttrName);
  int64_t index = alternative ? alternative.getInt() : -1;
  if (index < 0 ||
      index >= static_cast<int64_t>(rule.getAlternatives().size()) ||
      rule.getAlternatives()[index] != config) {
    error(op) << nodeName << ": its hwq.config is not alternative " << index
              << " of target '" << target.getName() << "' for '" << kind << "'";
    return;
  }
  if (!config.isInteger()) {
    error(op) << nodeName << " is quantized with a float alternative (" << index
              << ")";
    return;
  }
  // Softmax is a group: its inputs belong to other members.
  bool hasWeights = opKindHasWeights(kind);
  SmallVector<unsigned> activations;
  if (kind == "add" || kind == "mul")
    activations = {0, 1};
  else if (kind == "concat")
    for (unsigned i = 0; i < op->getNumOperands(); ++i)
      activations.push_back(i);
  else if (kind != "softmax")
    activations = {0};
  for (unsigned i : activations) {
    std::optional<GridInfo> grid = getGridOf(op->getOperand(i));
    if (!grid) {
      error(op) << nodeName << ": input #" << i
                << " is not on an integer grid, but the op is quantized";
      continue;
    }
    checkFits(op, nodeName, *grid, config.getInput(),
              ("input #" + Twine(i)).str(), index);
  }
  std::optional<GridInfo> weightGrid;
  if (hasWeights) {
    weightGrid = getGridOf(op->getOperand(1));
    if (!weightGrid) {
      error(op) << nodeName << ": the weight is not on an integer grid";
    } else {
      checkFits(op, nodeName, *weightGrid, config.getWeight(), "the weight",
                index);
      if (weightGrid->sim && weightGrid->sim.getAxis() &&
          !rule.getPerChannel().getValue())
        error(weightGrid->sim)
            << nodeName << ": " << describeEdge(weightGrid->sim)
            << " is per channel (axis " << *weightGrid->sim.getAxis()
            << "), but target '" << target.getName()
            << "' allows only per-tensor weights for '" << kind << "'";
    }
  }
  if (!isPassThroughKind(kind)) {
    // By name (hwq-exact-sim puts ops between an average pool and its
    // output edge), else the direct user.
    SimQuantizeOp output;
    if (auto name = op->getAttrOfType<StringAttr>(kNodeAttrName))
      output = edges.lookup((name.getValue() + ".output").str());
    for (Operation *user : op->getResult(0).getUsers())
      if (auto sim = dyn_cast<SimQuantizeOp>(user))
        if (!output && getRole(sim) == kRoleOutput)
          output = sim;
    if (!output)
      error(op) << nodeName << " has no output edge";
    else
      checkFits(op, nodeName,
                GridInfo{output.getBits(), output.getIsSigned(), output},
                config.getOutput(), "the output", index);
  }

  // Accumulator of contractions.
  if (!hasWeights)
    return;
  std::optional<GridInfo> inputGrid = getGridOf(op->getOperand(0));
  if (!inputGrid || !weightGrid || !inputGrid->sim || !weightGrid->sim)
    return;
  auto weightType = dyn_cast<RankedTensorType>(op->getOperand(1).getType());
  if (!weightType || weightType.getRank() < 3)
    return;
  ArrayRef<int64_t> shape = weightType.getShape();
  int64_t reduction = kind == "conv2d" ? shape[1] * shape[2] * shape[3]
                      : kind == "depthwise_conv2d" ? shape[0] * shape[1]
                                                   : shape[shape.size() - 2];
  int64_t maxInput = getMaxCentered(
      inputGrid->sim, scheme.getSymmetricActivations().getValue());
  int64_t maxWeight =
      getMaxCentered(weightGrid->sim, scheme.getSymmetricWeights().getValue());
  // The bias on the accumulator grid, when scales are known.
  int64_t maxBias = 0;
  if (kind != "matmul" && op->getNumOperands() > 2 &&
      inputGrid->sim.isCalibrated() && weightGrid->sim.isCalibrated()) {
    std::optional<SmallVector<double>> bias =
        getConstantValues(op->getOperand(2));
    std::optional<SmallVector<double>> sIn =
        getConstantValues(inputGrid->sim.getScale());
    std::optional<SmallVector<double>> sW =
        getConstantValues(weightGrid->sim.getScale());
    if (bias && sIn && sW && !sIn->empty() && !sW->empty())
      for (auto [o, b] : llvm::enumerate(*bias)) {
        double scale = productScale(
            (*sIn)[0], (*sW)[sW->size() == 1 ? 0 : o % sW->size()]);
        maxBias = std::max(
            maxBias, static_cast<int64_t>(std::llround(std::fabs(b) / scale)));
      }
  }
  unsigned accumulatorBits = static_cast<unsigned>(scheme.getAccumulatorBits());
  if (auto acc = dyn_cast<IntegerType>(config.getAccumulator()))
    accumulatorBits = std::min(accumulatorBits, acc.getWidth());
  checkAccumulator(op, nodeName, reduction, maxInput, maxWeight, maxBias,
                   accumulatorBits);
}

void Verifier::verifyFloatNode(Operation *op) {
  auto kind = op->getAttrOfType<StringAttr>(kKindAttrName);
  if (!kind || !op->hasAttr(kNodeAttrName))
    return;
  OpRuleAttr rule = target.lookupOp(kind.getValue());
  if (!rule || llvm::any_of(rule.getConfigs(), [](DTypeConfigAttr config) {
        return !config.isInteger();
      }))
    return;
  error(op) << describeNode(op, kind.getValue()) << " stays float, but target '"
            << target.getName() << "' has only integer alternatives for '"
            << kind.getValue() << "'";
}

void Verifier::verifyCalibration(SimQuantizeOp op) {
  StringRef role = getRole(op);
  if (!op.isCalibrated() ||
      !(role == kRoleActivation || role == kRoleWeight || role == kRoleOutput))
    return;
  if (scheme.getPowerOfTwoScales().getValue())
    if (std::optional<SmallVector<double>> scales =
            getConstantValues(op.getScale()))
      for (auto [c, scale] : llvm::enumerate(*scales))
        if (!isPowerOfTwo(scale)) {
          error(op) << describeEdge(op) << " has scale " << scale
                    << (scales->size() > 1 ? (" in channel " + Twine(c)).str()
                                           : std::string())
                    << ", not a power of two; target '" << target.getName()
                    << "' requires power-of-two scales";
          break;
        }
  bool symmetric = role == kRoleWeight
                       ? scheme.getSymmetricWeights().getValue()
                       : scheme.getSymmetricActivations().getValue();
  if (symmetric)
    if (std::optional<SmallVector<double>> zeroPoints =
            getConstantValues(op.getZeroPoint()))
      for (double z : *zeroPoints)
        if (z != 0.0) {
          error(op) << describeEdge(op) << " has zero point "
                    << static_cast<int64_t>(z) << "; target '"
                    << target.getName() << "' requires symmetric "
                    << (role == kRoleWeight ? "weights" : "activations")
                    << " (zero point 0)";
          break;
        }
}

void Verifier::verifyRealizedScales(Operation *op) {
  if (!scheme.getPowerOfTwoScales().getValue())
    return;
  auto check = [&](Type type, StringRef what) {
    FailureOr<QuantParams> params = getQuantParams(type);
    if (failed(params))
      return true;
    for (double scale : params->scales)
      if (!isPowerOfTwo(scale)) {
        error(op) << what << " type " << type << " has scale " << scale
                  << ", not a power of two; target '" << target.getName()
                  << "' requires power-of-two scales";
        return false;
      }
    return true;
  };
  for (Type type : op->getOperandTypes())
    if (!check(type, "operand"))
      return;
  for (Type type : op->getResultTypes())
    if (!check(type, "result"))
      return;
}

void Verifier::verifyRealizedContraction(Operation *op, StringRef kind,
                                         Value input, Value weight, Value bias,
                                         int64_t reductionSize) {
  FailureOr<QuantParams> in = getQuantParams(input.getType());
  FailureOr<QuantParams> w = getQuantParams(weight.getType());
  FailureOr<QuantParams> out = getQuantParams(op->getResult(0).getType());
  if (failed(in) || failed(w) || failed(out))
    return;
  std::string nodeName = ("'" + op->getName().getStringRef() + "'").str();
  OpRuleAttr rule = target.lookupOp(kind);
  if (!rule) {
    error(op) << nodeName << " is integer, but target '" << target.getName()
              << "' has no rule for '" << kind << "'";
    return;
  }
  unsigned inBits = getGridBits(in->storageMin, in->storageMax, in->isSigned);
  unsigned wBits = getGridBits(w->storageMin, w->storageMax, w->isSigned);
  auto fits = [](Type dtype, unsigned bits, bool isSigned) {
    auto intType = dyn_cast_or_null<IntegerType>(dtype);
    return intType && bits <= intType.getWidth() &&
           intType.isSigned() == isSigned;
  };
  std::optional<unsigned> accumulatorBits;
  for (DTypeConfigAttr config : rule.getConfigs())
    if (config.isInteger() && fits(config.getInput(), inBits, in->isSigned) &&
        fits(config.getWeight(), wBits, w->isSigned)) {
      accumulatorBits = static_cast<unsigned>(scheme.getAccumulatorBits());
      if (auto acc = dyn_cast<IntegerType>(config.getAccumulator()))
        accumulatorBits = std::min(*accumulatorBits, acc.getWidth());
      break;
    }
  if (!accumulatorBits) {
    error(op) << nodeName << " multiplies " << spellGrid(inBits, in->isSigned)
              << " by " << spellGrid(wBits, w->isSigned)
              << ", which no integer alternative of '" << kind
              << "' on target '" << target.getName() << "' allows";
    return;
  }
  if (w->isPerAxis() && !rule.getPerChannel().getValue())
    error(op) << nodeName << " has per-axis weights, but target '"
              << target.getName() << "' allows only per-tensor weights for '"
              << kind << "'";
  if (scheme.getSymmetricWeights().getValue() &&
      llvm::any_of(w->zeroPoints, [](int64_t z) { return z != 0; }))
    error(op) << nodeName << " has weight zero points other than 0; target '"
              << target.getName() << "' requires symmetric weights";
  if (out->storageWidth > *accumulatorBits)
    error(op) << nodeName << " accumulates in " << out->storageWidth
              << " bits; target '" << target.getName() << "' has "
              << *accumulatorBits << "-bit accumulators";
  int64_t maxBias = 0;
  if (std::optional<SmallVector<double>> values = getConstantValues(bias))
    for (double b : *values)
      maxBias = std::max(maxBias, static_cast<int64_t>(std::fabs(b)));
  checkAccumulator(op, nodeName, reductionSize, in->getMaxCenteredMagnitude(),
                   w->getMaxCenteredMagnitude(), maxBias, *accumulatorBits);
}

namespace {
struct VerifyStrategyPass
    : public hwq::impl::HwqVerifyStrategyPassBase<VerifyStrategyPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto target = TargetAttr::lookup(module);
    if (!target) {
      module.emitError("hwq-verify-strategy needs a #hwq.target on the module "
                       "(use --hwq-target=FILE or write it inline)");
      return signalPassFailure();
    }
    llvm::StringMap<SimQuantizeOp> edges;
    module.walk([&](SimQuantizeOp sim) {
      if (auto name = sim->getAttrOfType<StringAttr>(kEdgeAttrName))
        edges[name.getValue()] = sim;
    });
    Verifier verifier(target, checkWrapping, edges);
    module.walk([&](Operation *op) {
      if (auto sim = dyn_cast<SimQuantizeOp>(op)) {
        verifier.verifyCalibration(sim);
        return;
      }
      if (op->hasAttr(kConfigAttrName)) {
        verifier.verifyNode(op);
        return;
      }
      verifier.verifyFloatNode(op);
      if (op->getDialect() &&
          op->getDialect()->getNamespace() == HwqDialect::getDialectNamespace())
        verifier.verifyRealizedScales(op);
      auto shapeOf = [](Value v) {
        return cast<RankedTensorType>(v.getType()).getShape();
      };
      if (auto conv = dyn_cast<Conv2DOp>(op)) {
        ArrayRef<int64_t> w = shapeOf(conv.getWeight());
        verifier.verifyRealizedContraction(op, "conv2d", conv.getInput(),
                                           conv.getWeight(), conv.getBias(),
                                           w[1] * w[2] * w[3]);
      } else if (auto dw = dyn_cast<DepthwiseConv2DOp>(op)) {
        ArrayRef<int64_t> w = shapeOf(dw.getWeight());
        verifier.verifyRealizedContraction(op, "depthwise_conv2d",
                                           dw.getInput(), dw.getWeight(),
                                           dw.getBias(), w[0] * w[1]);
      } else if (auto fc = dyn_cast<FullyConnectedOp>(op)) {
        ArrayRef<int64_t> w = shapeOf(fc.getWeight());
        verifier.verifyRealizedContraction(op, "matmul", fc.getInput(),
                                           fc.getWeight(), fc.getBias(), w[1]);
      } else if (auto mm = dyn_cast<MatMulOp>(op)) {
        ArrayRef<int64_t> a = shapeOf(mm.getA());
        verifier.verifyRealizedContraction(op, "matmul", mm.getA(), mm.getB(),
                                           Value(), a.back());
      }
    });
    if (verifier.errors)
      return signalPassFailure();
    markAllAnalysesPreserved();
  }
};
} // namespace
