//===- Kernels.cpp - int8 GEMM and depthwise kernels ----------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace hwq::nvidia;

namespace {

// GEMM tiles: 64 x 64 outputs per block, 32 of K per stage.
constexpr int64_t kBlockM = 64;
constexpr int64_t kBlockN = 64;
constexpr int64_t kBlockK = 32;
// dp4a: 16 x 16 threads, 4 x 4 outputs each (rows ty + 16 i, cols tx + 16 j).
constexpr int64_t kDp4aThreads = 256;
// mma.sync: 2 x 2 warps, each 32 x 32 outputs = 2 (m16) x 4 (n8) tiles.
constexpr int64_t kMmaThreads = 128;

Value addI(OpBuilder &b, Location l, Value x, Value y) {
  return arith::AddIOp::create(b, l, x, y);
}
Value mulI(OpBuilder &b, Location l, Value x, Value y) {
  return arith::MulIOp::create(b, l, x, y);
}
Value divC(OpBuilder &b, Location l, Value x, int64_t c) {
  return arith::DivUIOp::create(b, l, x, cIdx(b, l, c));
}
Value remC(OpBuilder &b, Location l, Value x, int64_t c) {
  return arith::RemUIOp::create(b, l, x, cIdx(b, l, c));
}
Value addC(OpBuilder &b, Location l, Value x, int64_t c) {
  return c == 0 ? x : addI(b, l, x, cIdx(b, l, c));
}
Value mulC(OpBuilder &b, Location l, Value x, int64_t c) {
  return c == 1 ? x : mulI(b, l, x, cIdx(b, l, c));
}
Value ult(OpBuilder &b, Location l, Value x, int64_t c) {
  return arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, x,
                               cIdx(b, l, c));
}
Value minC(OpBuilder &b, Location l, Value x, int64_t c) {
  return arith::MinUIOp::create(b, l, x, cIdx(b, l, c));
}

/// dp4a: c + sum of the four s8 x s8 products (wrapping s32). The host back
/// end computes it with vector arithmetic.
Value emitDp4a(OpBuilder &b, Location l, bool emulate, Value x, Value y,
               Value c) {
  if (!emulate)
    return NVVM::DotAccumulate4WayOp::create(
        b, l, b.getI32Type(), x, NVVM::DotAccumulateType::SIGNED, y,
        NVVM::DotAccumulateType::SIGNED, c);
  auto v4i32 = VectorType::get({4}, b.getI32Type());
  Value xe = arith::ExtSIOp::create(b, l, v4i32, x);
  Value ye = arith::ExtSIOp::create(b, l, v4i32, y);
  Value dot = vector::ReductionOp::create(b, l, vector::CombiningKind::ADD,
                                          mulI(b, l, xe, ye));
  return addI(b, l, c, dot);
}

/// Loads 4 consecutive bytes of a shared tile as vector<4xi8>.
Value load4(OpBuilder &b, Location l, Value tile, Value row, Value col) {
  return vector::LoadOp::create(b, l, VectorType::get({4}, b.getI8Type()),
                                tile, ValueRange{row, col});
}

/// Stages a rows x kBlockK tile of an operand into shared memory:
/// element e = tid + j * threads of the tile is row e / kBlockK, column
/// e % kBlockK; rows >= `rows` and columns >= K load 0.
void stageTile(OpBuilder &b, Location l, Schedule &s, Value tid, Value tile,
               int64_t tileRows, Value batch, Value row0, int64_t rows,
               Value k0, int64_t K, const OperandLoader &load) {
  int64_t perThread = tileRows * kBlockK / s.getThreads();
  Value zero8 = cInt(b, l, b.getI8Type(), 0);
  for (int64_t j = 0; j < perThread; ++j) {
    Value e = addC(b, l, tid, j * s.getThreads());
    Value r = divC(b, l, e, kBlockK);
    Value c = remC(b, l, e, kBlockK);
    Value row = addI(b, l, row0, r);
    Value k = addI(b, l, k0, c);
    Value inRange = arith::AndIOp::create(b, l, ult(b, l, row, rows),
                                          ult(b, l, k, K));
    Value v = load(b, l, batch, minC(b, l, row, rows - 1), minC(b, l, k, K - 1));
    v = arith::SelectOp::create(b, l, inRange, v, zero8);
    memref::StoreOp::create(b, l, v, tile, ValueRange{r, c});
  }
}

