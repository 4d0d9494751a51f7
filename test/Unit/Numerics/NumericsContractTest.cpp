//===- NumericsContractTest.cpp - simulated == realized, bit for bit ------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The numerics contract of DESIGN.md as a test: for every shipped target and
// every generated graph (conv / depthwise / fully connected / add / mul /
// concat / pool mixes, 4 to 8 bits, per-tensor and per-channel weights,
// signed and unsigned edges from the targets), the exact simulated graph and
// the realized integer graph give the same value in every output element on
// 100 random inputs, as computed by the reference evaluator. A self-check
// shows that one changed constant of the realized graph is noticed.
//
//===----------------------------------------------------------------------===//

#include "GraphGenerator.h"
#include "NumericsHarness.h"

#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cstdlib>

using namespace mlir;
using namespace hwq;
using namespace hwq::test;
using runtime::ElementKind;
using runtime::Tensor;

namespace {

/// Random inputs per graph, and their range (wider than the calibration
/// range [-3, 3], so that clipping at the grid ends is exercised).
constexpr unsigned kNumInputs = 100;
constexpr double kInputLo = -4.0, kInputHi = 4.0;

/// The shipped targets (HWQ_SOURCE_DIR/targets/*.yaml), sorted; one empty
/// entry when HWQ_SOURCE_DIR is not set (that case skips with a message).
std::vector<std::string> listTargets() {
  std::vector<std::string> targets;
  const char *root = std::getenv("HWQ_SOURCE_DIR");
  if (!root)
    return {""};
  llvm::SmallString<256> dir(root);
  llvm::sys::path::append(dir, "targets");
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (llvm::StringRef(it->path()).ends_with(".yaml"))
      targets.push_back(it->path());
  std::sort(targets.begin(), targets.end());
  if (targets.empty())
    return {""};
  return targets;
}

/// The variant graph `index` runs under: 4 to 8 bits, per-channel or not.
QuantizationVariant getVariant(unsigned index) {
  // The first keeps the target as shipped.
  static const QuantizationVariant variants[] = {
      {0, 0, true}, {7, 6, false}, {6, 8, true}, {5, 5, true}, {4, 4, false},
      {8, 4, true}, {6, 7, false}, {4, 8, true}, {5, 6, true}, {8, 8, false}};
  return variants[index % std::size(variants)];
}

std::string describe(const QuantizationVariant &v) {
  if (!v.activationBits && !v.weightBits)
    return std::string("target as shipped, ") +
           (v.perChannel ? "per-channel" : "per-tensor");
  return "activations " + std::to_string(v.activationBits) + " bits, weights " +
         std::to_string(v.weightBits) + " bits, " +
         (v.perChannel ? "per-channel" : "per-tensor");
}

class NumericsContract : public ::testing::Test {
protected:
  NumericsContract() {
    context.loadDialect<func::FuncDialect, tosa::TosaDialect,
                        arith::ArithDialect, quant::QuantDialect, HwqDialect>();
    context.disableMultithreading();
  }

