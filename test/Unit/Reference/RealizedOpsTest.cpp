//===- RealizedOpsTest.cpp - realized hwq ops in the evaluator --*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The realized integer hwq ops against hand computations and the FixedPoint.h
// primitives, and the numerics contract: a simulated graph and its realized
// integer graph give the same bits on random inputs.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/Tensor.h"
#include "hwq/Support/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <set>

using namespace mlir;
using namespace hwq;
using runtime::ElementKind;
using runtime::Tensor;

namespace {

class RealizedOpsTest : public ::testing::Test {
protected:
  RealizedOpsTest() {
    context.loadDialect<func::FuncDialect, tosa::TosaDialect,
                        arith::ArithDialect, quant::QuantDialect, HwqDialect>();
    context.printOpOnDiagnostic(false);
    context.getDiagEngine().registerHandler([this](Diagnostic &d) {
      diagnostics += d.str() + "\n";
      return success();
    });
  }

  /// Parses `ir` once and evaluates its function `name`.
  FailureOr<SmallVector<Tensor>> run(StringRef ir, StringRef name,
                                     ArrayRef<Tensor> inputs) {
    if (!module || ir != source) {
      source = ir.str();
      module = parseSourceString<ModuleOp>(ir, &context);
    }
    if (!module)
      return failure();
    auto func = module->lookupSymbol<func::FuncOp>(name);
    if (!func)
      return failure();
    return ref::evaluate(func, inputs);
  }

