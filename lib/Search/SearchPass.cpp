//===- SearchPass.cpp - hwq-search ----------------------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-search: statistics once, the search problem (SearchProblem), the
// parametric and float models compiled once (Evaluation.h), a strategy
// (Strategies.cpp), the Pareto fronts, the chosen strategy applied and
// calibrated in the IR. docs/Search.md.
//
//===----------------------------------------------------------------------===//

#include "CalibrateImpl.h"

#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"
#include "hwq/Search/Passes.h"

#include "hwq/Search/Search.h"
#include "hwq/Search/Strategy.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"

#include <chrono>

namespace hwq {
#define GEN_PASS_DEF_HWQSEARCHPASS
#include "hwq/Search/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;
using namespace hwq::search;

namespace {

struct SearchPass : public hwq::impl::HwqSearchPassBase<SearchPass> {
  using Base::Base;
  void runOnOperation() override;

private:
  LogicalResult parseOptions(SpaceOptions &space, StrategyOptions &strategy,
                             Objective &objectiveKind);
};

/// The function to search: `name`, or the only public function with a body.
FailureOr<func::FuncOp> findFunction(ModuleOp module, StringRef name) {
  if (!name.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (!func || func.isExternal())
      return module.emitError("hwq-search: no function @")
             << name << " with a body in the module";
    return func;
  }
  SmallVector<func::FuncOp> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      candidates.push_back(func);
  if (candidates.size() != 1)
    return module.emitError("hwq-search: the module needs exactly one public "
                            "function with a body, or function=NAME");
  return candidates.front();
}

/// Writes `value` to `path`.
LogicalResult writeJSON(Operation *op, StringRef path,
                        llvm::json::Value value) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file)
    return op->emitError("hwq-search: ") << error;
  file->os() << llvm::formatv("{0:2}", value) << "\n";
  file->keep();
  return success();
}

} // namespace

LogicalResult SearchPass::parseOptions(SpaceOptions &spaceOptions,
                                       StrategyOptions &strategyOptions,
                                       Objective &objectiveKind) {
  ModuleOp module = getOperation();
  auto fail = [&](const Twine &message) {
    return module.emitError("hwq-search: ") << message;
  };
  std::optional<ThresholdMethod> a = parseThresholdMethod(method);
  std::optional<ThresholdMethod> w = parseThresholdMethod(weightMethod);
  if (!a || !w)
    return fail("unknown threshold method '" + (a ? weightMethod : method) +
                "' (expected max, percentile, kl or mse)");
  spaceOptions.activationMethod = *a;
  spaceOptions.weightMethod = *w;
  SmallVector<StringRef> names;
  StringRef(methods).split(names, ',', -1, /*KeepEmpty=*/false);
  for (StringRef name : names) {
    std::optional<ThresholdMethod> m = parseThresholdMethod(name.trim());
    if (!m)
      return fail("unknown threshold method '" + name + "' in methods");
    spaceOptions.methods.push_back(*m);
  }
  if (minBits < 2 || minBits > 32)
    return fail("min-bits must be in [2, 32], got " +
                Twine(minBits.getValue()));
  spaceOptions.minBits = minBits;
  if (space == "weights") {
    spaceOptions.searchWeights = true;
    spaceOptions.searchActivations = false;
  } else if (space == "activations") {
    spaceOptions.searchWeights = false;
    spaceOptions.searchActivations = true;
  } else if (space == "all") {
    spaceOptions.searchWeights = spaceOptions.searchActivations = true;
  } else {
    return fail("unknown space '" + space +
                "' (expected weights, activations or all)");
  }
  spaceOptions.searchGranularity = granularity;
  if (!(percentile > 0.0 && percentile <= 100.0))
    return fail("percentile must be in (0, 100]");
  spaceOptions.percentile = percentile;
  if (bins < 2)
    return fail("bins must be at least 2");
  spaceOptions.bins = bins;
  std::optional<Objective> o = parseObjective(objective);
  if (!o)
    return fail("unknown objective '" + objective +
                "' (expected accuracy, agreement, kl, mse or classification)");
  objectiveKind = *o;
  std::optional<StrategyKind> s = parseStrategyKind(strategy);
  if (!s)
    return fail("unknown strategy '" + strategy +
                "' (expected greedy, random, noise or lagrangian)");
  strategyOptions.kind = *s;
  strategyOptions.seed = seed;
  strategyOptions.randomSamples = randomSamples;
  strategyOptions.probeBits = probeBits;
  strategyOptions.frontPoints = frontPoints;
  if (maxDrop < 0)
    return fail("max-drop must not be negative");
  strategyOptions.budgets.maxDrop = maxDrop;
  strategyOptions.budgets.latencyUs = latencyBudget;
  SmallVector<StringRef> drops;
  StringRef(greedyDrops).split(drops, ',', -1, /*KeepEmpty=*/false);
  for (StringRef text : drops) {
    double drop;
    if (text.trim().getAsDouble(drop) || drop < 0)
      return fail("greedy-drops: '" + text + "' is not a non-negative number");
    strategyOptions.greedyDrops.push_back(drop);
  }
  strategyOptions.budgets.sizeBits = sizeBudget;
  if (engine != "jit" && engine != "reference")
    return fail("unknown engine '" + engine + "' (expected reference or jit)");
  if (data.empty())
    return fail("the search needs data: set data=SPEC (docs/Calibration.md)");
  return success();
}

