//===- Card.cpp - the quantization card: measurement and writers -*- C++
//-*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// buildCard reads the annotation of a calibrated simulated module and
// measures, with the reference evaluator, every named edge of the simulated
// model against the float model (a clone without sim_quantize ops) on the
// given samples: SQNR per edge (accumulated and local) and accuracy float vs
// quantized. The writers turn the card into JSON and Markdown with inline
// SVG (docs/Strategy.md, "Quantization card").
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Card.h"

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/OpKinds.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/Dataset.h"
#include "hwq/Search/Svg.h"
#include "hwq/Target/TargetDescription.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>
#include <cstdio>

using namespace mlir;
using namespace hwq;

//===----------------------------------------------------------------------===//
// Pareto files
//===----------------------------------------------------------------------===//

llvm::Expected<std::vector<ParetoPoint>> hwq::parsePareto(StringRef text,
                                                          StringRef name) {
  auto fail = [&](const Twine &where, const Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   name + ": at " + where + ": " + message);
  };
  llvm::Expected<llvm::json::Value> root = llvm::json::parse(text);
  if (!root)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        name + ": invalid JSON: " + llvm::toString(root.takeError()));
  const llvm::json::Object *object = root->getAsObject();
  const llvm::json::Array *list = object ? object->getArray("points") : nullptr;
  if (!list)
    return fail("the top level", "expected {\"points\": [...]}");
  std::vector<ParetoPoint> points;
  for (auto [i, value] : llvm::enumerate(*list)) {
    std::string where = "points[" + std::to_string(i) + "]";
    const llvm::json::Object *entry = value.getAsObject();
    if (!entry)
      return fail(where, "expected an object");
    for (const auto &[key, unused] : *entry)
      if (!llvm::is_contained({"label", "accuracy", "latency_us", "size_bits",
                               "on_front", "chosen"},
                              StringRef(key)))
        return fail(where, "unknown key '" + StringRef(key) +
                               "'; expected one of label, accuracy, "
                               "latency_us, size_bits, on_front, chosen");
    ParetoPoint point;
    if (std::optional<StringRef> label = entry->getString("label"))
      point.label = label->str();
    std::optional<double> accuracy = entry->getNumber("accuracy");
    if (!accuracy)
      return fail(where, "missing number 'accuracy'");
    point.accuracy = *accuracy;
    point.latencyUs = entry->getNumber("latency_us");
    point.sizeBits = entry->getNumber("size_bits");
    if (entry->get("latency_us") && !point.latencyUs)
      return fail(where + ".latency_us", "expected a number");
    if (entry->get("size_bits") && !point.sizeBits)
      return fail(where + ".size_bits", "expected a number");
    point.onFront = entry->getBoolean("on_front").value_or(true);
    point.chosen = entry->getBoolean("chosen").value_or(false);
    points.push_back(std::move(point));
  }
  return points;
}

llvm::Expected<std::vector<ParetoPoint>> hwq::readParetoFile(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   "cannot open Pareto file '" + path +
                                       "': " + buffer.getError().message());
  return parsePareto((*buffer)->getBuffer(), path);
}

//===----------------------------------------------------------------------===//
// Reading the module
//===----------------------------------------------------------------------===//

namespace {

bool isPassThroughKind(StringRef kind) {
  return llvm::is_contained(
      {"clamp", "reshape", "transpose", "max_pool2d", "pad", "concat"}, kind);
}

/// Bits of the grid `value` lies on (through exact-sim's intermediate grids
/// and quantized pass-through ops).
std::optional<unsigned> getGridBits(Value value) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return std::nullopt;
  if (auto sim = dyn_cast<SimQuantizeOp>(def)) {
    auto role = sim->getAttrOfType<StringAttr>(kRoleAttrName);
    if (role &&
        (role.getValue() == kRoleAddInput || role.getValue() == kRoleSnap))
      return getGridBits(sim.getInput());
    return sim.getBits();
  }
  auto kind = def->getAttrOfType<StringAttr>(kKindAttrName);
  if (kind && def->hasAttr(kConfigAttrName) &&
      isPassThroughKind(kind.getValue()) && def->getNumOperands())
    return getGridBits(def->getOperand(0));
  return std::nullopt;
}

