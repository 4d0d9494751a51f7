//===- MicroKernels.cpp - x86 int8 micro-kernels --------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// A bufferized packed contraction
//   out[n, oh, ow, ob, oi] += x[n, oh*sh + kh*dh, ow*sw + kw*dw, cg*4 + ci]
//                             * w[ob, kh, kw, cg, oi, ci]
// becomes, on flat (collapsed) buffers:
//
//   for ob, for reduction chunk [g0, g1) of cg (sized so that the chunk of
//   packed weights stays in L1), for n, oh, for tiles of MR output pixels
//   (then one remainder tile of OW mod MR pixels, a kernel of its own):
//     MR x J vector accumulators (J = n-block / lanes) loaded from `out`
//     for kh, kw, g in [g0, g1):
//       J weight vectors (4 bytes per lane, contiguous), MR broadcasts of
//       the 4 activation bytes of each pixel, MR x J dot-product steps
//     the accumulators stored back to `out`.
//
// Accumulators live in scf.for iter_args, so LLVM keeps them in registers.
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/X86/MicroKernels.h"

#include "hwq/Codegen/Common/PackedContraction.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/TargetParser/Host.h"

namespace hwq {
namespace x86 {
#define GEN_PASS_DEF_HWQX86MICROKERNELSPASS
#include "hwq/Codegen/X86/Passes.h.inc"
} // namespace x86
} // namespace hwq

using namespace mlir;
using namespace hwq;
using namespace hwq::x86;

std::optional<DotIsa> x86::parseDotIsa(StringRef name) {
  if (name == "auto")
    return getHostDotIsa();
  if (name == "avx512-vnni")
    return DotIsa::Avx512Vnni;
  if (name == "avx2")
    return DotIsa::Avx2;
  if (name == "generic")
    return DotIsa::Generic;
  return std::nullopt;
}

DotIsa x86::getHostDotIsa() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  auto has = [&](StringRef f) {
    auto it = features.find(f);
    return it != features.end() && it->second;
  };
  if (has("avx512vnni") && has("avx512bw"))
    return DotIsa::Avx512Vnni;
  if (has("avx2"))
    return DotIsa::Avx2;
  return DotIsa::Generic;
}

int64_t x86::getPreferredNBlock(DotIsa isa) {
  switch (isa) {
  case DotIsa::Avx512Vnni:
    return 64;
  case DotIsa::Avx2:
  case DotIsa::Generic:
    return 16;
  }
  return 16;
}

namespace {

/// Register budget of one ISA: i32 lanes per vector and how many vectors
/// may hold accumulators.
struct KernelShape {
  int64_t lanes;
  int64_t accumulatorRegisters;
};

KernelShape getKernelShape(DotIsa isa) {
  if (isa == DotIsa::Avx512Vnni)
    return {16, 24};
  return {8, 8};
}

/// The constant initial value of the memref.global behind `value`, or null.
DenseIntElementsAttr getGlobalConstant(Value value) {
  auto get = value.getDefiningOp<memref::GetGlobalOp>();
  if (!get)
    return {};
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      get, get.getNameAttr());
  if (!global || !global.getConstant())
    return {};
  return dyn_cast_or_null<DenseIntElementsAttr>(
      global.getInitialValue().value_or(Attribute()));
}

/// True when vpmaddubsw cannot saturate: for every adjacent pair of packed
/// weights (w0, w1), |a0 * w0 + a1 * w1| <= 32767 for all activations a in
/// [lhsMin, lhsMax] (u8).
bool isPairSumSafe(DenseIntElementsAttr weights, int64_t lhsMin,
                   int64_t lhsMax) {
  if (!weights || lhsMin < 0)
    return false;
  SmallVector<int64_t> w;
  for (const APInt &v : weights.getValues<APInt>())
    w.push_back(v.getSExtValue());
  for (size_t i = 0; i + 1 < w.size(); i += 2) {
    // Largest positive and negative pair sums over a in [lhsMin, lhsMax].
    int64_t hi = 0, lo = 0;
    for (int64_t v : {w[i], w[i + 1]}) {
      hi += std::max(v * lhsMin, v * lhsMax);
      lo += std::min(v * lhsMin, v * lhsMax);
    }
    if (hi > 32767 || lo < -32768)
      return false;
  }
  return true;
}

