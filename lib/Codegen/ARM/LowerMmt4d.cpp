//===- LowerMmt4d.cpp - AArch64 int8 micro-kernels for mmt4d --------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-arm-lower-mmt4d: linalg.mmt4d on packed i8 tiles (the layout of
// hwq-arm-pack-contractions) becomes loops over register blocks whose
// accumulators stay in vectors across the K loop:
//
//   i8mm     M0 x N0 x K0 = 2 x 2 x 8: arm_neon.intr.smmla, one per 2x2 block
//   sve      the same tiles: arm_sve.smmla on scalable vectors, segment s of
//            a vector holding K tile k + s (vector-length agnostic, K tail
//            masked), the segments summed after the K loop
//   dotprod  M0 x 4 x 4: arm_neon.intr.sdot of the 4x4 weight tile with four
//            copies of one row's activation quadruple
//   neon     the dotprod data flow with widening multiplies and adds
//
// The operands are read through 2-D views of the packed memrefs:
// lhs [M1, K1 * M0 * K0], rhs [N1, K1 * N0 * K0], acc [M1, N1 * M0 * N0].
//
//===----------------------------------------------------------------------===//

#include "KernelSelection.h"
#include "hwq/Codegen/ARM/Passes.h"

#include "mlir/Dialect/ArmNeon/ArmNeonDialect.h"
#include "mlir/Dialect/ArmSVE/IR/ArmSVEDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace hwq {
#define GEN_PASS_DEF_HWQARMLOWERMMT4DPASS
#include "hwq/Codegen/ARM/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;
using namespace hwq::arm;

namespace {

/// The largest of `candidates` (descending) that divides `size`.
int64_t pickBlock(int64_t size, ArrayRef<int64_t> candidates) {
  for (int64_t c : candidates)
    if (size % c == 0)
      return c;
  return 1;
}

/// A statically shaped memref with the identity layout of `width`-bit
/// integers, of rank 4.
MemRefType getPackedType(Value value, unsigned width) {
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type || !type.hasStaticShape() || type.getRank() != 4 ||
      !type.getLayout().isIdentity() || !type.getElementType().isInteger(width))
    return {};
  return type;
}

/// The 2-D view [d0, d1 * d2 * d3] of a packed memref.
Value collapseTo2d(OpBuilder &b, Location loc, Value memref) {
  return memref::CollapseShapeOp::create(
      b, loc, memref, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
}

struct Builder {
  OpBuilder &b;
  Location loc;

  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value x, int64_t v) {
    return v == 0 ? x : arith::AddIOp::create(b, loc, x, index(v));
  }
  Value mul(Value x, int64_t v) {
    return v == 1 ? x : arith::MulIOp::create(b, loc, x, index(v));
  }
  Value load(VectorType type, Value memref, Value row, Value col) {
    return vector::LoadOp::create(b, loc, type, memref, ValueRange{row, col});
  }
  void store(Value value, Value memref, Value row, Value col) {
    vector::StoreOp::create(b, loc, value, memref, ValueRange{row, col});
  }
};

/// A loop nest over the register blocks: `body(i, j)` for i in [0, m1)
/// step mb, j in [0, n1) step nb.
void forEachBlock(OpBuilder &b, Location loc, int64_t m1, int64_t mb,
                  int64_t n1, int64_t nb,
                  function_ref<void(OpBuilder &, Value, Value)> body) {
  Builder c{b, loc};
  scf::ForOp::create(b, loc, c.index(0), c.index(m1), c.index(mb), ValueRange{},
                     [&](OpBuilder &bi, Location li, Value i, ValueRange) {
                       Builder ci{bi, li};
                       scf::ForOp::create(bi, li, ci.index(0), ci.index(n1),
                                          ci.index(nb), ValueRange{},
                                          [&](OpBuilder &bj, Location lj,
                                              Value j, ValueRange) {
                                            body(bj, i, j);
                                            scf::YieldOp::create(bj, lj);
                                          });
                       scf::YieldOp::create(bi, li);
                     });
}

