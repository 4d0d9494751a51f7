//===- FuzzSupport.h - helpers shared by the hwq fuzz targets ---*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Every fuzz target checks the same contract (docs/Robustness.md): bad input
// gives a diagnostic or an llvm::Error, never a crash, an assertion, a
// sanitizer report or a silent failure. Violations that are not crashes by
// themselves (a failure without any diagnostic, a pass that leaves invalid
// IR, a writer whose output does not read back) abort through reportBug so
// that libFuzzer records the input like any other crash.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_TEST_FUZZ_FUZZSUPPORT_H
#define HWQ_TEST_FUZZ_FUZZSUPPORT_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <functional>
#include <memory>

namespace hwq {
namespace fuzz {

/// Reports a broken robustness contract and aborts (libFuzzer then saves the
/// input as a crash).
[[noreturn]] inline void reportBug(const llvm::Twine &what) {
  llvm::errs() << "hwq-fuzz: contract violation: " << what << "\n";
  llvm::errs().flush();
  std::abort();
}

/// An MLIRContext shared by consecutive inputs (creating one per input would
/// dominate the run time) and replaced by a fresh one every `period` inputs,
/// so that what it uniques for good (attributes, types, locations) does not
/// grow without bound over a long run.
class RecycledContext {
public:
  using Factory = std::function<std::unique_ptr<mlir::MLIRContext>()>;
  explicit RecycledContext(Factory factory, unsigned period = 2000)
      : factory(std::move(factory)), period(period) {}

  /// The context for the next input.
  mlir::MLIRContext *next() {
    if (!context || ++uses > period) {
      context.reset();
      context = factory();
      uses = 1;
    }
    return context.get();
  }

private:
  Factory factory;
  unsigned period;
  unsigned uses = 0;
  std::unique_ptr<mlir::MLIRContext> context;
};

/// Swallows the diagnostics of one fuzz input and counts its errors, so that
/// a failure can be checked to come with at least one error. Set
/// HWQ_FUZZ_VERBOSE=1 to print them (when reproducing a crash).
class DiagnosticCounter {
public:
  explicit DiagnosticCounter(mlir::MLIRContext *context)
      : handler(context, [this](mlir::Diagnostic &diag) {
          if (diag.getSeverity() == mlir::DiagnosticSeverity::Error)
            ++errors;
          if (verbose())
            llvm::errs() << diag.getLocation() << ": " << diag.str() << "\n";
          return mlir::success();
        }) {}

  /// The number of errors reported since construction.
  unsigned getErrors() const { return errors; }

  /// Whether HWQ_FUZZ_VERBOSE is set to a non-empty value other than "0".
  static bool verbose() {
    static const bool value = [] {
      const char *env = std::getenv("HWQ_FUZZ_VERBOSE");
      return env && *env && llvm::StringRef(env) != "0";
    }();
    return value;
  }

private:
  unsigned errors = 0;
  mlir::ScopedDiagnosticHandler handler;
};

} // namespace fuzz
} // namespace hwq

#endif // HWQ_TEST_FUZZ_FUZZSUPPORT_H
