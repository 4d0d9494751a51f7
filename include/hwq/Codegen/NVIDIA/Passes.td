//===- Passes.td - NVIDIA code generation passes -----------*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CODEGEN_NVIDIA_PASSES_TD
#define HWQ_CODEGEN_NVIDIA_PASSES_TD

include "mlir/Pass/PassBase.td"

def HwqNvidiaMapContractionsPass
    : Pass<"hwq-nvidia-map-contractions", "::mlir::ModuleOp"> {
  let summary = "Map realized contractions onto tiled int8 GPU kernels "
                "(dp4a on sm_75, mma.sync m16n8k32 s8 on sm_80+)";
  let description = [{
    Rewrites `hwq.fully_connected`, `hwq.conv2d` (implicit GEMM),
    `hwq.matmul` and `hwq.depthwise_conv2d`, together with a single-use
    `hwq.requantize` that follows them (the fused epilogue), into one
    `gpu.launch` each: operands are staged block by block in shared memory,
    the inner step is `nvvm.dot.accumulate.4way` (dp4a, sm_75) or
    `nvgpu.mma.sync` with mmaShape [16, 8, 32] on s8 (sm_80 and later), the
    epilogue adds the bias and the zero-point corrections and requantizes.

    With `emulate=true` the same schedule (the same block, warp and lane
    index arithmetic, the same shared-memory tiles, the same fragment loads)
    is emitted as host loops: every phase between two barriers becomes a
    loop over the threads of the block, registers become per-thread
    buffers, and dp4a / mma.sync are emulated by their PTX-specified
    semantics (mma.sync: fragments scattered by the PTX ISA layout of
    m16n8k32, saturating s32 accumulation). The result runs through the
    host lowering (`hwq-run --engine=jit`) and must agree bit for bit with
    the reference evaluator (docs/NVIDIA.md).

    The architecture comes from the `arch` option, or from the module's
    `#hwq.target` (cpu `sm_XX`) when the option is empty. Unsupported
    architectures and PTX versions are diagnosed here, before LLVM sees them.
  }];
  let options = [
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "sm_75, sm_80 or sm_90 (default: the module's #hwq.target cpu)">,
    Option<"emulate", "emulate", "bool", /*default=*/"false",
           "Emit the schedule as host loops with emulated dp4a / mma.sync">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
    "::mlir::gpu::GPUDialect", "::mlir::memref::MemRefDialect",
    "::mlir::NVVM::NVVMDialect", "::mlir::nvgpu::NVGPUDialect",
    "::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect", "::mlir::quant::QuantDialect"
  ];
}

#endif // HWQ_CODEGEN_NVIDIA_PASSES_TD
