#===- HWQ.cmake - helpers for hwq libraries -------------------*- cmake -*-===#
#
# hwq_add_library(name SOURCES ... [DEPENDS tablegen targets...]
#                 [LINK_LIBS libs...])
# Builds a static library linked against the MLIR and LLVM dylibs, adds it to
# the HWQTargets export set and installs it.
#===----------------------------------------------------------------------===#
function(hwq_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;LINK_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${HWQ_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${HWQ_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:include>)
  # LLVM/MLIR headers are part of our public interface (installed package too).
  target_include_directories(${name} SYSTEM PUBLIC ${LLVM_INCLUDE_DIRS}
                             ${MLIR_INCLUDE_DIRS})
  target_link_libraries(${name} PUBLIC ${ARG_LINK_LIBS} MLIR LLVM)
  # A sanitized library needs the sanitizer runtimes wherever it is linked,
  # installed consumers (find_package(HWQ)) included.
  if(HWQ_ENABLE_SANITIZERS)
    target_link_options(${name} INTERFACE -fsanitize=address,undefined)
  endif()
  install(TARGETS ${name} EXPORT HWQTargets ARCHIVE DESTINATION lib)
  set_property(GLOBAL APPEND PROPERTY HWQ_ALL_LIBS ${name})
endfunction()