/// smmla on fixed-width NEON vectors: mb x nb blocks of 2x2.
void emitI8mm(OpBuilder &b, Location loc, Value lhs, Value rhs, Value acc,
              int64_t m1, int64_t n1, int64_t k1) {
  int64_t mb = pickBlock(m1, {4, 2, 1}), nb = pickBlock(n1, {4, 2, 1});
  auto v16i8 = VectorType::get({16}, b.getI8Type());
  auto v4i32 = VectorType::get({4}, b.getI32Type());
  forEachBlock(b, loc, m1, mb, n1, nb, [&](OpBuilder &bb, Value i, Value j) {
    Builder c{bb, loc};
    SmallVector<Value> init;
    for (int64_t a = 0; a < mb; ++a)
      for (int64_t n = 0; n < nb; ++n)
        init.push_back(c.load(v4i32, acc, c.add(i, a), c.mul(c.add(j, n), 4)));
    auto loop = scf::ForOp::create(
        bb, loc, c.index(0), c.index(k1), c.index(1), init,
        [&](OpBuilder &bk, Location lk, Value k, ValueRange accs) {
          Builder ck{bk, lk};
          Value offset = ck.mul(k, 16);
          SmallVector<Value> av, bv, next;
          for (int64_t a = 0; a < mb; ++a)
            av.push_back(ck.load(v16i8, lhs, ck.add(i, a), offset));
          for (int64_t n = 0; n < nb; ++n)
            bv.push_back(ck.load(v16i8, rhs, ck.add(j, n), offset));
          for (int64_t a = 0; a < mb; ++a)
            for (int64_t n = 0; n < nb; ++n)
              next.push_back(arm_neon::SmmlaOp::create(
                  bk, lk, v4i32, accs[a * nb + n], av[a], bv[n]));
          scf::YieldOp::create(bk, lk, next);
        });
    for (int64_t a = 0; a < mb; ++a)
      for (int64_t n = 0; n < nb; ++n)
        c.store(loop.getResult(a * nb + n), acc, c.add(i, a),
                c.mul(c.add(j, n), 4));
  });
}

/// smmla on scalable vectors: segment s of a vector works on K tile k + s.
void emitSve(OpBuilder &b, Location loc, Value lhs, Value rhs, Value acc,
             int64_t m1, int64_t n1, int64_t k1) {
  int64_t mb = pickBlock(m1, {4, 2, 1}), nb = pickBlock(n1, {4, 2, 1});
  auto sv16i8 = VectorType::get({16}, b.getI8Type(), {true});
  auto sv16i1 = VectorType::get({16}, b.getI1Type(), {true});
  auto sv4i32 = VectorType::get({4}, b.getI32Type(), {true});
  auto sv4index = VectorType::get({4}, b.getIndexType(), {true});
  auto v4i32 = VectorType::get({4}, b.getI32Type());
  Builder c0{b, loc};
  Value vscale = vector::VectorScaleOp::create(b, loc);
  Value zeros8 = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(sv16i8, b.getI8IntegerAttr(0)));
  Value zeros32 = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(sv4i32, b.getI32IntegerAttr(0)));
  // Lane l of an accumulator holds element l % 4 of its 2x2 block.
  Value lanes = vector::StepOp::create(b, loc, sv4index);
  Value four = vector::BroadcastOp::create(b, loc, sv4index, c0.index(4));
  Value element = arith::RemUIOp::create(b, loc, lanes, four);
  SmallVector<Value> isElement;
  for (int64_t e = 0; e < 4; ++e)
    isElement.push_back(arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::eq, element,
        vector::BroadcastOp::create(b, loc, sv4index, c0.index(e))));
  Value kBytes = c0.index(k1 * 16);

  forEachBlock(b, loc, m1, mb, n1, nb, [&](OpBuilder &bb, Value i, Value j) {
    Builder c{bb, loc};
    SmallVector<Value> init(mb * nb, zeros32);
    auto loop = scf::ForOp::create(
        bb, loc, c.index(0), c.index(k1), vscale, init,
        [&](OpBuilder &bk, Location lk, Value k, ValueRange accs) {
          Builder ck{bk, lk};
          Value offset = ck.mul(k, 16);
          Value remaining = arith::SubIOp::create(bk, lk, kBytes, offset);
          Value mask = vector::CreateMaskOp::create(bk, lk, sv16i1,
                                                    ValueRange{remaining});
          SmallVector<Value> av, bv, next;
          for (int64_t a = 0; a < mb; ++a)
            av.push_back(vector::MaskedLoadOp::create(
                bk, lk, sv16i8, lhs, ValueRange{ck.add(i, a), offset}, mask,
                zeros8));
          for (int64_t n = 0; n < nb; ++n)
            bv.push_back(vector::MaskedLoadOp::create(
                bk, lk, sv16i8, rhs, ValueRange{ck.add(j, n), offset}, mask,
                zeros8));
          for (int64_t a = 0; a < mb; ++a)
            for (int64_t n = 0; n < nb; ++n)
              next.push_back(arm_sve::SmmlaOp::create(
                  bk, lk, sv4i32, accs[a * nb + n], av[a], bv[n]));
          scf::YieldOp::create(bk, lk, next);
        });
    for (int64_t a = 0; a < mb; ++a)
      for (int64_t n = 0; n < nb; ++n) {
        Value sum = loop.getResult(a * nb + n);
        SmallVector<Value> elements;
        for (int64_t e = 0; e < 4; ++e) {
          Value selected =
              arith::SelectOp::create(bb, loc, isElement[e], sum, zeros32);
          elements.push_back(vector::ReductionOp::create(
              bb, loc, vector::CombiningKind::ADD, selected));
        }
        Value block = vector::FromElementsOp::create(bb, loc, v4i32, elements);
        Value row = c.add(i, a), col = c.mul(c.add(j, n), 4);
        Value old = c.load(v4i32, acc, row, col);
        c.store(arith::AddIOp::create(bb, loc, old, block), acc, row, col);
      }
  });
}

