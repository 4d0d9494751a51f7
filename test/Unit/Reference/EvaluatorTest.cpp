//===- EvaluatorTest.cpp - the reference evaluator --------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Hand-computable cases, independent re-computations (im2col + matmul) on
// random inputs with fixed seeds, and sim_quantize against direct calls to
// the FixedPoint.h primitives.
//
//===----------------------------------------------------------------------===//

#include "hwq/Reference/Evaluator.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Runtime/Tensor.h"
#include "hwq/Support/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace mlir;
using namespace hwq;
using runtime::ElementKind;
using runtime::Tensor;

namespace {

class EvaluatorTest : public ::testing::Test {
protected:
  EvaluatorTest() {
    context.loadDialect<func::FuncDialect, tosa::TosaDialect,
                        arith::ArithDialect, quant::QuantDialect, HwqDialect>();
    context.printOpOnDiagnostic(false);
    handlerId = context.getDiagEngine().registerHandler([this](Diagnostic &d) {
      diagnostics += d.str() + "\n";
      return success();
    });
  }
  ~EvaluatorTest() override { context.getDiagEngine().eraseHandler(handlerId); }

  /// Parses `ir` and evaluates its first function.
  FailureOr<SmallVector<Tensor>> run(StringRef ir, ArrayRef<Tensor> inputs,
                                     ref::EvaluateOptions options = {}) {
    module = parseSourceString<ModuleOp>(ir, &context);
    if (!module)
      return failure();
    func::FuncOp func = *module->getOps<func::FuncOp>().begin();
    return ref::evaluate(func, inputs, options);
  }

  static Tensor make(ElementKind kind, ArrayRef<int64_t> shape,
                     ArrayRef<double> values) {
    Tensor tensor(kind, shape);
    for (auto [i, v] : llvm::enumerate(values))
      tensor.setDouble(i, v);
    return tensor;
  }

  static std::vector<double> values(const Tensor &tensor) {
    std::vector<double> result;
    for (int64_t i = 0; i < tensor.getNumElements(); ++i)
      result.push_back(tensor.getDouble(i));
    return result;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::string diagnostics;
  DiagnosticEngine::HandlerID handlerId;
};

//===----------------------------------------------------------------------===//
// Convolution, matmul, pooling
//===----------------------------------------------------------------------===//

TEST_F(EvaluatorTest, Conv2DHandComputed) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<1x3x3x1xf32>) -> tensor<1x2x2x1xf32> {
      %w = "tosa.const"() <{values = dense<1.0> : tensor<1x2x2x1xf32>}> : () -> tensor<1x2x2x1xf32>
      %b = "tosa.const"() <{values = dense<10.0> : tensor<1xf32>}> : () -> tensor<1xf32>
      %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
      %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x3x3x1xf32>, tensor<1x2x2x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
      return %y : tensor<1x2x2x1xf32>
    })mlir";
  auto out = run(
      ir, {make(ElementKind::F32, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  // 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9, plus the bias.
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{22, 26, 34, 38}));
}

