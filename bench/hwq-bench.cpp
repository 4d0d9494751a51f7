//===- hwq-bench.cpp - int8 / fp32 kernels against oneDNN ----------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Prints, in one run, single-thread timings (median of >= 7 samples) of
//   matmul 1024^3 (hwq.fully_connected + requantize, u8 x s8 -> u8),
//   conv 1x56x56x64 -> 64, 3x3, pad 1 (hwq.conv2d + requantize),
//   depthwise conv 1x56x56x64, 3x3, pad 1,
//   the KWS DS-CNN model end to end (files given on the command line),
// for hwq int8 (the x86 micro-kernels with the host's best dot step, and the
// plain loops for reference), hwq fp32 (float TOSA through the same JIT) and
// oneDNN int8 / fp32 on the same shapes, with GOP/s and the fraction of the
// per-core peak measured in the same run by a dot-product instruction loop.
// docs/performance.md records the output and how to run it
// (bench/run-x86.sh). Options: --kws-int FILE --kws-float FILE (the KWS
// models), --only WORD (workloads whose name contains WORD: matmul, conv,
// depthwise, kws), --acc-only (int8 graphs without the requantize).
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/X86/MicroKernels.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/ExecutionEngine/HostCompiler.h"
#include "hwq/ExecutionEngine/JitEngine.h"
#include "hwq/Pipelines/Pipelines.h"
#include "hwq/Runtime/Tensor.h"
#include "hwq/Support/FixedPoint.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#ifdef HWQ_BENCH_HAVE_DNNL
#include "oneapi/dnnl/dnnl.hpp"
#endif

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace mlir;
using namespace hwq;

