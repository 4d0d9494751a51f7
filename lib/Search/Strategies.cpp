//===- Strategies.cpp - greedy, random and sensitivity allocators ---------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The search strategies of hwq-search (docs/Search.md, "Strategies"):
//  * greedy (HAGO): lower the bits of one unit at a time, all lower widths of
//    the unit evaluated as one batch, keep the lowest that meets the budgets;
//  * random: seeded draws from the pruned space;
//  * noise: pseudo-quantization-noise sensitivity per unit (one probe each),
//    bits allocated by one size/accuracy knob swept over its breakpoints;
//  * lagrangian: per-unit quantization probes, per-unit dual variables from
//    dual ascent on per-unit error budgets, swept over the total budget.
// Every random draw comes from std::mt19937_64 (fully specified by the C++
// standard) seeded with the seed option: the same seed gives the same
// candidates on every machine and thread count.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Search.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <random>
#include <set>

using namespace mlir;
using namespace hwq;
using namespace hwq::search;

std::optional<StrategyKind> search::parseStrategyKind(StringRef name) {
  return llvm::StringSwitch<std::optional<StrategyKind>>(name)
      .Case("greedy", StrategyKind::Greedy)
      .Case("random", StrategyKind::Random)
      .Case("noise", StrategyKind::Noise)
      .Case("lagrangian", StrategyKind::Lagrangian)
      .Default(std::nullopt);
}

StringRef search::stringifyStrategyKind(StrategyKind kind) {
  switch (kind) {
  case StrategyKind::Greedy:
    return "greedy";
  case StrategyKind::Random:
    return "random";
  case StrategyKind::Noise:
    return "noise";
  case StrategyKind::Lagrangian:
    return "lagrangian";
  }
  return "";
}

bool search::isAdmissible(const EvaluatedCandidate &c, const Budgets &budgets,
                          double floatAccuracy) {
  double drop = (floatAccuracy - c.metrics.accuracy()) * 100.0;
  if (drop > budgets.maxDrop + 1e-9)
    return false;
  if (budgets.latencyUs > 0 && c.cost.latencyUs > budgets.latencyUs)
    return false;
  if (budgets.sizeBits > 0 && c.cost.sizeBits > budgets.sizeBits)
    return false;
  return true;
}

std::vector<size_t> search::paretoFront(
    ArrayRef<EvaluatedCandidate> all,
    llvm::function_ref<double(const EvaluatedCandidate &)> costOf) {
  std::vector<size_t> order(all.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    double ca = costOf(all[a]), cb = costOf(all[b]);
    if (ca != cb)
      return ca < cb;
    return all[a].metrics.accuracy() > all[b].metrics.accuracy();
  });
  std::vector<size_t> front;
  double best = -1;
  for (size_t i : order) {
    double accuracy = all[i].metrics.accuracy();
    if (accuracy > best) {
      front.push_back(i);
      best = accuracy;
    }
  }
  return front;
}

namespace {
/// Shared state of one strategy run.
struct Run {
  SearchProblem &problem;
  Evaluator &evaluator;
  const StrategyOptions &options;
  llvm::raw_ostream &log;

  unsigned probeBits() const {
    unsigned bits =
        options.probeBits ? options.probeBits : problem.getOptions().minBits;
    return std::max(2u, bits);
  }

  llvm::Error greedy();
  llvm::Error random();
  llvm::Error noise();
  llvm::Error lagrangian();

  /// Evaluates the distinct feasible allocations `bits` (one width per
  /// unit) applied to the baseline.
  llvm::Error
  evaluateAllocations(const std::vector<std::vector<unsigned>> &bits,
                      StringRef origin);
  /// Bits per unit minimizing `penalty(u, b) + knob * elements_u * b`.
  std::vector<unsigned>
  allocate(const std::vector<std::vector<unsigned>> &allowed,
           llvm::function_ref<double(unsigned, unsigned)> penalty,
           double knob) const;
};
} // namespace