/// Adds sum_k tile[t][k] to sums[t] for threads t < rows.
void accumulateRowSums(OpBuilder &b, Location l, Value tid, Value tile,
                       Value sums, int64_t rows) {
  auto ifOp = scf::IfOp::create(b, l, ult(b, l, tid, rows), false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  IntegerType i32 = b.getI32Type();
  Value acc = memref::LoadOp::create(b, l, sums, ValueRange{tid});
  for (int64_t k = 0; k < kBlockK; ++k) {
    Value v = memref::LoadOp::create(b, l, tile, ValueRange{tid, cIdx(b, l, k)});
    acc = addI(b, l, acc, arith::ExtSIOp::create(b, l, i32, v));
  }
  memref::StoreOp::create(b, l, acc, sums, ValueRange{tid});
}

/// The epilogue of one accumulator: bias, zero-point corrections, then the
/// requantize (or the accumulator wrap), stored at output[batch, m, n].
void emitStore(OpBuilder &b, Location l, const Epilogue &epi, Value acc,
               Value bias, Value colSum, Value rowSum, int64_t zeroA,
               ArrayRef<int64_t> zeroB, int64_t K, Value output,
               ValueRange outIndex, Value n, Value zeroChannel,
               const ChannelTable &table) {
  IntegerType i32 = b.getI32Type();
  IntegerType i64 = b.getI64Type();
  if (bias)
    acc = addI(b, l, acc, memref::LoadOp::create(b, l, bias, ValueRange{n}));
  if (zeroA != 0)
    acc = arith::SubIOp::create(b, l, acc,
                                mulI(b, l, cInt(b, l, i32, zeroA), colSum));
  if (llvm::any_of(zeroB, [](int64_t z) { return z != 0; })) {
    Value zb = table(b, l, zeroB, zeroChannel, i32);
    acc = arith::SubIOp::create(b, l, acc, mulI(b, l, zb, rowSum));
    if (zeroA != 0)
      acc = addI(b, l, acc, mulI(b, l, zb, cInt(b, l, i32, K * zeroA)));
  }
  Value result;
  if (!epi.requantize) {
    result = acc;
    if (epi.accumulatorWidth < 32)
      result = arith::TruncIOp::create(b, l, epi.outputType, acc);
  } else {
    // clamp(((a - z_in) * m + 2^(n-1)) >> n + z_out, lo, hi) in i64.
    Value a = arith::ExtSIOp::create(b, l, i64, acc);
    if (epi.inputZeroPoint != 0)
      a = arith::SubIOp::create(b, l, a, cInt(b, l, i64, epi.inputZeroPoint));
    Value mult = table(b, l, epi.multiplier, n, i64);
    Value shift = table(b, l, epi.shift, n, i64);
    Value product = mulI(b, l, a, mult);
    Value one = cInt(b, l, i64, 1);
    Value zero = cInt(b, l, i64, 0);
    Value shiftM1 = arith::SubIOp::create(
        b, l, arith::MaxSIOp::create(b, l, shift, one), one);
    Value half = arith::ShLIOp::create(b, l, one, shiftM1);
    Value isZero = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                         shift, zero);
    half = arith::SelectOp::create(b, l, isZero, zero, half);
    Value rounded = arith::ShRSIOp::create(b, l, addI(b, l, product, half),
                                           shift);
    Value out = addI(b, l, rounded, table(b, l, epi.outputZeroPoint, n, i64));
    out = arith::MaxSIOp::create(b, l, out, cInt(b, l, i64, epi.clipMin));
    out = arith::MinSIOp::create(b, l, out, cInt(b, l, i64, epi.clipMax));
    result = arith::TruncIOp::create(b, l, epi.outputType, out);
  }
  memref::StoreOp::create(b, l, result, output, outIndex);
}

