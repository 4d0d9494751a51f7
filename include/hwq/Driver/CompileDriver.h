//===- CompileDriver.h - the one-command compile pipeline -------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// What `hwq-compile MODEL --target T -o OUTDIR` does, as a library: one
// member function per stage, run in this order by CompileDriver::run():
//
//   importModel      .onnx / .tflite / float .mlir -> float TOSA module
//   attachTarget     #hwq.target from a shipped target name or a file
//   prepare          hwq-prepare
//   annotate         hwq-annotate
//   checkData        the calibration and evaluation data fit the model input
//   applyStrategy    (hook) hwq-apply-strategy{file=...} when a strategy file
//                    is given and the pass is registered (issue 5's search)
//   calibrate        hwq-calibrate (engine=jit)
//   realize          hwq-exact-sim, hwq-realize
//   emitArtifacts    object, shared library and C header of the quantized and
//                    the float model, realized.mlir, float.mlir
//   evaluate         float vs quantized top-1 (or agreement) on the JIT
//   measureLatency   median of N timed runs of both shared libraries, when
//                    the target's triple matches the host
//   writeReport      OUTDIR/report.json
//
// Errors are diagnostics on the context (located where the problem is:
// model file, node, dataset sample); every stage returns failure after
// reporting. docs/hwq-compile.md documents the options and the outputs.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DRIVER_COMPILEDRIVER_H
#define HWQ_DRIVER_COMPILEDRIVER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class DialectRegistry;
class Pass;
} // namespace mlir

namespace hwq::driver {

/// The model file formats hwq-compile reads.
enum class ModelFormat { Onnx, TFLite, Mlir };

/// The format of `path`, from its extension (`.onnx`, `.tflite`, `.mlir`);
/// an error naming the file otherwise.
llvm::Expected<ModelFormat> getModelFormat(llvm::StringRef path);

/// The name of a format (`onnx`, `tflite`, `mlir`).
llvm::StringRef getModelFormatName(ModelFormat format);

/// Imports the model file at `path` by its extension into a module with one
/// float function: ONNX through importOnnxFile (with `inputShapes`, as
/// hwq-translate's --input-shape), TFLite through hwq::importModelFile
/// (include/hwq/Import/ModelImport.h), MLIR by parsing.
/// Errors are diagnostics on `context`; returns null after them.
mlir::OwningOpRef<mlir::ModuleOp>
importModelFile(llvm::StringRef path, mlir::MLIRContext *context,
                llvm::StringRef inputShapes = "");

/// Resolves `--target`: an existing file is used as is; otherwise `name`
/// (without `.yaml`/`.json`) is looked up as NAME.yaml then NAME.json in the
/// shipped target folders: `share/hwq/targets` beside the executable's
/// parent folder (an installed tree), then the source tree's `targets/` this
/// build was configured from. `executable` is argv[0] or any path of the
/// running tool (llvm::sys::fs::getMainExecutable). The error lists the
/// folders searched.
llvm::Expected<std::string> resolveTargetFile(llvm::StringRef nameOrFile,
                                              llvm::StringRef executable);

/// Every option of the one-command compile.
struct CompileOptions {
  /// The model file (.onnx, .tflite or float .mlir).
  std::string modelPath;
  /// A shipped target name (x86-avx512-vnni) or a target file.
  std::string target;
  /// The running executable, for finding shipped targets.
  std::string executable;
  /// Output folder (created if needed).
  std::string outputDir;
  /// Static input shapes for the ONNX importer (`1x1x49x10`); empty keeps
  /// the model's.
  std::string inputShapes;
  /// Function to compile in an .mlir model (default: @main or the only one).
  std::string functionName;
  /// Model name: the entry points are hwq_<name>_run and
  /// hwq_<name>_float_run (default: the function's name).
  std::string modelName;

  /// Calibration dataset spec (docs/Calibration.md) and sample range.
  std::string calibData;
  std::string calibRange;
  /// Threshold methods and their parameters (hwq-calibrate's options).
  std::string method = "max";
  std::string weightMethod = "max";
  double percentile = 99.99;
  unsigned bins = 2048;

  /// Evaluation dataset spec, sample range, and a label file appended to
  /// the spec as `labels=` (absolute path).
  std::string evalData;
  std::string evalRange;
  std::string labelsFile;

