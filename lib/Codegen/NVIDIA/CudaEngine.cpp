//===- CudaEngine.cpp - hwq-run --device=cuda -----------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Runs a function on an NVIDIA GPU: hwq-nvidia-map-contractions for the
// device's architecture, kernel outlining, one PTX module (bare-pointer
// kernel arguments), then a launch plan read off the host function:
//
//   function argument / constant -> device buffer (copied in)
//   memref.alloc                  -> device buffer
//   gpu.launch_func               -> cuLaunchKernel on those buffers
//   returned tensors              -> copied back
//
// Storage casts, reshapes and to_buffer / to_tensor only rename buffers
// (row-major data does not move). Every other op (quantize, add, pooling,
// softmax, ... : no device kernels yet) is a host step between the kernels:
// its operands are copied back, the reference evaluator runs it, its results
// go to device buffers.
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/NVIDIA/Passes.h"

#include "hwq/Conversion/HwqToLinalg/HwqToLinalg.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/CudaDriver.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::nvidia;

namespace {

/// A device buffer of the plan.
struct Slot {
  size_t bytes = 0;
  /// The function argument it is copied from, if any.
  std::optional<unsigned> argument;
  /// Constant bytes copied in, if any.
  std::vector<uint8_t> constant;
};

/// One step of the plan: a kernel launch, or (hostFunction set) an op the
/// device does not run, evaluated by the reference evaluator on copies of
/// its operands (a one-op function).
struct Launch {
  func::FuncOp hostFunction;
  SmallVector<unsigned> hostInputs, hostOutputs;
  std::string kernel;
  unsigned grid[3] = {1, 1, 1}, block[3] = {1, 1, 1};
  SmallVector<unsigned> slots;
  void *function = nullptr;
};

struct Result {
  unsigned slot;
  runtime::ElementKind kind;
  SmallVector<int64_t> shape;
};

/// Bytes of a dense buffer of `type` (quantized elements: their storage
/// container).
size_t getByteSize(ShapedType type) {
  Type element = type.getElementType();
  if (auto quantType = dyn_cast<quant::QuantizedType>(element))
    element = getStorageContainerType(quantType);
  unsigned bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 8;
  return static_cast<size_t>(type.getNumElements()) *
         std::max<unsigned>(1, bits / 8);
}

class CudaEngine : public runtime::Engine {
public:
  StringRef getName() const override { return "cuda"; }

  LogicalResult prepare(func::FuncOp func) override {
    llvm::Expected<runtime::CudaDriver *> loaded = runtime::CudaDriver::load();
    if (!loaded)
      return emitError(func.getLoc()) << llvm::toString(loaded.takeError());
    driver = *loaded;
    int cc = driver->getComputeCapability();
    std::string chip = cc >= 90 ? "sm_90" : cc >= 80 ? "sm_80" : "sm_75";
    FailureOr<NvidiaArch> arch = checkNvidiaArch(
        func.getLoc(), cc >= 75 ? chip : "sm_" + std::to_string(cc), "");
    if (failed(arch))
      return failure();

    module = ModuleOp::create(func.getLoc());
    OpBuilder b(module->getBody(), module->getBody()->end());
    auto clone = cast<func::FuncOp>(b.clone(*func));
    PassManager pm(func.getContext());
    HwqNvidiaMapContractionsPassOptions options;
    options.arch = arch->getChip();
    pm.addPass(createHwqNvidiaMapContractionsPass(options));
    if (failed(pm.run(*module)))
      return failure();
    // PTX first: it gives every kernel its final (unique) name.
    FailureOr<std::string> ptx = emitPTX(*module, *arch, /*barePointers=*/true);
    if (failed(ptx) || failed(buildPlan(clone)))
      return failure();
    llvm::Expected<void *> cuModule = driver->loadModule(*ptx);
    if (!cuModule)
      return emitError(func.getLoc()) << llvm::toString(cuModule.takeError());
    for (Launch &launch : launches) {
      if (launch.hostFunction)
        continue;
      llvm::Expected<void *> function =
          driver->getFunction(*cuModule, launch.kernel);
      if (!function)
        return emitError(func.getLoc())
               << llvm::toString(function.takeError());
      launch.function = *function;
    }
    return success();
  }