llvm::Error Run::greedy() {
  Assignment baseline = problem.getBaseline();
  llvm::Expected<std::vector<EvaluatedCandidate>> base =
      evaluator.evaluate({baseline}, "baseline");
  if (!base)
    return base.takeError();
  // Largest units first (they matter most for size); ties in edge order.
  std::vector<unsigned> order(problem.getUnits().size());
  for (unsigned u = 0; u < order.size(); ++u)
    order[u] = u;
  std::stable_sort(order.begin(), order.end(), [&](unsigned a, unsigned b) {
    return problem.getUnits()[a].numElements >
           problem.getUnits()[b].numElements;
  });
  std::vector<double> drops = options.greedyDrops;
  if (drops.empty())
    drops.push_back(options.budgets.maxDrop);
  unsigned perRun = 0;
  for (unsigned u : order)
    perRun += problem.getAllowedBits(u).size() - 1;
  evaluator.setExpectedTotal(1 + perRun * drops.size());
  for (double drop : drops) {
    Budgets budgets = options.budgets;
    budgets.maxDrop = drop;
    Assignment state = baseline;
    for (unsigned u : order) {
      unsigned current = state[problem.getUnits()[u].edges.front()].bits;
      std::vector<Assignment> batch;
      for (unsigned bits : problem.getAllowedBits(u)) {
        if (bits >= current)
          continue;
        Assignment next = state;
        EdgeChoice choice = state[problem.getUnits()[u].edges.front()];
        choice.bits = bits;
        problem.setUnit(next, u, choice);
        if (problem.isFeasible(next))
          batch.push_back(std::move(next));
      }
      if (batch.empty())
        continue;
      // All lower widths of the unit in one batch: they share the compiled
      // graph and the thread pool.
      llvm::Expected<std::vector<EvaluatedCandidate>> results =
          evaluator.evaluate(batch, "greedy");
      if (!results)
        return results.takeError();
      // The lowest width that keeps the budgets (batch is low to high).
      for (const EvaluatedCandidate &c : *results)
        if (isAdmissible(c, budgets, options.floatAccuracy)) {
          state = c.assignment;
          break;
        }
    }
    log << llvm::formatv("greedy: max drop {0} -> {1}\n", drop,
                         problem.describe(state));
  }
  return llvm::Error::success();
}

llvm::Error Run::random() {
  std::mt19937_64 rng(options.seed);
  Assignment baseline = problem.getBaseline();
  llvm::Expected<std::vector<EvaluatedCandidate>> base =
      evaluator.evaluate({baseline}, "baseline");
  if (!base)
    return base.takeError();
  evaluator.setExpectedTotal(1 + options.randomSamples);
  std::vector<std::vector<EdgeChoice>> choices;
  for (unsigned u = 0; u < problem.getUnits().size(); ++u)
    choices.push_back(problem.getChoices(u, baseline));
  std::vector<Assignment> batch;
  std::set<Assignment> seen{baseline};
  unsigned attempts = 0;
  while (batch.size() < options.randomSamples &&
         attempts++ < options.randomSamples * 20) {
    Assignment next = baseline;
    for (unsigned u = 0; u < choices.size(); ++u)
      if (!choices[u].empty())
        problem.setUnit(next, u, choices[u][rng() % choices[u].size()]);
    if (!problem.isFeasible(next) || !seen.insert(next).second)
      continue;
    batch.push_back(std::move(next));
  }
  // Batches of 8 candidates share the compiled graph and the thread pool.
  for (size_t i = 0; i < batch.size(); i += 8) {
    std::vector<Assignment> part(batch.begin() + i,
                                 batch.begin() + std::min(batch.size(), i + 8));
    llvm::Expected<std::vector<EvaluatedCandidate>> results =
        evaluator.evaluate(part, "random");
    if (!results)
      return results.takeError();
  }
  return llvm::Error::success();
}

std::vector<unsigned>
Run::allocate(const std::vector<std::vector<unsigned>> &allowed,
              llvm::function_ref<double(unsigned, unsigned)> penalty,
              double knob) const {
  std::vector<unsigned> bits;
  for (unsigned u = 0; u < allowed.size(); ++u) {
    double size = static_cast<double>(problem.getUnits()[u].numElements);
    unsigned best = allowed[u].empty() ? 0 : allowed[u].back();
    double bestValue = std::numeric_limits<double>::infinity();
    for (unsigned b : allowed[u]) {
      double value = penalty(u, b) + knob * size * b;
      if (value < bestValue) {
        bestValue = value;
        best = b;
      }
    }
    bits.push_back(best);
  }
  return bits;
}

