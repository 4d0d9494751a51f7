//===- X86KernelTest.cpp - x86 int8 micro-kernels vs the reference -*- C++ -*-//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Bit-exactness of the packed contractions (hwq-pack-contractions) and the
// x86 micro-kernels (hwq-x86-microkernels) against the reference evaluator:
// hwq.conv2d and hwq.fully_connected with random constant weights over many
// shapes (sizes that are not multiples of the register tiles, padding,
// strides, dilation, one and many output channel blocks, long reductions
// that are split into chunks), u8 and s8 activations with zero points,
// per-tensor and per-channel weights, constant and runtime biases. Each
// function is compiled with the `generic` dot step and the `avx2` one
// (which takes the vpmaddubsw route where the 7-bit weights allow it and the
// generic one elsewhere), plus `avx512-vnni` when the host has it.
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/X86/MicroKernels.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/ExecutionEngine/JitEngine.h"
#include "hwq/Pipelines/Pipelines.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FormatVariadic.h"

#include "gtest/gtest.h"

#include <random>
#include <string>

using namespace mlir;
using namespace hwq;
using runtime::ElementKind;
using runtime::Tensor;

namespace {

/// One contraction case.
struct Case {
  bool fullyConnected = false;
  int64_t n = 1, h = 1, w = 1, c = 1, oc = 1, kh = 1, kw = 1;
  int64_t padTop = 0, padBottom = 0, padLeft = 0, padRight = 0;
  int64_t sh = 1, sw = 1, dh = 1, dw = 1;
  bool signedInput = false;
  int64_t inputZeroPoint = 0;
  bool perChannel = false;
  /// Weights are drawn from [-weightMagnitude, weightMagnitude] (clamped to
  /// [-128, 127]).
  int64_t weightMagnitude = 128;
  /// 0: no bias, 1: constant bias, 2: bias argument.
  int biasKind = 1;
  unsigned seed = 1;
};

std::string joinInts(llvm::ArrayRef<int64_t> values, llvm::StringRef sep) {
  std::string s;
  for (size_t i = 0; i < values.size(); ++i)
    s += (i ? sep.str() : "") + std::to_string(values[i]);
  return s;
}

std::string dense(llvm::ArrayRef<int64_t> values) {
  return "dense<[" + joinInts(values, ", ") + "]>";
}

/// The scales list of a per-axis type with `count` channels.
std::string scales(int64_t count, int64_t baseExp) {
  std::string s;
  for (int64_t o = 0; o < count; ++o)
    s += (o ? ", " : "") +
         llvm::formatv("{0:e}", std::ldexp(1.0, -(baseExp + o % 3))).str();
  return s;
}

class X86KernelTest : public ::testing::Test {
protected:
  X86KernelTest() {
    DialectRegistry registry;
    registerHostLoweringDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadDialect<func::FuncDialect, tosa::TosaDialect,
                        quant::QuantDialect, HwqDialect>();
    handlerId = context.getDiagEngine().registerHandler([this](Diagnostic &d) {
      diagnostics += d.str() + "\n";
      return success();
    });
  }
  ~X86KernelTest() override { context.getDiagEngine().eraseHandler(handlerId); }

