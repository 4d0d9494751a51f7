//===- Passes.td - hwq passes ------------------------------*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_TD
#define HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def HwqAttachTargetPass : Pass<"hwq-attach-target", "::mlir::ModuleOp"> {
  let summary = "Attach a target description file to the module as #hwq.target";
  let description = [{
    Parses the YAML target description `file` (docs/TargetDescription.md) and
    sets the module's `hwq.target` attribute to the resulting `#hwq.target`.
    `hwq-opt --hwq-target=FILE` runs this pass before any other. Errors in the
    file are reported as `file:line:col: error: ...` and fail the pass.
  }];
  let options = [
    Option<"file", "file", "std::string", /*default=*/"",
           "path of the target description (YAML or JSON)">
  ];
}

#endif // HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_TD