llvm::Error
Run::evaluateAllocations(const std::vector<std::vector<unsigned>> &allocations,
                         StringRef origin) {
  Assignment baseline = problem.getBaseline();
  std::vector<Assignment> batch;
  std::set<Assignment> seen;
  unsigned pruned = 0;
  for (const std::vector<unsigned> &bits : allocations) {
    Assignment next = baseline;
    for (unsigned u = 0; u < bits.size(); ++u) {
      if (!bits[u])
        continue;
      EdgeChoice choice = baseline[problem.getUnits()[u].edges.front()];
      choice.bits = bits[u];
      problem.setUnit(next, u, choice);
    }
    if (!problem.isFeasible(next)) {
      ++pruned;
      continue;
    }
    if (seen.insert(next).second)
      batch.push_back(std::move(next));
  }
  if (pruned)
    log << origin << ": " << pruned << " infeasible allocations pruned\n";
  llvm::Expected<std::vector<EvaluatedCandidate>> results =
      evaluator.evaluate(batch, origin);
  if (!results)
    return results.takeError();
  return llvm::Error::success();
}

/// `count` knob values spread over the sorted breakpoints `points`: below
/// the first, between neighbours (geometric mean), above the last; evenly
/// by index, first and last always included.
static std::vector<double> spreadKnobs(std::vector<double> points,
                                       unsigned count) {
  llvm::sort(points);
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::vector<double> knobs;
  if (points.empty())
    return {0.0};
  knobs.push_back(points.front() / 2);
  for (size_t i = 0; i + 1 < points.size(); ++i)
    knobs.push_back(std::sqrt(points[i] * points[i + 1]));
  knobs.push_back(points.back() * 2);
  if (count < 2 || knobs.size() <= count)
    return knobs;
  std::vector<double> chosen;
  for (unsigned k = 0; k < count; ++k)
    chosen.push_back(knobs[k * (knobs.size() - 1) / (count - 1)]);
  return chosen;
}

