//===- MapContractions.cpp - realized contractions to GPU kernels ---------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-nvidia-map-contractions: every realized fully_connected, matmul,
// conv2d and depthwise_conv2d with 8-bit operands (and its single-use
// requantize, fused as the epilogue) becomes one kernel (Kernels.h) on the
// operands' buffers:
//
//   quant.scast -> (tensor.collapse_shape) -> bufferization.to_buffer
//   memref.alloc of the [batch, M, N] output, the kernel,
//   bufferization.to_tensor -> reshape -> quant.scast to the result type
//
// Everything else stays as it is (the host lowering handles it). With
// emulate=true the kernels are host loops and the whole function runs
// through hwq-run --engine=jit.
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/NVIDIA/Passes.h"

#include "Kernels.h"

#include "hwq/Conversion/HwqToLinalg/HwqToLinalg.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

namespace hwq {
#define GEN_PASS_DEF_HWQNVIDIAMAPCONTRACTIONSPASS
#include "hwq/Codegen/NVIDIA/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;
using namespace hwq::nvidia;

//===----------------------------------------------------------------------===//
// Architecture checks
//===----------------------------------------------------------------------===//

FailureOr<NvidiaArch> nvidia::checkNvidiaArch(Location loc, StringRef chip,
                                              StringRef features) {
  NvidiaArch arch;
  StringRef digits = chip;
  if (!digits.consume_front("sm_") || digits.getAsInteger(10, arch.smVersion))
    return emitError(loc) << "NVIDIA code generation: '" << chip
                          << "' is not an architecture of the form sm_XX";
  if (arch.smVersion < 75)
    return emitError(loc)
           << "NVIDIA code generation: " << chip
           << " is not supported; hwq generates dp4a kernels for sm_75 and "
              "mma.sync s8 kernels for sm_80 and later";
  // The PTX ISA versions LLVM 22's NVPTX back end knows, and the first one
  // each architecture needs.
  static const unsigned known[] = {60, 61, 62, 63, 64, 65, 70, 71, 72, 73, 74, 75,
                                   76, 77, 78, 80, 81, 82, 83, 84, 85,
                                   86, 87};
  unsigned minimum = arch.smVersion >= 89 ? 78
                     : arch.smVersion >= 87 ? 74
                     : arch.smVersion >= 86 ? 71
                     : arch.smVersion >= 80 ? 70
                                            : 63;
  if (arch.smVersion > 90)
    minimum = 80;
  SmallVector<StringRef> parts;
  features.split(parts, ',', -1, false);
  arch.ptxVersion = std::max(80u, minimum);
  for (StringRef part : parts) {
    part = part.trim();
    StringRef version = part;
    if (!version.consume_front("+ptx"))
      return emitError(loc) << "NVIDIA code generation: unsupported target "
                               "feature '"
                            << part << "' (expected +ptxNN)";
    if (version.getAsInteger(10, arch.ptxVersion) ||
        !llvm::is_contained(known, arch.ptxVersion))
      return emitError(loc) << "NVIDIA code generation: unknown PTX ISA "
                               "version '"
                            << part << "'";
  }
  if (arch.ptxVersion < minimum)
    return emitError(loc) << "NVIDIA code generation: " << chip
                          << " needs PTX ISA " << minimum / 10 << "."
                          << minimum % 10 << " or later (+ptx" << minimum
                          << "), the target asks for +ptx" << arch.ptxVersion;
  return arch;
}

FailureOr<NvidiaArch> nvidia::getModuleArch(ModuleOp module, StringRef arch) {
  if (!arch.empty())
    return checkNvidiaArch(module.getLoc(), arch, "");
  auto target =
      module->getAttrOfType<TargetAttr>(HwqDialect::getTargetAttrName());
  if (!target)
    return emitError(module.getLoc())
           << "NVIDIA code generation: no architecture given (option arch) "
              "and the module has no #hwq.target";
  if (!target.getTriple().starts_with("nvptx64"))
    return emitError(module.getLoc())
           << "NVIDIA code generation: the module's target '"
           << target.getName() << "' has triple '" << target.getTriple()
           << "', not nvptx64-nvidia-cuda";
  return checkNvidiaArch(module.getLoc(), target.getCpu(),
                         target.getFeatures());
}

//===----------------------------------------------------------------------===//
// The rewrite
//===----------------------------------------------------------------------===//

namespace {

/// An 8-bit operand: whether its storage is unsigned (flipped to s8 by
/// xor 0x80) and its centered zero points.
struct Operand8 {
  bool flip = false;
  SmallVector<int64_t> zeroPoints;
};

std::optional<Operand8> getOperand8(Type type) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType || !tensorType.hasStaticShape())
    return std::nullopt;
  FailureOr<QuantParams> params = getQuantParams(tensorType.getElementType());
  if (failed(params) || params->storageWidth > 8)
    return std::nullopt;
  Operand8 operand;
  operand.flip = !params->isSigned;
  for (int64_t z : params->zeroPoints) {
    int64_t centered = z - (operand.flip ? 128 : 0);
    if (centered < -128 || centered > 127)
      return std::nullopt;
    operand.zeroPoints.push_back(centered);
  }
  if (llvm::all_equal(operand.zeroPoints))
    operand.zeroPoints.resize(1);
  return operand;
}

