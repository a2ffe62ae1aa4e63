// The Tock kernel version this kernel implements, for the TBF KernelVersion header
// (reference tbf-format.md §3): an app built for (major, minor) runs only on a kernel with the
// same major and a minor at least as new. Freestanding; loaders check it before a process exists.
#ifndef TOCKPP_KERNEL_KERNEL_VERSION_H_
#define TOCKPP_KERNEL_KERNEL_VERSION_H_

#include <cstdint>

namespace tock {

// Tock 2.x: syscall ABI (TRD104), return variants, error codes and driver numbers as upstream.
inline constexpr uint16_t kKernelVersionMajor = 2;
inline constexpr uint16_t kKernelVersionMinor = 3;

constexpr bool KernelVersionAccepts(uint16_t app_major, uint16_t app_minor) {
  return app_major == kKernelVersionMajor && app_minor <= kKernelVersionMinor;
}

}  // namespace tock

#endif  // TOCKPP_KERNEL_KERNEL_VERSION_H_