/// sdot: M0 rows of an M tile, nb tiles of 4 columns, K in steps of 4.
void emitDot(OpBuilder &b, Location loc, Value lhs, Value rhs, Value acc,
             int64_t m1, int64_t n1, int64_t k1, int64_t m0) {
  int64_t nb = pickBlock(n1, {2, 1});
  IntegerType i8 = b.getI8Type(), i32 = b.getI32Type();
  auto v16i8 = VectorType::get({16}, i8);
  auto v4i8 = VectorType::get({4}, i8);
  auto v1i32 = VectorType::get({1}, i32);
  auto v4i32 = VectorType::get({4}, i32);
  int64_t tile = m0 * 4; // i32 (acc) or i8 (lhs) elements per tile
  forEachBlock(b, loc, m1, 1, n1, nb, [&](OpBuilder &bb, Value i, Value j) {
    Builder c{bb, loc};
    SmallVector<Value> init;
    for (int64_t n = 0; n < nb; ++n)
      for (int64_t r = 0; r < m0; ++r)
        init.push_back(
            c.load(v4i32, acc, i, c.add(c.mul(c.add(j, n), tile), r * 4)));
    auto loop = scf::ForOp::create(
        bb, loc, c.index(0), c.index(k1), c.index(1), init,
        [&](OpBuilder &bk, Location lk, Value k, ValueRange accs) {
          Builder ck{bk, lk};
          SmallVector<Value> bv, next;
          for (int64_t n = 0; n < nb; ++n)
            bv.push_back(ck.load(v16i8, rhs, ck.add(j, n), ck.mul(k, 16)));
          Value lhsTile = ck.mul(k, tile);
          for (int64_t n = 0; n < nb; ++n)
            for (int64_t r = 0; r < m0; ++r) {
              // Four copies of row r's activation quadruple.
              Value quad = ck.load(v4i8, lhs, i, ck.add(lhsTile, r * 4));
              Value word = vector::ExtractOp::create(
                  bk, lk, vector::BitCastOp::create(bk, lk, v1i32, quad),
                  ArrayRef<int64_t>{0});
              Value copies = vector::BitCastOp::create(
                  bk, lk, v16i8,
                  vector::BroadcastOp::create(bk, lk, v4i32, word));
              next.push_back(arm_neon::SdotOp::create(
                  bk, lk, v4i32, accs[n * m0 + r], bv[n], copies));
            }
          scf::YieldOp::create(bk, lk, next);
        });
    for (int64_t n = 0; n < nb; ++n)
      for (int64_t r = 0; r < m0; ++r)
        c.store(loop.getResult(n * m0 + r), acc, i,
                c.add(c.mul(c.add(j, n), tile), r * 4));
  });
}

