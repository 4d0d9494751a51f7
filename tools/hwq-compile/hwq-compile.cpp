//===- hwq-compile.cpp - ahead-of-time compilation of a model ---*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Compiles one function of an MLIR module (float TOSA, hwq.sim_quantize,
// realized hwq ops) for the host CPU, ahead of time: an object file, a
// shared library, the C header that declares it, or the intermediate LLVM
// IR / LLVM dialect. The compiled function has the host ABI of
// docs/HostExecution.md:
//
//   void hwq_<name>_run(const T0 *input0, ..., U0 *output0, ...);
//
//===----------------------------------------------------------------------===//

#include "hwq/Tools/ToolSupport.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Codegen/ARM/Pipeline.h"
#include "hwq/ExecutionEngine/HostCompiler.h"
#include "hwq/Target/TargetDescription.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;
using namespace hwq;

namespace cl = llvm::cl;

static cl::OptionCategory compileCategory("hwq-compile options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.mlir>"),
                                      cl::init("-"), cl::cat(compileCategory));

static cl::opt<std::string> outputFile("o", cl::desc("Output file"),
                                       cl::value_desc("file"), cl::init("-"),
                                       cl::cat(compileCategory));

static cl::opt<std::string> functionName(
    "function",
    cl::desc("Function to compile (default: @main, or the module's only "
             "function with a body)"),
    cl::value_desc("name"), cl::cat(compileCategory));

static cl::opt<std::string> modelName(
    "name",
    cl::desc("Model name: the entry point is hwq_<name>_run (default: the "
             "function's name)"),
    cl::value_desc("name"), cl::cat(compileCategory));

namespace {
enum class EmitKind { Object, Shared, Header, LLVMIR, MLIR, Assembly };
} // namespace

static cl::opt<EmitKind> emitKind(
    "emit", cl::desc("What to write"), cl::init(EmitKind::Object),
    cl::values(
        clEnumValN(EmitKind::Object, "obj", "a relocatable object file"),
        clEnumValN(EmitKind::Shared, "shared",
                   "a shared library (links the object with the system C "
                   "compiler: $CC, cc, clang or gcc)"),
        clEnumValN(EmitKind::Header, "header",
                   "the C header declaring the entry point"),
        clEnumValN(EmitKind::LLVMIR, "llvm", "optimized LLVM IR"),
        clEnumValN(EmitKind::MLIR, "mlir", "the lowered LLVM-dialect module"),
        clEnumValN(EmitKind::Assembly, "asm", "target assembly")),
    cl::cat(compileCategory));

static cl::opt<FloatPrecision> floatPrecision(
    "float-precision", cl::desc("Precision of float computations"),
    cl::init(FloatPrecision::Auto),
    cl::values(clEnumValN(FloatPrecision::Auto, "auto",
                          "f64 in functions with hwq.sim_quantize, else the "
                          "IR's types"),
               clEnumValN(FloatPrecision::Native, "native", "the IR's types"),
               clEnumValN(FloatPrecision::F64, "f64", "f64 everywhere")),
    cl::cat(compileCategory));

static cl::opt<std::string> codegenChoice(
    "codegen",
    cl::desc("Code generator of int8 contractions: auto (x86 micro-kernels "
             "for x86 targets, hwq-lower-arm for AArch64 --target/"
             "--target-triple), x86, arm (with the --target features), "
             "plain"),
    cl::init("auto"), cl::cat(compileCategory));
static cl::opt<std::string> x86IsaChoice(
    "x86-isa",
    cl::desc("x86 micro-kernel instruction: auto (the host's), avx512-vnni, "
             "avx2, generic"),
    cl::init("auto"), cl::cat(compileCategory));

static cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"),
                                  cl::init(3), cl::Prefix,
                                  cl::cat(compileCategory));

static cl::opt<std::string> targetFile(
    "target",
    cl::desc("Compile for the target of this description file (YAML): its "
             "triple, CPU and features, and its code generator "
             "(hwq-lower-arm for AArch64 targets). Default: the host"),
    cl::value_desc("file"), cl::cat(compileCategory));

static cl::opt<bool> moduleTarget(
    "module-target",
    cl::desc("Compile for the module's #hwq.target attribute (as --target)"),
    cl::init(false), cl::cat(compileCategory));

static cl::opt<std::string>
    targetTriple("target-triple",
                 cl::desc("LLVM target triple (overrides the target's)"),
                 cl::value_desc("triple"), cl::cat(compileCategory));

static cl::opt<std::string>
    targetCpu("target-cpu", cl::desc("CPU name (overrides the target's)"),
              cl::value_desc("name"), cl::cat(compileCategory));

static cl::opt<std::string> targetFeatures(
    "target-features",
    cl::desc("Comma-separated target features, e.g. +neon,+dotprod "
             "(overrides the target's)"),
    cl::value_desc("list"), cl::cat(compileCategory));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "hwq-compile: error: " << message << "\n";
  return 1;
}