/// Storage integers of a quantized tensor, as a tensor of its container.
Value toStorage(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto quantType = cast<quant::QuantizedType>(type.getElementType());
  return quant::StorageCastOp::create(
      b, loc, type.clone(getStorageContainerType(quantType)), tensor);
}

/// The identity-layout buffer of `tensor` (read only).
Value toBuffer(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  return bufferization::ToBufferOp::create(
      b, loc, MemRefType::get(type.getShape(), type.getElementType()), tensor,
      /*read_only=*/true);
}

/// Collapses `tensor` to 2-D: [prod(leading), last].
Value collapseTo2D(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (type.getRank() == 2)
    return tensor;
  ReassociationIndices leading;
  for (int64_t d = 0; d + 1 < type.getRank(); ++d)
    leading.push_back(d);
  SmallVector<ReassociationIndices> reassociation = {
      leading, {type.getRank() - 1}};
  return tensor::CollapseShapeOp::create(b, loc, tensor, reassociation);
}

/// Collapses [K0, K1, ...] to [K0, K1 * ...].
Value collapseTrailing(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  ReassociationIndices trailing;
  for (int64_t d = 1; d < type.getRank(); ++d)
    trailing.push_back(d);
  SmallVector<ReassociationIndices> reassociation = {{0}, trailing};
  return tensor::CollapseShapeOp::create(b, loc, tensor, reassociation);
}

/// The tensor of `buffer` ([batch, M, N]) reshaped to `shape` and cast to
/// the quantized `resultType`.
Value fromBuffer(OpBuilder &b, Location loc, Value buffer,
                 RankedTensorType resultType) {
  auto memrefType = cast<MemRefType>(buffer.getType());
  auto tensorType = RankedTensorType::get(memrefType.getShape(),
                                          memrefType.getElementType());
  Value t = bufferization::ToTensorOp::create(b, loc, tensorType, buffer,
                                              b.getUnitAttr(), b.getUnitAttr());
  auto flatType = RankedTensorType::get({tensorType.getNumElements()},
                                        tensorType.getElementType());
  t = tensor::CollapseShapeOp::create(b, loc, flatType, t,
                                      ArrayRef<ReassociationIndices>{{0, 1, 2}});
  ReassociationIndices all;
  for (int64_t d = 0; d < resultType.getRank(); ++d)
    all.push_back(d);
  auto storageType = resultType.clone(tensorType.getElementType());
  t = tensor::ExpandShapeOp::create(b, loc, storageType, t,
                                    ArrayRef<ReassociationIndices>{all});
  return quant::StorageCastOp::create(b, loc, resultType, t);
}

