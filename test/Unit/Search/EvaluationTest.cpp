//===- EvaluationTest.cpp - the search's evaluation engine ------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The parametric model (one compilation, every candidate's parameters as
// arguments) against the reference evaluator on the same graph with the
// candidate's bits, scales and zero points written into the IR: equal bit
// for bit, for random candidates; results independent of the thread count;
// metrics and Pareto fronts on hand-made examples.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Evaluation.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Search/Search.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <random>

using namespace mlir;
using namespace hwq;
using namespace hwq::search;
using runtime::ElementKind;
using runtime::Tensor;

namespace {

/// Conv (per-channel weights, unsigned input with a zero point, fused ReLU6
/// output), average pool, fully connected (per-tensor weights, signed
/// output).
constexpr const char *kNetwork = R"mlir(
func.func @main(%x: tensor<1x4x4x2xf32>) -> tensor<1x1x3xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.3], [0.2, 0.1], [-0.4, 0.6]], [[0.3, 0.3], [-0.7, 0.2], [0.1, -0.1]], [[0.25, -0.5], [0.4, 0.05], [-0.2, 0.3]]], [[[-0.6, 0.2], [0.1, 0.4], [0.3, -0.2]], [[0.2, -0.1], [0.5, 0.5], [-0.3, 0.1]], [[0.1, 0.2], [-0.1, -0.4], [0.6, 0.2]]]]> : tensor<2x3x3x2xf32>} : () -> tensor<2x3x3x2xf32>
  %b = "tosa.const"() {values = dense<[0.11, -0.07]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %xq = hwq.sim_quantize %x {bits = 8 : i32, is_signed = false, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %wq = hwq.sim_quantize %w {axis = 0 : i64, bits = 8 : i32, hwq.role = "weight"} : tensor<2x3x3x2xf32>
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x3x3x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %cq = hwq.sim_quantize %c {bits = 8 : i32, is_signed = false, hwq.role = "output"} : tensor<1x4x4x2xf32>
  %r = tosa.clamp %cq {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %p = tosa.avg_pool2d %r, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %shape = tosa.const_shape {values = dense<[1, 1, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %p, %shape : (tensor<1x2x2x2xf32>, !tosa.shape<3>) -> tensor<1x1x8xf32>
  %fq = hwq.sim_quantize %f {bits = 8 : i32, is_signed = true, narrow_range = true, hwq.role = "activation"} : tensor<1x1x8xf32>
  %wf = "tosa.const"() {values = dense<[[[0.3, -0.2, 0.5], [0.1, 0.4, -0.6], [-0.3, 0.2, 0.1], [0.7, -0.1, 0.2], [0.2, 0.3, -0.4], [-0.5, 0.6, 0.1], [0.1, -0.7, 0.3], [0.4, 0.1, -0.2]]]> : tensor<1x8x3xf32>} : () -> tensor<1x8x3xf32>
  %wfq = hwq.sim_quantize %wf {bits = 8 : i32, hwq.role = "weight"} : tensor<1x8x3xf32>
  %y = tosa.matmul %fq, %wfq, %zp, %zp : (tensor<1x1x8xf32>, tensor<1x8x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x3xf32>
  %yq = hwq.sim_quantize %y {bits = 8 : i32, is_signed = true, hwq.role = "output"} : tensor<1x1x3xf32>
  return %yq : tensor<1x1x3xf32>
}
)mlir";

class EvaluationTest : public ::testing::Test {
protected:
  EvaluationTest() {
    context.loadDialect<func::FuncDialect, tosa::TosaDialect,
                        arith::ArithDialect, HwqDialect>();
    context.printOpOnDiagnostic(false);
    handlerId = context.getDiagEngine().registerHandler([this](Diagnostic &d) {
      diagnostics += d.str() + "\n";
      return success();
    });
  }
  ~EvaluationTest() override {
    context.getDiagEngine().eraseHandler(handlerId);
  }

  func::FuncOp parse(StringRef ir) {
    modules.push_back(parseSourceString<ModuleOp>(ir, &context));
    if (!modules.back())
      return {};
    return *modules.back()->getOps<func::FuncOp>().begin();
  }

  /// A random candidate: per edge bits in [2, 8] (signedness and narrow
  /// range of the op), a random positive scale per channel (weights: around
  /// their range), a zero point inside the grid (0 when signed).
  Candidate randomCandidate(const ParametricModel &model, std::mt19937 &rng,
                            std::vector<unsigned> &bits) {
    Candidate candidate;
    bits.clear();
    for (const ModelEdge &edge : model.getEdges()) {
      EdgeArguments args;
      unsigned b = 2 + rng() % 7;
      bits.push_back(b);
      bool isSigned = edge.op.getIsSigned();
      bool narrow = edge.op.getNarrowRange();
      args.qmin = isSigned ? -(int64_t(1) << (b - 1)) + (narrow ? 1 : 0) : 0;
      args.qmax =
          isSigned ? (int64_t(1) << (b - 1)) - 1 : (int64_t(1) << b) - 1;
      int64_t channels = edge.channels;
      std::uniform_real_distribution<float> scale(0.002f, 0.5f);
      for (int64_t c = 0; c < channels; ++c) {
        args.scales.push_back(scale(rng));
        args.zeroPoints.push_back(
            isSigned ? 0
                     : static_cast<int32_t>(
                           args.qmin + rng() % (args.qmax - args.qmin + 1)));
      }
      candidate.push_back(std::move(args));
    }
    return candidate;
  }

  /// A copy of `func`'s module with `candidate` written into the IR.
  func::FuncOp applyToCopy(func::FuncOp func, const Candidate &candidate,
                           ArrayRef<unsigned> bits) {
    modules.push_back(
        OwningOpRef<ModuleOp>(cast<ModuleOp>(func->getParentOp()->clone())));
    auto copy = *modules.back()->getOps<func::FuncOp>().begin();
    unsigned i = 0;
    copy.walk([&](SimQuantizeOp op) {
      OpBuilder b(op);
      const EdgeArguments &args = candidate[i];
      op.setBitsAttr(b.getI32IntegerAttr(bits[i]));
      SmallVector<int64_t> shape{static_cast<int64_t>(args.scales.size())};
      Value s = arith::ConstantOp::create(
          b, op.getLoc(),
          DenseElementsAttr::get(RankedTensorType::get(shape, b.getF32Type()),
                                 ArrayRef<float>(args.scales)));
      Value z = arith::ConstantOp::create(
          b, op.getLoc(),
          DenseElementsAttr::get(RankedTensorType::get(shape, b.getI32Type()),
                                 ArrayRef<int32_t>(args.zeroPoints)));
      op.getScaleMutable().assign(s);
      op.getZeroPointMutable().assign(z);
      ++i;
    });
    return copy;
  }

  SampleSet randomSamples(unsigned count, std::mt19937 &rng) {
    SampleSet samples;
    std::uniform_real_distribution<float> value(-3.0f, 3.0f);
    for (unsigned s = 0; s < count; ++s) {
      Tensor x(ElementKind::F32, {1, 4, 4, 2});
      for (int64_t k = 0; k < x.getNumElements(); ++k)
        x.setDouble(k, value(rng));
      samples.inputs.push_back({x});
    }
    return samples;
  }

  MLIRContext context;
  DiagnosticEngine::HandlerID handlerId;
  std::string diagnostics;
  std::vector<OwningOpRef<ModuleOp>> modules;
};

TEST_F(EvaluationTest, ParametricModelEqualsReferenceBitForBit) {
  func::FuncOp func = parse(kNetwork);
  ASSERT_TRUE(func) << diagnostics;
  FailureOr<std::unique_ptr<ParametricModel>> model =
      ParametricModel::build(func);
  ASSERT_TRUE(succeeded(model)) << diagnostics;
  ASSERT_EQ((*model)->getEdges().size(), 6u);
  EXPECT_EQ((*model)->getEdges()[1].channels, 2);
  EXPECT_TRUE((*model)->getEdges()[1].isWeight());
  EXPECT_FALSE((*model)->getEdges()[0].isWeight());

  std::mt19937 rng(5);
  SampleSet samples = randomSamples(8, rng);
  std::vector<Candidate> candidates;
  std::vector<std::vector<unsigned>> bits(40);
  for (unsigned c = 0; c < bits.size(); ++c)
    candidates.push_back(randomCandidate(**model, rng, bits[c]));
  llvm::Expected<std::vector<Outputs>> outputs =
      (*model)->evaluate(candidates, samples, 2);
  ASSERT_TRUE(static_cast<bool>(outputs))
      << llvm::toString(outputs.takeError());

  unsigned differentFromFirst = 0;
  for (unsigned c = 0; c < candidates.size(); ++c) {
    func::FuncOp copy = applyToCopy(func, candidates[c], bits[c]);
    std::unique_ptr<runtime::Engine> engine = ref::createReferenceEngine();
    ASSERT_TRUE(succeeded(engine->prepare(copy))) << diagnostics;
    for (size_t s = 0; s < samples.size(); ++s) {
      FailureOr<SmallVector<Tensor>> expected = engine->run(samples.inputs[s]);
      ASSERT_TRUE(succeeded(expected)) << diagnostics;
      ArrayRef<double> got = (*outputs)[c].getSample(s);
      ASSERT_EQ(static_cast<int64_t>(got.size()),
                expected->front().getNumElements());
      for (size_t k = 0; k < got.size(); ++k)
        EXPECT_EQ(got[k], expected->front().getDouble(k))
            << "candidate " << c << " sample " << s << " element " << k;
      if (c && got != (*outputs)[0].getSample(s))
        ++differentFromFirst;
    }
  }
  // The candidates really differ (the arguments reach the compiled code).
  EXPECT_GT(differentFromFirst, 0u);
}

TEST_F(EvaluationTest, ResultsDoNotDependOnThreads) {
  func::FuncOp func = parse(kNetwork);
  ASSERT_TRUE(func) << diagnostics;
  FailureOr<std::unique_ptr<ParametricModel>> model =
      ParametricModel::build(func);
  ASSERT_TRUE(succeeded(model)) << diagnostics;
  std::mt19937 rng(11);
  SampleSet samples = randomSamples(37, rng);
  std::vector<Candidate> candidates;
  std::vector<unsigned> bits;
  for (unsigned c = 0; c < 5; ++c)
    candidates.push_back(randomCandidate(**model, rng, bits));
  llvm::Expected<std::vector<Outputs>> one =
      (*model)->evaluate(candidates, samples, 1);
  llvm::Expected<std::vector<Outputs>> three =
      (*model)->evaluate(candidates, samples, 3);
  ASSERT_TRUE(one && three);
  for (unsigned c = 0; c < candidates.size(); ++c)
    EXPECT_EQ((*one)[c].values, (*three)[c].values);
}

TEST_F(EvaluationTest, CandidateShapeErrors) {
  func::FuncOp func = parse(kNetwork);
  ASSERT_TRUE(func) << diagnostics;
  FailureOr<std::unique_ptr<ParametricModel>> model =
      ParametricModel::build(func);
  ASSERT_TRUE(succeeded(model)) << diagnostics;
  std::mt19937 rng(3);
  SampleSet samples = randomSamples(2, rng);
  std::vector<unsigned> bits;
  Candidate candidate = randomCandidate(**model, rng, bits);
  candidate[1].scales = {1.0f, 2.0f, 3.0f}; // 2 channels
  llvm::Expected<std::vector<Outputs>> outputs =
      (*model)->evaluate({candidate}, samples, 1);
  ASSERT_FALSE(static_cast<bool>(outputs));
  EXPECT_NE(llvm::toString(outputs.takeError()).find("3 scales"),
            std::string::npos);
  candidate.pop_back();
  outputs = (*model)->evaluate({candidate}, samples, 1);
  EXPECT_FALSE(static_cast<bool>(outputs));
  llvm::consumeError(outputs.takeError());
}

TEST(SearchMetricsTest, TopOneAgreementKLAndMSE) {
  // Two samples, three classes; the float model picks classes 0 and 2.
  Outputs reference{3, {2.0, 1.0, 0.0, 0.0, 1.0, 3.0}};
  Outputs same = reference;
  Outputs other{3, {2.0, 1.0, 0.0, 0.0, 4.0, 3.0}};
  std::vector<int64_t> labels{0, 1};
  Metrics m = computeMetrics(same, reference, labels, Objective::Accuracy, 1);
  EXPECT_DOUBLE_EQ(m.top1, 0.5);
  EXPECT_DOUBLE_EQ(m.agreement, 1.0);
  EXPECT_DOUBLE_EQ(m.kl, 0.0);
  EXPECT_DOUBLE_EQ(m.mse, 0.0);
  EXPECT_DOUBLE_EQ(m.loss, 0.5);
  Metrics o =
      computeMetrics(other, reference, labels, Objective::Classification, 0.5);
  EXPECT_DOUBLE_EQ(o.top1, 1.0);
  EXPECT_DOUBLE_EQ(o.agreement, 0.5);
  EXPECT_GT(o.kl, 0.0);
  // Squared error 9 over a float energy of 4 + 1 + 1 + 9 = 15.
  EXPECT_DOUBLE_EQ(o.mse, 9.0 / 15.0);
  EXPECT_DOUBLE_EQ(o.loss, 0.0 + 0.5 * 9.0 / 15.0);
  Metrics a = computeMetrics(other, reference, {}, Objective::Accuracy, 1);
  EXPECT_LT(a.top1, 0.0); // no labels
  EXPECT_DOUBLE_EQ(a.accuracy(), 0.5);
  EXPECT_DOUBLE_EQ(a.sensitivity, a.kl);
}

TEST(SearchParetoTest, FrontKeepsOnlyNonDominatedPoints) {
  auto point = [](double accuracy, int64_t size) {
    EvaluatedCandidate c;
    c.metrics.agreement = accuracy;
    c.cost.sizeBits = size;
    return c;
  };
  std::vector<EvaluatedCandidate> all{point(0.9, 100),  point(0.8, 100),
                                      point(0.95, 200), point(0.7, 50),
                                      point(0.9, 150),  point(0.99, 400)};
  std::vector<size_t> front = paretoFront(all, [](const EvaluatedCandidate &c) {
    return static_cast<double>(c.cost.sizeBits);
  });
  EXPECT_EQ(front, (std::vector<size_t>{3, 0, 2, 5}));
}

} // namespace