  FailureOr<SmallVector<runtime::Tensor>>
  run(ArrayRef<runtime::Tensor> inputs) override {
    SmallVector<uint64_t> pointers;
    auto release = [&]() {
      for (uint64_t p : pointers)
        llvm::consumeError(driver->free(p));
    };
    auto fail = [&](llvm::Error error) {
      release();
      llvm::errs() << "hwq-run: error: " << llvm::toString(std::move(error))
                   << "\n";
      return failure();
    };
    for (const Slot &slot : slots) {
      llvm::Expected<uint64_t> p = driver->allocate(slot.bytes);
      if (!p)
        return fail(p.takeError());
      pointers.push_back(*p);
      const void *source = nullptr;
      if (slot.argument) {
        if (*slot.argument >= inputs.size() ||
            inputs[*slot.argument].getByteSize() != slot.bytes)
          return fail(llvm::createStringError(
              "--device=cuda: input does not match the function signature"));
        source = inputs[*slot.argument].getBytes().data();
      } else if (!slot.constant.empty()) {
        source = slot.constant.data();
      }
      if (source)
        if (llvm::Error error =
                driver->copyToDevice(*p, source, slot.bytes))
          return fail(std::move(error));
    }
    for (const Launch &launch : launches) {
      if (launch.hostFunction) {
        if (failed(runOnHost(launch, pointers)))
          return fail(llvm::createStringError(
              "--device=cuda: a host step failed"));
        continue;
      }
      SmallVector<uint64_t> args;
      SmallVector<void *> params;
      for (unsigned slot : launch.slots)
        args.push_back(pointers[slot]);
      for (uint64_t &arg : args)
        params.push_back(&arg);
      if (llvm::Error error = driver->launch(
              launch.function, launch.grid[0], launch.grid[1], launch.grid[2],
              launch.block[0], launch.block[1], launch.block[2], 0,
              params.data()))
        return fail(std::move(error));
    }
    SmallVector<runtime::Tensor> outputs;
    for (const Result &result : results) {
      runtime::Tensor tensor(result.kind, result.shape);
      if (llvm::Error error =
              driver->copyToHost(tensor.getMutableBytes().data(),
                                 pointers[result.slot], tensor.getByteSize()))
        return fail(std::move(error));
      outputs.push_back(std::move(tensor));
    }
    release();
    return outputs;
  }

private:
  /// Runs a host step: operands copied from the device, the reference
  /// evaluator, results copied back.
  LogicalResult runOnHost(const Launch &step, ArrayRef<uint64_t> pointers) {
    func::FuncOp function = step.hostFunction;
    FunctionType type = function.getFunctionType();
    SmallVector<runtime::Tensor> inputs;
    for (auto [slot, input] : llvm::zip(step.hostInputs, type.getInputs())) {
      auto shaped = cast<ShapedType>(input);
      FailureOr<runtime::ElementKind> kind =
          ref::getRuntimeElementKind(shaped.getElementType());
      if (failed(kind))
        return failure();
      runtime::Tensor tensor(*kind, shaped.getShape());
      if (llvm::Error error = driver->copyToHost(
              tensor.getMutableBytes().data(), pointers[slot],
              tensor.getByteSize())) {
        llvm::errs() << llvm::toString(std::move(error)) << "\n";
        return failure();
      }
      inputs.push_back(std::move(tensor));
    }
    FailureOr<SmallVector<runtime::Tensor>> outputs =
        ref::evaluate(function, inputs);
    if (failed(outputs))
      return failure();
    for (auto [slot, tensor] : llvm::zip(step.hostOutputs, *outputs))
      if (llvm::Error error = driver->copyToDevice(
              pointers[slot], tensor.getBytes().data(), tensor.getByteSize())) {
        llvm::errs() << llvm::toString(std::move(error)) << "\n";
        return failure();
      }
    return success();
  }

  /// Makes `op` a host step: a one-op function in hostModule whose
  /// arguments are its tensor operands (constants are cloned into it).
  LogicalResult addHostStep(Operation &op, DenseMap<Value, unsigned> &slotOf) {
    Launch step;
    SmallVector<Value> arguments;
    for (Value operand : op.getOperands()) {
      Operation *def = operand.getDefiningOp();
      if (def && def->hasTrait<OpTrait::ConstantLike>())
        continue;
      auto it = slotOf.find(operand);
      if (it == slotOf.end() || !isa<RankedTensorType>(operand.getType()))
        return op.emitError() << "--device=cuda: '" << op.getName()
                              << "' reads a value that is not a tensor";
      if (!llvm::is_contained(arguments, operand)) {
        arguments.push_back(operand);
        step.hostInputs.push_back(it->second);
      }
    }
    if (!hostModule)
      hostModule = ModuleOp::create(op.getLoc());
    OpBuilder b(hostModule->getBody(), hostModule->getBody()->end());
    auto function = func::FuncOp::create(
        b, op.getLoc(), "host_step" + std::to_string(launches.size()),
        b.getFunctionType(llvm::to_vector(llvm::map_range(
                              arguments, [](Value v) { return v.getType(); })),
                          op.getResultTypes()));
    Block *body = function.addEntryBlock();
    b.setInsertionPointToStart(body);
    IRMapping mapping;
    for (auto [value, arg] : llvm::zip(arguments, body->getArguments()))
      mapping.map(value, arg);
    for (Value operand : op.getOperands())
      if (Operation *def = operand.getDefiningOp())
        if (def->hasTrait<OpTrait::ConstantLike>() && !mapping.contains(operand))
          b.clone(*def, mapping);
    Operation *clone = b.clone(op, mapping);
    func::ReturnOp::create(b, op.getLoc(), clone->getResults());
    for (Value result : op.getResults()) {
      auto type = dyn_cast<RankedTensorType>(result.getType());
      if (!type || !type.hasStaticShape())
        return op.emitError() << "--device=cuda: '" << op.getName()
                              << "' has a result that is not a static tensor";
      Slot slot;
      slot.bytes = getByteSize(type);
      slotOf[result] = slots.size();
      step.hostOutputs.push_back(slots.size());
      slots.push_back(std::move(slot));
    }
    step.hostFunction = function;
    launches.push_back(std::move(step));
    return success();
  }