/// conv2d computed independently: pad the input with the input zero point,
/// unfold every window into a row (im2col), subtract zero points, multiply by
/// the weight matrix.
static std::vector<int64_t>
conv2dByIm2col(const Tensor &input, const Tensor &weight,
               const std::vector<int64_t> &bias, int64_t inputZp,
               int64_t weightZp, ArrayRef<int64_t> pad,
               ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation, int64_t oh,
               int64_t ow) {
  int64_t ih = input.getShape()[1], iw = input.getShape()[2],
          ic = input.getShape()[3];
  int64_t oc = weight.getShape()[0], kh = weight.getShape()[1],
          kw = weight.getShape()[2];
  int64_t ph = ih + pad[0] + pad[1], pw = iw + pad[2] + pad[3];
  std::vector<int64_t> padded(ph * pw * ic, inputZp);
  for (int64_t y = 0; y < ih; ++y)
    for (int64_t x = 0; x < iw; ++x)
      for (int64_t c = 0; c < ic; ++c)
        padded[((y + pad[0]) * pw + x + pad[2]) * ic + c] =
            input.getInt((y * iw + x) * ic + c);
  int64_t k = kh * kw * ic;
  std::vector<int64_t> columns(oh * ow * k);
  for (int64_t oy = 0; oy < oh; ++oy)
    for (int64_t ox = 0; ox < ow; ++ox)
      for (int64_t ky = 0; ky < kh; ++ky)
        for (int64_t kx = 0; kx < kw; ++kx)
          for (int64_t c = 0; c < ic; ++c)
            columns[(oy * ow + ox) * k + (ky * kw + kx) * ic + c] =
                padded[((oy * stride[0] + ky * dilation[0]) * pw +
                        ox * stride[1] + kx * dilation[1]) *
                           ic +
                       c] -
                inputZp;
  std::vector<int64_t> out(oh * ow * oc);
  for (int64_t p = 0; p < oh * ow; ++p)
    for (int64_t o = 0; o < oc; ++o) {
      int64_t acc = bias[o];
      for (int64_t j = 0; j < k; ++j)
        acc += columns[p * k + j] * (weight.getInt(o * k + j) - weightZp);
      out[p * oc + o] = acc;
    }
  return out;
}

TEST_F(EvaluatorTest, Conv2DInt8MatchesIm2colOnRandomInputs) {
  // 1x7x6x3 input, 4x3x2x3 weight, pad [1,1,0,1], stride [2,1],
  // dilation [1,2]: OH = (7-1+2-2)/2+1 = 4, OW = (6-1+1-2)/1+1 = 5.
  const char *ir = R"mlir(
    func.func @f(%x: tensor<1x7x6x3xi8>, %w: tensor<4x3x2x3xi8>) -> tensor<1x4x5x4xi32> {
      %b = "tosa.const"() <{values = dense<[5, -7, 0, 1000]> : tensor<4xi32>}> : () -> tensor<4xi32>
      %izp = "tosa.const"() <{values = dense<-3> : tensor<1xi8>}> : () -> tensor<1xi8>
      %wzp = "tosa.const"() <{values = dense<2> : tensor<1xi8>}> : () -> tensor<1xi8>
      %y = tosa.conv2d %x, %w, %b, %izp, %wzp {acc_type = i32, dilation = array<i64: 1, 2>, pad = array<i64: 1, 1, 0, 1>, stride = array<i64: 2, 1>} : (tensor<1x7x6x3xi8>, tensor<4x3x2x3xi8>, tensor<4xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x5x4xi32>
      return %y : tensor<1x4x5x4xi32>
    })mlir";
  for (uint64_t seed : {1, 2, 3}) {
    Tensor x = runtime::makeRandomTensor(ElementKind::I8, {1, 7, 6, 3}, seed);
    Tensor w =
        runtime::makeRandomTensor(ElementKind::I8, {4, 3, 2, 3}, seed + 100);
    auto out = run(ir, {x, w});
    ASSERT_TRUE(succeeded(out)) << diagnostics;
    std::vector<int64_t> expected = conv2dByIm2col(
        x, w, {5, -7, 0, 1000}, -3, 2, {1, 1, 0, 1}, {2, 1}, {1, 2}, 4, 5);
    ASSERT_EQ((*out)[0].getNumElements(),
              static_cast<int64_t>(expected.size()));
    for (size_t i = 0; i < expected.size(); ++i)
      ASSERT_EQ((*out)[0].getInt(i), expected[i])
          << "seed " << seed << " @" << i;
  }
}