/// The PTX ISA layout of mma.m16n8k32 .s8 fragments, written as the ISA
/// states it (the fragment loads of the GPU code use another formulation):
/// groupID = lane >> 2, threadID_in_group = lane % 4.
///   A (16 x 32), a0..a15: row = groupID (+ 8 for 4 <= i < 8, 12 <= i),
///     col = threadID_in_group * 4 + (i & 3) (+ 16 for i >= 8).
///   B (32 x 8), b0..b7: row = threadID_in_group * 4 + (i & 3) (+ 16 for
///     i >= 4), col = groupID.
///   C, D (16 x 8), c0..c3: row = groupID (+ 8 for i >= 2),
///     col = threadID_in_group * 2 + (i & 1).
/// The emulation needs the inverse of A and B: who holds element (r, c).
struct FragmentOwner {
  Value lane, index;
};
FragmentOwner ownerOfA(OpBuilder &b, Location l, Value row, Value col) {
  // lane = 4 * (row % 8) + (col % 16) / 4;
  // i = col % 4 + 4 * (row / 8) + 8 * (col / 16).
  Value lane = addI(b, l, mulC(b, l, remC(b, l, row, 8), 4),
                    divC(b, l, remC(b, l, col, 16), 4));
  Value index = addI(b, l, remC(b, l, col, 4),
                     addI(b, l, mulC(b, l, divC(b, l, row, 8), 4),
                          mulC(b, l, divC(b, l, col, 16), 8)));
  return {lane, index};
}
FragmentOwner ownerOfB(OpBuilder &b, Location l, Value k, Value n) {
  // lane = 4 * n + (k % 16) / 4; i = k % 4 + 4 * (k / 16).
  Value lane = addI(b, l, mulC(b, l, n, 4), divC(b, l, remC(b, l, k, 16), 4));
  Value index = addI(b, l, remC(b, l, k, 4), mulC(b, l, divC(b, l, k, 16), 4));
  return {lane, index};
}

/// Host emulation of one warp-wide mma.sync m16n8k32 s8.s8.s32.satfinite:
/// D[lane][i] = sat32(C[lane][i] + sum_k A(row, k) * B(k, col)) with (row,
/// col) of c_i by the ISA layout, A and B gathered from the lanes'
/// fragments (fragA[tid][mi][16], fragB[tid][nj][8]).
void emulateMma(OpBuilder &b, Location l, Schedule &s, Value warp, Value mi,
                Value nj, Value fragA, Value fragB) {
  IntegerType i32 = b.getI32Type();
  IntegerType i64 = b.getI64Type();
  Value base = mulC(b, l, warp, 32);
  s.forLoop(32, [&](OpBuilder &b, Value lane) {
    s.forLoop(4, [&](OpBuilder &b, Value i) {
      Value row = addI(b, l, divC(b, l, lane, 4), mulC(b, l, divC(b, l, i, 2), 8));
      Value col = addI(b, l, mulC(b, l, remC(b, l, lane, 4), 2), remC(b, l, i, 2));
      Value tid = addI(b, l, base, lane);
      Value reg = addI(b, l, mulC(b, l, addI(b, l, mulC(b, l, mi, 4), nj), 4), i);
      Value c = arith::ExtSIOp::create(b, l, i64, s.loadReg(b, tid, reg));
      auto loop = scf::ForOp::create(b, l, cIdx(b, l, 0), cIdx(b, l, 32),
                                     cIdx(b, l, 1), ValueRange{c});
      {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(loop.getBody());
        Value k = loop.getInductionVar();
        FragmentOwner oa = ownerOfA(b, l, row, k);
        FragmentOwner ob = ownerOfB(b, l, k, col);
        Value av = memref::LoadOp::create(
            b, l, fragA, ValueRange{addI(b, l, base, oa.lane), mi, oa.index});
        Value bv = memref::LoadOp::create(
            b, l, fragB, ValueRange{addI(b, l, base, ob.lane), nj, ob.index});
        Value p = mulI(b, l, arith::ExtSIOp::create(b, l, i64, av),
                       arith::ExtSIOp::create(b, l, i64, bv));
        scf::YieldOp::create(b, l, addI(b, l, loop.getRegionIterArg(0), p));
      }
      Value sum = loop.getResult(0);
      sum = arith::MaxSIOp::create(b, l, sum, cInt(b, l, i64, INT32_MIN));
      sum = arith::MinSIOp::create(b, l, sum, cInt(b, l, i64, INT32_MAX));
      s.storeReg(b, tid, reg, arith::TruncIOp::create(b, l, i32, sum));
    });
  });
}

} // namespace