  /// Hook for the strategy search (issue 5): a strategy file applied after
  /// annotate and before calibrate by the pass `hwq-apply-strategy` with the
  /// option `file=`; an error when the pass is not registered.
  std::string strategyFile;

  /// Code generator of the quantized model's int8 contractions and the x86
  /// dot-product instruction (HostLoweringOptions::codegen / x86Isa).
  std::string codegen = "auto";
  std::string x86Isa = "auto";

  /// Timed runs per model for the latency figures (0: no timing).
  unsigned latencyRuns = 50;
  /// Progress lines on stderr during calibration and evaluation.
  bool progress = false;
};

/// Top-1 figures of one model on the evaluation data.
struct AccuracyFigures {
  size_t correct = 0;
};

/// Everything report.json holds (docs/hwq-compile.md, "report.json").
struct CompileReport {
  std::string modelFormat;
  std::string functionName;
  std::string modelName;
  std::string targetName;
  std::string targetFile;
  std::string targetTriple;
  std::string hostTriple;
  /// True when the target's triple names the host's architecture and OS:
  /// the compiled libraries can run here.
  bool runnableHere = false;

  /// Calibration: spec, range, number of samples.
  std::string calibDescription;
  std::string calibRange;
  size_t calibSamples = 0;

  /// Evaluation (when --eval is given).
  bool evaluated = false;
  std::string evalDescription;
  std::string evalRange;
  size_t evalSamples = 0;
  bool labelled = false;
  /// How the models ran: `shared-library` (the written libraries) or `jit`.
  std::string evalEngine;
  AccuracyFigures floatAccuracy;
  AccuracyFigures quantAccuracy;
  size_t agreement = 0;

  /// Latency: median seconds per inference (when measured).
  bool timed = false;
  std::string timingMethod;
  unsigned timedRuns = 0;
  double floatSeconds = 0;
  double quantSeconds = 0;

  /// Counts of quantized ops in the realized graph.
  unsigned quantizedOps = 0;
  unsigned floatOpsLeft = 0;

  /// The files written, relative to the output folder: (role, name).
  std::vector<std::pair<std::string, std::string>> files;
  /// Wall-clock seconds per stage, in stage order.
  std::vector<std::pair<std::string, double>> stageSeconds;
  /// Whether a strategy file was applied.
  std::string strategyFile;
};

/// Runs the stages of the one-command path on one context. Not reusable:
/// construct one driver per compile.
class CompileDriver {
public:
  CompileDriver(mlir::MLIRContext &context, CompileOptions options);
  ~CompileDriver();

  /// Registers every dialect and pass the driver uses.
  static void registerDialects(mlir::DialectRegistry &registry);

  /// Runs every stage in order; stops at the first failure.
  mlir::LogicalResult run();

  /// The stages, in run() order. Each returns failure after reporting.
  mlir::LogicalResult importModel();
  mlir::LogicalResult attachTarget();
  mlir::LogicalResult prepare();
  mlir::LogicalResult annotate();
  mlir::LogicalResult checkData();
  mlir::LogicalResult applyStrategy();
  mlir::LogicalResult calibrate();
  mlir::LogicalResult realize();
  mlir::LogicalResult emitArtifacts();
  mlir::LogicalResult evaluate();
  mlir::LogicalResult measureLatency();
  mlir::LogicalResult writeReport();

  /// The figures gathered so far.
  const CompileReport &getReport() const { return report; }
  /// The float model (after import) and the working module (annotated,
  /// calibrated, realized as the stages run).
  mlir::ModuleOp getFloatModule() const { return floatModule.get(); }
  mlir::ModuleOp getModule() const { return module.get(); }

  /// Prints the summary table (accuracy and latency) to `os`.
  void printSummary(llvm::raw_ostream &os) const;

private:
  struct Impl;
  mlir::LogicalResult runPass(std::unique_ptr<mlir::Pass> pass,
                              llvm::StringRef stage);
  mlir::LogicalResult emitModel(mlir::ModuleOp source, llvm::StringRef name,
                                llvm::StringRef role);
  mlir::LogicalResult fail(const llvm::Twine &message);

  mlir::MLIRContext &context;
  CompileOptions options;
  CompileReport report;
  mlir::OwningOpRef<mlir::ModuleOp> floatModule;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<Impl> impl;
};

} // namespace hwq::driver

#endif // HWQ_DRIVER_COMPILEDRIVER_H
