//===- Passes.td - target-independent code generation passes -*- tablegen -*-//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CODEGEN_COMMON_PASSES_TD
#define HWQ_CODEGEN_COMMON_PASSES_TD

include "mlir/Pass/PassBase.td"

def HwqPackContractionsPass
    : Pass<"hwq-pack-contractions", "::mlir::ModuleOp"> {
  let summary = "Fold zero points and pack constant weights of realized "
                "contractions for dot-product instructions";
  let description = [{
    Rewrites `hwq.conv2d` and `hwq.fully_connected` with constant symmetric
    8-bit weights and i32 accumulators into a packed contraction
    (include/hwq/Codegen/Common/PackedContraction.h): weights packed at
    compile time into `[OC/n-block, KH, KW, C/k-group, n-block, k-group]`,
    activation zero point and the s8/u8 shift folded into the bias, padding
    with the shifted zero point. Other ops are left alone. With
    `target-prefix` set, the pass only acts on modules whose `#hwq.target`
    name starts with it.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect", "::mlir::quant::QuantDialect",
    "::mlir::tosa::TosaDialect"
  ];
  let options = [
    Option<"kGroup", "k-group", "int64_t", "4",
           "Reduction elements per group">,
    Option<"nBlock", "n-block", "int64_t", "64",
           "Output channels per block">,
    Option<"nAlign", "n-align", "int64_t", "16",
           "Alignment of the block for layers with fewer channels">,
    Option<"lhs", "lhs", "std::string", "\"unsigned\"",
           "Activation signedness: unsigned, signed or keep">,
    Option<"packFloat", "float", "bool", "false",
           "Also pack f32 tosa.conv2d / tosa.matmul with constant weights "
           "(k-group 1) for FMA kernels">,
    Option<"floatNBlock", "float-n-block", "int64_t", "16",
           "Output channels per block of the float packing">,
    Option<"depthwise", "depthwise", "bool", "true",
           "Give depthwise convolutions (multiplier 1) the channel-innermost "
           "schedule (f32 ones only with `float`)">,
    Option<"targetPrefix", "target-prefix", "std::string", "\"\"",
           "Only act on modules whose #hwq.target name starts with this">,
  ];
}

def HwqFuseElementwisePass
    : Pass<"hwq-fuse-elementwise", "::mlir::func::FuncOp"> {
  let summary = "linalg elementwise fusion that leaves packed contractions "
                "alone";
  let description = [{
    Upstream `linalg-fuse-elementwise-ops` with a control function that
    never fuses a producer into a `hwq.packed_contraction` generic.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // HWQ_CODEGEN_COMMON_PASSES_TD