TEST_F(EvaluatorTest, DepthwiseConv2DHandComputed) {
  // KH = KW = 1, C = 2, M = 2: output channel c*2+m = x[c] * w[c][m] + b.
  const char *ir = R"mlir(
    func.func @f(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x2x4xf32> {
      %w = "tosa.const"() <{values = dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>}> : () -> tensor<1x1x2x2xf32>
      %b = "tosa.const"() <{values = dense<[0.0, 0.0, 0.0, 0.5]> : tensor<4xf32>}> : () -> tensor<4xf32>
      %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
      %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x4xf32>
      return %y : tensor<1x1x2x4xf32>
    })mlir";
  auto out = run(ir, {make(ElementKind::F32, {1, 1, 2, 2}, {10, 100, 1, 2})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  EXPECT_EQ(values((*out)[0]),
            (std::vector<double>{10, 20, 300, 400.5, 1, 2, 6, 8.5}));
}

TEST_F(EvaluatorTest, MatMulSubtractsZeroPoints) {
  const char *ir = R"mlir(
    func.func @f(%a: tensor<1x2x3xi8>, %b: tensor<1x3x2xi8>) -> tensor<1x2x2xi32> {
      %azp = "tosa.const"() <{values = dense<1> : tensor<1xi8>}> : () -> tensor<1xi8>
      %bzp = "tosa.const"() <{values = dense<-2> : tensor<1xi8>}> : () -> tensor<1xi8>
      %y = tosa.matmul %a, %b, %azp, %bzp : (tensor<1x2x3xi8>, tensor<1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x2x2xi32>
      return %y : tensor<1x2x2xi32>
    })mlir";
  Tensor a = make(ElementKind::I8, {1, 2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor b = make(ElementKind::I8, {1, 3, 2}, {-2, -1, 0, 1, 2, 3});
  auto out = run(ir, {a, b});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  // (a - 1) = [[0,1,2],[3,4,5]], (b + 2) = [[0,1],[2,3],[4,5]].
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{10, 13, 28, 40}));
}

TEST_F(EvaluatorTest, AvgPoolDividesByValidPositionsOnly) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32> {
      %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
      %y = tosa.avg_pool2d %x, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 1, 0, 1>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
      return %y : tensor<1x2x2x1xf32>
    })mlir";
  auto out = run(ir, {make(ElementKind::F32, {1, 2, 2, 1}, {1, 2, 3, 4})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{2.5, 3, 3.5, 4}));
}

TEST_F(EvaluatorTest, IntegerAvgPoolUsesTosaReciprocalScale) {
  // Window of 3: sums 2 and -2 -> 2/3 and -2/3 -> 1 and -1 (the TOSA
  // reciprocal multiplier rounds), then + output_zp 5.
  const char *ir = R"mlir(
    func.func @f(%x: tensor<1x1x3x2xi8>) -> tensor<1x1x1x2xi8> {
      %izp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
      %ozp = "tosa.const"() <{values = dense<5> : tensor<1xi8>}> : () -> tensor<1xi8>
      %y = tosa.avg_pool2d %x, %izp, %ozp {acc_type = i32, kernel = array<i64: 1, 3>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x1x1x2xi8>
      return %y : tensor<1x1x1x2xi8>
    })mlir";
  auto out =
      run(ir, {make(ElementKind::I8, {1, 1, 3, 2}, {1, -1, 1, -1, 0, 0})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{6, 4}));
}

TEST_F(EvaluatorTest, MaxPoolSkipsPadding) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<1x2x3x1xf32>) -> tensor<1x1x2x1xf32> {
      %y = tosa.max_pool2d %x {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 1>, stride = array<i64: 2, 2>} : (tensor<1x2x3x1xf32>) -> tensor<1x1x2x1xf32>
      return %y : tensor<1x1x2x1xf32>
    })mlir";
  auto out =
      run(ir, {make(ElementKind::F32, {1, 2, 3, 1}, {-5, -6, -7, -8, -1, -9})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  // The right window holds -7 and -9 and a padding column that must not
  // contribute a 0.
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{-1, -7}));
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

