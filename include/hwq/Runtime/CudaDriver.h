//===- CudaDriver.h - the CUDA driver API, loaded at run time ---*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq never links against CUDA: the driver library (libcuda.so.1) is opened
// with dlopen the first time a GPU is needed, and the few entry points hwq
// uses are looked up by name. On a machine without a driver, load() returns
// a clear error instead of failing at program start. Errors of the driver
// calls carry the driver's error name and the call that failed.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_RUNTIME_CUDADRIVER_H
#define HWQ_RUNTIME_CUDADRIVER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace hwq {
namespace runtime {

/// The opened CUDA driver with a current context on device 0.
class CudaDriver {
public:
  /// Opens libcuda.so.1 (once per process), initializes it and makes a
  /// context on device 0 current. Errors: no driver library ("no CUDA
  /// driver"), a missing entry point, no device, a failed initialization.
  static llvm::Expected<CudaDriver *> load();

  /// The library name load() opens.
  static llvm::StringRef getLibraryName() { return "libcuda.so.1"; }

  /// Name of device 0 (e.g. "NVIDIA H100 80GB HBM3").
  std::string getDeviceName() const { return deviceName; }
  /// Compute capability of device 0 as major * 10 + minor (e.g. 90).
  int getComputeCapability() const { return computeCapability; }

  /// Loads a PTX (or cubin) image; returns the module handle.
  llvm::Expected<void *> loadModule(llvm::StringRef image);
  /// The kernel `name` of `module`.
  llvm::Expected<void *> getFunction(void *module, llvm::StringRef name);
  /// Launches `function` on the default stream and waits for it.
  llvm::Error launch(void *function, unsigned gridX, unsigned gridY,
                     unsigned gridZ, unsigned blockX, unsigned blockY,
                     unsigned blockZ, unsigned sharedBytes, void **params);
  /// Device memory.
  llvm::Expected<uint64_t> allocate(size_t bytes);
  llvm::Error free(uint64_t pointer);
  llvm::Error copyToDevice(uint64_t dst, const void *src, size_t bytes);
  llvm::Error copyToHost(void *dst, uint64_t src, size_t bytes);
  llvm::Error synchronize();
  /// Milliseconds that `body` (kernel launches) takes on the device,
  /// measured with CUDA events.
  llvm::Expected<float> time(llvm::function_ref<llvm::Error()> body);

  /// The entry points, resolved by load(). Public for the mgpu* wrappers.
  struct Api;
  const Api &getApi() const { return *api; }

private:
  CudaDriver() = default;
  llvm::Error check(int status, llvm::StringRef call) const;

  Api *api = nullptr;
  void *context = nullptr;
  std::string deviceName;
  int computeCapability = 0;
};

} // namespace runtime
} // namespace hwq

#endif // HWQ_RUNTIME_CUDADRIVER_H