std::vector<double> getDoubles(Value value) {
  std::vector<double> out;
  DenseElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return out;
  if (isa<FloatType>(attr.getElementType()))
    for (APFloat v : attr.getValues<APFloat>())
      out.push_back(v.convertToDouble());
  else
    for (APInt v : attr.getValues<APInt>())
      out.push_back(static_cast<double>(v.getSExtValue()));
  return out;
}

std::string spellConfig(DTypeConfigAttr config) {
  std::string text = getDTypeSpelling(config.getInput());
  if (!isa<NoneType>(config.getWeight()))
    text += " x " + getDTypeSpelling(config.getWeight()) + " -> " +
            getDTypeSpelling(config.getAccumulator());
  return text + " -> " + getDTypeSpelling(config.getOutput());
}

/// Multiply-accumulates of a contraction node.
std::optional<int64_t> getMacs(Operation *op, StringRef kind) {
  if (op->getNumOperands() < 2 || op->getNumResults() != 1)
    return std::nullopt;
  auto weight = dyn_cast<RankedTensorType>(op->getOperand(1).getType());
  auto result = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!weight || !result || !weight.hasStaticShape() ||
      !result.hasStaticShape() || weight.getRank() < 3)
    return std::nullopt;
  ArrayRef<int64_t> w = weight.getShape();
  int64_t outputs = result.getNumElements();
  if (kind == "conv2d")
    return outputs * w[1] * w[2] * w[3];
  if (kind == "depthwise_conv2d")
    return outputs * w[0] * w[1];
  if (kind == "matmul")
    return outputs * w[w.size() - 2];
  return std::nullopt;
}

FailureOr<func::FuncOp> findFunction(ModuleOp module, StringRef name) {
  if (!name.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (!func || func.isExternal())
      return module.emitError("quantization card: no function @")
             << name << " with a body";
    return func;
  }
  func::FuncOp found;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal()) {
      if (found)
        return module.emitError("quantization card: several public "
                                "functions; choose one with function=NAME");
      found = func;
    }
  if (!found)
    return module.emitError("quantization card: no public function");
  return found;
}

/// Sums of one edge's SQNR over all samples.
struct NoiseSums {
  double signal = 0, noise = 0, localSignal = 0, localNoise = 0;
};

std::optional<double> toDb(double signal, double noise) {
  if (!(noise > 0) || !(signal > 0))
    return std::nullopt;
  return 10.0 * std::log10(signal / noise);
}

/// The bounds of the clamps that are the only readers of `op` (a fused
/// ReLU / ReLU6), as hwq-calibrate's fold-clamps sees them.
std::optional<std::pair<double, double>> getFusedClamp(SimQuantizeOp op) {
  std::optional<std::pair<double, double>> bounds;
  for (Operation *user : op->getUsers()) {
    auto clamp = dyn_cast<tosa::ClampOp>(user);
    auto lo = clamp ? dyn_cast<FloatAttr>(clamp.getMinValAttr()) : nullptr;
    auto hi = clamp ? dyn_cast<FloatAttr>(clamp.getMaxValAttr()) : nullptr;
    if (!lo || !hi)
      return std::nullopt;
    std::pair<double, double> these = {lo.getValueAsDouble(),
                                       hi.getValueAsDouble()};
    if (bounds && *bounds != these)
      return std::nullopt;
    bounds = these;
  }
  return bounds;
}

int64_t argmax(const runtime::Tensor &tensor) {
  int64_t best = 0;
  for (int64_t i = 1, e = tensor.getNumElements(); i < e; ++i)
    if (tensor.getDouble(i) > tensor.getDouble(best))
      best = i;
  return best;
}

} // namespace

