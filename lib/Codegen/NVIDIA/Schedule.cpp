//===- Schedule.cpp - one tiled GPU schedule, two back ends ---------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "Schedule.h"

using namespace mlir;
using namespace hwq::nvidia;

Value hwq::nvidia::cIdx(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

Value hwq::nvidia::cInt(OpBuilder &b, Location loc, Type type, int64_t v) {
  return arith::ConstantOp::create(b, loc, type, b.getIntegerAttr(type, v));
}

Schedule::Schedule(OpBuilder &builder, Location loc, bool emulate,
                   int64_t threads, int64_t registers)
    : builder(builder), loc(loc), emulate(emulate), threads(threads),
      registers(registers) {}

void Schedule::begin(
    int64_t gx, int64_t gy, int64_t gz,
    ArrayRef<std::pair<SmallVector<int64_t>, Type>> sharedTiles) {
  MLIRContext *context = builder.getContext();
  IntegerType i32 = builder.getI32Type();
  if (emulate) {
    // Shared tiles and registers: on the stack of the function, reused by
    // every block (the buffer deallocation pipeline rejects explicit
    // deallocations, and the kernels are not inside loops).
    for (const auto &[shape, type] : sharedTiles)
      sharedBuffers.push_back(
          memref::AllocaOp::create(builder, loc, MemRefType::get(shape, type)));
    regs = memref::AllocaOp::create(
        builder, loc, MemRefType::get({threads, registers}, i32));
    int64_t sizes[3] = {gx, gy, gz};
    blockIds.resize(3);
    for (int dim = 2; dim >= 0; --dim) {
      auto loop = scf::ForOp::create(builder, loc, cIdx(builder, loc, 0),
                                     cIdx(builder, loc, sizes[dim]),
                                     cIdx(builder, loc, 1));
      if (!outer)
        outer = loop;
      blockIds[dim] = loop.getInductionVar();
      builder.setInsertionPoint(loop.getBody()->getTerminator());
    }
    return;
  }
  auto workgroup = gpu::AddressSpaceAttr::get(
      context, gpu::GPUDialect::getWorkgroupAddressSpace());
  SmallVector<Type> types;
  for (const auto &[shape, type] : sharedTiles)
    types.push_back(MemRefType::get(shape, type, MemRefLayoutAttrInterface(),
                                    workgroup));
  auto launch = gpu::LaunchOp::create(
      builder, loc, cIdx(builder, loc, gx), cIdx(builder, loc, gy),
      cIdx(builder, loc, gz), cIdx(builder, loc, threads),
      cIdx(builder, loc, 1), cIdx(builder, loc, 1),
      /*dynamicSharedMemorySize=*/nullptr, /*asyncTokenType=*/nullptr,
      /*asyncDependencies=*/{}, types);
  outer = launch;
  Block &body = launch.getBody().front();
  builder.setInsertionPointToStart(&body);
  gpu::TerminatorOp::create(builder, loc);
  builder.setInsertionPointToStart(&body);
  gpu::KernelDim3 ids = launch.getBlockIds();
  blockIds = {ids.x, ids.y, ids.z};
  threadId = launch.getThreadIds().x;
  for (BlockArgument arg : launch.getWorkgroupAttributions())
    sharedBuffers.push_back(arg);
  auto priv = gpu::AddressSpaceAttr::get(
      context, gpu::GPUDialect::getPrivateAddressSpace());
  (void)priv;
  regs = memref::AllocaOp::create(builder, loc,
                                  MemRefType::get({registers}, i32));
}

void Schedule::end() {
  builder.setInsertionPointAfter(outer);
}

void Schedule::forLoop(int64_t count,
                       function_ref<void(OpBuilder &, Value)> body) {
  auto loop =
      scf::ForOp::create(builder, loc, cIdx(builder, loc, 0),
                         cIdx(builder, loc, count), cIdx(builder, loc, 1));
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPoint(loop.getBody()->getTerminator());
  body(builder, loop.getInductionVar());
}

void Schedule::phase(function_ref<void(OpBuilder &, Value)> body) {
  if (emulate) {
    forLoop(threads, body);
    return;
  }
  body(builder, threadId);
  gpu::BarrierOp::create(builder, loc);
}

void Schedule::perWarp(function_ref<void(OpBuilder &, Value)> body) {
  forLoop(threads / 32, body);
}

Value Schedule::loadReg(OpBuilder &b, Value tid, Value index) {
  if (emulate)
    return memref::LoadOp::create(b, loc, regs, ValueRange{tid, index});
  return memref::LoadOp::create(b, loc, regs, ValueRange{index});
}

void Schedule::storeReg(OpBuilder &b, Value tid, Value index, Value value) {
  if (emulate)
    memref::StoreOp::create(b, loc, value, regs, ValueRange{tid, index});
  else
    memref::StoreOp::create(b, loc, value, regs, ValueRange{index});
}