  /// Builds the function of `c` with its weights, and its inputs.
  std::string build(const Case &c, SmallVector<Tensor> &inputs) {
    std::mt19937 rng(c.seed);
    int64_t wlo = std::max<int64_t>(-128, -c.weightMagnitude);
    int64_t whi = std::min<int64_t>(127, c.weightMagnitude);
    std::uniform_int_distribution<int64_t> wdist(wlo, whi);
    SmallVector<int64_t> wshape =
        c.fullyConnected ? SmallVector<int64_t>{c.oc, c.c}
                         : SmallVector<int64_t>{c.oc, c.kh, c.kw, c.c};
    int64_t wcount = 1;
    for (int64_t d : wshape)
      wcount *= d;
    SmallVector<int64_t> weights;
    for (int64_t i = 0; i < wcount; ++i)
      weights.push_back(wdist(rng));
    std::uniform_int_distribution<int64_t> bdist(-20000, 20000);
    SmallVector<int64_t> bias;
    for (int64_t o = 0; o < c.oc; ++o)
      bias.push_back(bdist(rng));

    std::string storage = c.signedInput ? "i8" : "u8";
    std::string xType = llvm::formatv("!quant.uniform<{0}:f32, 0.03125:{1}>",
                                      storage, c.inputZeroPoint);
    int64_t wAxis = 0;
    std::string wq = c.perChannel
                         ? llvm::formatv("!quant.uniform<i8:f32:{0}, {{{1}}>",
                                         wAxis, scales(c.oc, 6))
                               .str()
                         : "!quant.uniform<i8:f32, 0.015625>";
    int64_t outRank = c.fullyConnected ? 2 : 4;
    std::string accq =
        c.perChannel ? llvm::formatv("!quant.uniform<i32:f32:{0}, {{{1}}>",
                                     outRank - 1, scales(c.oc, 11))
                           .str()
                     : "!quant.uniform<i32:f32, 4.8828125e-4>";
    SmallVector<int64_t> xshape, oshape;
    int64_t oh = 1, ow = 1;
    if (c.fullyConnected) {
      xshape = {c.n, c.c};
      oshape = {c.n, c.oc};
    } else {
      xshape = {c.n, c.h, c.w, c.c};
      oh = (c.h + c.padTop + c.padBottom - ((c.kh - 1) * c.dh + 1)) / c.sh + 1;
      ow = (c.w + c.padLeft + c.padRight - ((c.kw - 1) * c.dw + 1)) / c.sw + 1;
      oshape = {c.n, oh, ow, c.oc};
    }
    std::string xt = "tensor<" + joinInts(xshape, "x") + "x" + xType + ">";
    std::string wt = "tensor<" + joinInts(wshape, "x") + "x" + wq + ">";
    std::string wst = "tensor<" + joinInts(wshape, "x") + "xi8>";
    std::string ot = "tensor<" + joinInts(oshape, "x") + "x" + accq + ">";
    std::string bt = "tensor<" + std::to_string(c.oc) + "xi32>";

    std::string args = "%x: " + xt;
    std::string body;
    std::string biasOperand, biasType;
    if (c.biasKind == 2) {
      args += ", %b: " + bt;
      biasOperand = ", %b";
      biasType = ", " + bt;
    } else if (c.biasKind == 1) {
      body += "  %b = \"tosa.const\"() <{values = " + dense(bias) + " : " + bt +
              "}> : () -> " + bt + "\n";
      biasOperand = ", %b";
      biasType = ", " + bt;
    }
    // Weights as hex bytes (any shape).
    std::string hex;
    for (int64_t v : weights)
      hex += llvm::formatv("{0:X-2}", static_cast<uint8_t>(v)).str();
    body += "  %w2 = \"tosa.const\"() <{values = dense<\"0x" + hex +
            "\"> : " + wst + "}> : () -> " + wt + "\n";
    if (c.fullyConnected)
      body += "  %acc = hwq.fully_connected %x, %w2" + biasOperand + " : (" +
              xt + ", " + wt + biasType + ") -> " + ot + "\n";
    else
      body += llvm::formatv("  %acc = hwq.conv2d %x, %w2{0} {{pad = "
                            "array<i64: {1}, {2}, {3}, {4}>, stride = "
                            "array<i64: {5}, {6}>, dilation = array<i64: "
                            "{7}, {8}>} : ({9}, {10}{11}) -> {12}\n",
                            biasOperand, c.padTop, c.padBottom, c.padLeft,
                            c.padRight, c.sh, c.sw, c.dh, c.dw, xt, wt,
                            biasType, ot)
                  .str();
    body += "  return %acc : " + ot + "\n";

    Tensor x(c.signedInput ? ElementKind::I8 : ElementKind::U8, xshape);
    std::uniform_int_distribution<int64_t> xdist(c.signedInput ? -128 : 0,
                                                 c.signedInput ? 127 : 255);
    for (int64_t i = 0; i < x.getNumElements(); ++i)
      x.setInt(i, xdist(rng));
    inputs.push_back(std::move(x));
    if (c.biasKind == 2) {
      Tensor b(ElementKind::I32, {c.oc});
      for (int64_t o = 0; o < c.oc; ++o)
        b.setInt(o, bias[o]);
      inputs.push_back(std::move(b));
    }
    return "module attributes {} {\nfunc.func @f(" + args + ") -> " + ot +
           " {\n" + body + "}\n}\n";
  }