void hwq::nvidia::emitGemmKernel(OpBuilder &b, Location loc, bool emulate,
                                 const GemmSpec &spec,
                                 const ChannelTable &table) {
  bool mma = spec.useMma;
  int64_t threads = mma ? kMmaThreads : kDp4aThreads;
  int64_t registers = mma ? 32 : 16;
  bool needColSum = spec.zeroA != 0;
  bool needRowSum =
      llvm::any_of(spec.zeroB, [](int64_t z) { return z != 0; });
  IntegerType i8 = b.getI8Type();
  IntegerType i32 = b.getI32Type();
  SmallVector<std::pair<SmallVector<int64_t>, Type>> tiles = {
      {{kBlockM, kBlockK}, i8}, {{kBlockN, kBlockK}, i8},
      {{kBlockM}, i32},         {{kBlockN}, i32}};
  if (mma && emulate) {
    // Per-lane fragment registers of the emulation.
    tiles.push_back({{threads, 2, 16}, i8});
    tiles.push_back({{threads, 4, 8}, i8});
  }
  Schedule s(b, loc, emulate, threads, registers);
  int64_t gridN = llvm::divideCeil(spec.N, kBlockN);
  int64_t gridM = llvm::divideCeil(spec.M, kBlockM);
  s.begin(gridN, gridM, spec.batch, tiles);
  Location l = loc;
  Value tileA = s.shared(0), tileB = s.shared(1);
  Value rowSums = s.shared(2), colSums = s.shared(3);
  Value batch = s.blockId(2);
  Value m0 = mulC(b, l, s.blockId(1), kBlockM);
  Value n0 = mulC(b, l, s.blockId(0), kBlockN);

  // Zero the accumulators (and the sums).
  s.phase([&](OpBuilder &b, Value tid) {
    Value zero = cInt(b, l, i32, 0);
    for (int64_t r = 0; r < registers; ++r)
      s.storeReg(b, tid, cIdx(b, l, r), zero);
    if (needRowSum || needColSum) {
      auto ifOp = scf::IfOp::create(b, l, ult(b, l, tid, kBlockM), false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&ifOp.getThenRegion().front());
      memref::StoreOp::create(b, l, zero, rowSums, ValueRange{tid});
      memref::StoreOp::create(b, l, zero, colSums, ValueRange{tid});
    }
  });

  // The K loop: stage, (sums,) compute.
  int64_t kTiles = llvm::divideCeil(spec.K, kBlockK);
  s.forLoop(kTiles, [&](OpBuilder &b, Value kt) {
    Value k0 = mulC(b, l, kt, kBlockK);
    s.phase([&](OpBuilder &b, Value tid) {
      stageTile(b, l, s, tid, tileA, kBlockM, batch, m0, spec.M, k0, spec.K,
                spec.loadA);
      stageTile(b, l, s, tid, tileB, kBlockN, batch, n0, spec.N, k0, spec.K,
                spec.loadB);
    });
    if (needRowSum || needColSum)
      s.phase([&](OpBuilder &b, Value tid) {
        if (needRowSum)
          accumulateRowSums(b, l, tid, tileA, rowSums, kBlockM);
        if (needColSum)
          accumulateRowSums(b, l, tid, tileB, colSums, kBlockN);
      });
    if (!mma) {
      s.phase([&](OpBuilder &b, Value tid) {
        Value ty = divC(b, l, tid, 16), tx = remC(b, l, tid, 16);
        SmallVector<Value> acc;
        for (int64_t r = 0; r < 16; ++r)
          acc.push_back(s.loadReg(b, tid, cIdx(b, l, r)));
        for (int64_t kk = 0; kk < kBlockK; kk += 4) {
          Value col = cIdx(b, l, kk);
          SmallVector<Value> av, bv;
          for (int64_t i = 0; i < 4; ++i)
            av.push_back(load4(b, l, tileA, addC(b, l, ty, 16 * i), col));
          for (int64_t j = 0; j < 4; ++j)
            bv.push_back(load4(b, l, tileB, addC(b, l, tx, 16 * j), col));
          for (int64_t i = 0; i < 4; ++i)
            for (int64_t j = 0; j < 4; ++j)
              acc[i * 4 + j] =
                  emitDp4a(b, l, emulate, av[i], bv[j], acc[i * 4 + j]);
        }
        for (int64_t r = 0; r < 16; ++r)
          s.storeReg(b, tid, cIdx(b, l, r), acc[r]);
      });
      return;
    }
    // mma.sync: warp (wm, wn) of 2 x 2 owns rows wm*32 + [0, 32), columns
    // wn*32 + [0, 32). A fragment register r of m-tile mi: row
    // g + 8 (r % 2), columns 4t + 16 (r / 2) .. +3; B register r of n-tile
    // nj: column g, rows (k) 4t + 16 r .. +3.
    auto fragments = [&](OpBuilder &b, Value tid, SmallVector<Value> &aRegs,
                         SmallVector<Value> &bRegs) {
      Value warp = divC(b, l, tid, 32), lane = remC(b, l, tid, 32);
      Value wm = divC(b, l, warp, 2), wn = remC(b, l, warp, 2);
      Value g = divC(b, l, lane, 4), t = remC(b, l, lane, 4);
      Value rowBase = addI(b, l, mulC(b, l, wm, 32), g);
      Value colBase = addI(b, l, mulC(b, l, wn, 32), g);
      Value t4 = mulC(b, l, t, 4);
      for (int64_t mi = 0; mi < 2; ++mi)
        for (int64_t r = 0; r < 4; ++r)
          aRegs.push_back(load4(b, l, tileA,
                                addC(b, l, rowBase, mi * 16 + 8 * (r % 2)),
                                addC(b, l, t4, 16 * (r / 2))));
      for (int64_t nj = 0; nj < 4; ++nj)
        for (int64_t r = 0; r < 2; ++r)
          bRegs.push_back(load4(b, l, tileB, addC(b, l, colBase, nj * 8),
                                addC(b, l, t4, 16 * r)));
    };
    if (!emulate) {
      s.phase([&](OpBuilder &b, Value tid) {
        SmallVector<Value> aRegs, bRegs;
        fragments(b, tid, aRegs, bRegs);
        auto typeA = VectorType::get({4, 4}, i8);
        auto typeB = VectorType::get({2, 4}, i8);
        auto typeC = VectorType::get({2, 2}, i32);
        SmallVector<Value> fa, fb;
        for (int64_t mi = 0; mi < 2; ++mi) {
          Value v = arith::ConstantOp::create(
              b, l, typeA, DenseElementsAttr::get(typeA, b.getI8IntegerAttr(0)));
          for (int64_t r = 0; r < 4; ++r)
            v = vector::InsertOp::create(b, l, aRegs[mi * 4 + r], v,
                                         ArrayRef<int64_t>{r});
          fa.push_back(v);
        }
        for (int64_t nj = 0; nj < 4; ++nj) {
          Value v = arith::ConstantOp::create(
              b, l, typeB, DenseElementsAttr::get(typeB, b.getI8IntegerAttr(0)));
          for (int64_t r = 0; r < 2; ++r)
            v = vector::InsertOp::create(b, l, bRegs[nj * 2 + r], v,
                                         ArrayRef<int64_t>{r});
          fb.push_back(v);
        }
        for (int64_t mi = 0; mi < 2; ++mi)
          for (int64_t nj = 0; nj < 4; ++nj) {
            int64_t base = (mi * 4 + nj) * 4;
            SmallVector<Value> c;
            for (int64_t i = 0; i < 4; ++i)
              c.push_back(s.loadReg(b, tid, cIdx(b, l, base + i)));
            Value cv = vector::FromElementsOp::create(b, l, typeC, c);
            Value d = nvgpu::MmaSyncOp::create(b, l, fa[mi], fb[nj], cv,
                                               ArrayRef<int64_t>{16, 8, 32});
            for (int64_t i = 0; i < 4; ++i)
              s.storeReg(b, tid, cIdx(b, l, base + i),
                         vector::ExtractOp::create(
                             b, l, d, ArrayRef<int64_t>{i / 2, i % 2}));
          }
      });
      return;
    }
    // Emulation: the lanes write their fragments, then each warp's mma is
    // evaluated from all 32 lanes' fragments.
    Value fragA = s.shared(4), fragB = s.shared(5);
    s.phase([&](OpBuilder &b, Value tid) {
      SmallVector<Value> aRegs, bRegs;
      fragments(b, tid, aRegs, bRegs);
      for (int64_t mi = 0; mi < 2; ++mi)
        for (int64_t r = 0; r < 4; ++r)
          vector::StoreOp::create(
              b, l, aRegs[mi * 4 + r], fragA,
              ValueRange{tid, cIdx(b, l, mi), cIdx(b, l, 4 * r)});
      for (int64_t nj = 0; nj < 4; ++nj)
        for (int64_t r = 0; r < 2; ++r)
          vector::StoreOp::create(
              b, l, bRegs[nj * 2 + r], fragB,
              ValueRange{tid, cIdx(b, l, nj), cIdx(b, l, 4 * r)});
    });
    s.perWarp([&](OpBuilder &b, Value warp) {
      s.forLoop(2, [&](OpBuilder &b, Value mi) {
        s.forLoop(4, [&](OpBuilder &b, Value nj) {
          emulateMma(b, l, s, warp, mi, nj, fragA, fragB);
        });
      });
    });
  });

  // Epilogue: every accumulator of the thread at its (m, n).
  s.phase([&](OpBuilder &b, Value tid) {
    for (int64_t r = 0; r < registers; ++r) {
      Value m, n;
      if (!mma) {
        m = addI(b, l, m0, addC(b, l, divC(b, l, tid, 16), 16 * (r / 4)));
        n = addI(b, l, n0, addC(b, l, remC(b, l, tid, 16), 16 * (r % 4)));
      } else {
        // Register (mi * 4 + nj) * 4 + i holds c_i of tile (mi, nj): row
        // g + 8 (i / 2), column 2t + (i % 2).
        int64_t tile = r / 4, i = r % 4, mi = tile / 4, nj = tile % 4;
        Value warp = divC(b, l, tid, 32), lane = remC(b, l, tid, 32);
        Value g = divC(b, l, lane, 4), t = remC(b, l, lane, 4);
        m = addI(b, l, m0,
                 addI(b, l, mulC(b, l, divC(b, l, warp, 2), 32),
                      addC(b, l, g, mi * 16 + 8 * (i / 2))));
        n = addI(b, l, n0,
                 addI(b, l, mulC(b, l, remC(b, l, warp, 2), 32),
                      addC(b, l, mulC(b, l, t, 2), nj * 8 + i % 2)));
      }
      Value inside =
          arith::AndIOp::create(b, l, ult(b, l, m, spec.M), ult(b, l, n, spec.N));
      auto ifOp = scf::IfOp::create(b, l, inside, false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&ifOp.getThenRegion().front());
      Value acc = s.loadReg(b, tid, cIdx(b, l, r));
      Value colSum = needColSum
                         ? memref::LoadOp::create(b, l, colSums,
                                                  ValueRange{arith::SubIOp::create(b, l, n, n0)})
                         : Value();
      Value rowSum = needRowSum
                         ? memref::LoadOp::create(b, l, rowSums,
                                                  ValueRange{arith::SubIOp::create(b, l, m, m0)})
                         : Value();
      emitStore(b, l, spec.epilogue, acc, spec.bias, colSum, rowSum,
                spec.zeroA, spec.zeroB, spec.K, spec.output,
                ValueRange{batch, m, n}, n, n, table);
    }
  });
  s.end();
}