TEST_F(EvaluatorTest, BroadcastingAddAndMul) {
  const char *ir = R"mlir(
    func.func @f(%a: tensor<2x1x3xf32>, %b: tensor<1x2x1xf32>) -> (tensor<2x2x3xf32>, tensor<2x2x3xf32>) {
      %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
      %s = tosa.add %a, %b : (tensor<2x1x3xf32>, tensor<1x2x1xf32>) -> tensor<2x2x3xf32>
      %p = tosa.mul %a, %b, %shift : (tensor<2x1x3xf32>, tensor<1x2x1xf32>, tensor<1xi8>) -> tensor<2x2x3xf32>
      return %s, %p : tensor<2x2x3xf32>, tensor<2x2x3xf32>
    })mlir";
  auto out = run(ir, {make(ElementKind::F32, {2, 1, 3}, {1, 2, 3, 4, 5, 6}),
                      make(ElementKind::F32, {1, 2, 1}, {10, 100})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  EXPECT_EQ(values((*out)[0]),
            (std::vector<double>{11, 12, 13, 101, 102, 103, 14, 15, 16, 104,
                                 105, 106}));
  EXPECT_EQ(values((*out)[1]),
            (std::vector<double>{10, 20, 30, 100, 200, 300, 40, 50, 60, 400,
                                 500, 600}));
}

TEST_F(EvaluatorTest, Int32MulWithShiftRoundsHalfUp) {
  const char *ir = R"mlir(
    func.func @f(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
      %shift = "tosa.const"() <{values = dense<1> : tensor<1xi8>}> : () -> tensor<1xi8>
      %p = tosa.mul %a, %b, %shift : (tensor<4xi32>, tensor<4xi32>, tensor<1xi8>) -> tensor<4xi32>
      return %p : tensor<4xi32>
    })mlir";
  auto out = run(ir, {make(ElementKind::I32, {4}, {3, -3, 5, 7}),
                      make(ElementKind::I32, {4}, {5, 5, 1, -1})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  // (15+1)>>1, (-15+1)>>1, (5+1)>>1, (-7+1)>>1.
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{8, -7, 3, -3}));
}

TEST_F(EvaluatorTest, FloatUnaryOpsAndClamp) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) {
      %e = tosa.exp %x : (tensor<4xf64>) -> tensor<4xf64>
      %s = tosa.sigmoid %x : (tensor<4xf64>) -> tensor<4xf64>
      %t = tosa.tanh %x : (tensor<4xf64>) -> tensor<4xf64>
      %r = tosa.reciprocal %x : (tensor<4xf64>) -> tensor<4xf64>
      %c = tosa.clamp %x {min_val = -1.0 : f64, max_val = 0.75 : f64} : (tensor<4xf64>) -> tensor<4xf64>
      return %e, %s, %t, %r, %c : tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>
    })mlir";
  std::vector<double> x = {-2.0, -0.5, 0.25, 3.0};
  auto out = run(ir, {make(ElementKind::F64, {4}, x)});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ((*out)[0].getDouble(i), std::exp(x[i]));
    EXPECT_EQ((*out)[1].getDouble(i), 1.0 / (1.0 + std::exp(-x[i])));
    EXPECT_EQ((*out)[2].getDouble(i), std::tanh(x[i]));
    EXPECT_EQ((*out)[3].getDouble(i), 1.0 / x[i]);
  }
  EXPECT_EQ(values((*out)[4]), (std::vector<double>{-1, -0.5, 0.25, 0.75}));
}

