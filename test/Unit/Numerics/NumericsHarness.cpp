//===- NumericsHarness.cpp - simulated vs realized graphs -----------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "NumericsHarness.h"

#include "hwq/Calibration/Thresholds.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Target/TargetDescription.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"

#include <cmath>
#include <random>

using namespace mlir;
using namespace hwq;
using namespace hwq::test;
using runtime::ElementKind;
using runtime::Tensor;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<TargetAttr>
hwq::test::loadTargetVariant(StringRef path, const QuantizationVariant &variant,
                             MLIRContext *context) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path);
  if (!file)
    return makeError("cannot read " + path);
  std::string text = (*file)->getBuffer().str();
  auto rewrite = [&](StringRef key, unsigned bits) {
    if (!bits)
      return;
    // `key: u8` / `key: s7` -> `key: u<bits>` (floats and `none` untouched).
    llvm::Regex pattern(("(" + key + ": *)([us])[0-9]+").str());
    std::string result;
    StringRef rest = text;
    SmallVector<StringRef, 3> groups;
    while (pattern.match(rest, &groups)) {
      size_t at = groups[0].data() - rest.data();
      result += rest.substr(0, at).str() + groups[1].str() + groups[2].str() +
                std::to_string(bits);
      rest = rest.substr(at + groups[0].size());
    }
    text = result + rest.str();
  };
  rewrite("input", variant.activationBits);
  rewrite("output", variant.activationBits);
  rewrite("weight", variant.weightBits);
  // Alternatives that became equal (x86-avx2's u8 x s7 and u7 x s8) are
  // kept once: the format rejects repeated alternatives.
  std::string deduplicated;
  llvm::StringSet<> seen;
  SmallVector<StringRef> lines;
  StringRef(text).split(lines, '\n');
  for (StringRef line : lines) {
    StringRef trimmed = line.trim();
    if (trimmed.ends_with("alternatives:"))
      seen.clear();
    if (trimmed.starts_with("- {") && !seen.insert(trimmed).second)
      continue;
    deduplicated += line.str() + "\n";
  }
  text = deduplicated;
  std::string diagnostics;
  ScopedDiagnosticHandler handler(context, [&](Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return success();
  });
  FailureOr<TargetAttr> target = parseTargetDescription(text, path, context);
  if (failed(target))
    return makeError("target variant of " + path + ": " + diagnostics);
  return *target;
}

/// Runs `pm` on `module`; error with the diagnostics on failure or when a
/// warning or error was reported.
static llvm::Error runPasses(PassManager &pm, ModuleOp module, StringRef what) {
  std::string diagnostics;
  bool bad = false;
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Remark)
      return success();
    bad = true;
    diagnostics += d.str() + "\n";
    return success();
  });
  if (failed(pm.run(module)) || bad)
    return makeError(what + " failed: " + diagnostics);
  if (failed(verify(module)))
    return makeError(what + " produced invalid IR");
  return llvm::Error::success();
}

static func::FuncOp getMain(ModuleOp module) {
  return module.lookupSymbol<func::FuncOp>("main");
}

std::vector<Tensor> hwq::test::makeRandomInputs(ModuleOp module, uint64_t seed,
                                                double lo, double hi) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  std::vector<Tensor> inputs;
  for (Type type : getMain(module).getArgumentTypes()) {
    auto tensorType = cast<RankedTensorType>(type);
    Tensor tensor(ElementKind::F32, tensorType.getShape());
    for (int64_t i = 0; i < tensor.getNumElements(); ++i)
      tensor.setDouble(i, static_cast<float>(dist(rng)));
    inputs.push_back(std::move(tensor));
  }
  return inputs;
}

llvm::Expected<std::vector<Tensor>>
hwq::test::runReference(ModuleOp module, ArrayRef<Tensor> inputs) {
  std::string diagnostics;
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return success();
  });
  FailureOr<SmallVector<Tensor>> outputs =
      ref::evaluate(getMain(module), inputs);
  if (failed(outputs))
    return makeError("evaluation failed: " + diagnostics);
  return std::vector<Tensor>(std::make_move_iterator(outputs->begin()),
                             std::make_move_iterator(outputs->end()));
}

namespace {
/// Observed range of one edge, per channel along `axis` (one channel when
/// per-tensor).
struct EdgeRange {
  std::vector<double> lo, hi;
  void observe(size_t channel, double x) {
    lo[channel] = std::min(lo[channel], x);
    hi[channel] = std::max(hi[channel], x);
  }
};
} // namespace

