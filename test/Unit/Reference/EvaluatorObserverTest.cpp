//===- EvaluatorObserverTest.cpp - EvaluateOptions::observer ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The observer hook of the reference evaluator (used by hwq-calibrate): which
// values it reports, in which order, with which contents, and that cached
// constants are reported on every run.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/Tensor.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace mlir;
using namespace hwq;
using runtime::ElementKind;
using runtime::Tensor;

namespace {

/// One observed value: where it came from, its shape and its elements.
struct Observation {
  std::string origin;
  std::vector<int64_t> shape;
  std::vector<double> values;
};

/// "arg0" for block arguments, the defining op's name otherwise.
std::string describeOrigin(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value))
    return "arg" + std::to_string(arg.getArgNumber());
  return value.getDefiningOp()->getName().getStringRef().str();
}

constexpr const char *kModule = R"mlir(
func.func @f(%x: tensor<1x3xf32>, %i: tensor<2xi32>) -> tensor<1x3xf32> {
  %c = arith.constant dense<[[1.0, -2.0, 0.5]]> : tensor<1x3xf32>
  %k = arith.constant dense<[4, 5]> : tensor<2xi32>
  %s = tosa.add %x, %c : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<1x3xf32>
  %q = hwq.sim_quantize %s {bits = 8 : i32} : tensor<1x3xf32>
  return %q : tensor<1x3xf32>
}
)mlir";

TEST(EvaluatorObserverTest, ReportsFloatValuesInProgramOrderOnEveryRun) {
  MLIRContext context;
  context.loadDialect<func::FuncDialect, tosa::TosaDialect, arith::ArithDialect,
                      HwqDialect>();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kModule, &context);
  ASSERT_TRUE(module);
  func::FuncOp func = *module->getOps<func::FuncOp>().begin();

  std::vector<Observation> seen;
  ref::EvaluateOptions options;
  options.observer = [&](Value value, ArrayRef<int64_t> shape,
                         ArrayRef<double> values) {
    seen.push_back({describeOrigin(value), shape.vec(), values.vec()});
  };
  std::unique_ptr<runtime::Engine> engine = ref::createReferenceEngine(options);
  ASSERT_TRUE(succeeded(engine->prepare(func)));

  Tensor x(ElementKind::F32, {1, 3});
  x.setDouble(0, 0.25);
  x.setDouble(1, 3.0);
  x.setDouble(2, -1.5);
  Tensor i(ElementKind::I32, {2});
  for (int run = 0; run < 2; ++run) {
    seen.clear();
    ASSERT_TRUE(succeeded(engine->run({x, i}))) << "run " << run;
    // Integer values (%i, %k) are not reported; the float constant is, also
    // on the second run when the engine reuses its cached value.
    ASSERT_EQ(seen.size(), 4u) << "run " << run;
    EXPECT_EQ(seen[0].origin, "arg0");
    EXPECT_EQ(seen[0].values, (std::vector<double>{0.25, 3.0, -1.5}));
    EXPECT_EQ(seen[1].origin, "arith.constant");
    EXPECT_EQ(seen[1].values, (std::vector<double>{1.0, -2.0, 0.5}));
    EXPECT_EQ(seen[2].origin, "tosa.add");
    EXPECT_EQ(seen[2].shape, (std::vector<int64_t>{1, 3}));
    EXPECT_EQ(seen[2].values, (std::vector<double>{1.25, 1.0, -1.0}));
    EXPECT_EQ(seen[3].origin, "hwq.sim_quantize");
    EXPECT_EQ(seen[3].values, seen[2].values);
  }
}

TEST(EvaluatorObserverTest, NoObserverMeansSameResults) {
  MLIRContext context;
  context.loadDialect<func::FuncDialect, tosa::TosaDialect, arith::ArithDialect,
                      HwqDialect>();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kModule, &context);
  ASSERT_TRUE(module);
  func::FuncOp func = *module->getOps<func::FuncOp>().begin();
  Tensor x = runtime::makeRandomTensor(ElementKind::F32, {1, 3}, 7);
  Tensor i(ElementKind::I32, {2});
  unsigned calls = 0;
  ref::EvaluateOptions observing;
  observing.observer = [&](Value, ArrayRef<int64_t>, ArrayRef<double>) {
    ++calls;
  };
  auto plain = ref::evaluate(func, {x, i});
  auto observed = ref::evaluate(func, {x, i}, observing);
  ASSERT_TRUE(succeeded(plain) && succeeded(observed));
  EXPECT_EQ(calls, 4u);
  for (int64_t k = 0; k < 3; ++k)
    EXPECT_EQ((*plain)[0].getDouble(k), (*observed)[0].getDouble(k));
}

} // namespace