  MLIRContext context;
};

class TargetContract : public NumericsContract,
                       public ::testing::WithParamInterface<std::string> {};

/// Every generated graph on one shipped target: simulated == realized on
/// every element of 100 random inputs.
TEST_P(TargetContract, SimulatedEqualsRealized) {
  std::string path = GetParam();
  if (path.empty())
    GTEST_SKIP() << "HWQ_SOURCE_DIR is not set: the shipped targets cannot be "
                    "found (lit sets it; run through check-hwq)";
  for (unsigned g = 0; g < getNumGraphRecipes(); ++g) {
    QuantizationVariant variant = getVariant(g);
    SCOPED_TRACE("graph " + std::to_string(g) + ", " + describe(variant));
    llvm::Expected<TargetAttr> target =
        loadTargetVariant(path, variant, &context);
    ASSERT_TRUE(static_cast<bool>(target)) << toString(target.takeError());
    std::string graph = generateGraph(g, /*seed=*/42);
    llvm::Expected<PreparedGraph> prepared =
        prepareGraph(graph, *target, variant, &context);
    ASSERT_TRUE(static_cast<bool>(prepared))
        << toString(prepared.takeError()) << "\n"
        << graph;
    // The graph was quantized: integer ops, edges of the variant's width.
    unsigned contractions = 0;
    std::optional<int64_t> inputLevels;
    prepared->realized->walk([&](Operation *op) {
      if (isa<Conv2DOp, DepthwiseConv2DOp, FullyConnectedOp, MatMulOp>(op))
        ++contractions;
      if (auto quantize = dyn_cast<QuantizeOp>(op); quantize && !inputLevels)
        if (auto element = dyn_cast<quant::QuantizedType>(
                quantize.getOutput().getType().getElementType()))
          inputLevels =
              element.getStorageTypeMax() - element.getStorageTypeMin() + 1;
    });
    EXPECT_GT(contractions, 0u);
    ASSERT_TRUE(inputLevels.has_value());
    if (variant.activationBits) {
      EXPECT_EQ(*inputLevels, int64_t(1) << variant.activationBits);
    }
    size_t compared = 0;
    for (unsigned seed = 0; seed < kNumInputs; ++seed) {
      std::vector<Tensor> inputs =
          makeRandomInputs(*prepared->simulated, seed, kInputLo, kInputHi);
      auto simulated = runReference(*prepared->simulated, inputs);
      auto realized = runReference(*prepared->realized, inputs);
      ASSERT_TRUE(static_cast<bool>(simulated))
          << toString(simulated.takeError());
      ASSERT_TRUE(static_cast<bool>(realized))
          << toString(realized.takeError());
      std::string firstDiff;
      size_t differences = countDifferences(*simulated, *realized, &firstDiff);
      ASSERT_EQ(differences, 0u) << "input seed " << seed << ": " << firstDiff;
      for (const Tensor &t : *simulated)
        compared += t.getNumElements();
    }
    EXPECT_GT(compared, 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(ShippedTargets, TargetContract,
                         ::testing::ValuesIn(listTargets()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           std::string name =
                               info.param.empty()
                                   ? std::string("none")
                                   : llvm::sys::path::stem(info.param).str();
                           for (char &c : name)
                             if (!llvm::isAlnum(c))
                               c = '_';
                           return name;
                         });

/// The harness notices a single changed constant of the realized graph.
TEST_F(NumericsContract, DetectsAPerturbedRealizedConstant) {
  const char *root = std::getenv("HWQ_SOURCE_DIR");
  if (!root)
    GTEST_SKIP() << "HWQ_SOURCE_DIR is not set (lit sets it)";
  std::string path = std::string(root) + "/targets/x86-avx512-vnni.yaml";
  QuantizationVariant variant = getVariant(0);
  llvm::Expected<TargetAttr> target =
      loadTargetVariant(path, variant, &context);
  ASSERT_TRUE(static_cast<bool>(target)) << toString(target.takeError());
  llvm::Expected<PreparedGraph> prepared =
      prepareGraph(generateGraph(0, 42), *target, variant, &context);
  ASSERT_TRUE(static_cast<bool>(prepared)) << toString(prepared.takeError());
  ASSERT_TRUE(perturbRealizedWeight(*prepared->realized));
  size_t differences = 0;
  for (unsigned seed = 0; seed < kNumInputs; ++seed) {
    std::vector<Tensor> inputs =
        makeRandomInputs(*prepared->simulated, seed, kInputLo, kInputHi);
    auto simulated = runReference(*prepared->simulated, inputs);
    auto realized = runReference(*prepared->realized, inputs);
    ASSERT_TRUE(simulated && realized);
    differences += countDifferences(*simulated, *realized);
  }
  EXPECT_GT(differences, 0u);
}

/// One differing element among equal ones is one difference; equal results
/// are none; a shape change counts every element.
TEST_F(NumericsContract, CountsASingleDifferingElement) {
  Tensor a(ElementKind::F32, {2, 3}), b(ElementKind::F32, {2, 3});
  for (int64_t i = 0; i < 6; ++i) {
    a.setDouble(i, 0.25 * i);
    b.setDouble(i, 0.25 * i);
  }
  EXPECT_EQ(countDifferences({a}, {b}), 0u);
  b.setDouble(4, 0.25 * 4 + 0x1p-20);
  std::string firstDiff;
  EXPECT_EQ(countDifferences({a}, {b}, &firstDiff), 1u);
  EXPECT_NE(firstDiff.find("element 4"), std::string::npos) << firstDiff;
  Tensor c(ElementKind::F32, {3, 2});
  EXPECT_EQ(countDifferences({a}, {c}), 6u);
}

/// The generator is deterministic in its seed and the seed matters.
TEST_F(NumericsContract, GeneratorIsDeterministic) {
  for (unsigned g = 0; g < getNumGraphRecipes(); ++g) {
    EXPECT_EQ(generateGraph(g, 7), generateGraph(g, 7));
    EXPECT_NE(generateGraph(g, 7), generateGraph(g, 8));
  }
}

} // namespace