/// Runs the float and the simulated model on the samples and fills SQNR
/// and accuracy.
static LogicalResult measure(func::FuncOp func, const CardOptions &options,
                             ArrayRef<SimQuantizeOp> sims, Card &card) {
  llvm::Expected<runtime::Dataset> dataset =
      runtime::Dataset::open(options.data);
  if (!dataset)
    return func.emitError("quantization card: ")
           << llvm::toString(dataset.takeError());
  llvm::Expected<runtime::SampleRange> range =
      runtime::parseSampleRange(options.range, dataset->size());
  if (!range)
    return func.emitError("quantization card: ")
           << llvm::toString(range.takeError());
  SmallVector<runtime::InputSignature> signature;
  for (Type type : func.getArgumentTypes()) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    FailureOr<runtime::ElementKind> kind =
        tensor ? ref::getRuntimeElementKind(tensor.getElementType())
               : FailureOr<runtime::ElementKind>(failure());
    if (failed(kind) || !tensor.hasStaticShape())
      return func.emitError("quantization card: argument type ")
             << type << " cannot be fed from a dataset";
    signature.push_back({*kind, SmallVector<int64_t, 4>(tensor.getShape())});
  }

  // The float model: a clone without sim_quantize ops; each edge observes
  // the clone's value of its input (through chained sim_quantize ops).
  IRMapping mapping;
  auto parent = func->getParentOfType<ModuleOp>();
  OwningOpRef<ModuleOp> floatModule(cast<ModuleOp>(parent->clone(mapping)));
  auto floatFunc = floatModule->lookupSymbol<func::FuncOp>(func.getSymName());
  DenseMap<Value, SmallVector<unsigned, 1>> floatObservers, simObservers,
      localObservers;
  for (auto [i, constSim] : llvm::enumerate(sims)) {
    SimQuantizeOp sim = constSim;
    Value value = mapping.lookup(sim.getInput());
    while (auto producer = value.getDefiningOp<SimQuantizeOp>())
      value = producer.getInput();
    floatObservers[value].push_back(i);
    simObservers[sim.getOutput()].push_back(i);
    localObservers[sim.getInput()].push_back(i);
  }
  SmallVector<SimQuantizeOp> cloneSims;
  floatFunc.walk([&](SimQuantizeOp op) { cloneSims.push_back(op); });
  for (SimQuantizeOp op : cloneSims) {
    op.getOutput().replaceAllUsesWith(op.getInput());
    op.erase();
  }

  size_t count = sims.size();
  // An edge read only by a clamp is compared after the clamp: values the
  // clamp removes anyway are no quantization error.
  std::vector<std::optional<std::pair<double, double>>> clamps;
  for (SimQuantizeOp sim : sims)
    clamps.push_back(getFusedClamp(sim));
  std::vector<std::vector<double>> floatValues(count), localValues(count);
  std::vector<NoiseSums> sums(count);
  ref::EvaluateOptions floatOptions, simOptions;
  floatOptions.observer = [&](Value value, ArrayRef<int64_t>,
                              ArrayRef<double> values) {
    auto it = floatObservers.find(value);
    if (it != floatObservers.end())
      for (unsigned i : it->second)
        floatValues[i].assign(values.begin(), values.end());
  };
  simOptions.observer = [&](Value value, ArrayRef<int64_t>,
                            ArrayRef<double> values) {
    if (auto it = localObservers.find(value); it != localObservers.end())
      for (unsigned i : it->second)
        localValues[i].assign(values.begin(), values.end());
    auto it = simObservers.find(value);
    if (it == simObservers.end())
      return;
    for (unsigned i : it->second) {
      NoiseSums &s = sums[i];
      const std::vector<double> &f = floatValues[i];
      const std::vector<double> &x = localValues[i];
      auto clamp = [&](double v) {
        return clamps[i] ? std::clamp(v, clamps[i]->first, clamps[i]->second)
                         : v;
      };
      for (size_t k = 0; k < values.size(); ++k) {
        double q = clamp(values[k]);
        if (k < f.size() && std::isfinite(f[k]) && std::isfinite(q)) {
          double fk = clamp(f[k]);
          s.signal += fk * fk;
          s.noise += (fk - q) * (fk - q);
        }
        if (k < x.size() && std::isfinite(x[k]) && std::isfinite(q)) {
          double xk = clamp(x[k]);
          s.localSignal += xk * xk;
          s.localNoise += (xk - q) * (xk - q);
        }
      }
    }
  };
  std::unique_ptr<runtime::Engine> floatEngine =
      ref::createReferenceEngine(floatOptions);
  std::unique_ptr<runtime::Engine> simEngine =
      ref::createReferenceEngine(simOptions);
  if (failed(floatEngine->prepare(floatFunc)) ||
      failed(simEngine->prepare(func)))
    return failure();

  int64_t labelled = 0, floatCorrect = 0, simCorrect = 0, agree = 0;
  for (size_t index = range->begin; index < range->end; ++index) {
    llvm::Expected<runtime::Sample> sample = dataset->getSample(index);
    if (!sample)
      return func.emitError("quantization card: ")
             << llvm::toString(sample.takeError());
    if (llvm::Error error = runtime::conformSample(*sample, signature))
      return func.emitError("quantization card: ")
             << llvm::toString(std::move(error));
    FailureOr<SmallVector<runtime::Tensor>> floatOut =
        floatEngine->run(sample->inputs);
    if (failed(floatOut))
      return func.emitError("quantization card: the float model failed on "
                            "sample ")
             << index;
    FailureOr<SmallVector<runtime::Tensor>> simOut =
        simEngine->run(sample->inputs);
    if (failed(simOut))
      return func.emitError("quantization card: the quantized model failed "
                            "on sample ")
             << index;
    if (floatOut->empty() || simOut->empty())
      continue;
    int64_t f = argmax(floatOut->front()), q = argmax(simOut->front());
    agree += f == q;
    if (sample->label) {
      ++labelled;
      floatCorrect += f == *sample->label;
      simCorrect += q == *sample->label;
    }
  }
  int64_t samples = static_cast<int64_t>(range->size());
  card.evalSamples = samples;
  card.agreement = static_cast<double>(agree) / samples;
  if (labelled) {
    card.floatAccuracy = static_cast<double>(floatCorrect) / labelled;
    card.quantizedAccuracy = static_cast<double>(simCorrect) / labelled;
  }
  for (auto [i, edge] : llvm::enumerate(card.edges)) {
    edge.sqnrDb = toDb(sums[i].signal, sums[i].noise);
    edge.localSqnrDb = toDb(sums[i].localSignal, sums[i].localNoise);
  }
  return success();
}