/// Emits the micro-kernel loop nest of one packed contraction.
class KernelEmitter {
public:
  KernelEmitter(OpBuilder &b, Location loc, DotIsa isa, KernelShape shape,
                bool lhsUnsigned)
      : b(b), loc(loc), isa(isa), shape(shape), lhsUnsigned(lhsUnsigned) {}

  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value a, Value c) { return arith::AddIOp::create(b, loc, a, c); }
  Value mul(Value a, int64_t c) {
    if (c == 1)
      return a;
    return arith::MulIOp::create(b, loc, a, idx(c));
  }
  Value addc(Value a, int64_t c) { return c ? add(a, idx(c)) : a; }

  /// acc (lanes x i32) += dot4(a, w) per lane.
  Value dot4(Value acc, Value a, Value w) {
    MLIRContext *ctx = b.getContext();
    int64_t lanes = shape.lanes;
    auto accType = VectorType::get({lanes}, b.getI32Type());
    if (isa == DotIsa::Avx512Vnni)
      return LLVM::CallIntrinsicOp::create(
                 b, loc, accType,
                 StringAttr::get(ctx, "llvm.x86.avx512.vpdpbusd.512"),
                 ValueRange{acc, a, w})
          .getResult(0);
    if (isa == DotIsa::Avx2) {
      auto i16x16 = VectorType::get({16}, b.getI16Type());
      Value pairs =
          LLVM::CallIntrinsicOp::create(
              b, loc, i16x16, StringAttr::get(ctx, "llvm.x86.avx2.pmadd.ub.sw"),
              ValueRange{a, w})
              .getResult(0);
      Value ones = arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(i16x16, b.getI16IntegerAttr(1)));
      Value quads =
          LLVM::CallIntrinsicOp::create(
              b, loc, accType, StringAttr::get(ctx, "llvm.x86.avx2.pmadd.wd"),
              ValueRange{pairs, ones})
              .getResult(0);
      return arith::AddIOp::create(b, loc, acc, quads);
    }
    // Generic: widen, multiply, sum each group of 4 (exact in i32).
    auto wide = VectorType::get({4 * lanes}, b.getI32Type());
    Value ae = lhsUnsigned ? Value(arith::ExtUIOp::create(b, loc, wide, a))
                           : Value(arith::ExtSIOp::create(b, loc, wide, a));
    Value we = arith::ExtSIOp::create(b, loc, wide, w);
    Value p = arith::MulIOp::create(b, loc, ae, we);
    Value sum = acc;
    for (int64_t i = 0; i < 4; ++i) {
      SmallVector<int64_t> mask;
      for (int64_t l = 0; l < lanes; ++l)
        mask.push_back(4 * l + i);
      Value part = vector::ShuffleOp::create(b, loc, p, p, mask);
      sum = arith::AddIOp::create(b, loc, sum, part);
    }
    return sum;
  }

  /// The 4 activation bytes at x[offset] broadcast to every lane.
  Value broadcastA(Value x, Value offset) {
    int64_t lanes = shape.lanes;
    Value four = vector::LoadOp::create(
        b, loc, VectorType::get({4}, b.getI8Type()), x, ValueRange{offset});
    Value word = vector::BitCastOp::create(
        b, loc, VectorType::get({1}, b.getI32Type()), four);
    Value scalar =
        vector::ExtractOp::create(b, loc, word, ArrayRef<int64_t>{0});
    Value splat = vector::BroadcastOp::create(
        b, loc, VectorType::get({lanes}, b.getI32Type()), scalar);
    return vector::BitCastOp::create(
        b, loc, VectorType::get({4 * lanes}, b.getI8Type()), splat);
  }

  /// The f32 at x[offset] broadcast to every lane.
  Value broadcastF32(Value x, Value offset) {
    Value scalar = memref::LoadOp::create(b, loc, x, ValueRange{offset});
    return vector::BroadcastOp::create(
        b, loc, VectorType::get({shape.lanes}, b.getF32Type()), scalar);
  }

  OpBuilder &b;
  Location loc;
  DotIsa isa;
  KernelShape shape;
  bool lhsUnsigned;
};

/// A contiguous memref collapsed to 1-D, or null.
Value collapseToFlat(OpBuilder &b, Location loc, Value memref) {
  auto type = dyn_cast<MemRefType>(memref.getType());
  if (!type || !type.hasStaticShape() || !type.getLayout().isIdentity())
    return {};
  if (type.getRank() == 1)
    return memref;
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return memref::CollapseShapeOp::create(b, loc, memref,
                                         ArrayRef<ReassociationIndices>{all});
}

