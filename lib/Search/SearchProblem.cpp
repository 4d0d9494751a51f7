//===- SearchProblem.cpp - edges, candidates, cost model, metrics ---------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The search space of an annotated function (Search.h), the quantization
// parameters of a candidate (the same formulas as hwq-calibrate: selectRange,
// scale-sharing unions, computeQuantParams), the roofline cost estimate from
// the target's cost model, and the objectives.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Search.h"

#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace hwq;
using namespace hwq::search;

std::optional<Objective> search::parseObjective(StringRef name) {
  return llvm::StringSwitch<std::optional<Objective>>(name)
      .Case("accuracy", Objective::Accuracy)
      .Case("agreement", Objective::Agreement)
      .Case("kl", Objective::KL)
      .Case("mse", Objective::MSE)
      .Case("classification", Objective::Classification)
      .Default(std::nullopt);
}

StringRef search::stringifyObjective(Objective objective) {
  switch (objective) {
  case Objective::Accuracy:
    return "accuracy";
  case Objective::Agreement:
    return "agreement";
  case Objective::KL:
    return "kl";
  case Objective::MSE:
    return "mse";
  case Objective::Classification:
    return "classification";
  }
  return "";
}

//===----------------------------------------------------------------------===//
// Building the problem
//===----------------------------------------------------------------------===//

/// The integer width of `type`, or 0 when it is not an integer.
static unsigned getIntWidth(Type type) {
  auto integer = dyn_cast_or_null<IntegerType>(type);
  return integer ? integer.getWidth() : 0;
}

static int64_t getElements(Value value) {
  auto type = dyn_cast<ShapedType>(value.getType());
  return type && type.hasStaticShape() ? type.getNumElements() : 0;
}