  /// Runs `c` through the reference and the JIT with every dot step; the
  /// results must agree bit for bit.
  void check(const Case &c) {
    SmallVector<Tensor> inputs;
    std::string ir = build(c, inputs);
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(ir, &context);
    ASSERT_TRUE(module) << diagnostics << ir;
    auto func = *module->getOps<func::FuncOp>().begin();
    FailureOr<SmallVector<Tensor>> expected = ref::evaluate(func, inputs);
    ASSERT_TRUE(succeeded(expected)) << diagnostics << ir;
    SmallVector<std::string> isas = {"generic", "avx2"};
    if (x86::getHostDotIsa() == x86::DotIsa::Avx512Vnni)
      isas.push_back("avx512-vnni");
    for (const std::string &isa : isas) {
      expectKernels(*module, isa, c);
      jit::JitOptions options;
      options.codegen = "x86";
      options.x86Isa = isa;
      auto compiled = jit::CompiledFunction::compile(func, options);
      ASSERT_TRUE(succeeded(compiled)) << diagnostics << ir;
      llvm::Expected<SmallVector<Tensor>> got = (*compiled)->run(inputs);
      ASSERT_TRUE(static_cast<bool>(got)) << llvm::toString(got.takeError());
      ASSERT_EQ(got->size(), 1u);
      const Tensor &e = (*expected)[0], &g = (*got)[0];
      ASSERT_EQ(e.getNumElements(), g.getNumElements());
      int64_t mismatches = 0, first = -1;
      for (int64_t i = 0; i < e.getNumElements(); ++i)
        if (e.getInt(i) != g.getInt(i)) {
          if (first < 0)
            first = i;
          ++mismatches;
        }
      EXPECT_EQ(mismatches, 0)
          << "isa " << isa << ": first at " << first << ": expected "
          << e.getInt(first) << ", got " << g.getInt(first) << "\n"
          << ir.substr(0, 2000);
    }
  }

  /// Lowers a clone of `module` to memrefs with the x86 code generator and
  /// checks that the contraction became a micro-kernel (no marked generic
  /// left, vector loads), with the vpmaddubsw step for the avx2 variant
  /// exactly when no pair of products can saturate (7-bit weights; random
  /// full-range weights always have an unsafe pair in these shapes).
  void expectKernels(ModuleOp module, const std::string &isaName,
                     const Case &c) {
    OwningOpRef<ModuleOp> clone = module.clone();
    PassManager pm(&context);
    HostLoweringOptions options;
    options.lowerToLLVM = false;
    options.x86Isa = isaName;
    buildX86LoweringPipeline(pm, options);
    ASSERT_TRUE(succeeded(pm.run(*clone))) << diagnostics;
    int64_t marked = 0, loads = 0, pmadd = 0, vnni = 0;
    clone->walk([&](Operation *op) {
      if (op->hasAttr("hwq.packed_contraction"))
        ++marked;
      if (isa<vector::LoadOp>(op))
        ++loads;
      if (auto call = dyn_cast<LLVM::CallIntrinsicOp>(op)) {
        if (call.getIntrin() == "llvm.x86.avx2.pmadd.ub.sw")
          ++pmadd;
        if (call.getIntrin() == "llvm.x86.avx512.vpdpbusd.512")
          ++vnni;
      }
    });
    EXPECT_EQ(marked, 0) << isaName;
    EXPECT_GT(loads, 0) << isaName;
    // Pairs of packed weights cannot saturate with 7-bit weights, nor with
    // one input channel (its partner in the pair is padding).
    bool sevenBit = c.weightMagnitude <= 64 || c.c == 1;
    EXPECT_EQ(pmadd > 0, isaName == "avx2" && sevenBit) << isaName;
    EXPECT_EQ(vnni > 0, isaName == "avx512-vnni") << isaName;
  }