/// Writes the chosen parameters into the sim_quantize ops (bits, axis,
/// scale and zero point constants).
static void applyCandidate(SearchProblem &problem, const Assignment &chosen,
                           const Candidate &candidate) {
  const SpaceOptions &options = problem.getOptions();
  for (auto [i, edge] : llvm::enumerate(problem.getEdges())) {
    SimQuantizeOp op = edge.op;
    OpBuilder builder(op);
    op.setBitsAttr(builder.getI32IntegerAttr(chosen[i].bits));
    // A method other than the calibration default is recorded on the edge
    // (hwq-calibrate honours it on replay).
    ThresholdMethod defaultMethod =
        edge.isWeight ? options.weightMethod : options.activationMethod;
    if (chosen[i].method != defaultMethod) {
      op->setAttr(
          kMethodAttrName,
          builder.getStringAttr(stringifyThresholdMethod(chosen[i].method)));
      if (chosen[i].method == ThresholdMethod::Percentile)
        op->setAttr(kPercentileAttrName,
                    builder.getF64FloatAttr(options.percentile));
    }
    bool perAxis = edge.isWeight && edge.canPerChannel && chosen[i].perChannel;
    if (edge.canPerChannel && !perAxis)
      op->removeAttr(op.getAxisAttrName());
    const EdgeArguments &args = candidate[i];
    SmallVector<int64_t, 1> shape;
    if (perAxis)
      shape.push_back(static_cast<int64_t>(args.scales.size()));
    auto scaleAttr = DenseElementsAttr::get(
        RankedTensorType::get(shape, builder.getF32Type()),
        ArrayRef<float>(args.scales));
    auto zeroPointAttr = DenseElementsAttr::get(
        RankedTensorType::get(shape, builder.getI32Type()),
        ArrayRef<int32_t>(args.zeroPoints));
    Value scale = arith::ConstantOp::create(builder, op.getLoc(), scaleAttr);
    Value zeroPoint =
        arith::ConstantOp::create(builder, op.getLoc(), zeroPointAttr);
    op.getScaleMutable().assign(scale);
    op.getZeroPointMutable().assign(zeroPoint);
  }
}

/// JSON of one assignment: one object per edge.
static llvm::json::Array edgesToJSON(SearchProblem &problem,
                                     const Assignment &assignment) {
  llvm::json::Array edges;
  for (auto [i, edge] : llvm::enumerate(problem.getEdges())) {
    llvm::json::Object object{
        {"name", edge.displayName},
        {"role", edge.role},
        {"bits", static_cast<int64_t>(assignment[i].bits)},
        {"method", stringifyThresholdMethod(assignment[i].method)}};
    if (edge.isWeight)
      object["per_channel"] = edge.canPerChannel && assignment[i].perChannel;
    edges.push_back(std::move(object));
  }
  return edges;
}