FailureOr<Card> hwq::buildCard(ModuleOp module, const CardOptions &options) {
  auto target = TargetAttr::lookup(module);
  if (!target)
    return module.emitError("quantization card: the module has no "
                            "#hwq.target");
  FailureOr<func::FuncOp> func = findFunction(module, options.function);
  if (failed(func))
    return failure();
  Card card;
  card.model = options.model;
  card.target = target.getName().str();
  card.triple = target.getTriple().str();
  if (options.strategy)
    card.strategy = *options.strategy;
  card.strategy.target = card.target;
  card.pareto = options.pareto;
  card.evalData = options.data;
  card.evalRange = options.range;

  llvm::StringMap<std::string> kindOfNode;
  func->walk([&](Operation *op) {
    auto name = op->getAttrOfType<StringAttr>(kNodeAttrName);
    auto kind = op->getAttrOfType<StringAttr>(kKindAttrName);
    if (!name || !kind)
      return;
    kindOfNode[name.getValue()] = kind.getValue().str();
    CardLayer layer;
    layer.name = name.getValue().str();
    layer.kind = kind.getValue().str();
    if (auto config = op->getAttrOfType<DTypeConfigAttr>(kConfigAttrName)) {
      layer.quantized = true;
      layer.config = spellConfig(config);
      if (auto index = op->getAttrOfType<IntegerAttr>(kAlternativeAttrName))
        layer.alternative = index.getInt();
      if (op->getNumOperands())
        layer.inputBits = getGridBits(op->getOperand(0));
      if (opKindHasWeights(layer.kind) && op->getNumOperands() > 1)
        layer.weightBits = getGridBits(op->getOperand(1));
      for (Operation *user : op->getUsers())
        if (auto sim = dyn_cast<SimQuantizeOp>(user))
          if (auto role = sim->getAttrOfType<StringAttr>(kRoleAttrName);
              role && role.getValue() == kRoleOutput)
            layer.outputBits = sim.getBits();
      if (!layer.outputBits && isPassThroughKind(layer.kind))
        layer.outputBits = layer.inputBits;
    }
    layer.macs = getMacs(op, layer.kind);
    card.layers.push_back(std::move(layer));
  });

  SmallVector<SimQuantizeOp> sims;
  double weightBits = 0, weightElements = 0;
  func->walk([&](SimQuantizeOp sim) {
    auto name = sim->getAttrOfType<StringAttr>(kEdgeAttrName);
    if (!name)
      return;
    sims.push_back(sim);
    CardEdge edge;
    edge.name = name.getValue().str();
    edge.node = name.getValue().split('.').first.str();
    edge.kind = kindOfNode.lookup(edge.node);
    if (auto role = sim->getAttrOfType<StringAttr>(kRoleAttrName))
      edge.role = role.getValue().str();
    edge.bits = sim.getBits();
    edge.isSigned = sim.getIsSigned();
    edge.narrowRange = sim.getNarrowRange();
    edge.granularity =
        sim.getAxis() ? Granularity::PerChannel : Granularity::PerTensor;
    if (auto method = sim->getAttrOfType<StringAttr>(kMethodAttrName))
      edge.method = method.getValue().str();
    else
      edge.method =
          edge.role == kRoleWeight ? options.weightMethod : options.method;
    if (auto percentile = sim->getAttrOfType<FloatAttr>(kPercentileAttrName))
      edge.percentile = percentile.getValueAsDouble();
    edge.scales = getDoubles(sim.getScale());
    for (double z : getDoubles(sim.getZeroPoint()))
      edge.zeroPoints.push_back(static_cast<int64_t>(z));
    if (edge.role == kRoleWeight) {
      double elements =
          cast<RankedTensorType>(sim.getInput().getType()).getNumElements();
      weightBits += elements * edge.bits;
      weightElements += elements;
    }
    card.edges.push_back(std::move(edge));
  });
  if (weightElements > 0)
    card.averageWeightBits = weightBits / weightElements;
  // Output edges found by name (hwq-exact-sim separates an average pool
  // from its output edge).
  for (CardLayer &layer : card.layers)
    if (layer.quantized && !layer.outputBits)
      for (const CardEdge &edge : card.edges)
        if (edge.name == layer.name + ".output")
          layer.outputBits = edge.bits;

  if (!options.data.empty()) {
    if (failed(measure(*func, options, sims, card)))
      return failure();
  } else {
    // Without data, the weights' SQNR still follows from their constants.
    for (auto [i, constSim] : llvm::enumerate(sims)) {
      SimQuantizeOp sim = constSim;
      if (card.edges[i].role != kRoleWeight)
        continue;
      std::vector<double> x = getDoubles(sim.getInput());
      if (x.empty() || !sim.isCalibrated())
        continue;
      // The sim_quantize semantics (no acc_scale) on the constant: round
      // half to even, clamp, dequantize.
      std::vector<double> scales = getDoubles(sim.getScale());
      std::vector<double> zps = getDoubles(sim.getZeroPoint());
      auto type = cast<RankedTensorType>(sim.getInput().getType());
      int64_t axis = sim.getAxis() ? static_cast<int64_t>(*sim.getAxis()) : -1;
      int64_t inner = 1;
      if (axis >= 0)
        for (int64_t d = axis + 1; d < type.getRank(); ++d)
          inner *= type.getShape()[d];
      double signal = 0, noise = 0;
      for (size_t k = 0; k < x.size(); ++k) {
        size_t c = axis >= 0 ? (k / inner) % type.getShape()[axis] : 0;
        double s = scales[scales.size() == 1 ? 0 : c];
        double z = zps[zps.size() == 1 ? 0 : c];
        double q = std::nearbyint(x[k] / s) + z;
        q = std::min<double>(std::max<double>(q, sim.getQMin()), sim.getQMax());
        double y = (q - z) * s;
        signal += x[k] * x[k];
        noise += (x[k] - y) * (x[k] - y);
      }
      card.edges[i].sqnrDb = card.edges[i].localSqnrDb = toDb(signal, noise);
    }
  }
  return card;
}

