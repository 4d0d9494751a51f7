//===- CudaDriver.cpp - the CUDA driver API, loaded at run time -----------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The driver API subset hwq uses, declared here with the C types of
// cuda.h (handles are opaque pointers, CUdeviceptr is a 64-bit integer,
// CUresult an int), so that no CUDA header or library is needed to build.
//
//===----------------------------------------------------------------------===//

#include "hwq/Runtime/CudaDriver.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/FormatVariadic.h"

#include <dlfcn.h>
#include <mutex>

using namespace hwq::runtime;

struct CudaDriver::Api {
  int (*cuInit)(unsigned);
  int (*cuDeviceGetCount)(int *);
  int (*cuDeviceGet)(int *, int);
  int (*cuDeviceGetName)(char *, int, int);
  int (*cuDeviceGetAttribute)(int *, int, int);
  int (*cuDevicePrimaryCtxRetain)(void **, int);
  int (*cuCtxSetCurrent)(void *);
  int (*cuCtxSynchronize)();
  int (*cuModuleLoadData)(void **, const void *);
  int (*cuModuleGetFunction)(void **, void *, const char *);
  int (*cuLaunchKernel)(void *, unsigned, unsigned, unsigned, unsigned,
                        unsigned, unsigned, unsigned, void *, void **,
                        void **);
  int (*cuMemAlloc)(uint64_t *, size_t);
  int (*cuMemFree)(uint64_t);
  int (*cuMemcpyHtoD)(uint64_t, const void *, size_t);
  int (*cuMemcpyDtoH)(void *, uint64_t, size_t);
  int (*cuEventCreate)(void **, unsigned);
  int (*cuEventRecord)(void *, void *);
  int (*cuEventSynchronize)(void *);
  int (*cuEventElapsedTime)(float *, void *, void *);
  int (*cuEventDestroy)(void *);
  int (*cuGetErrorName)(int, const char **);
};

// CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR / _MINOR.
static constexpr int kAttrMajor = 75;
static constexpr int kAttrMinor = 76;

llvm::Error CudaDriver::check(int status, llvm::StringRef call) const {
  if (status == 0)
    return llvm::Error::success();
  const char *name = nullptr;
  if (!api->cuGetErrorName || api->cuGetErrorName(status, &name) != 0)
    name = nullptr;
  return llvm::createStringError(
      llvm::formatv("CUDA driver: {0} failed: {1} ({2})", call,
                    name ? name : "unknown error", status)
          .str());
}