void hwq::nvidia::emitDepthwiseKernel(OpBuilder &b, Location loc, bool emulate,
                                      const DepthwiseSpec &spec,
                                      const ChannelTable &table) {
  // Block: 8 output pixels x 32 output channels, one output per thread
  // (tid / 32 = pixel, tid % 32 = channel: neighbouring threads read
  // neighbouring channels). Shared: the block's weights [32][taps4].
  constexpr int64_t kPixels = 8, kChannels = 32, kThreads = 256;
  int64_t taps = spec.KH * spec.KW;
  int64_t taps4 = llvm::alignTo(taps, 4);
  int64_t outChannels = spec.C * spec.mult;
  int64_t pixels = spec.N * spec.OH * spec.OW;
  bool needSumW = spec.zeroA != 0;
  bool needSumX = llvm::any_of(spec.zeroB, [](int64_t z) { return z != 0; });
  IntegerType i8 = b.getI8Type(), i32 = b.getI32Type();
  Location l = loc;
  Schedule s(b, loc, emulate, kThreads, 3);
  s.begin(llvm::divideCeil(outChannels, kChannels),
          llvm::divideCeil(pixels, kPixels), 1,
          {{{kChannels, taps4}, i8}});
  Value tileW = s.shared(0);
  Value p0 = mulC(b, l, s.blockId(1), kPixels);
  Value o0 = mulC(b, l, s.blockId(0), kChannels);
  Value zero8 = cInt(b, l, i8, 0);
  auto flip = [&](OpBuilder &b, Value v, bool doFlip) -> Value {
    return doFlip ? arith::XOrIOp::create(b, l, v, cInt(b, l, i8, -128))
                  : v;
  };

  // Stage the weights of channels o0 .. o0 + 31 (0 beyond the taps and the
  // channels).
  s.phase([&](OpBuilder &b, Value tid) {
    int64_t perThread = llvm::divideCeil(kChannels * taps4, kThreads);
    for (int64_t j = 0; j < perThread; ++j) {
      Value e = addC(b, l, tid, j * kThreads);
      Value inTile = ult(b, l, e, kChannels * taps4);
      Value ec = minC(b, l, e, kChannels * taps4 - 1);
      Value c = divC(b, l, ec, taps4), tap = remC(b, l, ec, taps4);
      Value o = addI(b, l, o0, c);
      Value valid = arith::AndIOp::create(
          b, l, inTile,
          arith::AndIOp::create(b, l, ult(b, l, o, outChannels),
                                ult(b, l, tap, taps)));
      Value oc = minC(b, l, o, outChannels - 1);
      Value tc = minC(b, l, tap, taps - 1);
      Value v = memref::LoadOp::create(
          b, l, spec.weight,
          ValueRange{divC(b, l, tc, spec.KW), remC(b, l, tc, spec.KW),
                     divC(b, l, oc, spec.mult), remC(b, l, oc, spec.mult)});
      v = arith::SelectOp::create(b, l, valid, flip(b, v, spec.flipWeight),
                                  zero8);
      auto ifOp = scf::IfOp::create(b, l, inTile, false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&ifOp.getThenRegion().front());
      memref::StoreOp::create(b, l, v, tileW, ValueRange{c, tap});
    }
  });

  s.phase([&](OpBuilder &b, Value tid) {
    Value p = addI(b, l, p0, divC(b, l, tid, kChannels));
    Value oLocal = remC(b, l, tid, kChannels);
    Value o = addI(b, l, o0, oLocal);
    Value inside =
        arith::AndIOp::create(b, l, ult(b, l, p, pixels), ult(b, l, o, outChannels));
    auto ifOp = scf::IfOp::create(b, l, inside, false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifOp.getThenRegion().front());
    Value n = divC(b, l, p, spec.OH * spec.OW);
    Value oh = divC(b, l, remC(b, l, p, spec.OH * spec.OW), spec.OW);
    Value ow = remC(b, l, p, spec.OW);
    Value c = divC(b, l, o, spec.mult);
    Value acc = cInt(b, l, i32, 0), sumX = acc, sumW = acc;
    auto ones = arith::ConstantOp::create(
        b, l, VectorType::get({4}, i8),
        DenseElementsAttr::get(VectorType::get({4}, i8), b.getI8IntegerAttr(1)));
    Value zeroAv = cInt(b, l, i8, spec.zeroA);
    for (int64_t t0 = 0; t0 < taps4; t0 += 4) {
      SmallVector<Value> xs;
      for (int64_t t = t0; t < t0 + 4; ++t) {
        if (t >= taps) {
          xs.push_back(zero8);
          continue;
        }
        int64_t kh = t / spec.KW, kw = t % spec.KW;
        // ih = oh * sh - top + kh * dh, as a signed index.
        Value ih = arith::SubIOp::create(
            b, l, addC(b, l, mulC(b, l, oh, spec.strideH), kh * spec.dilationH),
            cIdx(b, l, spec.padTop));
        Value iw = arith::SubIOp::create(
            b, l, addC(b, l, mulC(b, l, ow, spec.strideW), kw * spec.dilationW),
            cIdx(b, l, spec.padLeft));
        // Unsigned compares reject negative indices too.
        Value valid = arith::AndIOp::create(b, l, ult(b, l, ih, spec.H),
                                            ult(b, l, iw, spec.W));
        Value v = memref::LoadOp::create(
            b, l, spec.input,
            ValueRange{n, minC(b, l, ih, spec.H - 1), minC(b, l, iw, spec.W - 1),
                       c});
        xs.push_back(arith::SelectOp::create(b, l, valid,
                                             flip(b, v, spec.flipInput), zeroAv));
      }
      Value xv = vector::FromElementsOp::create(b, l, VectorType::get({4}, i8),
                                                xs);
      Value wv = load4(b, l, tileW, oLocal, cIdx(b, l, t0));
      acc = emitDp4a(b, l, emulate, xv, wv, acc);
      if (needSumX)
        sumX = emitDp4a(b, l, emulate, xv, ones, sumX);
      if (needSumW)
        sumW = emitDp4a(b, l, emulate, wv, ones, sumW);
    }
    emitStore(b, l, spec.epilogue, acc, spec.bias, sumW, sumX, spec.zeroA,
              spec.zeroB, taps, spec.output,
              ValueRange{cIdx(b, l, 0), p, o}, o, c, table);
  });
  s.end();
}