  MLIRContext context;
  DiagnosticEngine::HandlerID handlerId;
  std::string diagnostics;
};

TEST_F(X86KernelTest, ConvOddSizesPaddingStride) {
  Case c;
  c.n = 2, c.h = 9, c.w = 11, c.c = 3, c.oc = 5, c.kh = 3, c.kw = 3;
  c.padTop = 1, c.padBottom = 2, c.padLeft = 0, c.padRight = 1;
  c.sh = 2, c.sw = 1;
  c.inputZeroPoint = 131;
  c.seed = 11;
  check(c);
}

TEST_F(X86KernelTest, ConvSignedInputDilationPerChannel) {
  Case c;
  c.n = 1, c.h = 10, c.w = 13, c.c = 6, c.oc = 19, c.kh = 2, c.kw = 3;
  c.padTop = 2, c.padBottom = 0, c.padLeft = 1, c.padRight = 2;
  c.sh = 1, c.sw = 2, c.dh = 2, c.dw = 1;
  c.signedInput = true, c.inputZeroPoint = -7, c.perChannel = true;
  c.biasKind = 2;
  c.seed = 12;
  check(c);
}

TEST_F(X86KernelTest, ConvManyChannelBlocksSevenBitWeights) {
  // 7-bit weights: the avx2 variant takes the vpmaddubsw route.
  Case c;
  c.n = 1, c.h = 7, c.w = 17, c.c = 20, c.oc = 70, c.kh = 3, c.kw = 3;
  c.padTop = 1, c.padBottom = 1, c.padLeft = 1, c.padRight = 1;
  c.inputZeroPoint = 255, c.weightMagnitude = 64, c.perChannel = true;
  c.seed = 13;
  check(c);
}

TEST_F(X86KernelTest, ConvNarrowOutputOneChannel) {
  // OW smaller than the register tile, one input channel (KWS's first layer),
  // no bias.
  Case c;
  c.n = 1, c.h = 12, c.w = 3, c.c = 1, c.oc = 4, c.kh = 5, c.kw = 2;
  c.padTop = 2, c.padBottom = 2, c.padLeft = 0, c.padRight = 0;
  c.sh = 2, c.sw = 2;
  c.inputZeroPoint = 0, c.biasKind = 0;
  c.seed = 14;
  check(c);
}

TEST_F(X86KernelTest, PointwiseConvSignedNoPadding) {
  Case c;
  c.n = 1, c.h = 5, c.w = 9, c.c = 33, c.oc = 48;
  c.signedInput = true, c.inputZeroPoint = 127;
  c.seed = 15;
  check(c);
}

TEST_F(X86KernelTest, FullyConnectedLongReduction) {
  // K = 2051: split into L1 chunks, K not a multiple of 4.
  Case c;
  c.fullyConnected = true;
  c.n = 7, c.c = 2051, c.oc = 37;
  c.inputZeroPoint = 3, c.perChannel = true;
  c.seed = 16;
  check(c);
}

TEST_F(X86KernelTest, FullyConnectedSignedSevenBit) {
  Case c;
  c.fullyConnected = true;
  c.n = 13, c.c = 64, c.oc = 12;
  c.signedInput = true, c.inputZeroPoint = -128, c.weightMagnitude = 63;
  c.biasKind = 2;
  c.seed = 17;
  check(c);
}

TEST_F(X86KernelTest, RandomConvShapes) {
  std::mt19937 rng(2026);
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  for (int i = 0; i < 6; ++i) {
    Case c;
    c.n = pick(1, 2), c.kh = pick(1, 3), c.kw = pick(1, 3);
    c.dh = pick(1, 2), c.dw = pick(1, 2), c.sh = pick(1, 2), c.sw = pick(1, 2);
    c.h = pick((c.kh - 1) * c.dh + 1, 9), c.w = pick((c.kw - 1) * c.dw + 1, 15);
    c.c = pick(1, 9), c.oc = pick(1, 40);
    c.padTop = pick(0, 2), c.padBottom = pick(0, 2), c.padLeft = pick(0, 2),
    c.padRight = pick(0, 2);
    c.signedInput = pick(0, 1);
    c.inputZeroPoint = c.signedInput ? pick(-128, 127) : pick(0, 255);
    c.perChannel = pick(0, 1);
    c.weightMagnitude = pick(0, 1) ? 64 : 128;
    c.biasKind = static_cast<int>(pick(0, 2));
    c.seed = 100 + i;
    SCOPED_TRACE(i);
    check(c);
  }
}

} // namespace