TEST_F(EvaluatorTest, CastRoundsHalfToEvenAndSaturates) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<7xf32>) -> (tensor<7xi8>, tensor<7xi32>) {
      %q = tosa.cast %x : (tensor<7xf32>) -> tensor<7xi8>
      %w = tosa.cast %q : (tensor<7xi8>) -> tensor<7xi32>
      return %q, %w : tensor<7xi8>, tensor<7xi32>
    })mlir";
  auto out = run(ir, {make(ElementKind::F32, {7},
                           {0.5, 1.5, 2.5, -0.5, -2.5, 300, -300})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  std::vector<double> expected = {0, 2, 2, 0, -2, 127, -128};
  EXPECT_EQ(values((*out)[0]), expected);
  EXPECT_EQ(values((*out)[1]), expected);
}

TEST_F(EvaluatorTest, RescaleSingleAndDoubleRound) {
  // multiplier 2^30, shift 33: x / 8. 11 / 8 = 1.375 rounds to 1 with a
  // single rounding and to 2 with TOSA's double rounding (round to 31 bits
  // first: 5.5 -> 6, then 6 / 4 = 1.5 -> 2).
  const char *ir = R"mlir(
    func.func @f(%x: tensor<4xi32>) -> (tensor<4xi8>, tensor<4xi8>) {
      %m = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}> : () -> tensor<1xi32>
      %s = "tosa.const"() <{values = dense<33> : tensor<1xi8>}> : () -> tensor<1xi8>
      %izp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
      %ozp = "tosa.const"() <{values = dense<-1> : tensor<1xi8>}> : () -> tensor<1xi8>
      %a = tosa.rescale %x, %m, %s, %izp, %ozp {input_unsigned = false, output_unsigned = false, per_channel = false, rounding_mode = SINGLE_ROUND, scale32 = true} : (tensor<4xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<4xi8>
      %b = tosa.rescale %x, %m, %s, %izp, %ozp {input_unsigned = false, output_unsigned = false, per_channel = false, rounding_mode = DOUBLE_ROUND, scale32 = true} : (tensor<4xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<4xi8>
      return %a, %b : tensor<4xi8>, tensor<4xi8>
    })mlir";
  auto out = run(ir, {make(ElementKind::I32, {4}, {11, 12, -12, 100000})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  // 12/8 = 1.5 -> 2; -12/8 = -1.5 -> -1 with the single rounding (half up)
  // but -2 with the double rounding (half away from zero); 100000/8
  // saturates. All plus output_zp = -1.
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{0, 1, -2, 127}));
  EXPECT_EQ(values((*out)[1]), (std::vector<double>{1, 1, -3, 127}));
}

TEST_F(EvaluatorTest, RescaleRejectsInexactRound) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<2xi32>) -> tensor<2xi8> {
      %m = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}> : () -> tensor<1xi32>
      %s = "tosa.const"() <{values = dense<33> : tensor<1xi8>}> : () -> tensor<1xi8>
      %izp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
      %ozp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
      %a = tosa.rescale %x, %m, %s, %izp, %ozp {input_unsigned = false, output_unsigned = false, per_channel = false, rounding_mode = INEXACT_ROUND, scale32 = true} : (tensor<2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<2xi8>
      return %a : tensor<2xi8>
    })mlir";
  auto out = run(ir, {make(ElementKind::I32, {2}, {1, 2})});
  EXPECT_TRUE(failed(out));
  EXPECT_NE(diagnostics.find("INEXACT_ROUND"), std::string::npos)
      << diagnostics;
}

//===----------------------------------------------------------------------===//
// Data movement and reductions
//===----------------------------------------------------------------------===//