/// Picks the function to work on; reports and returns null when none fits.
static func::FuncOp findFunction(ModuleOp module) {
  llvm::Expected<func::FuncOp> func =
      hwq::tools::selectEntryFunction(module, functionName);
  if (!func) {
    fail(llvm::toString(func.takeError()));
    return {};
  }
  return *func;
}

/// `name` as a C identifier: letters, digits and underscores, lower case.
static std::string toIdentifier(llvm::StringRef name) {
  std::string id;
  for (char c : name)
    id += llvm::isAlnum(c) ? static_cast<char>(llvm::toLower(c)) : '_';
  if (id.empty() || llvm::isDigit(id.front()))
    id = "m" + id;
  return id;
}

/// The C element type of a runtime kind (f16 as its raw bits).
static llvm::StringRef getCType(runtime::ElementKind kind) {
  switch (kind) {
  case runtime::ElementKind::F16:
    return "uint16_t";
  case runtime::ElementKind::F32:
    return "float";
  case runtime::ElementKind::F64:
    return "double";
  case runtime::ElementKind::I8:
    return "int8_t";
  case runtime::ElementKind::U8:
    return "uint8_t";
  case runtime::ElementKind::I16:
    return "int16_t";
  case runtime::ElementKind::I32:
    return "int32_t";
  case runtime::ElementKind::I64:
    return "int64_t";
  }
  return "void";
}

/// The C header of the compiled model.
static std::string makeHeader(llvm::StringRef name, llvm::StringRef symbol,
                              func::FuncOp func,
                              const HostFunctionSignature &signature) {
  std::string upper = llvm::StringRef(name).upper();
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/* hwq_" << name << ".h - generated by hwq-compile from @"
     << func.getSymName() << ": do not edit.\n"
     << " *\n"
     << " * " << symbol
     << " runs the compiled model on dense row-major buffers: one\n"
     << " * pointer per input, then one per output. Outputs are written, "
        "never read.\n"
     << " * The function is reentrant (temporaries come from malloc).\n"
     << " */\n\n"
     << "#ifndef HWQ_" << upper << "_H\n#define HWQ_" << upper << "_H\n\n"
     << "#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  auto describe = [&](llvm::StringRef what, unsigned i,
                      const HostTensorSignature &tensor) {
    os << "/* " << what << " " << i << ": "
       << runtime::formatShape(tensor.shape) << " " << tensor.elementType
       << " (" << getCType(tensor.kind) << ") */\n"
       << "#define HWQ_" << upper << "_" << llvm::StringRef(what).upper() << i
       << "_ELEMENTS " << tensor.getNumElements() << "\n";
  };
  for (auto [i, input] : llvm::enumerate(signature.inputs))
    describe("input", i, input);
  for (auto [i, result] : llvm::enumerate(signature.results))
    describe("output", i, result);
  os << "\nvoid " << symbol << "(";
  bool first = true;
  for (auto [i, input] : llvm::enumerate(signature.inputs)) {
    os << (first ? "" : ", ") << "const " << getCType(input.kind) << " *input"
       << i;
    first = false;
  }
  for (auto [i, result] : llvm::enumerate(signature.results)) {
    os << (first ? "" : ", ") << getCType(result.kind) << " *output" << i;
    first = false;
  }
  os << ");\n\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* HWQ_" << upper
     << "_H */\n";
  return text;
}

/// Writes `bytes` to the output file.
static int writeOutput(llvm::StringRef bytes) {
  std::string error;
  auto output = openOutputFile(outputFile, &error);
  if (!output)
    return fail(error);
  output->os() << bytes;
  output->keep();
  return 0;
}

/// Emits an object file (or assembly) for `llvmModule` into `path` ("-":
/// stdout).
static int
emitObject(llvm::Module &llvmModule, llvm::TargetMachine &machine,
           llvm::StringRef path,
           llvm::CodeGenFileType fileType = llvm::CodeGenFileType::ObjectFile) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return fail("cannot write '" + path + "': " + ec.message());
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, os, nullptr, fileType))
    return fail("the target cannot emit this kind of file");
  passes.run(llvmModule);
  return 0;
}