class MapContractionsPass
    : public hwq::impl::HwqNvidiaMapContractionsPassBase<MapContractionsPass> {
public:
  using HwqNvidiaMapContractionsPassBase::HwqNvidiaMapContractionsPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<NvidiaArch> target = getModuleArch(module, arch);
    if (failed(target))
      return signalPassFailure();
    useMma = target->useMma();
    SmallVector<Operation *> ops;
    module.walk([&](Operation *op) {
      if (isa<FullyConnectedOp, MatMulOp, Conv2DOp, DepthwiseConv2DOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops)
      rewrite(op);
    // Requantizes that no contraction absorbed: their own kernel.
    SmallVector<RequantizeOp> requantizes;
    module.walk([&](RequantizeOp op) { requantizes.push_back(op); });
    for (RequantizeOp op : requantizes)
      rewriteRequantize(op);
  }

private:
  bool useMma = true;
  unsigned globalCounter = 0;

  /// Per-channel constants: a scalar when all agree, else a private global
  /// read at `channel`.
  Value lookup(OpBuilder &b, Location loc, ArrayRef<int64_t> values,
               Value channel, Type type) {
    if (llvm::all_equal(values))
      return cInt(b, loc, type, values.front());
    ModuleOp module = getOperation();
    auto memrefType =
        MemRefType::get({static_cast<int64_t>(values.size())}, type);
    std::string name;
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(module.getBody());
      SymbolTable symbols(module);
      do {
        name = "__hwq_nvidia_table" + std::to_string(globalCounter++);
      } while (symbols.lookup(name));
      auto data = DenseElementsAttr::get(
          RankedTensorType::get(memrefType.getShape(), type),
          llvm::to_vector(llvm::map_range(values, [&](int64_t v) {
            return APInt(type.getIntOrFloatBitWidth(), v, /*isSigned=*/true);
          })));
      memref::GlobalOp::create(b, loc, name, b.getStringAttr("private"),
                               memrefType, data, /*constant=*/true,
                               /*alignment=*/nullptr);
    }
    Value global = memref::GetGlobalOp::create(b, loc, memrefType, name);
    return memref::LoadOp::create(b, loc, global, ValueRange{channel});
  }

  /// The fused requantize of `op`, if any, and the epilogue it gives.
  /// Returns the op whose result the kernel replaces.
  Operation *getEpilogue(Operation *op, unsigned channelAxis,
                         Epilogue &epi) {
    Value acc = op->getResult(0);
    auto accType = cast<RankedTensorType>(acc.getType());
    FailureOr<QuantParams> accParams =
        getQuantParams(accType.getElementType());
    epi.accumulatorWidth = succeeded(accParams) ? accParams->storageWidth : 32;
    epi.outputType = getStorageContainerType(
        cast<quant::QuantizedType>(accType.getElementType()));
    if (!acc.hasOneUse())
      return op;
    auto requant = dyn_cast<RequantizeOp>(*acc.getUsers().begin());
    if (!requant)
      return op;
    auto outType = cast<RankedTensorType>(requant.getOutput().getType());
    FailureOr<QuantParams> out = getQuantParams(outType.getElementType());
    if (failed(out) || failed(accParams) ||
        !llvm::all_equal(accParams->zeroPoints))
      return op;
    if (requant.getAxis() && *requant.getAxis() != channelAxis)
      return op;
    IntegerType container = getStorageContainerType(
        cast<quant::QuantizedType>(outType.getElementType()));
    epi.requantize = true;
    epi.outputType = container;
    epi.inputZeroPoint = accParams->zeroPoints.front();
    for (int32_t m : requant.getMultiplier())
      epi.multiplier.push_back(m);
    for (int32_t n : requant.getShift())
      epi.shift.push_back(n);
    epi.outputZeroPoint.assign(out->zeroPoints.begin(), out->zeroPoints.end());
    epi.clipMin = requant.getClipMin();
    epi.clipMax = requant.getClipMax();
    return requant;
  }

  ChannelTable table() {
    return [this](OpBuilder &b, Location loc, ArrayRef<int64_t> values,
                  Value channel, Type type) {
      return lookup(b, loc, values, channel, type);
    };
  }

  void rewrite(Operation *op) {
    OpBuilder b(op);
    Location loc = op->getLoc();
    Value input = op->getOperand(0), weight = op->getOperand(1);
    std::optional<Operand8> x = getOperand8(input.getType());
    std::optional<Operand8> w = getOperand8(weight.getType());
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    if (!x || !w || !resultType.hasStaticShape() || x->zeroPoints.size() != 1)
      return; // left to the host lowering
    Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
    unsigned channelAxis = resultType.getRank() - 1;
    Epilogue epi;
    Operation *replaced = getEpilogue(op, channelAxis, epi);
    auto finalType = cast<RankedTensorType>(replaced->getResult(0).getType());
    Value biasBuffer = bias ? toBuffer(b, loc, bias) : Value();
    Value xs = toStorage(b, loc, input), ws = toStorage(b, loc, weight);
    auto load8 = [](Value buffer, bool flip) {
      return [buffer, flip](OpBuilder &b, Location l,
                            ArrayRef<Value> indices) -> Value {
        Value v = memref::LoadOp::create(b, l, buffer, indices);
        if (flip)
          v = arith::XOrIOp::create(b, l, v, cInt(b, l, b.getI8Type(), -128));
        return v;
      };
    };

    if (auto dw = dyn_cast<DepthwiseConv2DOp>(op)) {
      auto inType = cast<RankedTensorType>(input.getType());
      auto wType = cast<RankedTensorType>(weight.getType());
      DepthwiseSpec spec;
      spec.N = inType.getDimSize(0);
      spec.H = inType.getDimSize(1);
      spec.W = inType.getDimSize(2);
      spec.C = inType.getDimSize(3);
      spec.KH = wType.getDimSize(0);
      spec.KW = wType.getDimSize(1);
      spec.mult = wType.getDimSize(3);
      spec.OH = resultType.getDimSize(1);
      spec.OW = resultType.getDimSize(2);
      spec.padTop = dw.getPad()[0];
      spec.padLeft = dw.getPad()[2];
      spec.strideH = dw.getStride()[0];
      spec.strideW = dw.getStride()[1];
      spec.dilationH = dw.getDilation()[0];
      spec.dilationW = dw.getDilation()[1];
      spec.input = toBuffer(b, loc, xs);
      spec.weight = toBuffer(b, loc, ws);
      spec.flipInput = x->flip;
      spec.flipWeight = w->flip;
      spec.zeroA = x->zeroPoints.front();
      spec.zeroB = w->zeroPoints;
      spec.bias = biasBuffer;
      spec.epilogue = epi;
      spec.output = memref::AllocOp::create(
          b, loc,
          MemRefType::get({1, spec.N * spec.OH * spec.OW, spec.C * spec.mult},
                          epi.outputType));
      emitDepthwiseKernel(b, loc, emulate, spec, table());
      replaced->getResult(0).replaceAllUsesWith(
          fromBuffer(b, loc, spec.output, finalType));
      eraseOps(op, replaced);
      return;
    }

    GemmSpec spec;
    spec.useMma = useMma;
    spec.zeroA = x->zeroPoints.front();
    spec.zeroB = w->zeroPoints;
    spec.bias = biasBuffer;
    spec.epilogue = epi;
    if (isa<FullyConnectedOp>(op)) {
      Value xBuffer = toBuffer(b, loc, collapseTo2D(b, loc, xs));
      Value wBuffer = toBuffer(b, loc, ws);
      auto xType = cast<MemRefType>(xBuffer.getType());
      spec.M = xType.getDimSize(0);
      spec.K = xType.getDimSize(1);
      spec.N = cast<MemRefType>(wBuffer.getType()).getDimSize(0);
      auto la = load8(xBuffer, x->flip), lb = load8(wBuffer, w->flip);
      spec.loadA = [la](OpBuilder &b, Location l, Value, Value m, Value k) {
        return la(b, l, {m, k});
      };
      spec.loadB = [lb](OpBuilder &b, Location l, Value, Value n, Value k) {
        return lb(b, l, {n, k});
      };
    } else if (isa<MatMulOp>(op)) {
      Value aBuffer = toBuffer(b, loc, xs), bBuffer = toBuffer(b, loc, ws);
      auto aType = cast<MemRefType>(aBuffer.getType());
      spec.batch = aType.getDimSize(0);
      spec.M = aType.getDimSize(1);
      spec.K = aType.getDimSize(2);
      spec.N = cast<MemRefType>(bBuffer.getType()).getDimSize(2);
      auto la = load8(aBuffer, x->flip), lb = load8(bBuffer, w->flip);
      spec.loadA = [la](OpBuilder &b, Location l, Value bi, Value m, Value k) {
        return la(b, l, {bi, m, k});
      };
      spec.loadB = [lb](OpBuilder &b, Location l, Value bi, Value n, Value k) {
        return lb(b, l, {bi, k, n});
      };
    } else {
      // conv2d as an implicit GEMM: m = (n, oh, ow), k = (kh, kw, c).
      auto conv = cast<Conv2DOp>(op);
      Value xBuffer = toBuffer(b, loc, xs);
      Value wBuffer = toBuffer(b, loc, collapseTrailing(b, loc, ws));
      auto inType = cast<RankedTensorType>(input.getType());
      auto wType = cast<RankedTensorType>(weight.getType());
      int64_t H = inType.getDimSize(1), W = inType.getDimSize(2),
              C = inType.getDimSize(3);
      int64_t KW = wType.getDimSize(2);
      int64_t OH = resultType.getDimSize(1), OW = resultType.getDimSize(2);
      spec.M = inType.getDimSize(0) * OH * OW;
      spec.N = wType.getDimSize(0);
      spec.K = wType.getDimSize(1) * KW * C;
      int64_t top = conv.getPad()[0], left = conv.getPad()[2];
      int64_t sh = conv.getStride()[0], sw = conv.getStride()[1];
      int64_t dh = conv.getDilation()[0], dwl = conv.getDilation()[1];
      bool flip = x->flip;
      int64_t pad = x->zeroPoints.front();
      spec.loadA = [=](OpBuilder &b, Location l, Value, Value m,
                       Value k) -> Value {
        auto c = [&](int64_t v) { return cIdx(b, l, v); };
        auto div = [&](Value v, int64_t d) -> Value {
          return arith::DivUIOp::create(b, l, v, c(d));
        };
        auto rem = [&](Value v, int64_t d) -> Value {
          return arith::RemUIOp::create(b, l, v, c(d));
        };
        auto mul = [&](Value v, int64_t d) -> Value {
          return arith::MulIOp::create(b, l, v, c(d));
        };
        auto add = [&](Value x, Value y) -> Value {
          return arith::AddIOp::create(b, l, x, y);
        };
        Value n = div(m, OH * OW);
        Value oh = div(rem(m, OH * OW), OW), ow = rem(m, OW);
        Value kh = div(k, KW * C), kw = rem(div(k, C), KW), ch = rem(k, C);
        Value ih = arith::SubIOp::create(
            b, l, add(mul(oh, sh), mul(kh, dh)), c(top));
        Value iw = arith::SubIOp::create(
            b, l, add(mul(ow, sw), mul(kw, dwl)), c(left));
        auto ult = [&](Value v, int64_t bound) -> Value {
          return arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, v,
                                       c(bound));
        };
        Value valid = arith::AndIOp::create(b, l, ult(ih, H), ult(iw, W));
        Value ihc = arith::MinUIOp::create(b, l, ih, c(H - 1));
        Value iwc = arith::MinUIOp::create(b, l, iw, c(W - 1));
        Value v =
            memref::LoadOp::create(b, l, xBuffer, ValueRange{n, ihc, iwc, ch});
        if (flip)
          v = arith::XOrIOp::create(b, l, v, cInt(b, l, b.getI8Type(), -128));
        return arith::SelectOp::create(b, l, valid, v,
                                       cInt(b, l, b.getI8Type(), pad));
      };
      auto lb = load8(wBuffer, w->flip);
      spec.loadB = [lb](OpBuilder &b, Location l, Value, Value n, Value k) {
        return lb(b, l, {n, k});
      };
    }
    spec.output = memref::AllocOp::create(
        b, loc, MemRefType::get({spec.batch, spec.M, spec.N}, epi.outputType));
    emitGemmKernel(b, loc, emulate, spec, table());
    replaced->getResult(0).replaceAllUsesWith(
        fromBuffer(b, loc, spec.output, finalType));
    eraseOps(op, replaced);
  }

  void rewriteRequantize(RequantizeOp op) {
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    auto outType = cast<RankedTensorType>(op.getOutput().getType());
    FailureOr<QuantParams> in = getQuantParams(inType.getElementType());
    FailureOr<QuantParams> out = getQuantParams(outType.getElementType());
    if (!inType.hasStaticShape() || inType.getRank() == 0 || failed(in) ||
        failed(out) ||
        in->storageWidth > 32 || !llvm::all_equal(in->zeroPoints) ||
        (op.getAxis() && *op.getAxis() != inType.getRank() - 1))
      return; // left to the host lowering
    IntegerType inContainer = getStorageContainerType(
        cast<quant::QuantizedType>(inType.getElementType()));
    if (inContainer.getWidth() > 32)
      return;
    OpBuilder b(op);
    Location loc = op.getLoc();
    RequantizeSpec spec;
    spec.total = inType.getNumElements();
    spec.channels = op.getAxis() ? inType.getDimSize(inType.getRank() - 1) : 1;
    spec.unsignedInput = !in->isSigned && in->storageWidth == inContainer.getWidth();
    Epilogue &epi = spec.epilogue;
    epi.requantize = true;
    epi.outputType = getStorageContainerType(
        cast<quant::QuantizedType>(outType.getElementType()));
    epi.inputZeroPoint = in->zeroPoints.front();
    for (int32_t m : op.getMultiplier())
      epi.multiplier.push_back(m);
    for (int32_t n : op.getShift())
      epi.shift.push_back(n);
    epi.outputZeroPoint.assign(out->zeroPoints.begin(), out->zeroPoints.end());
    epi.clipMin = op.getClipMin();
    epi.clipMax = op.getClipMax();
    Value storage = toStorage(b, loc, op.getInput());
    auto storageType = cast<RankedTensorType>(storage.getType());
    ReassociationIndices all;
    for (int64_t d = 0; d < storageType.getRank(); ++d)
      all.push_back(d);
    Value flat = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({spec.total}, inContainer), storage,
        ArrayRef<ReassociationIndices>{all});
    spec.input = toBuffer(b, loc, flat);
    spec.output = memref::AllocOp::create(
        b, loc, MemRefType::get({1, 1, spec.total}, epi.outputType));
    emitRequantizeKernel(b, loc, emulate, spec, table());
    op.getOutput().replaceAllUsesWith(fromBuffer(b, loc, spec.output, outType));
    op.erase();
  }

  static void eraseOps(Operation *op, Operation *replaced) {
    if (replaced != op)
      replaced->erase();
    op->erase();
  }
};

} // namespace