llvm::Error Run::noise() {
  unsigned b0 = probeBits();
  ArrayRef<SearchUnit> units = problem.getUnits();
  Assignment baseline = problem.getBaseline();
  evaluator.setExpectedTotal(1 + units.size() + options.frontPoints);
  llvm::Expected<std::vector<EvaluatedCandidate>> base =
      evaluator.evaluate({baseline}, "baseline");
  if (!base)
    return base.takeError();
  double baseLoss = base->front().metrics.sensitivity;
  llvm::Expected<Candidate> baseCandidate = problem.makeCandidate(baseline);
  if (!baseCandidate)
    return baseCandidate.takeError();

  // One probe per unit: weights get additive uniform noise of the b0-bit
  // step (variance step^2 / 12) and a pass-through quantizer; activation
  // units are quantized at b0 bits (they have no values to perturb).
  std::vector<Candidate> probes;
  for (unsigned u = 0; u < units.size(); ++u) {
    Candidate probe = *baseCandidate;
    std::mt19937_64 rng(options.seed * 1000003ULL + u);
    if (units[u].isWeight) {
      for (unsigned e : units[u].edges) {
        const SearchEdge &edge = problem.getEdges()[e];
        EdgeChoice choice = baseline[e];
        choice.bits = std::min(b0, edge.slotBits);
        llvm::Expected<std::vector<EdgeQuantParams>> params =
            problem.getWeightParams(e, choice);
        if (!params)
          return params.takeError();
        // The model's edge holds the weights.
        auto type = cast<RankedTensorType>(edge.op.getInput().getType());
        int64_t channels = params->size();
        int64_t axis = channels > 1 ? *edge.op.getAxis() : 0;
        int64_t inner = 1;
        for (int64_t d = axis + 1; d < type.getRank(); ++d)
          inner *= type.getDimSize(d);
        std::vector<float> weights;
        double maxAbs = 0;
        weights.resize(edge.numElements);
        DenseElementsAttr attr;
        if (!matchPattern(edge.op.getInput(), m_Constant(&attr)))
          return llvm::createStringError("weight edge without constant");
        int64_t k = 0;
        for (APFloat value : attr.getValues<APFloat>()) {
          bool losesInfo = false;
          value.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                        &losesInfo);
          double w = value.convertToDouble();
          int64_t c = channels > 1 ? (k / inner) % channels : 0;
          double step = (*params)[c].scale;
          // Uniform in [-step/2, step/2): 53 random bits.
          double u01 = static_cast<double>(rng() >> 11) * 0x1.0p-53;
          double noisy = w + (u01 - 0.5) * step;
          weights[k++] = static_cast<float>(noisy);
          maxAbs = std::max(maxAbs, std::abs(noisy));
        }
        EdgeArguments &args = probe[e];
        args.weights = std::move(weights);
        // Pass-through: a power-of-two scale 2^-24 below the largest
        // magnitude on a 32-bit grid.
        int exponent = maxAbs > 0 ? std::ilogb(maxAbs) + 1 : 0;
        args.scales = {static_cast<float>(std::ldexp(1.0, exponent - 24))};
        args.zeroPoints = {0};
        args.qmin = -(int64_t(1) << 31);
        args.qmax = (int64_t(1) << 31) - 1;
      }
    } else {
      Assignment quantized = baseline;
      EdgeChoice choice = baseline[units[u].edges.front()];
      choice.bits = std::min(b0, problem.getAllowedBits(u).empty()
                                     ? b0
                                     : problem.getAllowedBits(u).back());
      problem.setUnit(quantized, u, choice);
      llvm::Expected<Candidate> c = problem.makeCandidate(quantized);
      if (!c)
        return c.takeError();
      probe = std::move(*c);
    }
    probes.push_back(std::move(probe));
  }
  llvm::Expected<std::vector<Metrics>> probed = evaluator.evaluateRaw(probes);
  if (!probed)
    return probed.takeError();
  std::vector<double> sensitivity;
  for (unsigned u = 0; u < units.size(); ++u) {
    sensitivity.push_back(std::max((*probed)[u].sensitivity - baseLoss, 1e-12));
    log << llvm::formatv("noise: unit {0} ({1}) sensitivity {2:e3}\n", u,
                         units[u].name, sensitivity.back());
  }

  // Loss model: s_u * 4^(b0 - b) (noise power of a b-bit step); the knob
  // trades it against size. Breakpoints: where a unit moves by one bit.
  std::vector<std::vector<unsigned>> allowed;
  for (unsigned u = 0; u < units.size(); ++u)
    allowed.push_back(problem.getAllowedBits(u));
  auto penalty = [&](unsigned u, unsigned b) {
    return sensitivity[u] * std::pow(4.0, static_cast<double>(b0) - b);
  };
  std::vector<double> breakpoints;
  for (unsigned u = 0; u < units.size(); ++u)
    for (size_t i = 0; i + 1 < allowed[u].size(); ++i)
      breakpoints.push_back(
          (penalty(u, allowed[u][i]) - penalty(u, allowed[u][i + 1])) /
          (static_cast<double>(units[u].numElements) *
           (allowed[u][i + 1] - allowed[u][i])));
  std::vector<std::vector<unsigned>> allocations;
  for (double knob : spreadKnobs(breakpoints, options.frontPoints))
    allocations.push_back(allocate(allowed, penalty, knob));
  return evaluateAllocations(allocations, "noise-front");
}