TEST_F(EvaluatorTest, ReshapeTransposeConcatPad) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<6xf32>) -> (tensor<3x2xf32>, tensor<5x2xf32>, tensor<4x3xf32>) {
      %s = tosa.const_shape {values = dense<[2, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
      %r = tosa.reshape %x, %s : (tensor<6xf32>, !tosa.shape<2>) -> tensor<2x3xf32>
      %t = tosa.transpose %r {perms = array<i32: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
      %c = tosa.concat %t, %r {axis = 0 : i32} : (tensor<3x2xf32>, tensor<2x3xf32>) -> tensor<5x2xf32>
      %p = tosa.const_shape {values = dense<[1, 1, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
      %v = "tosa.const"() <{values = dense<-1.0> : tensor<1xf32>}> : () -> tensor<1xf32>
      %q = tosa.pad %r, %p, %v : (tensor<2x3xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<4x3xf32>
      return %t, %c, %q : tensor<3x2xf32>, tensor<5x2xf32>, tensor<4x3xf32>
    })mlir";
  // The concat mixes shapes on purpose: the verifier rejects it.
  EXPECT_TRUE(
      failed(run(ir, {make(ElementKind::F32, {6}, {0, 1, 2, 3, 4, 5})})));
  diagnostics.clear();

  const char *valid = R"mlir(
    func.func @f(%x: tensor<6xf32>) -> (tensor<3x2xf32>, tensor<6x2xf32>, tensor<4x3xf32>) {
      %s = tosa.const_shape {values = dense<[2, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
      %r = tosa.reshape %x, %s : (tensor<6xf32>, !tosa.shape<2>) -> tensor<2x3xf32>
      %t = tosa.transpose %r {perms = array<i32: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
      %c = tosa.concat %t, %t {axis = 0 : i32} : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<6x2xf32>
      %p = tosa.const_shape {values = dense<[1, 1, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
      %v = "tosa.const"() <{values = dense<-1.0> : tensor<1xf32>}> : () -> tensor<1xf32>
      %q = tosa.pad %r, %p, %v : (tensor<2x3xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<4x3xf32>
      return %t, %c, %q : tensor<3x2xf32>, tensor<6x2xf32>, tensor<4x3xf32>
    })mlir";
  auto out = run(valid, {make(ElementKind::F32, {6}, {0, 1, 2, 3, 4, 5})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(values((*out)[1]),
            (std::vector<double>{0, 3, 1, 4, 2, 5, 0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(values((*out)[2]),
            (std::vector<double>{-1, -1, -1, 0, 1, 2, 3, 4, 5, -1, -1, -1}));
}

TEST_F(EvaluatorTest, ConcatOnInnerAxis) {
  const char *ir = R"mlir(
    func.func @f(%a: tensor<2x1xi32>, %b: tensor<2x2xi32>) -> tensor<2x3xi32> {
      %c = tosa.concat %a, %b {axis = 1 : i32} : (tensor<2x1xi32>, tensor<2x2xi32>) -> tensor<2x3xi32>
      return %c : tensor<2x3xi32>
    })mlir";
  auto out = run(ir, {make(ElementKind::I32, {2, 1}, {1, 2}),
                      make(ElementKind::I32, {2, 2}, {10, 11, 20, 21})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{1, 10, 11, 2, 20, 21}));
}

TEST_F(EvaluatorTest, ReduceSumAndMax) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<2x3xi32>) -> (tensor<2x1xi32>, tensor<1x3xi32>) {
      %s = tosa.reduce_sum %x {axis = 1 : i32} : (tensor<2x3xi32>) -> tensor<2x1xi32>
      %m = tosa.reduce_max %x {axis = 0 : i32} : (tensor<2x3xi32>) -> tensor<1x3xi32>
      return %s, %m : tensor<2x1xi32>, tensor<1x3xi32>
    })mlir";
  auto out = run(ir, {make(ElementKind::I32, {2, 3}, {1, -2, 3, -4, 5, -6})});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  EXPECT_EQ(values((*out)[0]), (std::vector<double>{2, -5}));
  EXPECT_EQ(values((*out)[1]), (std::vector<double>{1, 5, 3}));
}

//===----------------------------------------------------------------------===//
// hwq.sim_quantize
//===----------------------------------------------------------------------===//

TEST_F(EvaluatorTest, SimQuantizePerTensorMatchesQuantizeReal) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<200xf32>) -> tensor<200xf32> {
      %s = "tosa.const"() <{values = dense<0.05> : tensor<f32>}> : () -> tensor<f32>
      %z = "tosa.const"() <{values = dense<3> : tensor<i32>}> : () -> tensor<i32>
      %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 6 : i32} : tensor<200xf32>
      return %y : tensor<200xf32>
    })mlir";
  Tensor x = runtime::makeRandomTensor(ElementKind::F32, {200}, 11, -2.5, 2.5);
  auto out = run(ir, {x});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  double scale = static_cast<float>(0.05);
  int64_t qmin = integerRangeMin(6, true), qmax = integerRangeMax(6, true);
  bool clipped = false;
  for (int64_t i = 0; i < 200; ++i) {
    int64_t q = quantizeReal(x.getDouble(i), scale, 3, qmin, qmax);
    clipped |= q == qmin || q == qmax;
    EXPECT_EQ((*out)[0].getDouble(i),
              static_cast<float>(static_cast<double>(q - 3) * scale))
        << "element " << i;
  }
  EXPECT_TRUE(clipped) << "the test range must reach the 6-bit clip";
}

TEST_F(EvaluatorTest, SimQuantizePerAxisUsesEachChannelsParameters) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
      %s = "tosa.const"() <{values = dense<[0.1, 0.25, 0.02]> : tensor<3xf32>}> : () -> tensor<3xf32>
      %z = "tosa.const"() <{values = dense<[0, 10, -5]> : tensor<3xi32>}> : () -> tensor<3xi32>
      %y = hwq.sim_quantize %x scale(%s : tensor<3xf32>) zero_point(%z : tensor<3xi32>) {axis = 1 : i64, bits = 8 : i32, is_signed = false, rounding = #hwq<rounding half_away_from_zero>} : tensor<4x3xf32>
      return %y : tensor<4x3xf32>
    })mlir";
  Tensor x = runtime::makeRandomTensor(ElementKind::F32, {4, 3}, 5, -3, 3);
  auto out = run(ir, {x});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  double scales[] = {static_cast<float>(0.1), static_cast<float>(0.25),
                     static_cast<float>(0.02)};
  int64_t zps[] = {0, 10, -5};
  for (int64_t i = 0; i < 12; ++i) {
    int64_t c = i % 3;
    int64_t q = quantizeReal(x.getDouble(i), scales[c], zps[c], 0, 255,
                             RoundingMode::HalfAwayFromZero);
    EXPECT_EQ((*out)[0].getDouble(i),
              static_cast<float>((q - zps[c]) * scales[c]))
        << "element " << i;
  }
}

TEST_F(EvaluatorTest, SimQuantizeWithAccScaleIsTheIntegerRequantize) {
  // The input holds accumulators a * acc_scale[c]; the op must give
  // clamp(roundingMultiplyByQ31(a, m, n) + z) with (m, n) from
  // computeMultiplierAndShift(acc_scale / scale).
  const char *ir = R"mlir(
    func.func @f(%x: tensor<50x2xf32>) -> tensor<50x2xf32> {
      %s = "tosa.const"() <{values = dense<0.0371> : tensor<1xf32>}> : () -> tensor<1xf32>
      %z = "tosa.const"() <{values = dense<-4> : tensor<1xi32>}> : () -> tensor<1xi32>
      %a = "tosa.const"() <{values = dense<[0.000123, 0.0000571]> : tensor<2xf32>}> : () -> tensor<2xf32>
      %y = hwq.sim_quantize %x scale(%s : tensor<1xf32>) zero_point(%z : tensor<1xi32>) acc_scale(%a : tensor<2xf32>) {axis = 1 : i64, bits = 8 : i32} : tensor<50x2xf32>
      return %y : tensor<50x2xf32>
    })mlir";
  double scale = static_cast<float>(0.0371);
  double accScales[] = {static_cast<float>(0.000123),
                        static_cast<float>(0.0000571)};
  Tensor accs =
      runtime::makeRandomTensor(ElementKind::I32, {50, 2}, 21, -60000, 60000);
  Tensor x(ElementKind::F32, {50, 2});
  for (int64_t i = 0; i < 100; ++i)
    x.setDouble(i, accs.getInt(i) * accScales[i % 2]);
  auto out = run(ir, {x});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  bool sawUnclipped = false;
  for (int64_t i = 0; i < 100; ++i) {
    int64_t c = i % 2;
    auto fixed = computeMultiplierAndShift(accScales[c] / scale);
    ASSERT_TRUE(fixed.has_value());
    // The f32 input is a * acc_scale rounded; dividing recovers a exactly.
    int64_t a =
        roundToInt(x.getDouble(i) / accScales[c], RoundingMode::HalfToEven);
    ASSERT_EQ(a, accs.getInt(i));
    int64_t q = std::clamp<int64_t>(
        roundingMultiplyByQ31(a, fixed->multiplier, fixed->shift) - 4, -128,
        127);
    sawUnclipped |= q > -128 && q < 127;
    EXPECT_EQ((*out)[0].getDouble(i), static_cast<float>((q + 4) * scale))
        << "element " << i;
  }
  EXPECT_TRUE(sawUnclipped);
}

TEST_F(EvaluatorTest, UncalibratedSimQuantizeIsIdentity) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
      %y = hwq.sim_quantize %x {bits = 4 : i32} : tensor<3xf32>
      return %y : tensor<3xf32>
    })mlir";
  Tensor x = make(ElementKind::F32, {3}, {0.123, -7.5, 1e6});
  auto out = run(ir, {x});
  ASSERT_TRUE(succeeded(out)) << diagnostics;
  EXPECT_EQ((*out)[0].getBytes(), x.getBytes());
}

