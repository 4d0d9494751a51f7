//===- JitTest.cpp - the JIT against the reference evaluator ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Property tests of the compiled numerics: hwq.sim_quantize with random
// runtime parameters (one compilation, many parameter sets, including exact
// ties, saturation, NaN/inf inputs and invalid parameters) and
// hwq.requantize with random scales, each compared bit for bit with the
// reference evaluator; plus the JIT API (errors, caller buffers, engine).
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/ExecutionEngine/Compare.h"
#include "hwq/ExecutionEngine/JitEngine.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/Tensor.h"
#include "hwq/Support/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FormatVariadic.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace mlir;
using namespace hwq;
using runtime::ElementKind;
using runtime::Tensor;

namespace {

class JitTest : public ::testing::Test {
protected:
  JitTest() {
    context.loadDialect<func::FuncDialect, tosa::TosaDialect,
                        arith::ArithDialect, quant::QuantDialect, HwqDialect>();
    context.printOpOnDiagnostic(false);
    handlerId = context.getDiagEngine().registerHandler([this](Diagnostic &d) {
      diagnostics += d.str() + "\n";
      return success();
    });
  }
  ~JitTest() override { context.getDiagEngine().eraseHandler(handlerId); }

  /// Parses `ir` and returns its first function (null on a parse error).
  func::FuncOp parse(StringRef ir) {
    modules.push_back(parseSourceString<ModuleOp>(ir, &context));
    if (!modules.back())
      return {};
    return *modules.back()->getOps<func::FuncOp>().begin();
  }

  /// Compiles `func`, failing the test on an error.
  std::unique_ptr<jit::CompiledFunction> compile(func::FuncOp func) {
    FailureOr<std::unique_ptr<jit::CompiledFunction>> compiled =
        jit::CompiledFunction::compile(func);
    EXPECT_TRUE(succeeded(compiled)) << diagnostics;
    return succeeded(compiled) ? std::move(*compiled) : nullptr;
  }

  static Tensor scalar(ElementKind kind, double value) {
    Tensor tensor(kind, {});
    tensor.setDouble(0, value);
    return tensor;
  }

  /// True when the two float tensors hold the same bits (NaN equal to NaN).
  static bool sameFloats(const Tensor &a, const Tensor &b, int64_t &at) {
    for (int64_t i = 0; i < a.getNumElements(); ++i) {
      double x = a.getDouble(i), y = b.getDouble(i);
      if (std::isnan(x) && std::isnan(y))
        continue;
      if (std::memcmp(&x, &y, sizeof(double)) != 0) {
        at = i;
        return false;
      }
    }
    return true;
  }