/// Max calibration of every sim_quantize of @main (docs/Passes.md), per
/// channel along `axis`: the ranges of the edges' inputs over float runs of
/// the annotated graph (uncalibrated sim_quantize ops are the identity; a
/// weight edge's input is its constant) on `runs` random inputs.
static llvm::Error calibrate(ModuleOp module, TargetAttr target,
                             unsigned runs) {
  SmallVector<SimQuantizeOp> sims;
  getMain(module).walk([&](SimQuantizeOp op) { sims.push_back(op); });
  std::vector<EdgeRange> ranges(sims.size());
  for (auto [i, sim] : llvm::enumerate(sims)) {
    auto type = cast<RankedTensorType>(sim.getInput().getType());
    size_t channels = sim.getAxis() ? type.getDimSize(*sim.getAxis()) : 1;
    ranges[i].lo.assign(channels, INFINITY);
    ranges[i].hi.assign(channels, -INFINITY);
  }

  // Activations: a copy of the graph that also returns every edge's input.
  OwningOpRef<ModuleOp> probe = module.clone();
  SmallVector<SimQuantizeOp> probeSims;
  func::FuncOp probeMain = getMain(*probe);
  probeMain.walk([&](SimQuantizeOp op) { probeSims.push_back(op); });
  auto ret = cast<func::ReturnOp>(probeMain.getBody().front().getTerminator());
  unsigned numResults = ret.getNumOperands();
  SmallVector<Value> returned(ret.getOperands());
  for (SimQuantizeOp sim : probeSims)
    returned.push_back(sim.getInput());
  ret->setOperands(returned);
  probeMain.setType(FunctionType::get(module.getContext(),
                                      probeMain.getArgumentTypes(),
                                      ValueRange(returned).getTypes()));
  for (unsigned run = 0; run < runs; ++run) {
    std::vector<Tensor> inputs = makeRandomInputs(*probe, 1000 + run, -3, 3);
    llvm::Expected<std::vector<Tensor>> outputs = runReference(*probe, inputs);
    if (!outputs)
      return outputs.takeError();
    for (auto [i, sim] : llvm::enumerate(sims)) {
      const Tensor &t = (*outputs)[numResults + i];
      ArrayRef<int64_t> shape = t.getShape();
      std::optional<uint64_t> axis = sim.getAxis();
      int64_t inner = 1;
      if (axis)
        for (size_t d = *axis + 1; d < shape.size(); ++d)
          inner *= shape[d];
      for (int64_t e = 0; e < t.getNumElements(); ++e)
        ranges[i].observe(axis ? (e / inner) % shape[*axis] : 0,
                          t.getDouble(e));
    }
  }

  SchemeAttr scheme = target.getScheme();
  for (auto [i, sim] : llvm::enumerate(sims)) {
    auto role = sim->getAttrOfType<StringAttr>(kRoleAttrName);
    bool isWeight = role && role.getValue() == kRoleWeight;
    QuantSpec spec;
    spec.grid =
        IntegerGrid{sim.getBits(), sim.getIsSigned(), sim.getNarrowRange()};
    spec.symmetric = isWeight ? scheme.getSymmetricWeights().getValue()
                              : scheme.getSymmetricActivations().getValue();
    spec.powerOfTwo = scheme.getPowerOfTwoScales().getValue();
    SmallVector<float> scales;
    SmallVector<int32_t> zeroPoints;
    for (size_t c = 0; c < ranges[i].lo.size(); ++c) {
      hwq::Range range{std::min(ranges[i].lo[c], 0.0),
                       std::max(ranges[i].hi[c], 0.0)};
      if (spec.symmetric) {
        double t = std::max(std::fabs(range.lo), std::fabs(range.hi));
        range = hwq::Range{sim.getIsSigned() ? -t : 0.0, t};
      }
      llvm::Expected<hwq::EdgeQuantParams> params = computeQuantParams(range, spec);
      if (!params)
        return params.takeError();
      scales.push_back(static_cast<float>(params->scale));
      zeroPoints.push_back(static_cast<int32_t>(params->zeroPoint));
    }
    OpBuilder builder(sim);
    int64_t n = scales.size();
    auto scaleType = n == 1 ? RankedTensorType::get({}, builder.getF32Type())
                            : RankedTensorType::get({n}, builder.getF32Type());
    auto zpType = n == 1 ? RankedTensorType::get({}, builder.getI32Type())
                         : RankedTensorType::get({n}, builder.getI32Type());
    Value scale = arith::ConstantOp::create(
        builder, sim.getLoc(), scaleType,
        DenseElementsAttr::get(scaleType, ArrayRef<float>(scales)));
    Value zeroPoint = arith::ConstantOp::create(
        builder, sim.getLoc(), zpType,
        DenseElementsAttr::get(zpType, ArrayRef<int32_t>(zeroPoints)));
    sim.getScaleMutable().assign(scale);
    sim.getZeroPointMutable().assign(zeroPoint);
  }
  return llvm::Error::success();
}

