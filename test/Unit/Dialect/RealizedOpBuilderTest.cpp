//===- RealizedOpBuilderTest.cpp - builders of realized hwq ops -*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The builders infer accumulator types and compute the fixed-point constants
// from the operand types; the ops they build must verify, and broken inputs
// must produce ops the verifier rejects (never a crash).
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace hwq;

namespace {

/// Builds ops inside a function whose arguments have the given types.
class RealizedOpBuilderTest : public ::testing::Test {
protected:
  RealizedOpBuilderTest() : builder(&context) {
    context.loadDialect<HwqDialect, func::FuncDialect>();
    module = ModuleOp::create(UnknownLoc::get(&context));
  }

  /// Creates a function with arguments of `types` and positions the builder
  /// in its body.
  SmallVector<Value> makeArgs(ArrayRef<StringRef> types) {
    SmallVector<Type> argTypes;
    for (StringRef t : types)
      argTypes.push_back(parseType(t, &context));
    builder.setInsertionPointToEnd(module->getBody());
    auto func = func::FuncOp::create(builder, UnknownLoc::get(&context), "f",
                                     builder.getFunctionType(argTypes, {}));
    Block *body = func.addEntryBlock();
    builder.setInsertionPointToEnd(body);
    return SmallVector<Value>(body->getArguments());
  }

  /// Verifies `op` alone, capturing diagnostics.
  bool verifies(Operation *op) {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      lastError = diag.str();
      return success();
    });
    return succeeded(verify(op));
  }

  Type parse(StringRef text) { return parseType(text, &context); }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
  std::string lastError;
};

TEST_F(RealizedOpBuilderTest, Conv2DInfersPerAxisAccumulator) {
  auto args =
      makeArgs({"tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:-3>>",
                "tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.125}>>",
                "tensor<2xi32>"});
  auto conv = Conv2DOp::create(builder, builder.getUnknownLoc(), args[0],
                               args[1], args[2], {1, 1, 1, 1}, {2, 2}, {1, 1});
  EXPECT_TRUE(verifies(conv)) << lastError;
  auto type = cast<RankedTensorType>(conv.getType());
  EXPECT_EQ(type.getShape(), ArrayRef<int64_t>({1, 4, 4, 2}));
  FailureOr<QuantParams> acc = getQuantParams(type);
  ASSERT_TRUE(succeeded(acc));
  EXPECT_EQ(acc->storageWidth, 32u);
  ASSERT_TRUE(acc->isPerAxis());
  EXPECT_EQ(*acc->axis, 3);
  EXPECT_EQ(acc->getScale(1), 0.0625);
}

TEST_F(RealizedOpBuilderTest, Conv2DInfersI16AndDilatedShape) {
  auto args = makeArgs({"tensor<2x10x7x4x!quant.uniform<u8:f32, 1.0:128>>",
                        "tensor<5x3x3x4x!quant.uniform<i8:f32, 0.25>>"});
  RankedTensorType inferred = Conv2DOp::inferResultType(
      args[0].getType(), args[1].getType(), {0, 1, 2, 0}, {2, 3}, {2, 1}, 16);
  ASSERT_TRUE(inferred);
  EXPECT_EQ(inferred.getShape(), ArrayRef<int64_t>({2, 4, 3, 5}));
  auto conv =
      Conv2DOp::create(builder, builder.getUnknownLoc(), args[0], args[1],
                       Value(), {0, 1, 2, 0}, {2, 3}, {2, 1}, 16);
  EXPECT_EQ(conv.getType(), inferred);
  EXPECT_TRUE(verifies(conv)) << lastError;
  // Wrong attribute sizes give no type instead of crashing.
  EXPECT_FALSE(Conv2DOp::inferResultType(args[0].getType(), args[1].getType(),
                                         {0, 0}, {1, 1}, {1, 1}, 32));
}

TEST_F(RealizedOpBuilderTest, Conv2DWithBadOperandsFailsVerification) {
  // Channel mismatch: the builder still builds, the verifier rejects.
  auto args = makeArgs({"tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>",
                        "tensor<2x3x3x4x!quant.uniform<i8:f32, 0.25>>"});
  auto conv = Conv2DOp::create(builder, builder.getUnknownLoc(), args[0],
                               args[1], Value(), {0, 0, 0, 0}, {1, 1}, {1, 1});
  EXPECT_FALSE(verifies(conv));
  EXPECT_NE(lastError.find("input channels and weight dimension 3 disagree"),
            std::string::npos)
      << lastError;
}

TEST_F(RealizedOpBuilderTest, FullyConnectedAndMatMulInferAccumulators) {
  auto args =
      makeArgs({"tensor<4x7x8x!quant.uniform<u8:f32, 0.5:128>>",
                "tensor<3x8x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>>",
                "tensor<1x4x8x!quant.uniform<i8:f32, 0.1>>",
                "tensor<1x8x3x!quant.uniform<i8:f32, 0.02>>"});
  auto fc = FullyConnectedOp::create(builder, builder.getUnknownLoc(), args[0],
                                     args[1], Value());
  EXPECT_TRUE(verifies(fc)) << lastError;
  EXPECT_EQ(cast<RankedTensorType>(fc.getType()).getShape(),
            ArrayRef<int64_t>({4, 7, 3}));
  auto mm =
      MatMulOp::create(builder, builder.getUnknownLoc(), args[2], args[3]);
  EXPECT_TRUE(verifies(mm)) << lastError;
  FailureOr<QuantParams> acc = getQuantParams(mm.getType());
  ASSERT_TRUE(succeeded(acc));
  // The canonical accumulator scale is the f32 product.
  EXPECT_EQ(acc->getScale(), productScale(0.1, 0.02));
}

