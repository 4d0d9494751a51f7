//===- CollectStatistics.cpp - run the float model over a dataset ---------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-calibrate's measuring step: every sample of the calibration range goes
// through the reference evaluator (uncalibrated sim_quantize ops are
// identities, so this is the float model), and an evaluator observer feeds
// the input of every activation and output sim_quantize into that edge's
// statistics. Samples are processed one after the other in dataset order, so
// the statistics (histogram bin widths included) are the same on every run.
//
//===----------------------------------------------------------------------===//

#include "CalibrateImpl.h"

#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/Dataset.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace mlir;
using namespace hwq;
using namespace hwq::calibrate;

/// The kind and shape of every argument of `func`.
static FailureOr<SmallVector<runtime::InputSignature>>
getSignature(func::FuncOp func) {
  SmallVector<runtime::InputSignature> signature;
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    FailureOr<runtime::ElementKind> kind =
        tensorType ? ref::getRuntimeElementKind(tensorType.getElementType())
                   : FailureOr<runtime::ElementKind>(failure());
    if (failed(kind) || !tensorType.hasStaticShape())
      return func.emitError("hwq-calibrate: argument #")
             << i << " of type " << type
             << " cannot be fed from a dataset (static tensors of f16, f32, "
                "f64 or integers needed)";
    signature.push_back(
        {*kind, llvm::SmallVector<int64_t, 4>(tensorType.getShape())});
  }
  return signature;
}

FailureOr<StatisticsTable>
calibrate::collectStatistics(func::FuncOp func, const EdgeSet &edges,
                             const CollectOptions &options) {
  llvm::Expected<runtime::Dataset> dataset =
      runtime::Dataset::open(options.dataSpec);
  if (!dataset)
    return func.emitError("hwq-calibrate: ")
           << llvm::toString(dataset.takeError());
  llvm::Expected<runtime::SampleRange> range =
      runtime::parseSampleRange(options.range, dataset->size());
  if (!range)
    return func.emitError("hwq-calibrate: ")
           << llvm::toString(range.takeError());
  FailureOr<SmallVector<runtime::InputSignature>> signature =
      getSignature(func);
  if (failed(signature))
    return failure();

  // Which edges observe which value.
  size_t count = edges.edges.size();
  std::vector<TensorStatistics> tensors(count, TensorStatistics(options.bins));
  std::vector<std::optional<ChannelStatistics>> channels(count);
  DenseMap<Value, SmallVector<unsigned, 1>> observers;
  for (auto [i, edge] : llvm::enumerate(edges.edges)) {
    SimQuantizeOp op = edge.op;
    observers[op.getInput()].push_back(i);
    auto type = cast<RankedTensorType>(op.getInput().getType());
    if (options.channelStats && type.getRank() > 0)
      channels[i].emplace(type.getRank() - 1);
  }

  std::vector<float> buffer;
  std::optional<std::string> observeError;
  ref::EvaluateOptions evaluateOptions;
  evaluateOptions.observer = [&](Value value, ArrayRef<int64_t> shape,
                                 ArrayRef<double> values) {
    auto it = observers.find(value);
    if (it == observers.end())
      return;
    for (unsigned i : it->second) {
      const Edge &edge = edges.edges[i];
      buffer.resize(values.size());
      if (edge.clamp) {
        // NaN stays NaN (both comparisons are false) and is counted as
        // non-finite by the statistics.
        auto [lo, hi] = *edge.clamp;
        for (size_t k = 0; k < values.size(); ++k) {
          double x = values[k];
          buffer[k] = static_cast<float>(x < lo ? lo : (x > hi ? hi : x));
        }
      } else {
        for (size_t k = 0; k < values.size(); ++k)
          buffer[k] = static_cast<float>(values[k]);
      }
      tensors[i].observe(buffer);
      if (channels[i])
        if (llvm::Error error = channels[i]->observe(buffer, shape))
          if (!observeError)
            observeError = edge.name + ": " + llvm::toString(std::move(error));
    }
  };
  std::unique_ptr<runtime::Engine> engine =
      ref::createReferenceEngine(evaluateOptions);
  if (failed(engine->prepare(func)))
    return failure();

  auto start = std::chrono::steady_clock::now();
  size_t total = range->size();
  size_t reportedTenths = 0;
  for (size_t index = range->begin; index < range->end; ++index) {
    llvm::Expected<runtime::Sample> sample = dataset->getSample(index);
    if (!sample)
      return func.emitError("hwq-calibrate: ")
             << llvm::toString(sample.takeError());
    if (llvm::Error error = runtime::conformSample(*sample, *signature))
      return func.emitError("hwq-calibrate: ")
             << llvm::toString(std::move(error));
    if (failed(engine->run(sample->inputs)))
      return func.emitError("hwq-calibrate: evaluating sample ")
             << index << " (" << sample->name << ") failed";
    if (observeError)
      return func.emitError("hwq-calibrate: ") << *observeError;
    size_t done = index - range->begin + 1;
    if (options.progress &&
        (done * 10 / total > reportedTenths || done == total)) {
      reportedTenths = done * 10 / total;
      double seconds = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - start)
                           .count();
      llvm::errs() << llvm::formatv("calibrate: {0}/{1} samples, {2:f1} s\n",
                                    done, total, seconds);
    }
  }

  StatisticsTable table;
  for (auto [i, edge] : llvm::enumerate(edges.edges)) {
    EdgeStatistics &entry = table.getOrCreate(edge.name);
    entry.tensor = std::move(tensors[i]);
    entry.channels = std::move(channels[i]);
  }
  return table;
}
