//===- SimQuantizeTest.cpp - hwq.sim_quantize C++ API -----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace hwq;

namespace {

/// Parses `ir` and returns the first hwq.sim_quantize in it.
class SimQuantizeTest : public ::testing::Test {
protected:
  SimQuantizeTest() {
    context.loadDialect<HwqDialect, func::FuncDialect>();
  }

  SimQuantizeOp parseSim(StringRef attrs) {
    std::string ir = ("func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
                      "  %y = hwq.sim_quantize %x " +
                      attrs +
                      " : tensor<4xf32>\n"
                      "  return %y : tensor<4xf32>\n}\n")
                         .str();
    module = parseSourceString<ModuleOp>(ir, &context);
    if (!module)
      return {};
    SimQuantizeOp found;
    module->walk([&](SimQuantizeOp op) { found = op; });
    return found;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST_F(SimQuantizeTest, SignedRange) {
  SimQuantizeOp op = parseSim("{bits = 8 : i32}");
  ASSERT_TRUE(op);
  EXPECT_EQ(op.getQMin(), -128);
  EXPECT_EQ(op.getQMax(), 127);
  EXPECT_FALSE(op.isCalibrated());
}

TEST_F(SimQuantizeTest, NarrowSignedRange) {
  SimQuantizeOp op =
      parseSim("{bits = 4 : i32, is_signed = true, narrow_range = true}");
  ASSERT_TRUE(op);
  EXPECT_EQ(op.getQMin(), -7);
  EXPECT_EQ(op.getQMax(), 7);
}

TEST_F(SimQuantizeTest, UnsignedRange) {
  SimQuantizeOp op = parseSim("{bits = 6 : i32, is_signed = false}");
  ASSERT_TRUE(op);
  EXPECT_EQ(op.getQMin(), 0);
  EXPECT_EQ(op.getQMax(), 63);
}

TEST_F(SimQuantizeTest, SixteenBits) {
  SimQuantizeOp op = parseSim("{bits = 16 : i32}");
  ASSERT_TRUE(op);
  EXPECT_EQ(op.getQMin(), -32768);
  EXPECT_EQ(op.getQMax(), 32767);
}

} // namespace