/// Links `object` into the shared library `path` with the C compiler.
static int linkShared(llvm::StringRef object, llvm::StringRef path) {
  std::string compiler;
  if (const char *cc = std::getenv("CC"))
    compiler = cc;
  for (const char *candidate : {"cc", "clang", "gcc"}) {
    if (!compiler.empty())
      break;
    if (llvm::ErrorOr<std::string> found =
            llvm::sys::findProgramByName(candidate))
      compiler = *found;
  }
  if (compiler.empty())
    return fail("no C compiler found to link a shared library (set CC)");
  llvm::SmallVector<llvm::StringRef> args = {compiler, "-shared", "-o",
                                             path,     object,    "-lm"};
  std::string error;
  int status =
      llvm::sys::ExecuteAndWait(compiler, args, std::nullopt, {}, 0, 0, &error);
  if (status != 0)
    return fail("linking '" + path + "' with " + compiler + " failed" +
                (error.empty() ? "" : ": " + error));
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(compileCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "hwq-compile: compile a model function for the host, ahead of time\n\n"
      "  hwq-compile model.mlir --name kws --emit=obj -o kws.o\n"
      "  hwq-compile model.mlir --name kws --emit=header -o hwq_kws.h\n"
      "  hwq-compile model.mlir --name kws --emit=shared -o libkws.so\n"
      "  hwq-compile model.mlir --target targets/arm-i8mm.yaml --emit=obj "
      "-o kws.o\n");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<hwq::HwqDialect>();
  registerHostLoweringDialects(registry);
  arm::registerArmCodegenDialects(registry);
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.printOpOnDiagnostic(false);

  llvm::SourceMgr sourceMgr;
  std::string error;
  auto buffer = openInputFile(inputFile, &error);
  if (!buffer)
    return fail(error);
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  func::FuncOp func = findFunction(*module);
  if (!func)
    return 1;
  std::string name =
      toIdentifier(modelName.empty() ? func.getSymName() : modelName);
  std::string symbol = "hwq_" + name + "_run";

  FailureOr<HostFunctionSignature> signature = getHostFunctionSignature(func);
  if (failed(signature))
    return 1;
  if (emitKind == EmitKind::Header)
    return writeOutput(makeHeader(name, symbol, func, *signature));

  // The target: the host, a description file or the module's attribute,
  // with the command line's overrides.
  std::string triple = targetTriple, cpu = targetCpu, features = targetFeatures;
  TargetAttr target;
  if (!targetFile.empty()) {
    FailureOr<TargetAttr> parsed =
        parseTargetDescriptionFile(targetFile, &context);
    if (failed(parsed))
      return 1;
    target = *parsed;
  } else if (moduleTarget) {
    target = TargetAttr::lookup(func);
    if (!target)
      return fail("--module-target: the module has no hwq.target attribute");
  }
  if (target) {
    if (triple.empty())
      triple = target.getTriple().str();
    if (cpu.empty())
      cpu = target.getCpu().str();
    if (features.empty())
      features = target.getFeatures().str();
  }
  bool cross = !triple.empty() || !cpu.empty() || !features.empty();
  if (cross && triple.empty())
    triple = llvm::sys::getDefaultTargetTriple();

  HostLoweringOptions options;
  options.floatPrecision = floatPrecision;
  options.codegen = codegenChoice;
  options.x86Isa = x86IsaChoice;
  // AArch64 targets: the ARM micro-kernels (hwq-lower-arm) instead of the
  // x86 ones.
  bool aarch64 =
      cross && llvm::Triple(llvm::Triple::normalize(triple)).isAArch64();
  if ((codegenChoice == "auto" && aarch64) || codegenChoice == "arm") {
    options.codegen = "plain";
    arm::configureArmLowering(options, arm::selectArmKernel(features));
  }
  FailureOr<OwningOpRef<ModuleOp>> lowered =
      lowerFunctionForHost(func, symbol, options);
  if (failed(lowered))
    return 1;
  if (emitKind == EmitKind::MLIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    lowered->get()->print(os);
    return writeOutput(text);
  }

  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      cross ? createTargetMachine(triple, cpu, features, /*pic=*/true)
            : createHostTargetMachine(/*pic=*/true);
  if (!machine)
    return fail(llvm::toString(machine.takeError()));
  llvm::LLVMContext llvmContext;
  FailureOr<std::unique_ptr<llvm::Module>> llvmModule =
      translateForHost(lowered->get(), llvmContext, **machine,
                       std::min(optLevel.getValue(), 3u));
  if (failed(llvmModule))
    return 1;
  if (emitKind == EmitKind::LLVMIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    (*llvmModule)->print(os, nullptr);
    return writeOutput(text);
  }
  if (emitKind == EmitKind::Assembly)
    return emitObject(**llvmModule, **machine, outputFile,
                      llvm::CodeGenFileType::AssemblyFile);
  if (emitKind == EmitKind::Object) {
    if (outputFile == "-")
      return fail("--emit=obj needs an output file (-o)");
    return emitObject(**llvmModule, **machine, outputFile);
  }
  // Shared library: an object in a temporary file, linked by the C compiler.
  if (outputFile == "-")
    return fail("--emit=shared needs an output file (-o)");
  if (cross)
    return fail("--emit=shared links for the host only; for another target "
                "emit an object (--emit=obj) and link it with that target's "
                "toolchain");
  llvm::SmallString<128> object;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("hwq-compile", "o", object))
    return fail("cannot create a temporary file: " + ec.message());
  llvm::FileRemover remover(object);
  if (int status = emitObject(**llvmModule, **machine, object))
    return status;
  return linkShared(object, outputFile);
}