  MLIRContext context;
  std::vector<OwningOpRef<ModuleOp>> modules;
  std::string diagnostics;
  DiagnosticEngine::HandlerID handlerId;
};

/// `text` with every `@NAME@` replaced by its value (IR templates; MLIR
/// braces make llvm::formatv unsuitable).
std::string
substitute(std::string text,
           llvm::ArrayRef<std::pair<std::string, std::string>> replacements) {
  for (const auto &[key, value] : replacements)
    for (size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  return text;
}

/// A double printed so that it parses back to the same value.
std::string exact(double value) { return llvm::formatv("{0:e17}", value); }

/// A random f32 value 2^u with u uniform in [lo, hi).
float randomPowerScale(std::mt19937_64 &rng, double lo, double hi) {
  return static_cast<float>(
      std::exp2(std::uniform_real_distribution<double>(lo, hi)(rng)));
}

/// Inputs that exercise every path of sim_quantize for parameters (scale,
/// accScale): exact grid points, ties of the accumulator recovery, values
/// that saturate, zeros, infinities and NaN.
Tensor makeSimInput(std::mt19937_64 &rng, int64_t size, double grid,
                    double range) {
  Tensor x(ElementKind::F32, {size});
  std::uniform_int_distribution<int> pick(0, 9);
  std::uniform_real_distribution<double> uniform(-range, range);
  std::uniform_int_distribution<int64_t> integer(-4000, 4000);
  for (int64_t i = 0; i < size; ++i) {
    double v;
    switch (pick(rng)) {
    case 0:
      v = static_cast<double>(integer(rng)) * grid; // on the grid
      break;
    case 1:
      v = (static_cast<double>(integer(rng)) + 0.5) * grid; // a tie
      break;
    case 2:
      v = i % 2 ? 1e30 : -1e30;
      break;
    case 3:
      v = i % 3 == 0 ? std::numeric_limits<double>::quiet_NaN()
                     : (i % 3 == 1 ? INFINITY : -INFINITY);
      break;
    case 4:
      v = 0;
      break;
    default:
      v = uniform(rng);
    }
    x.setDouble(i, v);
  }
  return x;
}

struct SimConfig {
  int bits;
  bool isSigned;
  bool narrow;
  const char *rounding;
};

//===----------------------------------------------------------------------===//
// hwq.sim_quantize: one compiled graph, random runtime parameters
//===----------------------------------------------------------------------===//

TEST_F(JitTest, SimQuantizeWithAccScaleMatchesReferenceBitForBit) {
  const SimConfig configs[] = {{8, true, false, "half_to_even"},
                               {8, false, false, "half_to_even"},
                               {4, true, true, "half_to_even"},
                               {16, true, false, "half_to_even"},
                               {32, true, false, "half_to_even"}};
  std::mt19937_64 rng(1234);
  int compared = 0, invalid = 0;
  for (const SimConfig &config : configs) {
    std::string ir = substitute(
        R"mlir(
func.func @f(%x: tensor<256xf32>, %s: tensor<f32>, %z: tensor<i32>, %a: tensor<f32>) -> tensor<256xf32> {
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%a : tensor<f32>) {bits = @BITS@ : i32, is_signed = @SIGNED@, narrow_range = @NARROW@} : tensor<256xf32>
  return %y : tensor<256xf32>
})mlir",
        {{"@BITS@", std::to_string(config.bits)},
         {"@SIGNED@", config.isSigned ? "true" : "false"},
         {"@NARROW@", config.narrow ? "true" : "false"}});
    func::FuncOp func = parse(ir);
    ASSERT_TRUE(func) << diagnostics;
    std::unique_ptr<jit::CompiledFunction> compiled = compile(func);
    ASSERT_TRUE(compiled);
    int64_t qmin = integerRangeMin(config.bits, config.isSigned, config.narrow);
    int64_t qmax = integerRangeMax(config.bits, config.isSigned);
    for (int trial = 0; trial < 40; ++trial) {
      float scale = randomPowerScale(rng, -12, 4);
      // Mostly representable ratios, sometimes not (2^-40 .. 2^36).
      bool wild = trial % 10 == 9;
      float ratio =
          wild ? randomPowerScale(rng, -40, 36) : randomPowerScale(rng, -20, 8);
      float accScale = static_cast<float>(static_cast<double>(scale) * ratio);
      int64_t zero = std::uniform_int_distribution<int64_t>(
          std::max<int64_t>(qmin, -100000),
          std::min<int64_t>(qmax, 100000))(rng);
      Tensor x = makeSimInput(rng, 256, accScale,
                              static_cast<double>(qmax - qmin) * scale * 2);
      llvm::SmallVector<Tensor> inputs = {x, scalar(ElementKind::F32, scale),
                                          scalar(ElementKind::I32, zero),
                                          scalar(ElementKind::F32, accScale)};
      llvm::Expected<llvm::SmallVector<Tensor>> jitResults =
          compiled->run(inputs);
      ASSERT_TRUE(static_cast<bool>(jitResults))
          << llvm::toString(jitResults.takeError());
      diagnostics.clear();
      FailureOr<llvm::SmallVector<Tensor>> refResults =
          ref::evaluate(func, inputs);
      if (failed(refResults)) {
        // The reference rejects the parameters; the JIT gives NaN.
        ++invalid;
        EXPECT_NE(diagnostics.find("Q31"), std::string::npos) << diagnostics;
        for (int64_t i = 0; i < 256; ++i)
          EXPECT_TRUE(std::isnan((*jitResults)[0].getDouble(i)));
        continue;
      }
      int64_t at = -1;
      EXPECT_TRUE(sameFloats((*jitResults)[0], (*refResults)[0], at))
          << "bits " << config.bits << " scale " << scale << " acc " << accScale
          << " zp " << zero << " x " << x.getDouble(at) << ": jit "
          << (*jitResults)[0].getDouble(at) << ", reference "
          << (*refResults)[0].getDouble(at);
      ++compared;
    }
  }
  EXPECT_GT(compared, 150);
  EXPECT_GT(invalid, 0);
}

