//===- fake_cuda.cpp - a stand-in libcuda.so.1 for tests ------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The driver entry points hwq's CUDA engine uses, on host memory: device
// pointers are malloc'd blocks, copies are memcpy, and a kernel launch
// executes nothing but prints what it was given, checked against the PTX
// that was loaded (the kernel must exist; every parameter must point to a
// live allocation). Lets the tests run the launch plan of hwq-run
// --device=cuda on a machine without a GPU.
//
//===----------------------------------------------------------------------===//

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <string>

namespace {
std::string ptx;
std::map<uint64_t, size_t> allocations;
struct Function {
  std::string name;
  int params = 0;
};
/// Functions belong to the loaded module, as in the real driver (stable
/// addresses: a deque never moves its elements on push_back).
std::deque<Function> functions;
} // namespace

extern "C" {
int cuInit(unsigned) { return 0; }
int cuDeviceGetCount(int *count) {
  *count = 1;
  return 0;
}
int cuDeviceGet(int *device, int) {
  *device = 0;
  return 0;
}
int cuDeviceGetName(char *name, int size, int) {
  std::snprintf(name, size, "hwq fake device");
  return 0;
}
int cuDeviceGetAttribute(int *value, int attribute, int) {
  const char *cc = std::getenv("HWQ_FAKE_CC");
  int both = cc ? std::atoi(cc) : 80;
  *value = attribute == 75 ? both / 10 : both % 10;
  return 0;
}
int cuDevicePrimaryCtxRetain(void **context, int) {
  *context = &ptx;
  return 0;
}
int cuCtxSetCurrent(void *) { return 0; }
int cuCtxSynchronize() { return 0; }
int cuModuleLoadData(void **module, const void *image) {
  ptx = static_cast<const char *>(image);
  size_t target = ptx.find(".target ");
  std::printf("fake: module %s\n",
              target == std::string::npos
                  ? "without target"
                  : ptx.substr(target, ptx.find('\n', target) - target).c_str());
  *module = &ptx;
  return 0;
}
int cuModuleGetFunction(void **function, void *, const char *name) {
  std::string entry = std::string(".entry ") + name + "(";
  size_t start = ptx.find(entry);
  if (start == std::string::npos)
    return 500; // CUDA_ERROR_NOT_FOUND
  size_t end = ptx.find(')', start);
  Function *f = &functions.emplace_back(Function{name, 0});
  for (size_t p = ptx.find(".param", start); p < end;
       p = ptx.find(".param", p + 1))
    ++f->params;
  *function = f;
  return 0;
}
int cuLaunchKernel(void *function, unsigned gx, unsigned gy, unsigned gz,
                   unsigned bx, unsigned by, unsigned bz, unsigned shared,
                   void *, void **params, void **) {
  auto *f = static_cast<Function *>(function);
  bool buffers = true;
  for (int i = 0; i < f->params; ++i)
    buffers &= allocations.count(*static_cast<uint64_t *>(params[i])) == 1;
  std::printf("fake: launch %s grid %u,%u,%u block %u,%u,%u shared %u "
              "params %d all-buffers %s\n",
              f->name.c_str(), gx, gy, gz, bx, by, bz, shared, f->params,
              buffers ? "yes" : "no");
  return 0;
}
int cuMemAlloc_v2(uint64_t *pointer, size_t bytes) {
  void *block = std::calloc(bytes, 1);
  *pointer = reinterpret_cast<uint64_t>(block);
  allocations[*pointer] = bytes;
  return 0;
}
int cuMemFree_v2(uint64_t pointer) {
  allocations.erase(pointer);
  std::free(reinterpret_cast<void *>(pointer));
  return 0;
}
int cuMemcpyHtoD_v2(uint64_t dst, const void *src, size_t bytes) {
  if (!allocations.count(dst) || allocations[dst] < bytes)
    return 1;
  std::memcpy(reinterpret_cast<void *>(dst), src, bytes);
  return 0;
}
int cuMemcpyDtoH_v2(void *dst, uint64_t src, size_t bytes) {
  if (!allocations.count(src) || allocations[src] < bytes)
    return 1;
  std::memcpy(dst, reinterpret_cast<void *>(src), bytes);
  return 0;
}
int cuEventCreate(void **event, unsigned) {
  *event = &ptx;
  return 0;
}
int cuEventRecord(void *, void *) { return 0; }
int cuEventSynchronize(void *) { return 0; }
int cuEventElapsedTime(float *ms, void *, void *) {
  *ms = 0;
  return 0;
}
int cuEventDestroy_v2(void *) { return 0; }
int cuGetErrorName(int, const char **name) {
  *name = "CUDA_ERROR_FAKE";
  return 0;
}
}