llvm::Error Run::lagrangian() {
  unsigned b0 = probeBits();
  ArrayRef<SearchUnit> units = problem.getUnits();
  Assignment baseline = problem.getBaseline();
  evaluator.setExpectedTotal(1 + units.size() + options.frontPoints);
  llvm::Expected<std::vector<EvaluatedCandidate>> base =
      evaluator.evaluate({baseline}, "baseline");
  if (!base)
    return base.takeError();
  double baseLoss = base->front().metrics.sensitivity;

  // Per-unit error at b0 bits, measured by quantizing that unit alone.
  std::vector<std::vector<unsigned>> allowed;
  std::vector<Assignment> probes;
  for (unsigned u = 0; u < units.size(); ++u) {
    allowed.push_back(problem.getAllowedBits(u));
    Assignment probe = baseline;
    EdgeChoice choice = baseline[units[u].edges.front()];
    if (!allowed[u].empty())
      choice.bits =
          std::max(allowed[u].front(), std::min(b0, allowed[u].back()));
    problem.setUnit(probe, u, choice);
    probes.push_back(std::move(probe));
  }
  llvm::Expected<std::vector<EvaluatedCandidate>> probed =
      evaluator.evaluate(probes, "probe");
  if (!probed)
    return probed.takeError();
  std::vector<double> error;
  for (unsigned u = 0; u < units.size(); ++u)
    error.push_back(
        std::max((*probed)[u].metrics.sensitivity - baseLoss, 1e-12));
  auto modelError = [&](unsigned u, unsigned b) {
    return error[u] * std::pow(4.0, static_cast<double>(b0) - b);
  };

  // Budgets: geometric sweep of the total error; each unit's constraint
  // gets a share proportional to its size. Dual ascent on the per-unit
  // constraints modelError(u, b_u) <= eps_u: b_u minimizes
  // n_u b + lambda_u modelError(u, b), lambda_u grows while the constraint
  // is violated. The duals say how much the objective cares about a unit.
  double total = 0, totalElements = 0;
  for (unsigned u = 0; u < units.size(); ++u) {
    total += modelError(u, b0);
    totalElements += static_cast<double>(units[u].numElements);
  }
  double lowest = total;
  for (unsigned u = 0; u < units.size(); ++u)
    if (!allowed[u].empty())
      lowest = std::min(lowest, modelError(u, allowed[u].back()));
  unsigned points = std::max(2u, options.frontPoints);
  std::vector<std::vector<unsigned>> allocations;
  std::vector<double> reportDuals;
  for (unsigned k = 0; k < points; ++k) {
    double eps = lowest * std::pow(total * 4 / lowest,
                                   static_cast<double>(k) / (points - 1));
    std::vector<double> duals(units.size(), 1.0);
    std::vector<unsigned> bits(units.size(), 0);
    for (unsigned iteration = 0; iteration < 200; ++iteration) {
      for (unsigned u = 0; u < units.size(); ++u) {
        if (allowed[u].empty())
          continue;
        double share = eps * units[u].numElements / totalElements;
        double size = static_cast<double>(units[u].numElements);
        double bestValue = std::numeric_limits<double>::infinity();
        for (unsigned b : allowed[u]) {
          double value = size * b + duals[u] * modelError(u, b) / share;
          if (value < bestValue) {
            bestValue = value;
            bits[u] = b;
          }
        }
        double violation = modelError(u, bits[u]) / share - 1.0;
        duals[u] *= std::exp(0.25 * std::clamp(violation, -4.0, 4.0));
        duals[u] = std::clamp(duals[u], 1e-12, 1e12);
      }
    }
    allocations.push_back(bits);
    if (k == points / 2)
      reportDuals = duals;
  }
  std::vector<unsigned> ranking(units.size());
  for (unsigned u = 0; u < ranking.size(); ++u)
    ranking[u] = u;
  std::stable_sort(ranking.begin(), ranking.end(), [&](unsigned a, unsigned b) {
    return reportDuals[a] * error[a] > reportDuals[b] * error[b];
  });
  log << "lagrangian: units ranked by dual x error (keep higher precision "
         "first):";
  for (unsigned u : ranking)
    log << llvm::formatv(" {0}({1:e2})", units[u].name,
                         reportDuals[u] * error[u]);
  log << "\n";
  return evaluateAllocations(allocations, "lagrangian-front");
}

llvm::Error search::runStrategy(SearchProblem &problem, Evaluator &evaluator,
                                const StrategyOptions &options,
                                llvm::raw_ostream &log) {
  Run run{problem, evaluator, options, log};
  switch (options.kind) {
  case StrategyKind::Greedy:
    return run.greedy();
  case StrategyKind::Random:
    return run.random();
  case StrategyKind::Noise:
    return run.noise();
  case StrategyKind::Lagrangian:
    return run.lagrangian();
  }
  return llvm::Error::success();
}