TEST_F(JitTest, SimQuantizePlainMatchesReferenceForEveryRoundingMode) {
  const SimConfig configs[] = {{8, true, false, "half_to_even"},
                               {8, false, false, "half_away_from_zero"},
                               {6, true, true, "half_up"},
                               {16, false, false, "half_up"}};
  std::mt19937_64 rng(99);
  for (const SimConfig &config : configs) {
    std::string ir = substitute(
        R"mlir(
func.func @f(%x: tensor<256xf32>, %s: tensor<4xf32>, %z: tensor<4xi32>) -> tensor<256xf32> {
  %x2 = tosa.const_shape {values = dense<[64, 4]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %x, %x2 : (tensor<256xf32>, !tosa.shape<2>) -> tensor<64x4xf32>
  %y = hwq.sim_quantize %r scale(%s : tensor<4xf32>) zero_point(%z : tensor<4xi32>) {axis = 1 : i64, bits = @BITS@ : i32, is_signed = @SIGNED@, narrow_range = @NARROW@, rounding = #hwq<rounding @ROUNDING@>} : tensor<64x4xf32>
  %x1 = tosa.const_shape {values = dense<[256]> : tensor<1xindex>} : () -> !tosa.shape<1>
  %o = tosa.reshape %y, %x1 : (tensor<64x4xf32>, !tosa.shape<1>) -> tensor<256xf32>
  return %o : tensor<256xf32>
})mlir",
        {{"@BITS@", std::to_string(config.bits)},
         {"@SIGNED@", config.isSigned ? "true" : "false"},
         {"@NARROW@", config.narrow ? "true" : "false"},
         {"@ROUNDING@", config.rounding}});
    func::FuncOp func = parse(ir);
    ASSERT_TRUE(func) << diagnostics;
    std::unique_ptr<jit::CompiledFunction> compiled = compile(func);
    ASSERT_TRUE(compiled);
    int64_t qmin = integerRangeMin(config.bits, config.isSigned, config.narrow);
    int64_t qmax = integerRangeMax(config.bits, config.isSigned);
    for (int trial = 0; trial < 25; ++trial) {
      // Power-of-two scales make the ties of makeSimInput exact.
      Tensor scales(ElementKind::F32, {4}), zeros(ElementKind::I32, {4});
      for (int64_t c = 0; c < 4; ++c) {
        scales.setDouble(
            c, trial % 2 ? std::exp2(std::floor(randomPowerScale(rng, -3, 3)))
                         : randomPowerScale(rng, -10, 2));
        zeros.setInt(c,
                     std::uniform_int_distribution<int64_t>(qmin, qmax)(rng));
      }
      Tensor x =
          makeSimInput(rng, 256, scales.getDouble(0),
                       static_cast<double>(qmax - qmin) * scales.getDouble(0));
      llvm::SmallVector<Tensor> inputs = {x, scales, zeros};
      llvm::Expected<llvm::SmallVector<Tensor>> jitResults =
          compiled->run(inputs);
      ASSERT_TRUE(static_cast<bool>(jitResults))
          << llvm::toString(jitResults.takeError());
      FailureOr<llvm::SmallVector<Tensor>> refResults =
          ref::evaluate(func, inputs);
      ASSERT_TRUE(succeeded(refResults)) << diagnostics;
      int64_t at = -1;
      EXPECT_TRUE(sameFloats((*jitResults)[0], (*refResults)[0], at))
          << config.rounding << " bits " << config.bits << " x "
          << x.getDouble(at) << ": jit " << (*jitResults)[0].getDouble(at)
          << ", reference " << (*refResults)[0].getDouble(at);
    }
  }
}

TEST_F(JitTest, SimQuantizeRejectsNonPositiveScalesWithNaN) {
  func::FuncOp func = parse(R"mlir(
func.func @f(%x: tensor<4xf32>, %s: tensor<f32>, %z: tensor<i32>) -> tensor<4xf32> {
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  return %y : tensor<4xf32>
})mlir");
  ASSERT_TRUE(func);
  std::unique_ptr<jit::CompiledFunction> compiled = compile(func);
  ASSERT_TRUE(compiled);
  Tensor x(ElementKind::F32, {4});
  for (double scale : {0.0, -0.5, static_cast<double>(INFINITY), 0.25}) {
    llvm::Expected<llvm::SmallVector<Tensor>> results = compiled->run(
        {x, scalar(ElementKind::F32, scale), scalar(ElementKind::I32, 0)});
    ASSERT_TRUE(static_cast<bool>(results));
    EXPECT_EQ(std::isnan((*results)[0].getDouble(0)), scale != 0.25)
        << "scale " << scale;
  }
}

//===----------------------------------------------------------------------===//
// hwq.requantize: random scales, full-range accumulators
//===----------------------------------------------------------------------===//

TEST_F(JitTest, RequantizeMatchesReferenceOnRandomScales) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 6; ++trial) {
    double sIn = randomPowerScale(rng, -20, -4);
    double sOut = randomPowerScale(rng, -8, 0);
    // Odd trials: an i32 input with a zero point near INT32_MIN, so that
    // |q - z| reaches 2^32 (the 128-bit path).
    int64_t zIn = trial % 2 ? -2147483000 : 0;
    int64_t zOut = std::uniform_int_distribution<int64_t>(-128, 127)(rng);
    std::optional<FixedPointMultiplier> fixed =
        computeMultiplierAndShift(sIn / sOut);
    ASSERT_TRUE(fixed);
    std::string ir = substitute(
        R"mlir(
!in = !quant.uniform<i32:f32, @SIN@:@ZIN@>
!out = !quant.uniform<i8:f32, @SOUT@:@ZOUT@>
func.func @f(%x: tensor<64x!in>) -> tensor<64x!out> {
  %y = hwq.requantize %x {multiplier = array<i32: @M@>, shift = array<i32: @N@>, clamp_max = 100 : i64}
      : tensor<64x!in> -> tensor<64x!out>
  return %y : tensor<64x!out>
})mlir",
        {{"@SIN@", exact(sIn)},
         {"@ZIN@", std::to_string(zIn)},
         {"@SOUT@", exact(sOut)},
         {"@ZOUT@", std::to_string(zOut)},
         {"@M@", std::to_string(fixed->multiplier)},
         {"@N@", std::to_string(fixed->shift)}});
    func::FuncOp func = parse(ir);
    ASSERT_TRUE(func) << diagnostics;
    std::unique_ptr<jit::CompiledFunction> compiled = compile(func);
    ASSERT_TRUE(compiled);
    Tensor x(ElementKind::I32, {64});
    std::uniform_int_distribution<int64_t> any(INT32_MIN, INT32_MAX);
    // Small values around the rounding boundaries, then anything.
    std::uniform_int_distribution<int64_t> near(-300, 300);
    for (int64_t i = 0; i < 64; ++i)
      x.setInt(i, i == 0 ? INT32_MIN
                         : (i == 1 ? INT32_MAX
                                   : (i % 2 ? near(rng) * static_cast<int64_t>(
                                                              sOut / sIn)
                                            : any(rng))));
    llvm::Expected<llvm::SmallVector<Tensor>> jitResults = compiled->run({x});
    ASSERT_TRUE(static_cast<bool>(jitResults));
    FailureOr<llvm::SmallVector<Tensor>> refResults = ref::evaluate(func, {x});
    ASSERT_TRUE(succeeded(refResults)) << diagnostics;
    llvm::Expected<TensorComparison> comparison =
        compareTensors((*jitResults)[0], (*refResults)[0], 0, 0);
    ASSERT_TRUE(static_cast<bool>(comparison));
    EXPECT_EQ(comparison->numMismatches, 0)
        << "trial " << trial << " first at " << comparison->firstMismatch;
  }
}