//===----------------------------------------------------------------------===//
// Writers
//===----------------------------------------------------------------------===//

/// Doubles with 17 significant digits, integers without a fraction.
static void writeJsonNumber(llvm::json::OStream &json, double value) {
  if (!std::isfinite(value)) {
    json.value(nullptr);
    return;
  }
  if (std::nearbyint(value) == value && std::fabs(value) < 9.0e15) {
    json.value(static_cast<int64_t>(value));
    return;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  json.rawValue(buffer);
}

static void writeOptional(llvm::json::OStream &json, StringRef key,
                          std::optional<double> value) {
  json.attributeBegin(key);
  if (value)
    writeJsonNumber(json, *value);
  else
    json.value(nullptr);
  json.attributeEnd();
}

void hwq::writeCardJson(const Card &card, llvm::raw_ostream &os) {
  llvm::json::OStream json(os, 2);
  const Strategy &strategy = card.strategy;
  json.object([&] {
    json.attribute("format", "hwq-card");
    json.attribute("version", 1);
    json.attribute("model", card.model);
    json.attributeObject("target", [&] {
      json.attribute("name", card.target);
      json.attribute("triple", card.triple);
    });
    json.attributeObject("strategy", [&] {
      if (strategy.seed)
        json.attribute("seed", static_cast<int64_t>(*strategy.seed));
      json.attribute("objective", strategy.objective);
    });
    json.attributeObject("calibration", [&] {
      json.attribute("data", strategy.calibration.data);
      json.attribute("range", strategy.calibration.range);
      if (strategy.calibration.samples)
        json.attribute("samples", *strategy.calibration.samples);
      json.attribute("method", strategy.calibration.method);
      json.attribute("weight_method", strategy.calibration.weightMethod);
    });
    json.attributeObject("evaluation", [&] {
      json.attribute("data", card.evalData);
      json.attribute("range", card.evalRange);
      json.attribute("samples", card.evalSamples);
      writeOptional(json, "float_accuracy", card.floatAccuracy);
      writeOptional(json, "quantized_accuracy", card.quantizedAccuracy);
      writeOptional(json, "agreement", card.agreement);
    });
    writeOptional(json, "average_weight_bits", card.averageWeightBits);
    json.attributeObject("figures", [&] {
      for (const auto &[name, value] : strategy.figures) {
        json.attributeBegin(name);
        writeJsonNumber(json, value);
        json.attributeEnd();
      }
    });
    json.attributeArray("layers", [&] {
      for (const CardLayer &layer : card.layers)
        json.object([&] {
          json.attribute("name", layer.name);
          json.attribute("kind", layer.kind);
          json.attribute("quantized", layer.quantized);
          if (layer.alternative)
            json.attribute("alternative", *layer.alternative);
          if (!layer.config.empty())
            json.attribute("config", layer.config);
          auto bits = [&](StringRef key, std::optional<unsigned> value) {
            if (value)
              json.attribute(key, static_cast<int64_t>(*value));
          };
          bits("input_bits", layer.inputBits);
          bits("weight_bits", layer.weightBits);
          bits("output_bits", layer.outputBits);
          if (layer.macs)
            json.attribute("macs", *layer.macs);
        });
    });
    json.attributeArray("tensors", [&] {
      for (const CardEdge &edge : card.edges)
        json.object([&] {
          json.attribute("name", edge.name);
          json.attribute("role", edge.role);
          json.attribute("node", edge.node);
          json.attribute("kind", edge.kind);
          json.attribute("bits", static_cast<int64_t>(edge.bits));
          json.attribute("signed", edge.isSigned);
          json.attribute("narrow_range", edge.narrowRange);
          json.attribute("granularity", stringifyGranularity(edge.granularity));
          json.attribute("method", edge.method);
          if (edge.percentile)
            writeOptional(json, "percentile", edge.percentile);
          json.attributeArray("scales", [&] {
            for (double s : edge.scales)
              writeJsonNumber(json, s);
          });
          json.attributeArray("zero_points", [&] {
            for (int64_t z : edge.zeroPoints)
              json.value(z);
          });
          writeOptional(json, "sqnr_db", edge.sqnrDb);
          writeOptional(json, "local_sqnr_db", edge.localSqnrDb);
        });
    });
    json.attributeArray("pareto", [&] {
      for (const ParetoPoint &point : card.pareto)
        json.object([&] {
          json.attribute("label", point.label);
          writeOptional(json, "accuracy", point.accuracy);
          writeOptional(json, "latency_us", point.latencyUs);
          writeOptional(json, "size_bits", point.sizeBits);
          json.attribute("on_front", point.onFront);
          json.attribute("chosen", point.chosen);
        });
    });
  });
  os << "\n";
}

/// "12.34" or "-" for Markdown tables.
static std::string fmt(std::optional<double> value, const char *format) {
  if (!value)
    return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), format, *value);
  return buffer;
}

