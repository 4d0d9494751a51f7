//===- HwqDialect.td - hwq dialect definition --------------*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_IR_HWQDIALECT_TD
#define HWQ_DIALECT_HWQ_IR_HWQDIALECT_TD

include "mlir/IR/OpBase.td"

def Hwq_Dialect : Dialect {
  let name = "hwq";
  let cppNamespace = "::hwq";
  let summary = "Hardware-aware quantization: simulation and realized integer ops";
  let description = [{
    The `hwq` dialect carries a float network through hardware-aware
    post-training quantization. It holds:

    * the **target description** (`#hwq.target<...>`), attached to the module
      as the `hwq.target` attribute, from which every pass reads what integer
      arithmetic the hardware supports;
    * **simulation** ops (`hwq.sim_quantize`): float in, float out, computing
      exactly the values the realized integer graph will represent;
    * **realized** integer ops on upstream `!quant.uniform` types (conv2d,
      depthwise_conv2d, matmul, add, mul, pooling, concat, requantize,
      quantize, dequantize) whose integer semantics are written down in each
      op's description and enforced by its verifier.

    Quantized values use upstream `!quant.uniform` types; this dialect adds no
    parallel type system.
  }];
  let dependentDialects = [
    "::mlir::quant::QuantDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect"
  ];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Name of the module attribute that holds the `#hwq.target`.
    static constexpr ::llvm::StringLiteral getTargetAttrName() {
      return ::llvm::StringLiteral("hwq.target");
    }
  private:
    void registerAttributes();
  public:
  }];
}

class Hwq_Op<string mnemonic, list<Trait> traits = []>
    : Op<Hwq_Dialect, mnemonic, traits>;

#endif // HWQ_DIALECT_HWQ_IR_HWQDIALECT_TD
