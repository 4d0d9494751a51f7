//===- HwqAttrs.td - hwq target description attributes -----*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The target description lives in the IR as `#hwq.target<...>` so that every
// pass reads the hardware's constraints from the module and lit tests can write
// a target inline. `hwq-opt --hwq-target=FILE` builds it from a YAML file
// (docs/TargetDescription.md).
//
// Data types inside a target are builtin types: `si8`/`ui8`/`si4`/`si32` for
// signed and unsigned integers of a width, `f32`/`f16`/`bf16` for floats.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_IR_HWQATTRS_TD
#define HWQ_DIALECT_HWQ_IR_HWQATTRS_TD

include "hwq/Dialect/Hwq/IR/HwqDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

class Hwq_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Hwq_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Hwq_ScaleSharing : I32EnumAttr<"ScaleSharing",
    "how the inputs of an add or concat relate to its output scale", [
      I32EnumAttrCase<"Shared", 0, "shared">,
      I32EnumAttrCase<"Requantize", 1, "requantize">
    ]> {
  let cppNamespace = "::hwq";
  let genSpecializedAttr = 0;
}
def Hwq_ScaleSharingAttr : EnumAttr<Hwq_Dialect, Hwq_ScaleSharing,
                                    "scale_sharing">;

def Hwq_OverflowMode : I32EnumAttr<"OverflowMode",
    "what the accumulator does when a sum leaves its range", [
      I32EnumAttrCase<"Wrap", 0, "wrap">,
      I32EnumAttrCase<"Saturate", 1, "saturate">
    ]> {
  let cppNamespace = "::hwq";
  let genSpecializedAttr = 0;
}
def Hwq_OverflowModeAttr : EnumAttr<Hwq_Dialect, Hwq_OverflowMode,
                                    "overflow">;

def Hwq_RoundingMode : I32EnumAttr<"RoundingMode",
    "rounding of a real value to the integer grid", [
      I32EnumAttrCase<"HalfToEven", 0, "half_to_even">,
      I32EnumAttrCase<"HalfAwayFromZero", 1, "half_away_from_zero">,
      I32EnumAttrCase<"HalfUp", 2, "half_up">
    ]> {
  let cppNamespace = "::hwq";
  let genSpecializedAttr = 0;
}
def Hwq_RoundingModeAttr : EnumAttr<Hwq_Dialect, Hwq_RoundingMode,
                                    "rounding">;

//===----------------------------------------------------------------------===//
// DTypeConfigAttr
//===----------------------------------------------------------------------===//

def Hwq_DTypeConfigAttr : Hwq_Attr<"DTypeConfig", "dtype_config"> {
  let summary = "one allowed data type configuration of an operator";
  let description = [{
    One alternative of an operator on the target: the data types of its
    activation input(s), its weights (`none` for ops without weights), its
    accumulator and its output, plus the throughput the hardware reaches with
    this configuration (multiply-accumulates per cycle per core, used by the
    cost model). Integer types carry signedness (`si8`, `ui8`, `si4`, `si32`);
    the quantizer may use fewer bits than the container (a 6-bit edge in an
    `si8` container).

    Example:
    ```mlir
    #hwq.dtype_config<input = ui8, weight = si8, accumulator = si32,
                      output = si8, macs_per_cycle = 256>
    ```
  }];
  let parameters = (ins "::mlir::Type":$input, "::mlir::Type":$weight,
                        "::mlir::Type":$accumulator, "::mlir::Type":$output,
                        "int64_t":$macs_per_cycle);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// True when input, weight (if any) and output are integers.
    bool isInteger() const;
  }];
}

//===----------------------------------------------------------------------===//
// OpRuleAttr
//===----------------------------------------------------------------------===//

def Hwq_OpRuleAttr : Hwq_Attr<"OpRule", "op_rule"> {
  let summary = "the allowed data type configurations of one operator";
  let description = [{
    The ordered list of data type configurations an operator kind may use on
    the target (first listed = preferred, as in HAGO), and whether its weights
    may be quantized per output channel.

    Operator kinds: `conv2d`, `depthwise_conv2d`, `matmul` (also fully
    connected), `add`, `mul`, `avg_pool2d`, `max_pool2d`, `concat`, `clamp`,
    `reshape`, `transpose`, `pad`, `softmax`, `sigmoid`, `tanh`.

    Example:
    ```mlir
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = ui8, weight = si8, accumulator = si32,
                        output = si8, macs_per_cycle = 256>]>
    ```
  }];
  let parameters = (ins StringRefParameter<"operator kind">:$op,
                        "::mlir::BoolAttr":$per_channel,
                        "::mlir::ArrayAttr":$alternatives);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The alternatives, first = preferred.
    auto getConfigs() const {
      return getAlternatives().getAsRange<::hwq::DTypeConfigAttr>();
    }
  }];
}