//===----------------------------------------------------------------------===//
// Precision and errors
//===----------------------------------------------------------------------===//

TEST_F(EvaluatorTest, FloatsStayDoubleUnlessRoundEveryOp) {
  // (2^24 + 1) - 2^24 is 1 in double, 0 when every op rounds to f32.
  const char *ir = R"mlir(
    func.func @f(%x: tensor<1xf32>, %one: tensor<1xf32>) -> tensor<1xf32> {
      %a = tosa.add %x, %one : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
      %b = tosa.sub %a, %x : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
      return %b : tensor<1xf32>
    })mlir";
  Tensor x = make(ElementKind::F32, {1}, {16777216.0});
  Tensor one = make(ElementKind::F32, {1}, {1.0});
  auto exact = run(ir, {x, one});
  ASSERT_TRUE(succeeded(exact)) << diagnostics;
  EXPECT_EQ((*exact)[0].getDouble(0), 1.0);
  ref::EvaluateOptions options;
  options.roundEveryOp = true;
  auto rounded = run(ir, {x, one}, options);
  ASSERT_TRUE(succeeded(rounded)) << diagnostics;
  EXPECT_EQ((*rounded)[0].getDouble(0), 0.0);
}

TEST_F(EvaluatorTest, UnsupportedOpIsALocatedError) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
      %y = tosa.erf %x : (tensor<2xf32>) -> tensor<2xf32>
      return %y : tensor<2xf32>
    })mlir";
  auto out = run(ir, {make(ElementKind::F32, {2}, {0, 1})});
  EXPECT_TRUE(failed(out));
  EXPECT_NE(diagnostics.find("reference evaluator does not support "
                             "'tosa.erf'"),
            std::string::npos)
      << diagnostics;
}