FailureOr<std::unique_ptr<SearchProblem>> SearchProblem::build(
    func::FuncOp func, TargetAttr target, const StatisticsTable &stats,
    const llvm::StringMap<unsigned> &groups, const SpaceOptions &options) {
  std::unique_ptr<SearchProblem> problem(new SearchProblem());
  problem->target = target;
  problem->options = options;
  DenseMap<Operation *, unsigned> edgeIndex;
  unsigned position = 0;
  WalkResult walk = func.walk([&](SimQuantizeOp op) {
    SearchEdge edge;
    edge.op = op;
    auto role = op->getAttrOfType<StringAttr>(kRoleAttrName);
    edge.role = role ? role.getValue().str() : "";
    edge.name = llvm::formatv("sq{0}.{1}", position++, edge.role).str();
    auto stable = op->getAttrOfType<StringAttr>(kEdgeAttrName);
    edge.displayName = stable ? stable.getValue().str() : edge.name;
    if (edge.role != kRoleActivation && edge.role != kRoleOutput &&
        edge.role != kRoleWeight) {
      op.emitOpError("hwq-search: searches annotated graphs; this edge has "
                     "role '")
          << edge.role << "' (run hwq-search before hwq-exact-sim)";
      return WalkResult::interrupt();
    }
    edge.isWeight = edge.role == kRoleWeight;
    edge.slotBits = op.getBits();
    edge.isSigned = op.getIsSigned();
    edge.narrowRange = op.getNarrowRange();
    edge.canPerChannel = op.getAxis().has_value();
    edge.numElements = getElements(op.getInput());
    unsigned index = problem->edges.size();
    if (edge.isWeight) {
      DenseElementsAttr attr;
      if (!matchPattern(op.getInput(), m_Constant(&attr))) {
        op.emitOpError("hwq-search: weight edge without a constant input");
        return WalkResult::interrupt();
      }
      std::vector<float> values;
      for (APFloat value : attr.getValues<APFloat>()) {
        bool losesInfo = false;
        value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                      &losesInfo);
        values.push_back(value.convertToFloat());
      }
      problem->weightValues[index] = std::move(values);
    } else {
      const EdgeStatistics *entry = stats.lookup(edge.name);
      if (!entry) {
        op.emitOpError("hwq-search: no statistics for edge '")
            << edge.name << "'";
        return WalkResult::interrupt();
      }
      edge.stats = &entry->tensor;
      auto it = groups.find(edge.name);
      edge.group = it == groups.end() ? index : it->second;
    }
    edgeIndex[op] = index;
    problem->edges.push_back(std::move(edge));
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();

  // Units: one per weight edge, one per scale-sharing group of activations.
  std::map<unsigned, unsigned> groupUnit;
  for (auto [i, edge] : llvm::enumerate(problem->edges)) {
    if (edge.isWeight ? !options.searchWeights : !options.searchActivations)
      continue;
    unsigned unit;
    if (!edge.isWeight) {
      auto [it, inserted] =
          groupUnit.try_emplace(edge.group, problem->units.size());
      if (inserted)
        problem->units.emplace_back();
      unit = it->second;
    } else {
      unit = problem->units.size();
      problem->units.emplace_back();
    }
    SearchUnit &u = problem->units[unit];
    u.edges.push_back(i);
    u.isWeight = edge.isWeight;
    u.numElements += edge.numElements;
    u.name += (u.name.empty() ? "" : "+") + edge.displayName;
  }

  // Cost model: every op annotated with a dtype configuration.
  func.walk([&](Operation *op) {
    auto config = op->getAttrOfType<DTypeConfigAttr>(kConfigAttrName);
    auto kind = op->getAttrOfType<StringAttr>(kKindAttrName);
    if (!config || !kind || op->getNumResults() != 1)
      return;
    CostOp cost;
    cost.op = op;
    cost.kind = kind.getValue().str();
    cost.config = config;
    Value result = op->getResult(0);
    cost.outputElements = getElements(result);
    // The sim_quantize whose grid a value lies on, looking through the
    // pass-through ops (clamp, reshape, transpose, max_pool2d, pad) that
    // carry their input's grid.
    auto edgeOf = [&](Value value) -> int {
      while (Operation *def = value.getDefiningOp()) {
        if (auto sim = dyn_cast<SimQuantizeOp>(def))
          return static_cast<int>(edgeIndex.lookup(sim));
        auto defKind = def->getAttrOfType<StringAttr>(kKindAttrName);
        if (!defKind || def->getNumOperands() == 0 ||
            !llvm::is_contained({"clamp", "reshape", "transpose",
                                 "max_pool2d", "pad"},
                                defKind.getValue()))
          return -1;
        value = def->getOperand(0);
      }
      return -1;
    };
    if (op->getNumOperands() > 0) {
      cost.inputEdge = edgeOf(op->getOperand(0));
      cost.inputElements = getElements(op->getOperand(0));
    }
    for (Operation *user : result.getUsers())
      if (auto sim = dyn_cast<SimQuantizeOp>(user))
        if (auto role = sim->getAttrOfType<StringAttr>(kRoleAttrName);
            role && role.getValue() == kRoleOutput)
          cost.outputEdge = static_cast<int>(edgeIndex.lookup(sim));
    cost.macs = cost.outputElements;
    if (cost.kind == "conv2d" || cost.kind == "depthwise_conv2d" ||
        cost.kind == "matmul") {
      Value weight = op->getOperand(1);
      cost.weightEdge = edgeOf(weight);
      cost.weightElements = getElements(weight);
      auto weightType = dyn_cast<ShapedType>(weight.getType());
      auto inputType = dyn_cast<ShapedType>(op->getOperand(0).getType());
      if (weightType && inputType && weightType.hasStaticShape() &&
          inputType.hasStaticShape()) {
        ArrayRef<int64_t> w = weightType.getShape();
        if (cost.kind == "conv2d" && w.size() == 4)
          cost.reduction = w[1] * w[2] * w[3]; // OHWI
        else if (cost.kind == "depthwise_conv2d" && w.size() == 4)
          cost.reduction = w[0] * w[1]; // KH KW C M
        else if (cost.kind == "matmul" && inputType.getRank() == 3)
          cost.reduction = inputType.getDimSize(2);
        cost.macs = cost.outputElements * std::max<int64_t>(1, cost.reduction);
      }
    }
    problem->costOps.push_back(cost);
  });
  return problem;
}

Assignment SearchProblem::getBaseline() const {
  Assignment assignment;
  for (const SearchEdge &edge : edges) {
    EdgeChoice choice;
    choice.bits = edge.slotBits;
    choice.perChannel = edge.canPerChannel;
    choice.method =
        edge.isWeight ? options.weightMethod : options.activationMethod;
    assignment.push_back(choice);
  }
  // Container widths can break the target's accumulator (e.g. 8-bit slots
  // with 16-bit accumulators): lower the wider operand of the first
  // violating contraction one bit at a time (whole sharing groups), down to
  // min-bits, until the baseline is feasible.
  unsigned floor = std::max(2u, options.minBits);
  for (unsigned step = 0; step < 64 * edges.size() && !isFeasible(assignment);
       ++step) {
    bool lowered = false;
    for (const CostOp &op : costOps) {
      if (!op.reduction || op.inputEdge < 0 || op.weightEdge < 0)
        continue;
      unsigned accBits = getAccumulatorBits(op, assignment);
      if (!accBits || fitsAccumulator(op, assignment, accBits))
        continue;
      int in = op.inputEdge, w = op.weightEdge;
      int wider = assignment[in].bits >= assignment[w].bits ? in : w;
      int other = wider == in ? w : in;
      for (int e : {wider, other}) {
        if (assignment[e].bits <= floor)
          continue;
        unsigned bits = assignment[e].bits - 1;
        for (auto [i, edge] : llvm::enumerate(edges))
          if (static_cast<int>(i) == e ||
              (!edge.isWeight && !edges[e].isWeight &&
               edge.group == edges[e].group))
            assignment[i].bits = std::min(assignment[i].bits, bits);
        lowered = true;
        break;
      }
      break;
    }
    if (!lowered)
      break;
  }
  return assignment;
}

std::vector<unsigned> SearchProblem::getAllowedBits(unsigned unit) const {
  unsigned high = 32;
  for (unsigned e : units[unit].edges)
    high = std::min(high, edges[e].slotBits);
  unsigned low = std::max(2u, options.minBits);
  std::vector<unsigned> bits;
  // Prune: a width is kept when it is feasible with every other edge at its
  // lowest bits (the accumulator check can only get harder with more bits).
  Assignment lowest = getBaseline();
  for (auto [i, choice] : llvm::enumerate(lowest))
    choice.bits = std::min(edges[i].slotBits, std::max(2u, options.minBits));
  for (unsigned b = low; b <= high; ++b) {
    Assignment probe = lowest;
    for (unsigned e : units[unit].edges)
      probe[e].bits = b;
    if (isFeasible(probe))
      bits.push_back(b);
  }
  return bits;
}

std::vector<EdgeChoice>
SearchProblem::getChoices(unsigned unit, const Assignment &base) const {
  std::vector<EdgeChoice> choices;
  const SearchEdge &first = edges[units[unit].edges.front()];
  EdgeChoice current = base[units[unit].edges.front()];
  std::vector<bool> granularities{current.perChannel};
  if (options.searchGranularity && first.canPerChannel)
    granularities = {true, false};
  std::vector<ThresholdMethod> methods{current.method};
  if (!options.methods.empty())
    methods = options.methods;
  for (unsigned b : getAllowedBits(unit))
    for (bool perChannel : granularities)
      for (ThresholdMethod method : methods)
        choices.push_back({b, perChannel, method});
  return choices;
}

void SearchProblem::setUnit(Assignment &assignment, unsigned unit,
                            const EdgeChoice &choice) const {
  for (unsigned e : units[unit].edges) {
    assignment[e].bits = choice.bits;
    assignment[e].method = choice.method;
    assignment[e].perChannel = edges[e].canPerChannel && choice.perChannel;
  }
}

/// The largest magnitude of (q - z) on a grid of `bits` (unsigned grids
/// reach 2^bits - 1 with zero point 0).
static double gridMagnitude(unsigned bits, bool isSigned) {
  return isSigned ? std::ldexp(1.0, bits - 1) : std::ldexp(1.0, bits) - 1;
}

bool SearchProblem::fitsAccumulator(const CostOp &op,
                                    const Assignment &assignment,
                                    unsigned accBits) const {
  const SearchEdge &in = edges[op.inputEdge];
  const SearchEdge &w = edges[op.weightEdge];
  double worst = static_cast<double>(op.reduction) *
                 gridMagnitude(assignment[op.inputEdge].bits, in.isSigned) *
                 gridMagnitude(assignment[op.weightEdge].bits, w.isSigned);
  return worst <= std::ldexp(1.0, accBits - 1) - 1;
}

unsigned SearchProblem::getAccumulatorBits(const CostOp &op,
                                           const Assignment &assignment) const {
  unsigned bits = getIntWidth(selectAlternative(op, assignment)
                                  .second.getAccumulator());
  int64_t scheme = target.getScheme().getAccumulatorBits();
  if (scheme > 0 && (!bits || static_cast<unsigned>(scheme) < bits))
    bits = static_cast<unsigned>(scheme);
  return bits >= 64 ? 0 : bits;
}

bool SearchProblem::isFeasible(const Assignment &assignment) const {
  for (const CostOp &op : costOps) {
    if (!op.reduction || op.inputEdge < 0 || op.weightEdge < 0)
      continue;
    unsigned accBits = getAccumulatorBits(op, assignment);
    if (accBits && !fitsAccumulator(op, assignment, accBits))
      return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Candidates
//===----------------------------------------------------------------------===//

llvm::Expected<std::vector<EdgeQuantParams>>
SearchProblem::getWeightParams(unsigned index, const EdgeChoice &choice) {
  auto key = std::make_tuple(index, choice);
  auto it = weightCache.find(key);
  if (it != weightCache.end())
    return it->second;
  const SearchEdge &edge = edges[index];
  SchemeAttr scheme = target.getScheme();
  QuantSpec spec;
  spec.grid.bits = choice.bits;
  spec.grid.isSigned = edge.isSigned;
  spec.grid.narrowRange = edge.narrowRange;
  spec.symmetric = scheme.getSymmetricWeights().getValue();
  spec.powerOfTwo = scheme.getPowerOfTwoScales().getValue();
  ThresholdOptions thresholds;
  thresholds.method = choice.method;
  thresholds.percentile = options.percentile;
  thresholds.symmetric = spec.symmetric;
  const std::vector<float> &values = weightValues[index];
  std::vector<EdgeQuantParams> params;
  auto add = [&](const TensorStatistics &stats) -> llvm::Error {
    llvm::Expected<Range> range = selectRange(stats, spec.grid, thresholds);
    if (!range)
      return range.takeError();
    llvm::Expected<EdgeQuantParams> p = computeQuantParams(*range, spec);
    if (!p)
      return p.takeError();
    params.push_back(*p);
    return llvm::Error::success();
  };
  if (choice.perChannel && edge.canPerChannel) {
    auto type = cast<RankedTensorType>(edge.op.getInput().getType());
    ChannelStatistics channels(static_cast<int64_t>(*edge.op.getAxis()),
                               options.bins);
    if (llvm::Error error = channels.observe(values, type.getShape()))
      return std::move(error);
    for (const TensorStatistics &stats : channels.getChannels())
      if (llvm::Error error = add(stats))
        return std::move(error);
  } else {
    TensorStatistics stats(options.bins);
    stats.observe(values);
    if (llvm::Error error = add(stats))
      return std::move(error);
  }
  weightCache[key] = params;
  return params;
}

llvm::Expected<Candidate>
SearchProblem::makeCandidate(const Assignment &assignment) {
  SchemeAttr scheme = target.getScheme();
  Candidate candidate(edges.size());
  // Activation ranges, then their union per sharing group.
  std::map<unsigned, Range> groupRanges;
  std::vector<Range> ranges(edges.size());
  for (auto [i, edge] : llvm::enumerate(edges)) {
    if (edge.isWeight)
      continue;
    const EdgeChoice &choice = assignment[i];
    auto key =
        std::make_tuple(static_cast<unsigned>(i), choice.bits, choice.method);
    auto it = rangeCache.find(key);
    if (it == rangeCache.end()) {
      IntegerGrid grid;
      grid.bits = choice.bits;
      grid.isSigned = edge.isSigned;
      grid.narrowRange = edge.narrowRange;
      ThresholdOptions thresholds;
      thresholds.method = choice.method;
      thresholds.percentile = options.percentile;
      thresholds.symmetric = scheme.getSymmetricActivations().getValue();
      llvm::Expected<Range> range = selectRange(*edge.stats, grid, thresholds);
      if (!range)
        return llvm::createStringError(edge.name + ": " +
                                       llvm::toString(range.takeError()));
      it = rangeCache.emplace(key, *range).first;
    }
    ranges[i] = it->second;
    auto [g, inserted] = groupRanges.try_emplace(edge.group, ranges[i]);
    if (!inserted) {
      g->second.lo = std::min(g->second.lo, ranges[i].lo);
      g->second.hi = std::max(g->second.hi, ranges[i].hi);
    }
  }
  for (auto [i, edge] : llvm::enumerate(edges)) {
    const EdgeChoice &choice = assignment[i];
    EdgeArguments &args = candidate[i];
    IntegerGrid grid;
    grid.bits = choice.bits;
    grid.isSigned = edge.isSigned;
    grid.narrowRange = edge.narrowRange;
    args.qmin = grid.getQMin();
    args.qmax = grid.getQMax();
    std::vector<EdgeQuantParams> params;
    if (edge.isWeight) {
      llvm::Expected<std::vector<EdgeQuantParams>> weight =
          getWeightParams(i, choice);
      if (!weight)
        return llvm::createStringError(edge.name + ": " +
                                       llvm::toString(weight.takeError()));
      params = std::move(*weight);
    } else {
      QuantSpec spec;
      spec.grid = grid;
      spec.symmetric = scheme.getSymmetricActivations().getValue();
      spec.powerOfTwo = scheme.getPowerOfTwoScales().getValue();
      llvm::Expected<EdgeQuantParams> p =
          computeQuantParams(groupRanges[edge.group], spec);
      if (!p)
        return llvm::createStringError(edge.name + ": " +
                                       llvm::toString(p.takeError()));
      params.push_back(*p);
    }
    for (const EdgeQuantParams &p : params) {
      args.scales.push_back(static_cast<float>(p.scale));
      args.zeroPoints.push_back(static_cast<int32_t>(p.zeroPoint));
    }
  }
  return candidate;
}

//===----------------------------------------------------------------------===//
// Cost model
//===----------------------------------------------------------------------===//

std::pair<int64_t, DTypeConfigAttr>
SearchProblem::selectAlternative(const CostOp &op,
                                 const Assignment &assignment) const {
  auto bitsOf = [&](int edge, Type slot) -> unsigned {
    return edge >= 0 ? assignment[edge].bits : getIntWidth(slot);
  };
  unsigned inBits = bitsOf(op.inputEdge, op.config.getInput());
  unsigned wBits = bitsOf(op.weightEdge, op.config.getWeight());
  unsigned outBits = bitsOf(op.outputEdge, op.config.getOutput());
  auto sameSign = [](Type a, Type b) {
    auto x = dyn_cast_or_null<IntegerType>(a);
    auto y = dyn_cast_or_null<IntegerType>(b);
    if (!x || !y)
      return !x && !y;
    return x.getSignedness() == y.getSignedness();
  };
  auto holds = [&](Type alt, Type chosen, unsigned bits) {
    if (!getIntWidth(chosen))
      return getIntWidth(alt) == 0; // no such operand (weight = none)
    return sameSign(alt, chosen) && getIntWidth(alt) >= bits;
  };
  std::pair<int64_t, DTypeConfigAttr> best{-1, op.config};
  OpRuleAttr rule = target.lookupOp(op.kind);
  if (!rule)
    return best;
  for (auto [index, alt] : llvm::enumerate(rule.getConfigs())) {
    if (alt == op.config && best.first < 0)
      best.first = static_cast<int64_t>(index);
    if (!alt.isInteger() ||
        !holds(alt.getInput(), op.config.getInput(), inBits) ||
        !holds(alt.getWeight(), op.config.getWeight(), wBits) ||
        !holds(alt.getOutput(), op.config.getOutput(), outBits))
      continue;
    if (alt.getMacsPerCycle() > best.second.getMacsPerCycle() ||
        (alt.getMacsPerCycle() == best.second.getMacsPerCycle() &&
         getBytes(op, alt) < getBytes(op, best.second)))
      best = {static_cast<int64_t>(index), alt};
  }
  return best;
}

double SearchProblem::getBytes(const CostOp &op, DTypeConfigAttr config) {
  return op.inputElements * getIntWidth(config.getInput()) / 8.0 +
         op.weightElements * getIntWidth(config.getWeight()) / 8.0 +
         op.outputElements * getIntWidth(config.getOutput()) / 8.0;
}

Cost SearchProblem::estimateCost(const Assignment &assignment) const {
  Cost cost;
  int64_t weightElements = 0;
  for (auto [i, edge] : llvm::enumerate(edges))
    if (edge.isWeight) {
      cost.sizeBits += edge.numElements * assignment[i].bits;
      weightElements += edge.numElements;
    }
  if (weightElements)
    cost.averageWeightBits =
        static_cast<double>(cost.sizeBits) / static_cast<double>(weightElements);

  CostModelAttr model = target.getCost();
  double clockHz = static_cast<double>(model.getClockMhz()) * 1e6;
  double bytesPerSecond =
      static_cast<double>(model.getMemoryBandwidthMbps()) * 1e6;
  for (const CostOp &op : costOps) {
    DTypeConfigAttr best = selectAlternative(op, assignment).second;
    double compute =
        static_cast<double>(op.macs) /
        (static_cast<double>(std::max<int64_t>(1, best.getMacsPerCycle())) *
         clockHz);
    double memory = getBytes(op, best) / bytesPerSecond;
    cost.latencyUs += std::max(compute, memory) * 1e6;
  }
  return cost;
}

void SearchProblem::applyAlternatives(const Assignment &assignment) const {
  for (const CostOp &op : costOps) {
    auto [index, config] = selectAlternative(op, assignment);
    if (index < 0 || config == op.config)
      continue;
    Builder builder(op.op->getContext());
    op.op->setAttr(kConfigAttrName, config);
    op.op->setAttr(kAlternativeAttrName, builder.getI64IntegerAttr(index));
  }
}

std::string SearchProblem::describe(const Assignment &assignment) const {
  std::string w, a;
  for (auto [i, edge] : llvm::enumerate(edges)) {
    std::string &out = edge.isWeight ? w : a;
    out += std::to_string(assignment[i].bits);
    if (edge.isWeight && edge.canPerChannel && !assignment[i].perChannel)
      out += "t";
    if (assignment[i].method !=
        (edge.isWeight ? options.weightMethod : options.activationMethod))
      out += stringifyThresholdMethod(assignment[i].method).take_front(1);
    out += " ";
  }
  return "w[" + StringRef(w).rtrim().str() + "] a[" +
         StringRef(a).rtrim().str() + "]";
}

//===----------------------------------------------------------------------===//
// Metrics
//===----------------------------------------------------------------------===//

/// Probabilities of one output row: the row itself when it already is a
/// distribution (non-negative, sums to 1 within 1e-3), else its softmax.
static void toProbabilities(ArrayRef<double> row, std::vector<double> &out) {
  out.assign(row.begin(), row.end());
  double sum = 0;
  bool nonNegative = true;
  for (double x : row) {
    sum += x;
    nonNegative &= x >= 0;
  }
  if (nonNegative && std::abs(sum - 1.0) < 1e-3) {
    for (double &x : out)
      x /= sum;
    return;
  }
  double max = -std::numeric_limits<double>::infinity();
  for (double x : row)
    max = std::max(max, x);
  double total = 0;
  for (double &x : out) {
    x = std::exp(x - max);
    total += x;
  }
  for (double &x : out)
    x /= total;
}

static size_t argmax(ArrayRef<double> row) {
  size_t best = 0;
  for (size_t i = 1; i < row.size(); ++i)
    if (row[i] > row[best])
      best = i;
  return best;
}

Metrics search::computeMetrics(const Outputs &outputs, const Outputs &reference,
                               ArrayRef<int64_t> labels, Objective objective,
                               double lambda) {
  Metrics metrics;
  size_t n = outputs.width ? outputs.values.size() / outputs.width : 0;
  size_t correct = 0, agree = 0;
  double kl = 0, squared = 0, norm = 0;
  std::vector<double> p, q;
  for (size_t s = 0; s < n; ++s) {
    ArrayRef<double> y = outputs.getSample(s);
    ArrayRef<double> f = reference.getSample(s);
    size_t top = argmax(y);
    if (!labels.empty() && static_cast<int64_t>(top) == labels[s])
      ++correct;
    if (top == argmax(f))
      ++agree;
    toProbabilities(f, p);
    toProbabilities(y, q);
    for (size_t k = 0; k < p.size(); ++k) {
      if (p[k] > 0)
        kl += p[k] * (std::log(p[k]) - std::log(std::max(q[k], 1e-12)));
      squared += (y[k] - f[k]) * (y[k] - f[k]);
      norm += f[k] * f[k];
    }
  }
  if (n) {
    if (!labels.empty())
      metrics.top1 = static_cast<double>(correct) / n;
    metrics.agreement = static_cast<double>(agree) / n;
    metrics.kl = kl / n;
    metrics.mse = norm > 0 ? squared / norm : squared / n;
  }
  switch (objective) {
  case Objective::Accuracy:
    metrics.loss = 1.0 - metrics.accuracy();
    break;
  case Objective::Agreement:
    metrics.loss = 1.0 - metrics.agreement;
    break;
  case Objective::KL:
    metrics.loss = metrics.kl;
    break;
  case Objective::MSE:
    metrics.loss = metrics.mse;
    break;
  case Objective::Classification:
    metrics.loss = (1.0 - metrics.accuracy()) + lambda * metrics.mse;
    break;
  }
  metrics.sensitivity =
      objective == Objective::Accuracy || objective == Objective::Agreement
          ? metrics.kl
          : metrics.loss;
  return metrics;
}

//===----------------------------------------------------------------------===//
// Evaluator
//===----------------------------------------------------------------------===//

llvm::Expected<std::vector<Metrics>>
Evaluator::evaluateRaw(ArrayRef<Candidate> batch) {
  auto start = std::chrono::steady_clock::now();
  llvm::Expected<std::vector<Outputs>> outputs =
      model.evaluate(batch, samples, threads);
  if (!outputs)
    return outputs.takeError();
  std::vector<Metrics> metrics;
  for (const Outputs &out : *outputs)
    metrics.push_back(
        computeMetrics(out, reference, samples.labels, objective, lambda));
  count += batch.size();
  seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return metrics;
}

llvm::Expected<std::vector<EvaluatedCandidate>>
Evaluator::evaluate(ArrayRef<Assignment> batch, StringRef origin) {
  std::vector<Candidate> fresh;
  std::vector<size_t> freshIndex;
  std::vector<EvaluatedCandidate> result(batch.size());
  std::map<Assignment, size_t> inBatch;
  for (auto [i, assignment] : llvm::enumerate(batch)) {
    if (!problem.isFeasible(assignment))
      return llvm::createStringError(
          "internal: an infeasible candidate reached evaluation");
    if (memo.count(assignment) || inBatch.count(assignment))
      continue;
    llvm::Expected<Candidate> candidate = problem.makeCandidate(assignment);
    if (!candidate)
      return candidate.takeError();
    inBatch[assignment] = fresh.size();
    fresh.push_back(std::move(*candidate));
    freshIndex.push_back(i);
  }
  if (!fresh.empty()) {
    llvm::Expected<std::vector<Metrics>> metrics = evaluateRaw(fresh);
    if (!metrics)
      return metrics.takeError();
    for (auto [k, i] : llvm::enumerate(freshIndex)) {
      EvaluatedCandidate c;
      c.assignment = batch[i];
      c.metrics = (*metrics)[k];
      c.cost = problem.estimateCost(batch[i]);
      c.origin = origin.str();
      memo[batch[i]] = history.size();
      history.push_back(std::move(c));
    }
  }
  for (auto [i, assignment] : llvm::enumerate(batch))
    result[i] = history[memo.at(assignment)];
  if (progress && !fresh.empty()) {
    // Best so far: the candidate with the lowest loss.
    const EvaluatedCandidate *best = nullptr;
    for (const EvaluatedCandidate &c : history)
      if (!best || c.metrics.loss < best->metrics.loss)
        best = &c;
    double perEval = count ? seconds / count : 0;
    unsigned left = expected > count ? expected - count : 0;
    llvm::errs() << llvm::formatv(
        "search: {0}/{1} evaluations, best loss {2:f4} (accuracy {3:f2}%, "
        "{4:f2} avg weight bits), {5:f1} s, ETA {6:f1} s\n",
        count, std::max(expected, count), best->metrics.loss,
        best->metrics.accuracy() * 100, best->cost.averageWeightBits, seconds,
        left * perEval);
  }
  return result;
}