/// Plain NEON (no dot product): the dotprod data flow with smull (i8 x i8 ->
/// i16, exact) and sadalp (pairs of i16 products added into i32 lanes):
/// per row and tile of 4 columns, two accumulators hold the pair sums
/// [n0 k01, n0 k23, n1 k01, n1 k23] and [n2 .., n3 ..], added pairwise
/// after the K loop. With `paired` (K1 even, no weight equal to -128), the
/// products of two K tiles are first added in i16 (smull + smlal): each is
/// at most 128 * 127 in magnitude, so their sum (<= 32512) is exact, and
/// half as many sadalp are needed (targets/arm-neon.yaml: narrow-range
/// weights).
void emitNeon(OpBuilder &b, Location loc, Value lhs, Value rhs, Value acc,
              int64_t m1, int64_t n1, int64_t k1, int64_t m0, bool paired) {
  IntegerType i8 = b.getI8Type(), i16 = b.getI16Type(), i32 = b.getI32Type();
  auto v8i8 = VectorType::get({8}, i8);
  auto v4i8 = VectorType::get({4}, i8);
  auto v1i32 = VectorType::get({1}, i32);
  auto v2i32 = VectorType::get({2}, i32);
  auto v4i32 = VectorType::get({4}, i32);
  auto v8i16 = VectorType::get({8}, i16);
  StringAttr saddlp = b.getStringAttr("llvm.aarch64.neon.saddlp.v4i32.v8i16");
  int64_t tile = m0 * 4;
  Value zeros = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(v4i32, b.getI32IntegerAttr(0)));
  forEachBlock(b, loc, m1, 1, n1, 1, [&](OpBuilder &bb, Value i, Value j) {
    Builder c{bb, loc};
    SmallVector<Value> init(2 * m0, zeros);
    auto loop = scf::ForOp::create(
        bb, loc, c.index(0), c.index(k1), c.index(paired ? 2 : 1), init,
        [&](OpBuilder &bk, Location lk, Value k, ValueRange accs) {
          Builder ck{bk, lk};
          int64_t steps = paired ? 2 : 1;
          // Weight halves [n0 n1] and [n2 n3] of each K tile of the step.
          SmallVector<SmallVector<Value, 2>> halves;
          for (int64_t s = 0; s < steps; ++s) {
            Value offset = ck.mul(ck.add(k, s), 16);
            halves.push_back({ck.load(v8i8, rhs, j, offset),
                              ck.load(v8i8, rhs, j, ck.add(offset, 8))});
          }
          SmallVector<Value> next;
          for (int64_t r = 0; r < m0; ++r) {
            SmallVector<Value, 2> copies;
            for (int64_t s = 0; s < steps; ++s) {
              Value quad = ck.load(v4i8, lhs, i,
                                   ck.add(ck.mul(ck.add(k, s), tile), r * 4));
              Value word = vector::ExtractOp::create(
                  bk, lk, vector::BitCastOp::create(bk, lk, v1i32, quad),
                  ArrayRef<int64_t>{0});
              copies.push_back(vector::BitCastOp::create(
                  bk, lk, v8i8,
                  vector::BroadcastOp::create(bk, lk, v2i32, word)));
            }
            for (int64_t half = 0; half < 2; ++half) {
              Value products = arm_neon::SMullOp::create(
                  bk, lk, v8i16, halves[0][half], copies[0]);
              if (paired)
                products = arith::AddIOp::create(
                    bk, lk, products,
                    arm_neon::SMullOp::create(bk, lk, v8i16, halves[1][half],
                                              copies[1]));
              Value pairs = LLVM::CallIntrinsicOp::create(bk, lk, v4i32, saddlp,
                                                          ValueRange{products})
                                .getResult(0);
              next.push_back(
                  arith::AddIOp::create(bk, lk, accs[2 * r + half], pairs));
            }
          }
          scf::YieldOp::create(bk, lk, next);
        });
    for (int64_t r = 0; r < m0; ++r) {
      Value lo = loop.getResult(2 * r), hi = loop.getResult(2 * r + 1);
      Value even = vector::ShuffleOp::create(bb, loc, lo, hi,
                                             ArrayRef<int64_t>{0, 2, 4, 6});
      Value odd = vector::ShuffleOp::create(bb, loc, lo, hi,
                                            ArrayRef<int64_t>{1, 3, 5, 7});
      Value sum = arith::AddIOp::create(bb, loc, even, odd);
      Value col = c.add(c.mul(j, tile), r * 4);
      Value old = c.load(v4i32, acc, i, col);
      c.store(arith::AddIOp::create(bb, loc, old, sum), acc, i, col);
    }
  });
}