static std::string percent(std::optional<double> value) {
  return value ? fmt(*value * 100.0, "%.2f%%") : "-";
}

void hwq::writeCardMarkdown(const Card &card, llvm::raw_ostream &os) {
  const Strategy &strategy = card.strategy;
  os << "# Quantization card" << (card.model.empty() ? "" : ": ") << card.model
     << "\n\n";
  os << "| | |\n|---|---|\n";
  os << "| target | `" << card.target << "` (" << card.triple << ") |\n";
  if (!strategy.objective.empty())
    os << "| search objective | " << strategy.objective << " |\n";
  if (strategy.seed)
    os << "| seed | " << *strategy.seed << " |\n";
  const CalibrationInfo &cal = strategy.calibration;
  os << "| calibration | "
     << (cal.data.empty() ? std::string("-") : "`" + cal.data + "`")
     << (cal.range.empty() ? "" : " samples " + cal.range)
     << (cal.samples ? " (" + std::to_string(*cal.samples) + " samples)" : "")
     << "; activations `" << (cal.method.empty() ? "max" : cal.method)
     << "`, weights `" << (cal.weightMethod.empty() ? "max" : cal.weightMethod)
     << "` |\n";
  os << "| evaluation | "
     << (card.evalData.empty() ? std::string("-")
                               : "`" + card.evalData + "` " + card.evalRange)
     << " (" << card.evalSamples << " samples) |\n";
  os << "| accuracy float | " << percent(card.floatAccuracy) << " |\n";
  os << "| accuracy quantized | " << percent(card.quantizedAccuracy) << " |\n";
  os << "| agreement (top-1 equal) | " << percent(card.agreement) << " |\n";
  os << "| average weight bits | " << fmt(card.averageWeightBits, "%.3f")
     << " |\n";
  for (const auto &[name, value] : strategy.figures)
    os << "| " << name << " | " << fmt(value, "%.6g") << " |\n";

  os << "\n## Layers\n\n| node | kind | alternative | input | weight | "
        "output | MACs |\n|---|---|---|---|---|---|---|\n";
  std::vector<std::string> categories;
  svg::BarSeries inputs{"input bits", {}}, weights{"weight bits", {}},
      outputs{"output bits", {}};
  auto bits = [](std::optional<unsigned> b) {
    return b ? std::to_string(*b) : std::string("-");
  };
  auto toDouble = [](std::optional<unsigned> b) -> std::optional<double> {
    if (!b)
      return std::nullopt;
    return static_cast<double>(*b);
  };
  for (const CardLayer &layer : card.layers) {
    os << "| " << layer.name << " | " << layer.kind << " | "
       << (layer.quantized ? std::to_string(layer.alternative.value_or(-1)) +
                                 ": `" + layer.config + "`"
                           : std::string("float"))
       << " | " << bits(layer.inputBits) << " | " << bits(layer.weightBits)
       << " | " << bits(layer.outputBits) << " | "
       << (layer.macs ? std::to_string(*layer.macs) : std::string("-"))
       << " |\n";
    if (!layer.quantized)
      continue;
    categories.push_back(layer.name + " " + layer.kind);
    inputs.values.push_back(toDouble(layer.inputBits));
    weights.values.push_back(toDouble(layer.weightBits));
    outputs.values.push_back(toDouble(layer.outputBits));
  }
  os << "\n"
     << svg::renderBarChart("Bits per quantized layer", categories,
                            {inputs, weights, outputs}, "bits");

  os << "\n## Quantized tensors\n\n| edge | role | bits | granularity | "
        "method | scale | zero point | SQNR (dB) | local SQNR (dB) "
        "|\n|---|---|---|---|---|---|---|---|---|\n";
  std::vector<std::string> edgeNames;
  svg::BarSeries sqnr{"SQNR vs float", {}}, local{"local SQNR", {}};
  for (const CardEdge &edge : card.edges) {
    std::string scale = "-", zeroPoint = "-";
    if (edge.scales.size() == 1) {
      scale = fmt(edge.scales.front(), "%.6g");
      zeroPoint =
          std::to_string(edge.zeroPoints.empty() ? 0 : edge.zeroPoints.front());
    } else if (!edge.scales.empty()) {
      auto [lo, hi] =
          std::minmax_element(edge.scales.begin(), edge.scales.end());
      scale = fmt(*lo, "%.4g") + " .. " + fmt(*hi, "%.4g") + " (" +
              std::to_string(edge.scales.size()) + " channels)";
      bool allZero =
          llvm::all_of(edge.zeroPoints, [](int64_t z) { return z == 0; });
      zeroPoint = allZero ? "0" : "per channel";
    }
    std::string method = edge.method;
    if (edge.percentile)
      method += " " + fmt(*edge.percentile, "%g");
    os << "| " << edge.name << " | " << edge.role << " | "
       << (edge.isSigned ? "s" : "u") << edge.bits
       << (edge.narrowRange ? " (narrow)" : "") << " | "
       << stringifyGranularity(edge.granularity) << " | " << method << " | "
       << scale << " | " << zeroPoint << " | " << fmt(edge.sqnrDb, "%.2f")
       << " | " << fmt(edge.localSqnrDb, "%.2f") << " |\n";
    edgeNames.push_back(edge.name);
    sqnr.values.push_back(edge.sqnrDb);
    local.values.push_back(edge.localSqnrDb);
  }
  os << "\n"
     << svg::renderBarChart("SQNR per quantized tensor", edgeNames,
                            {sqnr, local}, "dB");

  if (!card.pareto.empty()) {
    os << "\n## Pareto front\n\n| label | accuracy | latency (us) | size "
          "(bits) | on front | chosen |\n|---|---|---|---|---|---|\n";
    std::vector<svg::ScatterPoint> byLatency, bySize;
    for (const ParetoPoint &point : card.pareto) {
      os << "| " << point.label << " | " << percent(point.accuracy) << " | "
         << fmt(point.latencyUs, "%.4g") << " | " << fmt(point.sizeBits, "%.0f")
         << " | " << (point.onFront ? "yes" : "") << " | "
         << (point.chosen ? "**yes**" : "") << " |\n";
      if (point.latencyUs)
        byLatency.push_back({*point.latencyUs, point.accuracy * 100.0,
                             point.label, point.chosen, point.onFront});
      if (point.sizeBits)
        bySize.push_back({*point.sizeBits, point.accuracy * 100.0, point.label,
                          point.chosen, point.onFront});
    }
    if (!byLatency.empty())
      os << "\n"
         << svg::renderScatter("Accuracy vs estimated latency", byLatency,
                               "latency (us)", "accuracy (%)");
    if (!bySize.empty())
      os << "\n"
         << svg::renderScatter("Accuracy vs model size", bySize, "weight bits",
                               "accuracy (%)");
  }
}