//===----------------------------------------------------------------------===//
// API
//===----------------------------------------------------------------------===//

TEST_F(JitTest, RunChecksInputsAndWritesCallerBuffers) {
  func::FuncOp func = parse(R"mlir(
func.func @f(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %s = tosa.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %d = tosa.sub %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %s, %d : tensor<2x3xf32>, tensor<2x3xf32>
})mlir");
  ASSERT_TRUE(func);
  std::unique_ptr<jit::CompiledFunction> compiled = compile(func);
  ASSERT_TRUE(compiled);
  EXPECT_GT(compiled->getCompileSeconds(), 0);
  ASSERT_EQ(compiled->getSignature().inputs.size(), 2u);
  ASSERT_EQ(compiled->getSignature().results.size(), 2u);

  Tensor a = runtime::makeRandomTensor(ElementKind::F32, {2, 3}, 1);
  Tensor b = runtime::makeRandomTensor(ElementKind::F32, {2, 3}, 2);
  // Wrong count, kind and shape are errors, not crashes.
  llvm::Expected<llvm::SmallVector<Tensor>> tooFew = compiled->run({a});
  ASSERT_FALSE(static_cast<bool>(tooFew));
  EXPECT_NE(llvm::toString(tooFew.takeError()).find("takes 2 input(s), 1"),
            std::string::npos);
  llvm::Expected<llvm::SmallVector<Tensor>> wrongKind =
      compiled->run({a, Tensor(ElementKind::F64, {2, 3})});
  ASSERT_FALSE(static_cast<bool>(wrongKind));
  EXPECT_NE(llvm::toString(wrongKind.takeError()).find("input #1"),
            std::string::npos);
  llvm::Expected<llvm::SmallVector<Tensor>> wrongShape =
      compiled->run({Tensor(ElementKind::F32, {3, 2}), b});
  ASSERT_FALSE(static_cast<bool>(wrongShape));

  // Raw buffers: the outputs are written (poisoned before), the inputs kept.
  float sums[6], differences[6];
  std::fill(std::begin(sums), std::end(sums), NAN);
  std::fill(std::begin(differences), std::end(differences), NAN);
  std::vector<uint8_t> aBefore(a.getBytes().begin(), a.getBytes().end());
  for (int repeat = 0; repeat < 2; ++repeat) {
    compiled->call({a.getBytes().data(), b.getBytes().data()},
                   {sums, differences});
    for (int64_t i = 0; i < 6; ++i) {
      EXPECT_EQ(sums[i], static_cast<float>(a.getDouble(i) + b.getDouble(i)));
      EXPECT_EQ(differences[i],
                static_cast<float>(a.getDouble(i) - b.getDouble(i)));
    }
  }
  EXPECT_TRUE(std::equal(aBefore.begin(), aBefore.end(), a.getBytes().begin()));
}