  LogicalResult buildPlan(func::FuncOp func) {
    DenseMap<Value, unsigned> slotOf;
    for (BlockArgument arg : func.getArguments()) {
      auto type = dyn_cast<ShapedType>(arg.getType());
      if (!type || !type.hasStaticShape())
        return emitError(func.getLoc())
               << "--device=cuda: arguments must be static tensors";
      Slot slot;
      slot.bytes = getByteSize(type);
      slot.argument = arg.getArgNumber();
      slotOf[arg] = slots.size();
      slots.push_back(std::move(slot));
    }
    auto alias = [&](Value to, Value from) -> bool {
      auto it = slotOf.find(from);
      if (it == slotOf.end())
        return false;
      slotOf[to] = it->second;
      return true;
    };
    for (Operation &op : func.getBody().front()) {
      if (matchPattern(&op, m_Constant()) && op.getNumResults() == 1) {
        Attribute value;
        if (!matchPattern(op.getResult(0), m_Constant(&value)))
          continue;
        auto dense = dyn_cast<DenseElementsAttr>(value);
        if (!dense || !isa<ShapedType>(op.getResult(0).getType()))
          continue; // scalars: used inside kernels only
        if (!dense.getElementType().isInteger() ||
            dense.getElementType().getIntOrFloatBitWidth() % 8 != 0)
          return op.emitError("--device=cuda: unsupported constant");
        Slot slot;
        slot.bytes = getByteSize(dense.getType());
        unsigned width = dense.getElementType().getIntOrFloatBitWidth() / 8;
        for (const APInt &v : dense.getValues<APInt>())
          for (unsigned byte = 0; byte < width; ++byte)
            slot.constant.push_back(
                static_cast<uint8_t>(v.extractBitsAsZExtValue(8, 8 * byte)));
        slotOf[op.getResult(0)] = slots.size();
        slots.push_back(std::move(slot));
        continue;
      }
      if (isa<quant::StorageCastOp, tensor::CollapseShapeOp,
              tensor::ExpandShapeOp, bufferization::ToBufferOp,
              bufferization::ToTensorOp, tosa::ReshapeOp>(op)) {
        if (!alias(op.getResult(0), op.getOperand(0)))
          return op.emitError("--device=cuda: operand not on the device");
        continue;
      }
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        Slot slot;
        slot.bytes = getByteSize(alloc.getType());
        slotOf[alloc.getResult()] = slots.size();
        slots.push_back(std::move(slot));
        continue;
      }
      if (auto launchOp = dyn_cast<gpu::LaunchFuncOp>(op)) {
        Launch launch;
        launch.kernel = launchOp.getKernelName().str();
        gpu::KernelDim3 grid = launchOp.getGridSizeOperandValues();
        gpu::KernelDim3 block = launchOp.getBlockSizeOperandValues();
        Value dims[6] = {grid.x, grid.y, grid.z, block.x, block.y, block.z};
        for (int i = 0; i < 6; ++i) {
          std::optional<int64_t> v = getConstantIntValue(dims[i]);
          if (!v)
            return op.emitError("--device=cuda: dynamic launch size");
          (i < 3 ? launch.grid[i] : launch.block[i - 3]) =
              static_cast<unsigned>(*v);
        }
        for (Value operand : launchOp.getKernelOperands()) {
          auto it = slotOf.find(operand);
          if (!isa<MemRefType>(operand.getType()) || it == slotOf.end())
            return op.emitError("--device=cuda: kernel operand not on the "
                                "device");
          launch.slots.push_back(it->second);
        }
        launches.push_back(std::move(launch));
        continue;
      }
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        for (Value value : ret.getOperands()) {
          auto it = slotOf.find(value);
          auto type = cast<ShapedType>(value.getType());
          FailureOr<runtime::ElementKind> kind =
              ref::getRuntimeElementKind(type.getElementType());
          if (it == slotOf.end() || failed(kind))
            return op.emitError("--device=cuda: result not on the device");
          results.push_back(
              {it->second, *kind, llvm::to_vector(type.getShape())});
        }
        continue;
      }
      if (op.hasTrait<OpTrait::ConstantLike>())
        continue;
      // Everything else runs on the host, between the kernels.
      if (failed(addHostStep(op, slotOf)))
        return failure();
    }
    return success();
  }

  runtime::CudaDriver *driver = nullptr;
  OwningOpRef<ModuleOp> module, hostModule;
  std::vector<Slot> slots;
  std::vector<Launch> launches;
  std::vector<Result> results;
};

} // namespace

std::unique_ptr<runtime::Engine> nvidia::createCudaEngine() {
  return std::make_unique<CudaEngine>();
}
