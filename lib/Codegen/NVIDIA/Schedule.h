//===- Schedule.h - one tiled GPU schedule, two back ends -------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// A kernel is written once against `Schedule`: a grid of blocks, each of a
// fixed number of threads, whose code is a sequence of *phases* separated by
// barriers. Shared memory is a set of statically shaped tiles; per-thread
// registers are an array of i32.
//
//  - GPU back end: one gpu.launch; a phase is the code of one thread
//    (gpu.thread_id x), barriers are gpu.barrier, shared tiles are workgroup
//    attributions, registers a private alloca with constant indices (SROA
//    turns it into registers).
//  - Host back end (emulation): scf loops over the blocks; a phase is a loop
//    over the threads of the block (a barrier is the end of that loop);
//    shared tiles are buffers allocated once; registers live in a
//    [threads, registers] buffer.
//
// Both back ends run the same index arithmetic, the same shared-memory
// staging and the same fragment loads, which is what the host emulation
// tests (docs/NVIDIA.md).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_LIB_CODEGEN_NVIDIA_SCHEDULE_H
#define HWQ_LIB_CODEGEN_NVIDIA_SCHEDULE_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

namespace hwq {
namespace nvidia {

/// The block/thread structure of one kernel and its two back ends.
class Schedule {
public:
  /// `emulate` picks the host back end.
  Schedule(mlir::OpBuilder &builder, mlir::Location loc, bool emulate,
           int64_t threads, int64_t registers);

  /// Opens the kernel: a grid of gx * gy * gz blocks and the given shared
  /// tiles (shapes of i8 or i32). The builder is then inside one block.
  void begin(int64_t gx, int64_t gy, int64_t gz,
             llvm::ArrayRef<std::pair<llvm::SmallVector<int64_t>, mlir::Type>>
                 sharedTiles);
  /// Closes the kernel; the builder continues after it.
  void end();

  /// Block index along x, y or z (index type).
  mlir::Value blockId(unsigned dim) const { return blockIds[dim]; }
  /// Shared tile `i` (in begin's order).
  mlir::Value shared(unsigned i) const { return sharedBuffers[i]; }
  /// Emits `body` once per thread of the block (thread index: index type),
  /// followed by a barrier.
  void phase(llvm::function_ref<void(mlir::OpBuilder &, mlir::Value)> body);
  /// Emits `body` once per warp of the block (host back end only: the
  /// emulation of warp-wide instructions); `warp` is the warp index.
  void
  perWarp(llvm::function_ref<void(mlir::OpBuilder &, mlir::Value)> body);
  /// A loop [0, count) around `body` with the current builder.
  void forLoop(int64_t count,
               llvm::function_ref<void(mlir::OpBuilder &, mlir::Value)> body);

  /// Register `index` of thread `tid` (i32).
  mlir::Value loadReg(mlir::OpBuilder &b, mlir::Value tid, mlir::Value index);
  void storeReg(mlir::OpBuilder &b, mlir::Value tid, mlir::Value index,
                mlir::Value value);

  bool isEmulated() const { return emulate; }
  int64_t getThreads() const { return threads; }
  mlir::Location getLoc() const { return loc; }

private:
  mlir::OpBuilder &builder;
  mlir::Location loc;
  bool emulate;
  int64_t threads;
  int64_t registers;
  mlir::Operation *outer = nullptr;
  llvm::SmallVector<mlir::Value, 3> blockIds;
  llvm::SmallVector<mlir::Value> sharedBuffers;
  mlir::Value regs;
  /// GPU back end: the thread index of the launch.
  mlir::Value threadId;
};

/// `arith.constant` of index type.
mlir::Value cIdx(mlir::OpBuilder &b, mlir::Location loc, int64_t v);
/// `arith.constant` of i32/i64 type.
mlir::Value cInt(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type,
                 int64_t v);

} // namespace nvidia
} // namespace hwq

#endif // HWQ_LIB_CODEGEN_NVIDIA_SCHEDULE_H