llvm::Expected<PreparedGraph>
hwq::test::prepareGraph(StringRef graph, TargetAttr target,
                        const QuantizationVariant &variant,
                        MLIRContext *context, unsigned calibrationRuns) {
  PreparedGraph result;
  {
    std::string diagnostics;
    ScopedDiagnosticHandler handler(context, [&](Diagnostic &d) {
      diagnostics += d.str() + "\n";
      return success();
    });
    result.simulated = parseSourceString<ModuleOp>(graph, context);
    if (!result.simulated)
      return makeError("cannot parse the generated graph: " + diagnostics);
  }
  ModuleOp module = *result.simulated;
  module->setAttr(HwqDialect::getTargetAttrName(), target);

  PassManager annotate(context);
  HwqAnnotatePassOptions options;
  options.perChannel = variant.perChannel;
  options.remarks = false;
  annotate.addPass(createHwqAnnotatePass(options));
  if (llvm::Error error = runPasses(annotate, module, "hwq-annotate"))
    return std::move(error);
  if (llvm::Error error = calibrate(module, target, calibrationRuns))
    return std::move(error);

  PassManager exact(context);
  exact.addPass(createHwqExactSimPass());
  if (llvm::Error error = runPasses(exact, module, "hwq-exact-sim"))
    return std::move(error);

  result.realized = module.clone();
  PassManager realize(context);
  realize.addPass(createHwqRealizePass());
  if (llvm::Error error = runPasses(realize, *result.realized, "hwq-realize"))
    return std::move(error);
  // The realized graph must be integer-only between its boundaries.
  WalkResult leftover = result.realized->walk([](Operation *op) {
    return isa<SimQuantizeOp>(op) || op->hasAttr(kConfigAttrName)
               ? WalkResult::interrupt()
               : WalkResult::advance();
  });
  if (leftover.wasInterrupted())
    return makeError("hwq-realize left simulated or annotated ops");
  return std::move(result);
}

size_t hwq::test::countDifferences(ArrayRef<Tensor> expected,
                                   ArrayRef<Tensor> actual,
                                   std::string *firstDiff) {
  size_t differences = 0;
  auto note = [&](const std::string &text) {
    if (firstDiff && firstDiff->empty())
      *firstDiff = text;
  };
  if (expected.size() != actual.size()) {
    note("different numbers of results");
    return std::max<size_t>(1, expected.size() + actual.size());
  }
  for (auto [r, pair] : llvm::enumerate(llvm::zip(expected, actual))) {
    const Tensor &a = std::get<0>(pair);
    const Tensor &b = std::get<1>(pair);
    if (a.getKind() != b.getKind() || a.getShape() != b.getShape()) {
      note("result #" + std::to_string(r) + ": kind or shape differs");
      differences += std::max(a.getNumElements(), b.getNumElements());
      continue;
    }
    for (int64_t i = 0; i < a.getNumElements(); ++i) {
      double x = a.getDouble(i), y = b.getDouble(i);
      if (x == y || (std::isnan(x) && std::isnan(y)))
        continue;
      ++differences;
      note("result #" + std::to_string(r) + " element " + std::to_string(i) +
           ": simulated " + std::to_string(x) + ", realized " +
           std::to_string(y));
    }
  }
  return differences;
}

bool hwq::test::perturbRealizedWeight(ModuleOp module) {
  bool done = false;
  module.walk([&](tosa::ConstOp op) {
    auto type = cast<RankedTensorType>(op.getType());
    auto element = dyn_cast<quant::QuantizedType>(type.getElementType());
    auto values = dyn_cast<DenseElementsAttr>(op.getValues());
    if (done || !element || !values || type.getNumElements() < 2)
      return;
    SmallVector<APInt> ints(values.getValues<APInt>());
    int64_t q = element.isSigned()
                    ? ints[0].getSExtValue()
                    : static_cast<int64_t>(ints[0].getZExtValue());
    int64_t range = element.getStorageTypeMax() - element.getStorageTypeMin();
    int64_t step = std::max<int64_t>(1, range / 2);
    int64_t changed =
        q + step <= element.getStorageTypeMax() ? q + step : q - step;
    ints[0] = APInt(ints[0].getBitWidth(), static_cast<uint64_t>(changed),
                    element.isSigned(), /*implicitTrunc=*/true);
    op.setValuesAttr(DenseElementsAttr::get(values.getType(), ints));
    done = true;
  });
  return done;
}