namespace {

/// Largest weight magnitude of the int8 graphs: 127 (s8) on VNNI hosts, 63
/// (s7, the x86-avx2 target's weights, which vpmaddubsw cannot saturate)
/// elsewhere.
int weightMax = 127;

/// With --acc-only the int8 graphs return the i32 accumulator (no
/// requantize): separates the contraction from the requantize epilogue.
bool accOnly = false;

using Clock = std::chrono::steady_clock;

/// Median milliseconds of `samples` samples of `fn` (each sample repeats it
/// until ~20 ms have passed).
double medianMs(const std::function<void()> &fn, int samples = 9) {
  fn(); // warm up
  auto t0 = Clock::now();
  fn();
  double once = std::chrono::duration<double>(Clock::now() - t0).count();
  int reps = std::max(1, static_cast<int>(0.02 / std::max(once, 1e-7)));
  std::vector<double> ms;
  for (int s = 0; s < samples; ++s) {
    auto start = Clock::now();
    for (int r = 0; r < reps; ++r)
      fn();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start)
                     .count() /
                 reps);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

//===----------------------------------------------------------------------===//
// Peak instruction rates
//===----------------------------------------------------------------------===//

constexpr long kPeakIters = 20000000;

__attribute__((target("avx512f,avx512bw,avx512vnni"))) double peakVnniGops() {
  __m512i acc[12];
  for (auto &a : acc)
    a = _mm512_setzero_si512();
  __m512i x = _mm512_set1_epi8(3), y = _mm512_set1_epi8(-2);
  auto start = Clock::now();
  for (long i = 0; i < kPeakIters; ++i) {
    for (auto &a : acc)
      a = _mm512_dpbusd_epi32(a, x, y);
    __asm__ volatile("" : "+v"(x));
  }
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  __m512i sum = acc[0];
  for (int i = 1; i < 12; ++i)
    sum = _mm512_add_epi32(sum, acc[i]);
  volatile int sink = _mm512_reduce_add_epi32(sum);
  (void)sink;
  return 12.0 * kPeakIters * 64 * 2 / s / 1e9;
}

__attribute__((target("avx2"))) double peakAvx2Int8Gops() {
  // vpmaddubsw + vpmaddwd + vpaddd: 32 MACs per ymm triple.
  __m256i acc[8];
  for (auto &a : acc)
    a = _mm256_setzero_si256();
  __m256i x = _mm256_set1_epi8(3), y = _mm256_set1_epi8(-2);
  __m256i ones = _mm256_set1_epi16(1);
  auto start = Clock::now();
  for (long i = 0; i < kPeakIters; ++i) {
    for (auto &a : acc)
      a = _mm256_add_epi32(a,
                           _mm256_madd_epi16(_mm256_maddubs_epi16(x, y), ones));
    __asm__ volatile("" : "+x"(x));
  }
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  __m256i sum = acc[0];
  for (int i = 1; i < 8; ++i)
    sum = _mm256_add_epi32(sum, acc[i]);
  alignas(32) int out[8];
  _mm256_store_si256(reinterpret_cast<__m256i *>(out), sum);
  volatile int sink = out[0];
  (void)sink;
  return 8.0 * kPeakIters * 32 * 2 / s / 1e9;
}

__attribute__((target("avx2,fma"))) double peakFmaGflops() {
  __m256 acc[10];
  for (auto &a : acc)
    a = _mm256_setzero_ps();
  __m256 x = _mm256_set1_ps(1.0001f), y = _mm256_set1_ps(0.9999f);
  auto start = Clock::now();
  for (long i = 0; i < kPeakIters; ++i) {
    for (auto &a : acc)
      a = _mm256_fmadd_ps(a, x, y);
    __asm__ volatile("" : "+x"(x));
  }
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  __m256 sum = acc[0];
  for (int i = 1; i < 10; ++i)
    sum = _mm256_add_ps(sum, acc[i]);
  alignas(32) float out[8];
  _mm256_store_ps(out, sum);
  volatile float sink = out[0];
  (void)sink;
  return 10.0 * kPeakIters * 8 * 2 / s / 1e9;
}

__attribute__((target("avx512f"))) double peakAvx512FmaGflops() {
  __m512 acc[12];
  for (auto &a : acc)
    a = _mm512_setzero_ps();
  __m512 x = _mm512_set1_ps(1.0001f), y = _mm512_set1_ps(0.9999f);
  auto start = Clock::now();
  for (long i = 0; i < kPeakIters; ++i) {
    for (auto &a : acc)
      a = _mm512_fmadd_ps(a, x, y);
    __asm__ volatile("" : "+v"(x));
  }
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  __m512 sum = acc[0];
  for (int i = 1; i < 12; ++i)
    sum = _mm512_add_ps(sum, acc[i]);
  volatile float sink = _mm512_reduce_add_ps(sum);
  (void)sink;
  return 12.0 * kPeakIters * 16 * 2 / s / 1e9;
}

//===----------------------------------------------------------------------===//
// hwq graphs
//===----------------------------------------------------------------------===//

std::string hexBytes(const std::vector<int8_t> &values) {
  static const char *digits = "0123456789ABCDEF";
  std::string s;
  s.reserve(values.size() * 2);
  for (int8_t v : values) {
    auto b = static_cast<uint8_t>(v);
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

std::vector<int8_t> randomBytes(size_t count, int lo, int hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dist(lo, hi);
  std::vector<int8_t> v(count);
  for (auto &x : v)
    x = static_cast<int8_t>(dist(rng));
  return v;
}

std::string floatHex(const std::vector<float> &values) {
  std::vector<int8_t> bytes(values.size() * 4);
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return hexBytes(bytes);
}

std::vector<float> randomFloats(size_t count, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> v(count);
  for (auto &x : v)
    x = dist(rng);
  return v;
}

/// Quantized types: u8 input (scale 2^-5, zero point 128), s8 weights
/// (2^-7), i32 accumulator (2^-12), u8 output (0.1, 128).
constexpr const char *kTypes = "!x = !quant.uniform<u8:f32, 0.03125:128>\n"
                               "!w = !quant.uniform<i8:f32, 0.0078125>\n"
                               "!acc = !quant.uniform<i32:f32, 2.44140625e-4>\n"
                               "!y = !quant.uniform<u8:f32, 0.1:128>\n";

std::string requantizeAttrs() {
  FixedPointMultiplier m = *computeMultiplierAndShift(2.44140625e-4 / 0.1);
  return llvm::formatv("{{multiplier = array<i32: {0}>, shift = array<i32: "
                       "{1}>, clamp_min = 128 : i64}",
                       m.multiplier, m.shift)
      .str();
}

/// Drops the requantize of a generated int8 graph (--acc-only).
std::string stripRequantize(std::string ir) {
  if (!accOnly)
    return ir;
  size_t at = ir.find("  %y = hwq.requantize");
  size_t ret = ir.find("  return %y : ");
  if (at == std::string::npos || ret == std::string::npos)
    return ir;
  size_t end = ir.find('\n', ret);
  std::string accType = ir.substr(ir.find("-> ", ir.find("%a = ")) + 3);
  accType = accType.substr(0, accType.find('\n'));
  std::string out =
      ir.substr(0, at) + "  return %a : " + accType + "\n" + ir.substr(end + 1);
  size_t sig = out.find(") -> ");
  size_t brace = out.find(" {", sig);
  return out.substr(0, sig + 5) + accType + out.substr(brace);
}

std::string int8MatmulIR(int64_t m, int64_t k, int64_t n) {
  std::string w = hexBytes(randomBytes(n * k, -weightMax - 1, weightMax, 1));
  return llvm::formatv(
             "{0}func.func @f(%x: tensor<{1}x{2}x!x>) -> tensor<{1}x{3}x!y> "
             "{{\n"
             "  %w = \"tosa.const\"() <{{values = dense<\"0x{4}\"> : "
             "tensor<{3}x{2}xi8>}> : () -> tensor<{3}x{2}x!w>\n"
             "  %a = hwq.fully_connected %x, %w : (tensor<{1}x{2}x!x>, "
             "tensor<{3}x{2}x!w>) -> tensor<{1}x{3}x!acc>\n"
             "  %y = hwq.requantize %a {5} : tensor<{1}x{3}x!acc> -> "
             "tensor<{1}x{3}x!y>\n"
             "  return %y : tensor<{1}x{3}x!y>\n}\n",
             kTypes, m, k, n, w, requantizeAttrs())
      .str();
}

std::string int8ConvIR(int64_t h, int64_t w, int64_t c, int64_t oc, int64_t kh,
                       int64_t kw) {
  std::string weights =
      hexBytes(randomBytes(oc * kh * kw * c, -weightMax - 1, weightMax, 2));
  return llvm::formatv(
             "{0}func.func @f(%x: tensor<1x{1}x{2}x{3}x!x>) -> "
             "tensor<1x{1}x{2}x{4}x!y> {{\n"
             "  %w = \"tosa.const\"() <{{values = dense<\"0x{5}\"> : "
             "tensor<{4}x{6}x{7}x{3}xi8>}> : () -> tensor<{4}x{6}x{7}x{3}x!w>\n"
             "  %a = hwq.conv2d %x, %w {{pad = array<i64: 1, 1, 1, 1>, stride "
             "= array<i64: 1, 1>, dilation = array<i64: 1, 1>} : "
             "(tensor<1x{1}x{2}x{3}x!x>, tensor<{4}x{6}x{7}x{3}x!w>) -> "
             "tensor<1x{1}x{2}x{4}x!acc>\n"
             "  %y = hwq.requantize %a {8} : tensor<1x{1}x{2}x{4}x!acc> -> "
             "tensor<1x{1}x{2}x{4}x!y>\n"
             "  return %y : tensor<1x{1}x{2}x{4}x!y>\n}\n",
             kTypes, h, w, c, oc, weights, kh, kw, requantizeAttrs())
      .str();
}

std::string int8DepthwiseIR(int64_t h, int64_t w, int64_t c) {
  std::string weights =
      hexBytes(randomBytes(9 * c, -weightMax - 1, weightMax, 3));
  return llvm::formatv(
             "{0}func.func @f(%x: tensor<1x{1}x{2}x{3}x!x>) -> "
             "tensor<1x{1}x{2}x{3}x!y> {{\n"
             "  %w = \"tosa.const\"() <{{values = dense<\"0x{4}\"> : "
             "tensor<3x3x{3}x1xi8>}> : () -> tensor<3x3x{3}x1x!w>\n"
             "  %a = hwq.depthwise_conv2d %x, %w {{pad = array<i64: 1, 1, 1, "
             "1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : "
             "(tensor<1x{1}x{2}x{3}x!x>, tensor<3x3x{3}x1x!w>) -> "
             "tensor<1x{1}x{2}x{3}x!acc>\n"
             "  %y = hwq.requantize %a {5} : tensor<1x{1}x{2}x{3}x!acc> -> "
             "tensor<1x{1}x{2}x{3}x!y>\n"
             "  return %y : tensor<1x{1}x{2}x{3}x!y>\n}\n",
             kTypes, h, w, c, weights, requantizeAttrs())
      .str();
}

std::string f32MatmulIR(int64_t m, int64_t k, int64_t n) {
  return llvm::formatv(
             "func.func @f(%x: tensor<1x{0}x{1}xf32>) -> tensor<1x{0}x{2}xf32> "
             "{{\n"
             "  %w = \"tosa.const\"() <{{values = dense<\"0x{3}\"> : "
             "tensor<1x{1}x{2}xf32>}> : () -> tensor<1x{1}x{2}xf32>\n"
             "  %zp = \"tosa.const\"() <{{values = dense<0.0> : "
             "tensor<1xf32>}> : () -> tensor<1xf32>\n"
             "  %y = tosa.matmul %x, %w, %zp, %zp : (tensor<1x{0}x{1}xf32>, "
             "tensor<1x{1}x{2}xf32>, tensor<1xf32>, tensor<1xf32>) -> "
             "tensor<1x{0}x{2}xf32>\n"
             "  return %y : tensor<1x{0}x{2}xf32>\n}\n",
             m, k, n, floatHex(randomFloats(k * n, 4)))
      .str();
}

std::string f32ConvIR(int64_t h, int64_t w, int64_t c, int64_t oc,
                      bool depthwise) {
  std::string wshape = depthwise ? llvm::formatv("3x3x{0}x1", c).str()
                                 : llvm::formatv("{0}x3x3x{1}", oc, c).str();
  int64_t wcount = depthwise ? 9 * c : 9 * c * oc;
  return llvm::formatv(
             "func.func @f(%x: tensor<1x{0}x{1}x{2}xf32>) -> "
             "tensor<1x{0}x{1}x{3}xf32> {{\n"
             "  %w = \"tosa.const\"() <{{values = dense<\"0x{4}\"> : "
             "tensor<{5}xf32>}> : () -> tensor<{5}xf32>\n"
             "  %b = \"tosa.const\"() <{{values = dense<0.5> : "
             "tensor<{3}xf32>}> : () -> tensor<{3}xf32>\n"
             "  %zp = \"tosa.const\"() <{{values = dense<0.0> : "
             "tensor<1xf32>}> : () -> tensor<1xf32>\n"
             "  %y = tosa.{6} %x, %w, %b, %zp, %zp {{acc_type = f32, dilation "
             "= array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = "
             "array<i64: 1, 1>} : (tensor<1x{0}x{1}x{2}xf32>, "
             "tensor<{5}xf32>, tensor<{3}xf32>, tensor<1xf32>, "
             "tensor<1xf32>) -> tensor<1x{0}x{1}x{3}xf32>\n"
             "  %r = tosa.clamp %y {{max_val = 6.0 : f32, min_val = 0.0 : "
             "f32} : (tensor<1x{0}x{1}x{3}xf32>) -> "
             "tensor<1x{0}x{1}x{3}xf32>\n"
             "  return %r : tensor<1x{0}x{1}x{3}xf32>\n}\n",
             h, w, c, oc, floatHex(randomFloats(wcount, 5)), wshape,
             depthwise ? "depthwise_conv2d" : "conv2d")
      .str();
}

/// A JIT-compiled hwq function with its buffers.
struct Compiled {
  std::unique_ptr<jit::CompiledFunction> fn;
  std::vector<std::vector<uint8_t>> in, out;
  void operator()() const {
    std::vector<const void *> ins;
    std::vector<void *> outs;
    for (auto &b : in)
      ins.push_back(b.data());
    for (auto &b : out)
      outs.push_back(const_cast<uint8_t *>(b.data()));
    fn->call(ins, outs);
  }
};

class HwqRunner {
public:
  HwqRunner() {
    DialectRegistry registry;
    registerHostLoweringDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadDialect<func::FuncDialect, tosa::TosaDialect,
                        quant::QuantDialect, HwqDialect>();
  }

  /// Compiles the first function of `ir`; null (with a message) on failure.
  std::unique_ptr<Compiled> compile(llvm::StringRef ir,
                                    const jit::JitOptions &options) {
    modules.push_back(parseSourceString<ModuleOp>(ir, &context));
    if (!modules.back()) {
      llvm::errs() << "hwq-bench: cannot parse a generated graph\n";
      return nullptr;
    }
    auto func = *modules.back()->getOps<func::FuncOp>().begin();
    auto fn = jit::CompiledFunction::compile(func, options);
    if (failed(fn)) {
      llvm::errs() << "hwq-bench: compilation failed\n";
      return nullptr;
    }
    auto c = std::make_unique<Compiled>();
    c->fn = std::move(*fn);
    const HostFunctionSignature &sig = c->fn->getSignature();
    for (const auto &a : sig.inputs)
      c->in.emplace_back(a.getNumElements() * runtime::getElementSize(a.kind),
                         1);
    for (const auto &r : sig.results)
      c->out.emplace_back(r.getNumElements() * runtime::getElementSize(r.kind),
                          0);
    std::mt19937 rng(9);
    for (auto &b : c->in)
      for (auto &x : b)
        x = static_cast<uint8_t>(rng());
    // Float inputs: small values instead of random bit patterns.
    for (size_t i = 0; i < sig.inputs.size(); ++i)
      if (sig.inputs[i].kind == runtime::ElementKind::F32) {
        auto *f = reinterpret_cast<float *>(c->in[i].data());
        for (size_t j = 0; j < c->in[i].size() / 4; ++j)
          f[j] = static_cast<float>(static_cast<int>(rng() % 200) - 100) / 50;
      }
    return c;
  }

  /// Reads and compiles a model file.
  std::unique_ptr<Compiled> compileFile(const std::string &path,
                                        const jit::JitOptions &options) {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (!buffer) {
      llvm::errs() << "hwq-bench: cannot read " << path << "\n";
      return nullptr;
    }
    return compile((*buffer)->getBuffer(), options);
  }

private:
  MLIRContext context;
  std::vector<OwningOpRef<ModuleOp>> modules;
};

//===----------------------------------------------------------------------===//
// oneDNN
//===----------------------------------------------------------------------===//

#ifdef HWQ_BENCH_HAVE_DNNL
/// A primitive with its arguments.
struct DnnlCase {
  dnnl::engine eng{dnnl::engine::kind::cpu, 0};
  dnnl::stream strm{eng};
  dnnl::primitive prim;
  std::unordered_map<int, dnnl::memory> args;
  void operator()() {
    prim.execute(strm, args);
    strm.wait();
  }
};

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

std::unique_ptr<DnnlCase> dnnlMatmul(int64_t m, int64_t k, int64_t n,
                                     bool int8) {
  auto c = std::make_unique<DnnlCase>();
  dt src = int8 ? dt::u8 : dt::f32, wei = int8 ? dt::s8 : dt::f32,
     dst = int8 ? dt::u8 : dt::f32;
  dnnl::memory::desc a({m, k}, src, tag::ab), b({k, n}, wei, tag::any),
      d({m, n}, dst, tag::ab);
  dnnl::primitive_attr attr;
  if (int8)
    attr.set_output_scales(0, {0.0024f});
  auto pd =
      dnnl::matmul::primitive_desc(dnnl::matmul::desc(a, b, d), attr, c->eng);
  dnnl::memory wUser({{k, n}, wei, tag::ab}, c->eng);
  dnnl::memory w(pd.weights_desc(), c->eng);
  dnnl::reorder(wUser, w).execute(c->strm, wUser, w);
  c->strm.wait();
  c->prim = dnnl::matmul(pd);
  c->args = {{DNNL_ARG_SRC, dnnl::memory(pd.src_desc(), c->eng)},
             {DNNL_ARG_WEIGHTS, w},
             {DNNL_ARG_DST, dnnl::memory(pd.dst_desc(), c->eng)}};
  return c;
}

std::unique_ptr<DnnlCase> dnnlConv(int64_t h, int64_t w, int64_t ch, int64_t oc,
                                   bool depthwise, bool int8) {
  auto c = std::make_unique<DnnlCase>();
  dt src = int8 ? dt::u8 : dt::f32, wei = int8 ? dt::s8 : dt::f32,
     dst = int8 ? dt::u8 : dt::f32;
  dnnl::memory::dims wdims = depthwise ? dnnl::memory::dims{ch, 1, 1, 3, 3}
                                       : dnnl::memory::dims{oc, ch, 3, 3};
  dnnl::memory::desc s({1, ch, h, w}, src, tag::nhwc), wd(wdims, wei, tag::any),
      b({oc}, dt::f32, tag::a), d({1, oc, h, w}, dst, tag::nhwc);
  dnnl::primitive_attr attr;
  if (int8)
    attr.set_output_scales(0, {0.0024f});
  auto desc = dnnl::convolution_forward::desc(
      dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
      s, wd, b, d, {1, 1}, {1, 1}, {1, 1});
  auto pd = dnnl::convolution_forward::primitive_desc(desc, attr, c->eng);
  c->prim = dnnl::convolution_forward(pd);
  c->args = {{DNNL_ARG_SRC, dnnl::memory(pd.src_desc(), c->eng)},
             {DNNL_ARG_WEIGHTS, dnnl::memory(pd.weights_desc(), c->eng)},
             {DNNL_ARG_BIAS, dnnl::memory(pd.bias_desc(), c->eng)},
             {DNNL_ARG_DST, dnnl::memory(pd.dst_desc(), c->eng)}};
  return c;
}
#endif

//===----------------------------------------------------------------------===//
// Table
//===----------------------------------------------------------------------===//

struct Row {
  std::string workload, impl;
  double ms = 0;
  double gop = 0;  // operations per run (2 x MACs)
  double peak = 0; // GOP/s of the instruction this row is measured against
  std::string note;
};

void printRow(const Row &r) {
  double gops = r.ms > 0 ? r.gop / (r.ms * 1e-3) : 0;
  std::string frac = r.peak > 0 && r.gop > 0
                         ? llvm::formatv("{0:P0}", gops / r.peak).str()
                         : "";
  llvm::outs() << llvm::formatv("| {0,-28} | {1,-30} | {2,10:F3} | {3,8:F1} | "
                                "{4,6} | {5} |\n",
                                r.workload, r.impl, r.ms, gops, frac, r.note);
}

} // namespace

int main(int argc, char **argv) {
  std::string kwsInt, kwsFloat, only;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--only") == 0)
      only = argv[++i];
    else if (std::strcmp(argv[i], "--acc-only") == 0)
      accOnly = true;
    if (std::strcmp(argv[i], "--kws-int") == 0)
      kwsInt = argv[++i];
    else if (std::strcmp(argv[i], "--kws-float") == 0)
      kwsFloat = argv[++i];
  }
  bool vnni = __builtin_cpu_supports("avx512vnni");
  bool avx512 = __builtin_cpu_supports("avx512f");
  double int8Peak = vnni ? peakVnniGops() : peakAvx2Int8Gops();
  double f32Peak = avx512 ? peakAvx512FmaGflops() : peakFmaGflops();
  x86::DotIsa isa = x86::getHostDotIsa();
  const char *isaName = isa == x86::DotIsa::Avx512Vnni ? "avx512-vnni"
                        : isa == x86::DotIsa::Avx2     ? "avx2"
                                                       : "generic";
  llvm::outs() << "host: " << llvm::sys::getHostCPUName() << ", AVX-512 VNNI "
               << (vnni ? "yes" : "NO") << ", AMX "
               << (__builtin_cpu_supports("amx-int8") ? "yes" : "NO")
               << "; hwq x86 dot step: " << isaName << "\n";
  llvm::outs() << llvm::formatv(
      "measured peak, one core: int8 {0:F0} GOP/s ({1}), fp32 {2:F0} "
      "GFLOP/s ({3})\n\n",
      int8Peak, vnni ? "vpdpbusd zmm" : "vpmaddubsw+vpmaddwd ymm", f32Peak,
      avx512 ? "vfmadd zmm" : "vfmadd ymm");
  if (!vnni) {
    weightMax = 63;
    llvm::outs() << "NOTE: no AVX-512 VNNI on this host: the hwq int8 VNNI "
                    "and AMX rows cannot run here (skipped); int8 graphs use "
                    "s7 weights (targets/x86-avx2.yaml) so that vpmaddubsw "
                    "is exact.\n\n";
  }

  llvm::outs() << "| workload | implementation | ms (median) | GOP/s | "
                  "% peak | note |\n|---|---|---|---|---|---|\n";
  HwqRunner hwq;
  jit::JitOptions x86Options, plainOptions, floatOptions;
  x86Options.codegen = "x86";
  plainOptions.codegen = "plain";
  floatOptions.codegen = "x86";
  floatOptions.floatPrecision = FloatPrecision::Native;

  auto runHwq = [&](const std::string &workload, const std::string &impl,
                    std::unique_ptr<Compiled> c, double gop, double peak,
                    int samples = 9) {
    Row r{workload, impl, 0, gop, peak, ""};
    if (!c) {
      r.note = "compile failed";
      printRow(r);
      return 0.0;
    }
    r.ms = medianMs([&] { (*c)(); }, samples);
    printRow(r);
    return r.ms;
  };

  auto wanted = [&](llvm::StringRef name) {
    return only.empty() || name.contains(only);
  };
  // Matmul 1024^3.
  if (wanted("matmul")) {
    int64_t m = 1024, k = 1024, n = 1024;
    double gop = 2.0 * m * k * n / 1e9;
    std::string w = "matmul 1024^3";
    runHwq(w, std::string("hwq int8 (x86, ") + isaName + ")",
           hwq.compile(stripRequantize(int8MatmulIR(m, k, n)), x86Options), gop,
           int8Peak, 7);
    runHwq(w, "hwq fp32 (x86, FMA)",
           hwq.compile(f32MatmulIR(m, k, n), floatOptions), gop, f32Peak, 7);
#ifdef HWQ_BENCH_HAVE_DNNL
    {
      auto d = dnnlMatmul(m, k, n, true);
      printRow(
          {w, "oneDNN int8", medianMs([&] { (*d)(); }), gop, int8Peak, ""});
      auto f = dnnlMatmul(m, k, n, false);
      printRow({w, "oneDNN fp32", medianMs([&] { (*f)(); }), gop, f32Peak, ""});
    }
#endif
  }
  // Conv 1x56x56x64 -> 64, 3x3.
  if (wanted("conv")) {
    double gop = 2.0 * 56 * 56 * 64 * 64 * 9 / 1e9;
    std::string w = "conv 56x56x64->64 3x3";
    runHwq(w, std::string("hwq int8 (x86, ") + isaName + ")",
           hwq.compile(stripRequantize(int8ConvIR(56, 56, 64, 64, 3, 3)),
                       x86Options),
           gop, int8Peak);
    runHwq(w, "hwq int8 (plain loops)",
           hwq.compile(int8ConvIR(56, 56, 64, 64, 3, 3), plainOptions), gop,
           int8Peak, 7);
    runHwq(w, "hwq fp32 (x86, FMA)",
           hwq.compile(f32ConvIR(56, 56, 64, 64, false), floatOptions), gop,
           f32Peak, 7);
#ifdef HWQ_BENCH_HAVE_DNNL
    auto d = dnnlConv(56, 56, 64, 64, false, true);
    printRow({w, "oneDNN int8", medianMs([&] { (*d)(); }), gop, int8Peak, ""});
    auto f = dnnlConv(56, 56, 64, 64, false, false);
    printRow({w, "oneDNN fp32", medianMs([&] { (*f)(); }), gop, f32Peak, ""});
#endif
  }
  // Depthwise 1x56x56x64, 3x3.
  if (wanted("depthwise")) {
    double gop = 2.0 * 56 * 56 * 64 * 9 / 1e9;
    std::string w = "depthwise 56x56x64 3x3";
    runHwq(
        w, "hwq int8 (x86, channels in lanes)",
        hwq.compile(stripRequantize(int8DepthwiseIR(56, 56, 64)), x86Options),
        gop, int8Peak);
    runHwq(w, "hwq int8 (plain loops)",
           hwq.compile(int8DepthwiseIR(56, 56, 64), plainOptions), gop,
           int8Peak);
    runHwq(w, "hwq fp32 (x86, channels in lanes)",
           hwq.compile(f32ConvIR(56, 56, 64, 64, true), floatOptions), gop,
           f32Peak);
#ifdef HWQ_BENCH_HAVE_DNNL
    auto d = dnnlConv(56, 56, 64, 64, true, true);
    printRow({w, "oneDNN int8", medianMs([&] { (*d)(); }), gop, int8Peak, ""});
    auto f = dnnlConv(56, 56, 64, 64, true, false);
    printRow({w, "oneDNN fp32", medianMs([&] { (*f)(); }), gop, f32Peak, ""});
#endif
  }
  // KWS end to end.
  if (!wanted("kws")) {
  } else if (kwsInt.empty() || kwsFloat.empty()) {
    llvm::outs() << "| KWS DS-CNN | (skipped: no --kws-int / --kws-float "
                    "model files) | | | | |\n";
  } else {
    std::string w = "KWS DS-CNN end to end";
    runHwq(w, std::string("hwq int8 (x86, ") + isaName + ")",
           hwq.compileFile(kwsInt, x86Options), 0, 0);
    runHwq(w, "hwq int8 (plain loops)", hwq.compileFile(kwsInt, plainOptions),
           0, 0);
    runHwq(w, "hwq fp32 (x86, FMA)", hwq.compileFile(kwsFloat, floatOptions), 0,
           0);
  }
  return 0;
}