  static Tensor make(ElementKind kind, ArrayRef<int64_t> shape,
                     ArrayRef<double> values) {
    Tensor tensor(kind, shape);
    for (auto [i, v] : llvm::enumerate(values))
      tensor.setDouble(i, v);
    return tensor;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::string source;
  std::string diagnostics;
};

TEST_F(RealizedOpsTest, QuantizeClipsToTheEdgeBitsAndDequantizes) {
  // A 6-bit edge in an i8 container clips to [-32, 31].
  const char *ir = R"mlir(
    func.func @f(%x: tensor<6xf32>) -> (tensor<6x!quant.uniform<i8<-32:31>:f32, 0.5:2>>, tensor<6xf32>) {
      %q = hwq.quantize %x : tensor<6xf32> -> tensor<6x!quant.uniform<i8<-32:31>:f32, 0.5:2>>
      %y = hwq.dequantize %q : tensor<6x!quant.uniform<i8<-32:31>:f32, 0.5:2>> -> tensor<6xf32>
      return %q, %y : tensor<6x!quant.uniform<i8<-32:31>:f32, 0.5:2>>, tensor<6xf32>
    })mlir";
  auto out =
      run(ir, "f",
          {make(ElementKind::F32, {6}, {0.25, 0.75, -1.25, 100, -100, 3})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  // x / 0.5 = 0.5, 1.5, -2.5 (ties to even: 0, 2, -2), 200, -200, 6; + 2.
  int64_t expected[] = {2, 4, 0, 31, -32, 8};
  for (int64_t i = 0; i < 6; ++i) {
    EXPECT_EQ((*out)[0].getInt(i), expected[i]) << i;
    EXPECT_EQ((*out)[1].getDouble(i), (expected[i] - 2) * 0.5) << i;
  }
}

TEST_F(RealizedOpsTest, PerAxisRequantizeUsesEachChannelsMultiplier) {
  // Accumulator scales {1/8, 1/4} to an output scale 1/2: ratios 1/4 and
  // 1/2 = (2^30, 32) and (2^30, 31).
  const char *ir = R"mlir(
    func.func @f(%x: tensor<3x2x!quant.uniform<i32:f32:1, {0.125, 0.25}>>) -> tensor<3x2x!quant.uniform<i8:f32, 0.5:10>> {
      %y = hwq.requantize %x {axis = 1 : i64, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 32, 31>}
           : tensor<3x2x!quant.uniform<i32:f32:1, {0.125, 0.25}>> -> tensor<3x2x!quant.uniform<i8:f32, 0.5:10>>
      return %y : tensor<3x2x!quant.uniform<i8:f32, 0.5:10>>
    })mlir";
  Tensor acc = make(ElementKind::I32, {3, 2}, {6, 6, -6, -6, 1000, -1000});
  auto out = run(ir, "f", {acc});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  for (int64_t i = 0; i < 6; ++i) {
    int32_t shift = i % 2 ? 31 : 32;
    int64_t expected = std::clamp<int64_t>(
        roundingMultiplyByQ31(acc.getInt(i), 1 << 30, shift) + 10, -128, 127);
    EXPECT_EQ((*out)[0].getInt(i), expected) << i;
  }
  // 6/4 = 1.5 -> 2, 6/2 = 3, -6/4 = -1.5 -> -1 (half up), -3; saturation.
  EXPECT_EQ((*out)[0].getInt(0), 12);
  EXPECT_EQ((*out)[0].getInt(1), 13);
  EXPECT_EQ((*out)[0].getInt(2), 9);
  EXPECT_EQ((*out)[0].getInt(3), 7);
  EXPECT_EQ((*out)[0].getInt(4), 127);
  EXPECT_EQ((*out)[0].getInt(5), -128);
}

TEST_F(RealizedOpsTest, AvgPoolRescalesByTheValidCount) {
  // 2x2 input, 2x2 kernel, pad bottom/right 1, stride 1: window counts 4, 2,
  // 2, 1. s_in = s_out = 1, so the result is round-half-up(sum / count) + z.
  const char *ir = R"mlir(
    func.func @f(%x: tensor<1x2x2x1x!quant.uniform<i8:f32, 1.0:1>>) -> tensor<1x2x2x1x!quant.uniform<i8:f32, 1.0:-1>> {
      %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1>, pad = array<i64: 0, 1, 0, 1>}
           : tensor<1x2x2x1x!quant.uniform<i8:f32, 1.0:1>> -> tensor<1x2x2x1x!quant.uniform<i8:f32, 1.0:-1>>
      return %y : tensor<1x2x2x1x!quant.uniform<i8:f32, 1.0:-1>>
    })mlir";
  // Centered values: 2, 5, -4, 7.
  auto out = run(ir, "f", {make(ElementKind::I8, {1, 2, 2, 1}, {3, 6, -3, 8})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  // sums/counts: 10/4 = 2.5 -> 3, 12/2 = 6, 3/2 = 1.5 -> 2, 7/1 = 7; then -1.
  int64_t expected[] = {2, 5, 1, 6};
  for (int64_t i = 0; i < 4; ++i)
    EXPECT_EQ((*out)[0].getInt(i), expected[i]) << i;
}

TEST_F(RealizedOpsTest, MatMulAndFullyConnectedAccumulateExactly) {
  const char *ir = R"mlir(
    func.func @f(%a: tensor<1x2x3x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<1x3x2x!quant.uniform<i8:f32, 0.25:-2>>,
                 %w: tensor<2x3x!quant.uniform<i8:f32:0, {0.25, 0.5}>>)
        -> (tensor<1x2x2x!quant.uniform<i32:f32, 0.125>>, tensor<1x2x2x!quant.uniform<i32:f32:2, {0.125, 0.25}>>) {
      %m = hwq.matmul %a, %b : (tensor<1x2x3x!quant.uniform<i8:f32, 0.5:1>>, tensor<1x3x2x!quant.uniform<i8:f32, 0.25:-2>>)
           -> tensor<1x2x2x!quant.uniform<i32:f32, 0.125>>
      %bias = arith.constant dense<[1000, -1000]> : tensor<2xi32>
      %f = hwq.fully_connected %a, %w, %bias : (tensor<1x2x3x!quant.uniform<i8:f32, 0.5:1>>, tensor<2x3x!quant.uniform<i8:f32:0, {0.25, 0.5}>>, tensor<2xi32>)
           -> tensor<1x2x2x!quant.uniform<i32:f32:2, {0.125, 0.25}>>
      return %m, %f : tensor<1x2x2x!quant.uniform<i32:f32, 0.125>>, tensor<1x2x2x!quant.uniform<i32:f32:2, {0.125, 0.25}>>
    })mlir";
  auto out = run(ir, "f",
                 {make(ElementKind::I8, {1, 2, 3}, {1, 2, 3, 4, 5, 6}),
                  make(ElementKind::I8, {1, 3, 2}, {-2, -1, 0, 1, 2, 3}),
                  make(ElementKind::I8, {2, 3}, {1, 0, -1, 2, 2, 2})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  // (a - 1) = [[0,1,2],[3,4,5]], (b + 2) = [[0,1],[2,3],[4,5]].
  int64_t matmul[] = {10, 13, 28, 40};
  // rows of (a - 1) times w rows [1,0,-1] and [2,2,2], plus the bias.
  int64_t fc[] = {-2 + 1000, 6 - 1000, -2 + 1000, 24 - 1000};
  for (int64_t i = 0; i < 4; ++i) {
    EXPECT_EQ((*out)[0].getInt(i), matmul[i]) << i;
    EXPECT_EQ((*out)[1].getInt(i), fc[i]) << i;
  }
}

/// Simulated and realized versions of quantize -> depthwise conv (M = 1,
/// per-channel weights) -> requantize with ReLU -> max pool -> dequantize.
/// Dyadic scales keep the f32 and f64 views of every scale equal.
const char *kDepthwisePair = R"mlir(
  func.func @simulated(%x: tensor<1x6x6x2xf32>) -> tensor<1x3x3x2xf32> {
    %w = arith.constant dense<[[[[0.5], [-0.25]], [[1.0], [0.75]], [[-0.5], [0.125]]],
                               [[[0.25], [0.5]], [[-1.0], [0.375]], [[0.625], [-0.75]]],
                               [[[0.875], [-0.125]], [[0.25], [1.0]], [[-0.375], [0.5]]]]> : tensor<3x3x2x1xf32>
    %s_in = arith.constant dense<0.03125> : tensor<f32>
    %z_in = arith.constant dense<-7> : tensor<i32>
    %s_w = arith.constant dense<[0.0078125, 0.015625]> : tensor<2xf32>
    %z_w = arith.constant dense<0> : tensor<2xi32>
    %s_acc = arith.constant dense<[2.44140625e-4, 4.8828125e-4]> : tensor<2xf32>
    %s_out = arith.constant dense<0.0234375> : tensor<f32>
    %z_out = arith.constant dense<-128> : tensor<i32>
    %bias = arith.constant dense<[0.0, 0.0]> : tensor<2xf32>
    %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
    %xs = hwq.sim_quantize %x scale(%s_in : tensor<f32>) zero_point(%z_in : tensor<i32>) {bits = 8 : i32} : tensor<1x6x6x2xf32>
    %ws = hwq.sim_quantize %w scale(%s_w : tensor<2xf32>) zero_point(%z_w : tensor<2xi32>) {axis = 2 : i64, bits = 8 : i32, narrow_range = true} : tensor<3x3x2x1xf32>
    %c = tosa.depthwise_conv2d %xs, %ws, %bias, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x6x6x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x6x2xf32>
    %q = hwq.sim_quantize %c scale(%s_out : tensor<f32>) zero_point(%z_out : tensor<i32>) acc_scale(%s_acc : tensor<2xf32>) {axis = 3 : i64, bits = 8 : i32} : tensor<1x6x6x2xf32>
    %p = tosa.max_pool2d %q {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x6x6x2xf32>) -> tensor<1x3x3x2xf32>
    return %p : tensor<1x3x3x2xf32>
  }

  func.func @realized(%x: tensor<1x6x6x2xf32>) -> tensor<1x3x3x2xf32> {
    %w = arith.constant dense<[[[[0.5], [-0.25]], [[1.0], [0.75]], [[-0.5], [0.125]]],
                               [[[0.25], [0.5]], [[-1.0], [0.375]], [[0.625], [-0.75]]],
                               [[[0.875], [-0.125]], [[0.25], [1.0]], [[-0.375], [0.5]]]]> : tensor<3x3x2x1xf32>
    %xq = hwq.quantize %x : tensor<1x6x6x2xf32> -> tensor<1x6x6x2x!quant.uniform<i8:f32, 0.03125:-7>>
    %wq = hwq.quantize %w : tensor<3x3x2x1xf32> -> tensor<3x3x2x1x!quant.uniform<i8<-127:127>:f32:2, {0.0078125, 0.015625}>>
    %acc = hwq.depthwise_conv2d %xq, %wq {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
        : (tensor<1x6x6x2x!quant.uniform<i8:f32, 0.03125:-7>>, tensor<3x3x2x1x!quant.uniform<i8<-127:127>:f32:2, {0.0078125, 0.015625}>>)
        -> tensor<1x6x6x2x!quant.uniform<i32:f32:3, {2.44140625e-4, 4.8828125e-4}>>
    %q = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1431655765, 1431655765>, shift = array<i32: 37, 36>}
        : tensor<1x6x6x2x!quant.uniform<i32:f32:3, {2.44140625e-4, 4.8828125e-4}>> -> tensor<1x6x6x2x!quant.uniform<i8:f32, 0.0234375:-128>>
    %p = hwq.max_pool2d %q {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>}
        : tensor<1x6x6x2x!quant.uniform<i8:f32, 0.0234375:-128>> -> tensor<1x3x3x2x!quant.uniform<i8:f32, 0.0234375:-128>>
    %y = hwq.dequantize %p : tensor<1x3x3x2x!quant.uniform<i8:f32, 0.0234375:-128>> -> tensor<1x3x3x2xf32>
    return %y : tensor<1x3x3x2xf32>
  }
)mlir";

TEST_F(RealizedOpsTest, SimulatedEqualsRealizedOnRandomInputs) {
  // The requantize constants are the contract's: computeMultiplierAndShift
  // of s_acc / s_out.
  auto m0 = computeMultiplierAndShift(2.44140625e-4 / 0.0234375);
  auto m1 = computeMultiplierAndShift(4.8828125e-4 / 0.0234375);
  ASSERT_TRUE(m0 && m1);
  EXPECT_EQ(m0->multiplier, 1431655765);
  EXPECT_EQ(m0->shift, 37);
  EXPECT_EQ(m1->multiplier, 1431655765);
  EXPECT_EQ(m1->shift, 36);

  int64_t distinct = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    Tensor x = runtime::makeRandomTensor(ElementKind::F32, {1, 6, 6, 2}, seed,
                                         -4.5, 4.5);
    auto simulated = run(kDepthwisePair, "simulated", {x});
    auto realized = run(kDepthwisePair, "realized", {x});
    ASSERT_TRUE(succeeded(simulated) && succeeded(realized)) << diagnostics;
    ASSERT_EQ((*simulated)[0].getBytes(), (*realized)[0].getBytes())
        << "seed " << seed;
    std::set<double> values;
    for (int64_t i = 0; i < (*realized)[0].getNumElements(); ++i)
      values.insert((*realized)[0].getDouble(i));
    distinct += values.size();
  }
  // Non-trivial outputs (not all clipped to one value).
  EXPECT_GT(distinct, 8 * 5);
}

} // namespace