void SearchPass::runOnOperation() {
  auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start)
        .count();
  };
  ModuleOp module = getOperation();
  auto target =
      module->getAttrOfType<TargetAttr>(HwqDialect::getTargetAttrName());
  if (!target) {
    module.emitError("hwq-search needs a #hwq.target in the module's '")
        << HwqDialect::getTargetAttrName() << "' attribute";
    return signalPassFailure();
  }
  SpaceOptions spaceOptions;
  StrategyOptions strategyOptions;
  Objective objectiveKind = Objective::Accuracy;
  if (failed(parseOptions(spaceOptions, strategyOptions, objectiveKind)))
    return signalPassFailure();
  FailureOr<func::FuncOp> func = findFunction(module, function);
  if (failed(func))
    return signalPassFailure();
  std::string spec = data;
  if (!labels.empty())
    spec += ":labels=" + labels;

  // 1. Statistics, once.
  FailureOr<calibrate::EdgeSet> edgeSet =
      calibrate::collectEdges(*func, target, /*foldClamps=*/true);
  if (failed(edgeSet))
    return signalPassFailure();
  calibrate::CollectOptions collect;
  collect.engine = engine == "jit" ? calibrate::CollectEngine::Jit
                                   : calibrate::CollectEngine::Reference;
  collect.dataSpec = spec;
  collect.range = range;
  collect.bins = bins;
  StatisticsTable stats;
  if (!edgeSet->edges.empty()) {
    FailureOr<StatisticsTable> collected =
        calibrate::collectStatistics(*func, *edgeSet, collect);
    if (failed(collected))
      return signalPassFailure();
    stats = std::move(*collected);
  }
  llvm::StringMap<unsigned> groups;
  for (const calibrate::Edge &edge : edgeSet->edges)
    groups[edge.name] = edge.group;

  double statisticsSeconds = elapsed();

  // 2. The problem and the models.
  FailureOr<std::unique_ptr<SearchProblem>> problem =
      SearchProblem::build(*func, target, stats, groups, spaceOptions);
  if (failed(problem))
    return signalPassFailure();
  FailureOr<std::unique_ptr<ParametricModel>> model =
      ParametricModel::build(*func);
  if (failed(model))
    return signalPassFailure();
  FailureOr<std::unique_ptr<ParametricModel>> floatModel =
      ParametricModel::buildFloat(*func);
  if (failed(floatModel))
    return signalPassFailure();
  FailureOr<SampleSet> samples = loadSamples(*func, spec, range);
  if (failed(samples))
    return signalPassFailure();
  auto fail = [&](llvm::Error error) {
    mlir::emitError(func->getLoc(), "hwq-search: ")
        << llvm::toString(std::move(error));
    signalPassFailure();
  };
  llvm::Expected<std::vector<Outputs>> floatOutputs =
      (*floatModel)->evaluate({Candidate()}, *samples, threads);
  if (!floatOutputs)
    return fail(floatOutputs.takeError());
  const Outputs &reference = floatOutputs->front();
  Metrics floatMetrics = computeMetrics(reference, reference, samples->labels,
                                        objectiveKind, lambda);
  double floatAccuracy = floatMetrics.accuracy();
  strategyOptions.floatAccuracy = floatAccuracy;
  llvm::errs() << llvm::formatv(
      "search: {0} edges ({1} weights), {2} units searched, {3} samples, "
      "float {4} {5:f2}%, models compiled in {6:f1} s\n",
      (*problem)->getEdges().size(), edgeSet->weights.size(),
      (*problem)->getUnits().size(), samples->size(),
      samples->hasLabels() ? "top-1" : "agreement", floatAccuracy * 100,
      (*model)->getCompileSeconds() + (*floatModel)->getCompileSeconds());

  // 3. The strategy.
  Evaluator evaluator(**problem, **model, *samples, reference, objectiveKind,
                      lambda, threads, progress);
  evaluator.setFloatAccuracy(floatAccuracy);
  if (llvm::Error error =
          runStrategy(**problem, evaluator, strategyOptions, llvm::errs()))
    return fail(std::move(error));
  unsigned searchEvaluations = evaluator.getCount();
  std::vector<EvaluatedCandidate> history(evaluator.getHistory().begin(),
                                          evaluator.getHistory().end());

  double searchSeconds = elapsed();

  // 4. Fronts, and the held-out evaluation of their points.
  std::vector<size_t> sizeFront =
      paretoFront(history, [](const EvaluatedCandidate &c) {
        return static_cast<double>(c.cost.sizeBits);
      });
  std::vector<size_t> latencyFront = paretoFront(
      history, [](const EvaluatedCandidate &c) { return c.cost.latencyUs; });
  std::vector<size_t> frontPointsUnion = sizeFront;
  for (size_t i : latencyFront)
    if (!llvm::is_contained(frontPointsUnion, i))
      frontPointsUnion.push_back(i);
  // 5. The choice: fastest, then smallest, then lowest loss, within budgets.
  std::optional<size_t> chosen;
  for (auto [i, c] : llvm::enumerate(history)) {
    if (!isAdmissible(c, strategyOptions.budgets, floatAccuracy))
      continue;
    if (!chosen) {
      chosen = i;
      continue;
    }
    const EvaluatedCandidate &b = history[*chosen];
    if (std::make_tuple(c.cost.latencyUs, c.cost.sizeBits, c.metrics.loss) <
        std::make_tuple(b.cost.latencyUs, b.cost.sizeBits, b.metrics.loss))
      chosen = i;
  }
  if (!chosen) {
    mlir::emitWarning(func->getLoc(),
                      "hwq-search: no evaluated candidate meets the budgets; "
                      "keeping the baseline (the container widths, lowered "
                      "where the target's accumulator requires it)");
    chosen = 0;
  }

  std::map<size_t, double> heldOut;
  double heldOutFloat = -1;
  size_t heldOutSamples = 0;
  if (!evalRange.empty()) {
    FailureOr<SampleSet> evalSamples = loadSamples(*func, spec, evalRange);
    if (failed(evalSamples))
      return signalPassFailure();
    heldOutSamples = evalSamples->size();
    llvm::Expected<std::vector<Outputs>> evalFloat =
        (*floatModel)->evaluate({Candidate()}, *evalSamples, threads);
    if (!evalFloat)
      return fail(evalFloat.takeError());
    heldOutFloat = computeMetrics(evalFloat->front(), evalFloat->front(),
                                  evalSamples->labels, objectiveKind, lambda)
                       .accuracy();
    // The size front and the chosen point (the latency front's other
    // points are shown without held-out accuracy, to save evaluations).
    std::vector<size_t> heldOutPoints = sizeFront;
    if (!llvm::is_contained(heldOutPoints, *chosen))
      heldOutPoints.push_back(*chosen);
    std::vector<Candidate> batch;
    for (size_t i : heldOutPoints) {
      llvm::Expected<Candidate> c =
          (*problem)->makeCandidate(history[i].assignment);
      if (!c)
        return fail(c.takeError());
      batch.push_back(std::move(*c));
    }
    llvm::Expected<std::vector<Outputs>> outs =
        (*model)->evaluate(batch, *evalSamples, threads);
    if (!outs)
      return fail(outs.takeError());
    for (auto [k, i] : llvm::enumerate(heldOutPoints))
      heldOut[i] = computeMetrics((*outs)[k], evalFloat->front(),
                                  evalSamples->labels, objectiveKind, lambda)
                       .accuracy();
  }

  // The report.
  llvm::raw_ostream &os = llvm::errs();
  os << llvm::formatv("search: strategy {0}, objective {1}, seed {2}: {3} "
                      "model evaluations on {4} samples in {5:f1} s "
                      "(statistics {6:f1} s, search {7:f1} s, held-out "
                      "evaluation {8:f1} s)\n",
                      strategy, objective, seed, searchEvaluations,
                      samples->size(), elapsed(), statisticsSeconds,
                      searchSeconds - statisticsSeconds,
                      elapsed() - searchSeconds);
  auto printFront = [&](StringRef title, ArrayRef<size_t> front) {
    os << "Pareto front (accuracy vs " << title << "):\n";
    os << llvm::formatv("  {0,-3} {1,9} {2,10} {3,12} {4,9} {5,9} {6,9}  {7}\n",
                        "#", "avg-wbits", "size-kbit", "latency-us", "acc-srch",
                        "agree", "acc-eval", "strategy");
    for (auto [k, i] : llvm::enumerate(front)) {
      const EvaluatedCandidate &c = history[i];
      std::string eval = heldOut.count(i)
                             ? llvm::formatv("{0:f2}", heldOut[i] * 100).str()
                             : std::string("-");
      os << llvm::formatv(
          "  {0,-3} {1,9:f2} {2,10:f1} {3,12:f2} {4,9:f2} {5,9:f2} {6,9}  "
          "{7}{8}\n",
          k, c.cost.averageWeightBits, c.cost.sizeBits / 1000.0,
          c.cost.latencyUs, c.metrics.accuracy() * 100,
          c.metrics.agreement * 100, eval, (*problem)->describe(c.assignment),
          i == *chosen ? "  <- chosen" : "");
    }
  };
  os << llvm::formatv("float: acc-srch {0:f2}%", floatAccuracy * 100);
  if (heldOutFloat >= 0)
    os << llvm::formatv(", acc-eval {0:f2}% ({1} samples, {2})",
                        heldOutFloat * 100, heldOutSamples, evalRange);
  os << "\n";
  printFront("size", sizeFront);
  printFront("estimated latency", latencyFront);
  if (heldOutFloat >= 0) {
    // The smallest point of the size front that keeps max-drop on the
    // held-out samples.
    std::optional<size_t> smallest;
    for (size_t i : sizeFront)
      if ((heldOutFloat - heldOut[i]) * 100 <= maxDrop + 1e-9) {
        smallest = i;
        break;
      }
    if (smallest) {
      const EvaluatedCandidate &c = history[*smallest];
      os << llvm::formatv(
          "eval-range: smallest size-front point within max-drop {0}: {1:f2} "
          "avg weight bits, accuracy {2:f2}% (float {3:f2}%, drop {4:f2} "
          "points)\n",
          maxDrop.getValue(), c.cost.averageWeightBits,
          heldOut[*smallest] * 100, heldOutFloat * 100,
          (heldOutFloat - heldOut[*smallest]) * 100);
    } else {
      os << llvm::formatv("eval-range: no size-front point within max-drop "
                          "{0}\n",
                          maxDrop.getValue());
    }
  }

  // 6. Outputs.
  const EvaluatedCandidate &best = history[*chosen];
  auto candidateJSON = [&](size_t i) {
    const EvaluatedCandidate &c = history[i];
    llvm::json::Object object{{"accuracy", c.metrics.accuracy()},
                              {"agreement", c.metrics.agreement},
                              {"kl", c.metrics.kl},
                              {"mse", c.metrics.mse},
                              {"loss", c.metrics.loss},
                              {"latency_us", c.cost.latencyUs},
                              {"size_bits", c.cost.sizeBits},
                              {"average_weight_bits", c.cost.averageWeightBits},
                              {"origin", c.origin},
                              {"summary", (*problem)->describe(c.assignment)},
                              {"edges", edgesToJSON(**problem, c.assignment)}};
    if (heldOut.count(i))
      object["eval_accuracy"] = heldOut[i];
    return object;
  };
  if (!paretoOut.empty()) {
    // `points` in the format of the quantization card (hwq-write-card
    // pareto=FILE); `details` with every metric and the edges.
    llvm::json::Array points, details;
    for (auto [k, i] : llvm::enumerate(frontPointsUnion)) {
      const EvaluatedCandidate &c = history[i];
      std::string label =
          llvm::formatv("{0:f2} avg weight bits", c.cost.averageWeightBits);
      points.push_back(llvm::json::Object{{"label", label},
                                          {"accuracy", c.metrics.accuracy()},
                                          {"latency_us", c.cost.latencyUs},
                                          {"size_bits", c.cost.sizeBits},
                                          {"on_front", true},
                                          {"chosen", i == *chosen}});
      llvm::json::Object detail = candidateJSON(i);
      detail["on_size_front"] = llvm::is_contained(sizeFront, i);
      detail["on_latency_front"] = llvm::is_contained(latencyFront, i);
      details.push_back(std::move(detail));
    }
    llvm::json::Object object{
        {"points", std::move(points)},     {"strategy", strategy},
        {"objective", objective},          {"evaluations", searchEvaluations},
        {"float_accuracy", floatAccuracy}, {"accuracy_is", "range"},
        {"details", std::move(details)}};
    if (heldOutFloat >= 0)
      object["float_eval_accuracy"] = heldOutFloat;
    if (failed(writeJSON(module, paretoOut, std::move(object))))
      return signalPassFailure();
  }

  // 7. The chosen strategy, applied and calibrated.
  llvm::Expected<Candidate> candidate =
      (*problem)->makeCandidate(best.assignment);
  if (!candidate)
    return fail(candidate.takeError());
  applyCandidate(**problem, best.assignment, *candidate);
  (*problem)->applyAlternatives(best.assignment);

  // The strategy file: the applied module's choices (hwq.edge names) with
  // the search's metadata and figures; replayable with --hwq-strategy.
  if (!strategyOut.empty()) {
    FailureOr<Strategy> written = readStrategyFromModule(module);
    if (failed(written))
      return signalPassFailure();
    written->seed = seed;
    written->objective = objective;
    written->calibration.data = data;
    written->calibration.range = range;
    written->calibration.samples = static_cast<int64_t>(samples->size());
    written->calibration.method = method;
    written->calibration.weightMethod = weightMethod;
    written->setFigure("float_accuracy", floatAccuracy);
    written->setFigure("accuracy", best.metrics.accuracy());
    written->setFigure("agreement", best.metrics.agreement);
    if (heldOut.count(*chosen)) {
      written->setFigure("float_eval_accuracy", heldOutFloat);
      written->setFigure("eval_accuracy", heldOut[*chosen]);
    }
    written->setFigure("average_weight_bits", best.cost.averageWeightBits);
    written->setFigure("size_bits", static_cast<double>(best.cost.sizeBits));
    written->setFigure("latency_us", best.cost.latencyUs);
    written->setFigure("evaluations", searchEvaluations);
    if (llvm::Error error = writeStrategyFile(*written, strategyOut))
      return fail(std::move(error));
  }
}