void hwq::nvidia::emitRequantizeKernel(OpBuilder &b, Location loc,
                                       bool emulate, const RequantizeSpec &spec,
                                       const ChannelTable &table) {
  constexpr int64_t kThreads = 256;
  Location l = loc;
  Schedule s(b, loc, emulate, kThreads, 1);
  s.begin(llvm::divideCeil(spec.total, kThreads), 1, 1, {});
  Value base = mulC(b, l, s.blockId(0), kThreads);
  s.phase([&](OpBuilder &b, Value tid) {
    Value i = addI(b, l, base, tid);
    auto ifOp = scf::IfOp::create(b, l, ult(b, l, i, spec.total), false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifOp.getThenRegion().front());
    Value v = memref::LoadOp::create(b, l, spec.input, ValueRange{i});
    IntegerType i32 = b.getI32Type();
    if (v.getType() != i32) {
      if (spec.unsignedInput)
        v = arith::ExtUIOp::create(b, l, i32, v);
      else
        v = arith::ExtSIOp::create(b, l, i32, v);
    }
    Value channel = remC(b, l, i, spec.channels);
    emitStore(b, l, spec.epilogue, v, Value(), Value(), Value(), 0, {0}, 0,
              spec.output, ValueRange{cIdx(b, l, 0), cIdx(b, l, 0), i},
              channel, channel, table);
  });
  s.end();
}