TEST_F(RealizedOpBuilderTest, RequantizeComputesPinnedConstants) {
  auto args =
      makeArgs({"tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.0625}>>"});
  Type out = parse("tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25:-128>>");
  auto rq = RequantizeOp::create(builder, builder.getUnknownLoc(), out, args[0],
                                 int64_t(-128), int64_t(-104));
  EXPECT_TRUE(verifies(rq)) << lastError;
  EXPECT_EQ(rq.getAxis(), std::optional<int64_t>(3));
  EXPECT_EQ(rq.getMultiplier(), ArrayRef<int32_t>({1 << 30, 1 << 30}));
  EXPECT_EQ(rq.getShift(), ArrayRef<int32_t>({31, 32}));
  EXPECT_EQ(rq.getClipMin(), -128);
  EXPECT_EQ(rq.getClipMax(), -104);
}

TEST_F(RealizedOpBuilderTest, RequantizeSharedConstantsCollapse) {
  auto args = makeArgs(
      {"tensor<4x3x!quant.uniform<i32:f32:1, {0.125, 0.125, 0.125}>>"});
  Type out = parse("tensor<4x3x!quant.uniform<i8:f32, 0.25>>");
  auto rq =
      RequantizeOp::create(builder, builder.getUnknownLoc(), out, args[0]);
  EXPECT_TRUE(verifies(rq)) << lastError;
  EXPECT_EQ(rq.getMultiplier().size(), 1u);
  EXPECT_EQ(rq.getClipMin(), -128);
  EXPECT_EQ(rq.getClipMax(), 127);
}

TEST_F(RealizedOpBuilderTest, RequantizeTamperedConstantsRejected) {
  auto args = makeArgs({"tensor<8x!quant.uniform<i32:f32, 0.125>>"});
  Type out = parse("tensor<8x!quant.uniform<i8:f32, 0.1>>");
  auto rq =
      RequantizeOp::create(builder, builder.getUnknownLoc(), out, args[0]);
  EXPECT_TRUE(verifies(rq)) << lastError;
  // Off by one unit of the Q31 multiplier: rejected.
  rq.setMultiplier(ArrayRef<int32_t>{rq.getMultiplier()[0] + 1});
  EXPECT_FALSE(verifies(rq));
  EXPECT_NE(lastError.find("requantize multiplier must be"), std::string::npos)
      << lastError;
}

TEST_F(RealizedOpBuilderTest, AddChoosesShiftAndVerifies) {
  auto args = makeArgs({"tensor<2x3x!quant.uniform<i8:f32, 0.5>>",
                        "tensor<1x3x!quant.uniform<i8:f32, 0.25>>"});
  Type out = parse("tensor<2x3x!quant.uniform<u8:f32, 0.5:5>>");
  auto add = AddOp::create(builder, builder.getUnknownLoc(), out, args[0],
                           args[1], std::nullopt, int64_t(5));
  EXPECT_TRUE(verifies(add)) << lastError;
  EXPECT_EQ(add.getIntermediateShift(), 15);
  EXPECT_EQ(add.getShiftA(), 14);
  EXPECT_EQ(add.getShiftB(), 15);
  EXPECT_EQ(add.getShiftOut(), 46);
  // An explicit shift is kept; a too large one is rejected by rule 5.
  auto big = AddOp::create(builder, builder.getUnknownLoc(), out, args[0],
                           args[1], int32_t(24));
  EXPECT_EQ(big.getIntermediateShift(), 24);
  EXPECT_FALSE(verifies(big));
  EXPECT_NE(lastError.find("reach 2^31"), std::string::npos) << lastError;
}

TEST_F(RealizedOpBuilderTest, MulUsesF32ProductScale) {
  auto args = makeArgs({"tensor<4x!quant.uniform<i8:f32, 0.1:2>>",
                        "tensor<4x!quant.uniform<u8:f32, 0.2:128>>"});
  Type out = parse("tensor<4x!quant.uniform<i8:f32, 0.05>>");
  auto mul =
      MulOp::create(builder, builder.getUnknownLoc(), out, args[0], args[1]);
  EXPECT_TRUE(verifies(mul)) << lastError;
  std::optional<FixedPointMultiplier> expected =
      computeMultiplierAndShift(productScale(0.1, 0.2) / 0.05);
  ASSERT_TRUE(expected);
  EXPECT_EQ(mul.getMultiplier(), expected->multiplier);
  EXPECT_EQ(mul.getShift(), expected->shift);
  // The float64 product would give a different multiplier.
  std::optional<FixedPointMultiplier> f64 =
      computeMultiplierAndShift(0.1 * 0.2 / 0.05);
  ASSERT_TRUE(f64);
  EXPECT_NE(f64->multiplier, expected->multiplier);
}

} // namespace