//===----------------------------------------------------------------------===//
// SchemeAttr
//===----------------------------------------------------------------------===//

def Hwq_SchemeAttr : Hwq_Attr<"Scheme", "scheme"> {
  let summary = "quantization scheme constraints of a target";
  let description = [{
    Constraints that hold for every quantized edge on the target:

    1. `symmetric_weights` / `symmetric_activations`: zero point must be 0.
    2. `narrow_range_weights`: signed weights use [-(2^(b-1)-1), 2^(b-1)-1].
    3. `power_of_two_scales`: every scale is 2^k (shift-only requantize).
    4. `accumulator_bits` and `overflow`: the accumulator width and what
       happens when a sum leaves it (`wrap` or `saturate`).
    5. `add_scales` / `concat_scales`: `shared` requires all inputs and the
       output to have one scale; `requantize` lets each input be rescaled.
    6. `rounding`: the rounding of real values onto the integer grid
       (quantize, `hwq.sim_quantize` without `acc_scale`). The fixed-point
       requantize always rounds half up (docs/Numerics.md), as the integer
       hardware instructions do.
  }];
  let parameters = (ins "::mlir::BoolAttr":$symmetric_weights,
                        "::mlir::BoolAttr":$symmetric_activations,
                        "::mlir::BoolAttr":$narrow_range_weights,
                        "::mlir::BoolAttr":$power_of_two_scales,
                        "int64_t":$accumulator_bits,
                        "::hwq::OverflowModeAttr":$overflow,
                        "::hwq::ScaleSharingAttr":$add_scales,
                        "::hwq::ScaleSharingAttr":$concat_scales,
                        "::hwq::RoundingModeAttr":$rounding);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// CostModelAttr
//===----------------------------------------------------------------------===//

def Hwq_CostModelAttr : Hwq_Attr<"CostModel", "cost_model"> {
  let summary = "coarse performance model of a target";
  let description = [{
    Clock (MHz), memory bandwidth (MB/s) and core count. With the
    `macs_per_cycle` of each `#hwq.dtype_config` this gives a roofline-style
    latency estimate: max(MACs / (macs_per_cycle * clock), bytes / bandwidth).
  }];
  let parameters = (ins "int64_t":$clock_mhz, "int64_t":$memory_bandwidth_mbps,
                        "int64_t":$cores);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// TargetAttr
//===----------------------------------------------------------------------===//

def Hwq_TargetAttr : Hwq_Attr<"Target", "target"> {
  let summary = "hardware target description";
  let description = [{
    What integer arithmetic a piece of hardware supports: identity (name, LLVM
    triple, CPU or chip, target features), per-operator dtype alternatives,
    scheme constraints and a cost model. Attached to the module as
    `hwq.target`; built from a YAML file by `hwq-opt --hwq-target=FILE`.

    Example:
    ```mlir
    module attributes {hwq.target = #hwq.target<
        name = "tiny", triple = "x86_64-unknown-linux-gnu",
        cpu = "sapphirerapids", features = "+avx512vnni",
        scheme = #hwq.scheme<...>, cost = #hwq.cost_model<...>,
        ops = [#hwq.op_rule<...>]>} {}
    ```
  }];
  let parameters = (ins StringRefParameter<"target name">:$name,
                        StringRefParameter<"LLVM triple">:$triple,
                        StringRefParameter<"CPU or chip">:$cpu,
                        StringRefParameter<"comma separated features">:$features,
                        "::hwq::SchemeAttr":$scheme,
                        "::hwq::CostModelAttr":$cost,
                        "::mlir::ArrayAttr":$ops);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The per-operator rules.
    auto getOpRules() const {
      return getOps().getAsRange<::hwq::OpRuleAttr>();
    }
    /// The rule for an operator kind, or null when the target has none.
    ::hwq::OpRuleAttr lookupOp(::llvm::StringRef kind) const;
    /// The `hwq.target` attribute of the module enclosing `op`, or null.
    static TargetAttr lookup(::mlir::Operation *op);
  }];
}

#endif // HWQ_DIALECT_HWQ_IR_HWQATTRS_TD