LogicalResult rewriteContraction(linalg::GenericOp op, DotIsa requested) {
  std::optional<codegen::PackedContractionInfo> info =
      codegen::PackedContractionInfo::get(op);
  if (!info || !op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1)
    return failure();
  Value x = op.getDpsInputs()[0];
  Value w = op.getDpsInputs()[1];
  Value out = op.getDpsInits()[0];
  auto xType = dyn_cast<MemRefType>(x.getType());
  auto wType = dyn_cast<MemRefType>(w.getType());
  auto outType = dyn_cast<MemRefType>(out.getType());
  if (!xType || !wType || !outType || xType.getRank() != 4 ||
      wType.getRank() != 6 || outType.getRank() != 5)
    return failure();
  // int8 (k-group 4, dot-product step) or f32 (k-group 1, FMA).
  bool isFloat = xType.getElementType().isF32();
  if (isFloat) {
    if (info->kGroup != 1 || !wType.getElementType().isF32() ||
        !outType.getElementType().isF32())
      return failure();
  } else if (info->kGroup != 4 || !xType.getElementType().isInteger(8) ||
             !wType.getElementType().isInteger(8) ||
             !outType.getElementType().isInteger(32)) {
    return failure();
  }
  int64_t kGroup = info->kGroup;

  DotIsa isa = requested;
  if (!isFloat && isa == DotIsa::Avx512Vnni && !info->lhsUnsigned)
    isa = DotIsa::Generic;
  if (!isFloat && isa == DotIsa::Avx2 &&
      (!info->lhsUnsigned ||
       !isPairSumSafe(getGlobalConstant(w), info->lhsMin, info->lhsMax)))
    isa = DotIsa::Generic;
  KernelShape shape = getKernelShape(isa);
  if (isFloat)
    shape =
        isa == DotIsa::Avx512Vnni ? KernelShape{16, 24} : KernelShape{8, 12};

  ArrayRef<int64_t> xs = xType.getShape(), ws = wType.getShape(),
                    os = outType.getShape();
  int64_t hp = xs[1], wp = xs[2], cp = xs[3];
  int64_t nbk = ws[0], kh = ws[1], kw = ws[2], cg = ws[3], nBlock = ws[4];
  int64_t batch = os[0], oh = os[1], ow = os[2];
  if (nBlock % shape.lanes != 0 || ws[5] != kGroup || cp != cg * kGroup ||
      os[3] != nbk || os[4] != nBlock || ow < 1)
    return failure();
  int64_t j = nBlock / shape.lanes;
  // MR output pixels per tile; a remainder tile takes the rest (the
  // accumulators are read from and added to `out`, so tiles must not
  // overlap).
  int64_t mrFull = std::max<int64_t>(
      1, std::min<int64_t>(ow, shape.accumulatorRegisters / j));
  int64_t fullTiles = ow / mrFull;
  int64_t remainder = ow % mrFull;
  // Reduction chunks: packed weights of one chunk within ~24 KiB.
  int64_t bytesPerGroup = kh * kw * nBlock * 4; // 4 bytes or one f32
  int64_t maxChunk = std::max<int64_t>(1, 24 * 1024 / bytesPerGroup);
  int64_t chunks = (cg + maxChunk - 1) / maxChunk;
  int64_t chunk = (cg + chunks - 1) / chunks;

  OpBuilder b(op);
  Location loc = op.getLoc();
  Value xf = collapseToFlat(b, loc, x);
  Value wf = collapseToFlat(b, loc, w);
  Value of = collapseToFlat(b, loc, out);
  if (!xf || !wf || !of) {
    for (Value v : {xf, wf, of})
      if (v && v.getDefiningOp())
        v.getDefiningOp()->erase();
    return failure();
  }
  KernelEmitter e(b, loc, isa, shape, info->lhsUnsigned);
  int64_t sh = info->strideH, sw = info->strideW;
  int64_t dh = info->dilationH, dw = info->dilationW;
  int64_t lanes = shape.lanes;
  Type accElement = isFloat ? Type(b.getF32Type()) : Type(b.getI32Type());
  auto accType = VectorType::get({lanes}, accElement);
  auto wVecType = isFloat ? VectorType::get({lanes}, b.getF32Type())
                          : VectorType::get({4 * lanes}, b.getI8Type());

  auto forLoop = [&](int64_t lb, Value ub, int64_t step, ValueRange iters,
                     function_ref<SmallVector<Value>(Value, ValueRange)> body)
      -> scf::ForOp {
    auto loop = scf::ForOp::create(
        b, loc, e.idx(lb), ub, e.idx(step), iters,
        [&](OpBuilder &nested, Location, Value iv, ValueRange args) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(nested.getInsertionBlock());
          SmallVector<Value> results = body(iv, args);
          scf::YieldOp::create(b, loc, results);
        });
    return loop;
  };
  auto forConst =
      [&](int64_t lb, int64_t ub, int64_t step, ValueRange iters,
          function_ref<SmallVector<Value>(Value, ValueRange)> body) {
        return forLoop(lb, e.idx(ub), step, iters, body);
      };

  forConst(0, nbk, 1, {}, [&](Value obIv, ValueRange) {
    forConst(0, cg, chunk, {}, [&](Value g0, ValueRange) {
      Value g1 = arith::MinSIOp::create(b, loc, e.addc(g0, chunk), e.idx(cg));
      forConst(0, batch, 1, {}, [&](Value nIv, ValueRange) {
        forConst(0, oh, 1, {}, [&](Value ohIv, ValueRange) {
          auto emitTile = [&](Value ow0, int64_t mr) {
            // Output offsets of the MR pixels.
            Value rowBase = e.mul(e.add(e.mul(nIv, oh), ohIv), ow);
            SmallVector<Value> outOffsets;
            SmallVector<Value> accs;
            for (int64_t r = 0; r < mr; ++r) {
              Value pixel = e.addc(e.add(rowBase, ow0), r);
              Value base = e.mul(e.add(e.mul(pixel, nbk), obIv), nBlock);
              outOffsets.push_back(base);
              for (int64_t jj = 0; jj < j; ++jj)
                accs.push_back(vector::LoadOp::create(
                    b, loc, accType, of, ValueRange{e.addc(base, jj * lanes)}));
            }
            scf::ForOp khLoop =
                forConst(0, kh, 1, accs, [&](Value khIv, ValueRange khAccs) {
                  Value ih = e.add(e.mul(ohIv, sh), e.mul(khIv, dh));
                  Value xRow = e.mul(e.add(e.mul(nIv, hp), ih), wp);
                  scf::ForOp kwLoop = forConst(
                      0, kw, 1, khAccs, [&](Value kwIv, ValueRange kwAccs) {
                        SmallVector<Value> xBases;
                        for (int64_t r = 0; r < mr; ++r) {
                          Value iw =
                              e.add(e.mul(e.addc(ow0, r), sw), e.mul(kwIv, dw));
                          xBases.push_back(e.mul(e.add(xRow, iw), cp));
                        }
                        Value wBase =
                            e.mul(e.add(e.mul(e.add(e.mul(obIv, kh), khIv), kw),
                                        kwIv),
                                  cg);
                        scf::ForOp gLoop = forLoop(
                            0, g1, 1, kwAccs, [&](Value gIv, ValueRange gAccs) {
                              Value wOff =
                                  e.mul(e.add(wBase, gIv), nBlock * kGroup);
                              SmallVector<Value> wv;
                              for (int64_t jj = 0; jj < j; ++jj)
                                wv.push_back(vector::LoadOp::create(
                                    b, loc, wVecType, wf,
                                    ValueRange{
                                        e.addc(wOff, jj * lanes * kGroup)}));
                              SmallVector<Value> next(gAccs.begin(),
                                                      gAccs.end());
                              Value xOff = e.mul(gIv, kGroup);
                              for (int64_t r = 0; r < mr; ++r) {
                                Value at = e.add(xBases[r], xOff);
                                Value a = isFloat ? e.broadcastF32(xf, at)
                                                  : e.broadcastA(xf, at);
                                for (int64_t jj = 0; jj < j; ++jj)
                                  next[r * j + jj] =
                                      isFloat
                                          ? Value(vector::FMAOp::create(
                                                b, loc, a, wv[jj],
                                                next[r * j + jj]))
                                          : e.dot4(next[r * j + jj], a, wv[jj]);
                              }
                              return next;
                            });
                        // The chunk starts at g0, not 0.
                        gLoop.getLowerBoundMutable().assign(g0);
                        return SmallVector<Value>(gLoop.getResults());
                      });
                  return SmallVector<Value>(kwLoop.getResults());
                });
            for (int64_t r = 0; r < mr; ++r)
              for (int64_t jj = 0; jj < j; ++jj)
                vector::StoreOp::create(
                    b, loc, khLoop.getResult(r * j + jj), of,
                    ValueRange{e.addc(outOffsets[r], jj * lanes)});
          };
          if (fullTiles > 0)
            forConst(0, fullTiles, 1, {}, [&](Value tIv, ValueRange) {
              emitTile(e.mul(tIv, mrFull), mrFull);
              return SmallVector<Value>();
            });
          if (remainder > 0)
            emitTile(e.idx(fullTiles * mrFull), remainder);
          return SmallVector<Value>();
        });
        return SmallVector<Value>();
      });
      return SmallVector<Value>();
    });
    return SmallVector<Value>();
  });
  op.erase();
  return success();
}

struct HwqX86MicroKernelsPass
    : x86::impl::HwqX86MicroKernelsPassBase<HwqX86MicroKernelsPass> {
  using HwqX86MicroKernelsPassBase::HwqX86MicroKernelsPassBase;
  void runOnOperation() override {
    std::optional<DotIsa> parsed = parseDotIsa(isa);
    if (!parsed) {
      getOperation().emitError() << "hwq-x86-microkernels: unknown isa '" << isa
                                 << "' (avx512-vnni, avx2, generic or auto)";
      return signalPassFailure();
    }
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr(codegen::kPackedContractionAttrName))
        candidates.push_back(op);
    });
    for (linalg::GenericOp op : candidates)
      (void)rewriteContraction(op, *parsed);
  }
};

} // namespace