TEST_F(JitTest, UnsupportedSignaturesAreDiagnosed) {
  func::FuncOp func = parse(R"mlir(
func.func @f(%a: tensor<?xf32>) -> tensor<?xf32> {
  return %a : tensor<?xf32>
})mlir");
  ASSERT_TRUE(func);
  FailureOr<std::unique_ptr<jit::CompiledFunction>> compiled =
      jit::CompiledFunction::compile(func);
  EXPECT_TRUE(failed(compiled));
  EXPECT_NE(diagnostics.find("static-shaped"), std::string::npos)
      << diagnostics;
}

TEST_F(JitTest, EngineInterfaceMatchesReferenceEngineOnRealizedOps) {
  func::FuncOp func = parse(R"mlir(
func.func @f(%x: tensor<1x6x6x2xf32>) -> tensor<1x3x3x2x!quant.uniform<u8:f32, 0.05:128>> {
  %q = hwq.quantize %x : tensor<1x6x6x2xf32> -> tensor<1x6x6x2x!quant.uniform<u8:f32, 0.05:128>>
  %p = hwq.avg_pool2d %q {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>}
      : tensor<1x6x6x2x!quant.uniform<u8:f32, 0.05:128>> -> tensor<1x3x3x2x!quant.uniform<u8:f32, 0.05:128>>
  return %p : tensor<1x3x3x2x!quant.uniform<u8:f32, 0.05:128>>
})mlir");
  ASSERT_TRUE(func);
  std::unique_ptr<runtime::Engine> jitEngine = jit::createJitEngine();
  std::unique_ptr<runtime::Engine> refEngine = ref::createReferenceEngine();
  EXPECT_EQ(jitEngine->getName(), "jit");
  ASSERT_TRUE(succeeded(jitEngine->prepare(func))) << diagnostics;
  ASSERT_TRUE(succeeded(refEngine->prepare(func)));
  for (uint64_t seed = 0; seed < 5; ++seed) {
    Tensor x =
        runtime::makeRandomTensor(ElementKind::F32, {1, 6, 6, 2}, seed, -7, 7);
    FailureOr<llvm::SmallVector<Tensor>> jit = jitEngine->run({x});
    FailureOr<llvm::SmallVector<Tensor>> reference = refEngine->run({x});
    ASSERT_TRUE(succeeded(jit) && succeeded(reference));
    ASSERT_EQ((*jit)[0].getKind(), ElementKind::U8);
    EXPECT_TRUE(std::equal((*jit)[0].getBytes().begin(),
                           (*jit)[0].getBytes().end(),
                           (*reference)[0].getBytes().begin()));
  }
}

} // namespace