TEST_F(EvaluatorTest, MismatchedInputsAreRejected) {
  const char *ir = R"mlir(
    func.func @f(%x: tensor<2x3xi8>) -> tensor<2x3xi8> {
      return %x : tensor<2x3xi8>
    })mlir";
  EXPECT_TRUE(failed(run(ir, {Tensor(ElementKind::I8, {3, 2})})));
  EXPECT_NE(diagnostics.find("shape mismatch: got 3x2"), std::string::npos)
      << diagnostics;
  diagnostics.clear();
  EXPECT_TRUE(failed(run(ir, {Tensor(ElementKind::U8, {2, 3})})));
  EXPECT_NE(diagnostics.find("element type mismatch: got u8"),
            std::string::npos)
      << diagnostics;
  diagnostics.clear();
  EXPECT_TRUE(failed(run(ir, {})));
  EXPECT_NE(diagnostics.find("takes 1 inputs, 0 given"), std::string::npos)
      << diagnostics;
}

TEST_F(EvaluatorTest, RuntimeKindsOfIrTypes) {
  Builder b(&context);
  EXPECT_EQ(*ref::getRuntimeElementKind(b.getF32Type()), ElementKind::F32);
  EXPECT_EQ(*ref::getRuntimeElementKind(b.getIntegerType(8)), ElementKind::I8);
  EXPECT_EQ(*ref::getRuntimeElementKind(b.getIntegerType(8, false)),
            ElementKind::U8);
  EXPECT_EQ(*ref::getRuntimeElementKind(b.getIntegerType(4)), ElementKind::I8);
  EXPECT_EQ(*ref::getRuntimeElementKind(b.getIntegerType(16, false)),
            ElementKind::I32);
  EXPECT_TRUE(failed(ref::getRuntimeElementKind(b.getBF16Type())));
  auto quantType = quant::UniformQuantizedType::get(
      quant::QuantizationFlags::Signed, b.getIntegerType(8), b.getF32Type(),
      0.5, 0, -128, 127);
  EXPECT_EQ(*ref::getRuntimeElementKind(quantType), ElementKind::I8);
}

} // namespace