llvm::Expected<CudaDriver *> CudaDriver::load() {
  static std::mutex mutex;
  static CudaDriver *instance = nullptr;
  static std::string failure;
  std::lock_guard<std::mutex> lock(mutex);
  if (instance)
    return instance;
  if (!failure.empty())
    return llvm::createStringError(failure);
  auto fail = [&](const llvm::Twine &message) -> llvm::Error {
    failure = message.str();
    return llvm::createStringError(failure);
  };

  void *library = dlopen(getLibraryName().data(), RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char *reason = dlerror();
    return fail(llvm::Twine("no CUDA driver: ") + getLibraryName() +
                " cannot be loaded (" + (reason ? reason : "not found") +
                "); --device=cuda needs an NVIDIA GPU and its driver");
  }
  auto *api = new Api();
  bool missing = false;
  std::string missingName;
  auto resolve = [&](auto &entry, const char *name) {
    // The _v2 entry points are the ones cuda.h maps the names to.
    std::string versioned = std::string(name) + "_v2";
    void *symbol = dlsym(library, versioned.c_str());
    if (!symbol)
      symbol = dlsym(library, name);
    if (!symbol && !missing) {
      missing = true;
      missingName = name;
    }
    entry = reinterpret_cast<std::remove_reference_t<decltype(entry)>>(symbol);
  };
  resolve(api->cuInit, "cuInit");
  resolve(api->cuDeviceGetCount, "cuDeviceGetCount");
  resolve(api->cuDeviceGet, "cuDeviceGet");
  resolve(api->cuDeviceGetName, "cuDeviceGetName");
  resolve(api->cuDeviceGetAttribute, "cuDeviceGetAttribute");
  resolve(api->cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
  resolve(api->cuCtxSetCurrent, "cuCtxSetCurrent");
  resolve(api->cuCtxSynchronize, "cuCtxSynchronize");
  resolve(api->cuModuleLoadData, "cuModuleLoadData");
  resolve(api->cuModuleGetFunction, "cuModuleGetFunction");
  resolve(api->cuLaunchKernel, "cuLaunchKernel");
  resolve(api->cuMemAlloc, "cuMemAlloc");
  resolve(api->cuMemFree, "cuMemFree");
  resolve(api->cuMemcpyHtoD, "cuMemcpyHtoD");
  resolve(api->cuMemcpyDtoH, "cuMemcpyDtoH");
  resolve(api->cuEventCreate, "cuEventCreate");
  resolve(api->cuEventRecord, "cuEventRecord");
  resolve(api->cuEventSynchronize, "cuEventSynchronize");
  resolve(api->cuEventElapsedTime, "cuEventElapsedTime");
  resolve(api->cuEventDestroy, "cuEventDestroy");
  resolve(api->cuGetErrorName, "cuGetErrorName");
  if (missing) {
    delete api;
    return fail(llvm::Twine("CUDA driver: ") + getLibraryName() +
                " has no entry point " + missingName);
  }

  auto driver = std::unique_ptr<CudaDriver>(new CudaDriver());
  driver->api = api;
  if (llvm::Error error = driver->check(api->cuInit(0), "cuInit"))
    return fail(llvm::toString(std::move(error)));
  int count = 0;
  if (llvm::Error error =
          driver->check(api->cuDeviceGetCount(&count), "cuDeviceGetCount"))
    return fail(llvm::toString(std::move(error)));
  if (count == 0)
    return fail("CUDA driver: no CUDA device");
  int device = 0;
  char name[256] = {0};
  int major = 0, minor = 0;
  if (llvm::Error error = driver->check(api->cuDeviceGet(&device, 0),
                                       "cuDeviceGet"))
    return fail(llvm::toString(std::move(error)));
  if (llvm::Error error = driver->check(
          api->cuDeviceGetName(name, sizeof(name) - 1, device),
          "cuDeviceGetName"))
    return fail(llvm::toString(std::move(error)));
  if (llvm::Error error = driver->check(
          api->cuDeviceGetAttribute(&major, kAttrMajor, device),
          "cuDeviceGetAttribute"))
    return fail(llvm::toString(std::move(error)));
  if (llvm::Error error = driver->check(
          api->cuDeviceGetAttribute(&minor, kAttrMinor, device),
          "cuDeviceGetAttribute"))
    return fail(llvm::toString(std::move(error)));
  if (llvm::Error error = driver->check(
          api->cuDevicePrimaryCtxRetain(&driver->context, device),
          "cuDevicePrimaryCtxRetain"))
    return fail(llvm::toString(std::move(error)));
  if (llvm::Error error =
          driver->check(api->cuCtxSetCurrent(driver->context),
                        "cuCtxSetCurrent"))
    return fail(llvm::toString(std::move(error)));
  driver->deviceName = name;
  driver->computeCapability = major * 10 + minor;
  instance = driver.release();
  return instance;
}

llvm::Expected<void *> CudaDriver::loadModule(llvm::StringRef image) {
  // cuModuleLoadData wants a NUL-terminated PTX text.
  std::string text = image.str();
  void *module = nullptr;
  if (llvm::Error error =
          check(api->cuModuleLoadData(&module, text.c_str()), "cuModuleLoadData"))
    return std::move(error);
  return module;
}

llvm::Expected<void *> CudaDriver::getFunction(void *module,
                                               llvm::StringRef name) {
  void *function = nullptr;
  std::string copy = name.str();
  if (llvm::Error error =
          check(api->cuModuleGetFunction(&function, module, copy.c_str()),
                "cuModuleGetFunction(" + copy + ")"))
    return std::move(error);
  return function;
}

llvm::Error CudaDriver::launch(void *function, unsigned gridX, unsigned gridY,
                               unsigned gridZ, unsigned blockX,
                               unsigned blockY, unsigned blockZ,
                               unsigned sharedBytes, void **params) {
  if (llvm::Error error =
          check(api->cuLaunchKernel(function, gridX, gridY, gridZ, blockX,
                                    blockY, blockZ, sharedBytes, nullptr,
                                    params, nullptr),
                "cuLaunchKernel"))
    return error;
  return synchronize();
}

llvm::Expected<uint64_t> CudaDriver::allocate(size_t bytes) {
  uint64_t pointer = 0;
  if (llvm::Error error =
          check(api->cuMemAlloc(&pointer, bytes ? bytes : 1), "cuMemAlloc"))
    return std::move(error);
  return pointer;
}

llvm::Error CudaDriver::free(uint64_t pointer) {
  return check(api->cuMemFree(pointer), "cuMemFree");
}

llvm::Error CudaDriver::copyToDevice(uint64_t dst, const void *src,
                                     size_t bytes) {
  return check(api->cuMemcpyHtoD(dst, src, bytes), "cuMemcpyHtoD");
}

llvm::Error CudaDriver::copyToHost(void *dst, uint64_t src, size_t bytes) {
  return check(api->cuMemcpyDtoH(dst, src, bytes), "cuMemcpyDtoH");
}

llvm::Error CudaDriver::synchronize() {
  return check(api->cuCtxSynchronize(), "cuCtxSynchronize");
}

llvm::Expected<float> CudaDriver::time(llvm::function_ref<llvm::Error()> body) {
  void *start = nullptr, *stop = nullptr;
  if (llvm::Error error = check(api->cuEventCreate(&start, 0), "cuEventCreate"))
    return std::move(error);
  if (llvm::Error error = check(api->cuEventCreate(&stop, 0), "cuEventCreate"))
    return std::move(error);
  float ms = 0;
  llvm::Error error = check(api->cuEventRecord(start, nullptr), "cuEventRecord");
  if (!error)
    error = body();
  if (!error)
    error = check(api->cuEventRecord(stop, nullptr), "cuEventRecord");
  if (!error)
    error = check(api->cuEventSynchronize(stop), "cuEventSynchronize");
  if (!error)
    error = check(api->cuEventElapsedTime(&ms, start, stop),
                  "cuEventElapsedTime");
  api->cuEventDestroy(start);
  api->cuEventDestroy(stop);
  if (error)
    return std::move(error);
  return ms;
}