/// Whether `weights` is a memref.get_global of a constant none of whose
/// elements is -128 (the i16 pair sums of the paired neon kernel are then
/// exact).
bool hasNoMinWeight(Operation *op, Value weights) {
  auto getGlobal = weights.getDefiningOp<memref::GetGlobalOp>();
  if (!getGlobal)
    return false;
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      op, getGlobal.getNameAttr());
  if (!global || !global.getConstant())
    return false;
  auto values = dyn_cast_or_null<DenseIntElementsAttr>(
      global.getInitialValue().value_or(Attribute()));
  if (!values || !values.getElementType().isInteger(8))
    return false;
  return llvm::none_of(values.getValues<int8_t>(),
                       [](int8_t w) { return w == -128; });
}

struct LowerMmt4d : OpRewritePattern<linalg::Mmt4DOp> {
  LowerMmt4d(MLIRContext *context, ArmKernel kernel)
      : OpRewritePattern(context), kernel(kernel) {}

  LogicalResult matchAndRewrite(linalg::Mmt4DOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureBufferSemantics())
      return failure();
    MemRefType lhsType = getPackedType(op.getDpsInputs()[0], 8);
    MemRefType rhsType = getPackedType(op.getDpsInputs()[1], 8);
    MemRefType accType = getPackedType(op.getDpsInits()[0], 32);
    if (!lhsType || !rhsType || !accType)
      return rewriter.notifyMatchFailure(op, "not packed i8 x i8 -> i32");
    ArrayRef<int64_t> l = lhsType.getShape(), r = rhsType.getShape();
    int64_t m1 = l[0], k1 = l[1], m0 = l[2], k0 = l[3];
    int64_t n1 = r[0], n0 = r[2];
    bool mmla = kernel == ArmKernel::I8MM || kernel == ArmKernel::SVE;
    if (mmla ? (m0 != 2 || n0 != 2 || k0 != 8)
             : (m0 < 1 || m0 > 8 || n0 != 4 || k0 != 4))
      return rewriter.notifyMatchFailure(op, "tile shape of another kernel");
    Location loc = op.getLoc();
    Value lhs = collapseTo2d(rewriter, loc, op.getDpsInputs()[0]);
    Value rhs = collapseTo2d(rewriter, loc, op.getDpsInputs()[1]);
    Value acc = collapseTo2d(rewriter, loc, op.getDpsInits()[0]);
    switch (kernel) {
    case ArmKernel::I8MM:
      emitI8mm(rewriter, loc, lhs, rhs, acc, m1, n1, k1);
      break;
    case ArmKernel::SVE:
      emitSve(rewriter, loc, lhs, rhs, acc, m1, n1, k1);
      break;
    case ArmKernel::DotProd:
      emitDot(rewriter, loc, lhs, rhs, acc, m1, n1, k1, m0);
      break;
    case ArmKernel::Neon:
      emitNeon(rewriter, loc, lhs, rhs, acc, m1, n1, k1, m0,
               k1 % 2 == 0 && hasNoMinWeight(op, op.getDpsInputs()[1]));
      break;
    }
    rewriter.eraseOp(op);
    return success();
  }

  ArmKernel kernel;
};

struct HwqArmLowerMmt4dPass
    : hwq::impl::HwqArmLowerMmt4dPassBase<HwqArmLowerMmt4dPass> {
  using Base::Base;

  void runOnOperation() override {
    FailureOr<ArmKernel> selected = resolveArmKernel(kernel, getOperation());
    if (failed(selected))
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    patterns.add<LowerMmt4d>(&getContext(), *selected);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    config.enableFolding(false);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
  }
};

} // namespace
