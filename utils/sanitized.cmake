#===- utils/sanitized.cmake - the sanitized + fuzzer configuration -*- cmake -*-===#
#
# Initial cache (`cmake -C utils/sanitized.cmake ...`) of the sanitized build
# that `utils/check.sh --sanitized` tests and `utils/fuzz.sh` fuzzes (both use
# build-san/ by default): clang 22, AddressSanitizer + UBSan, the libFuzzer
# targets, -O1 to keep the build and the run lean (docs/Robustness.md).
#
#===----------------------------------------------------------------------===#
set(CMAKE_C_COMPILER clang-22 CACHE STRING "")
set(CMAKE_CXX_COMPILER clang++-22 CACHE STRING "")
set(CMAKE_BUILD_TYPE Release CACHE STRING "")
set(CMAKE_C_FLAGS_RELEASE "-O1 -gline-tables-only -DNDEBUG" CACHE STRING "")
set(CMAKE_CXX_FLAGS_RELEASE "-O1 -gline-tables-only -DNDEBUG" CACHE STRING "")
set(HWQ_ENABLE_SANITIZERS ON CACHE BOOL "")
set(HWQ_ENABLE_FUZZERS ON CACHE BOOL "")
