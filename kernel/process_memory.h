// Platform interface (a): where a process's RAM lives and how the kernel reaches it. The platform
// chooses the app-visible addresses and hands back kernel pointers to the flash image and the
// whole RAM allocation; portable code then translates app ranges itself with bounds checks.
// Host: the kernel's own mapping of the app's RAM/flash memfds. Cortex-M: identity.
#ifndef TOCKPP_KERNEL_PROCESS_MEMORY_H_
#define TOCKPP_KERNEL_PROCESS_MEMORY_H_

#include <cstdint>

#include "kernel/error_code.h"
#include "kernel/tbf_description.h"

namespace tock {

struct MemoryRequest {
  uint32_t min_app_ram;        // TBF minimum_ram_size
  uint32_t kernel_ram;         // bytes the kernel needs at the top at load (grant table, queue)
  uint32_t fixed_ram_address;  // kNoFixedAddress if the app is relocatable
  const TbfDescription* tbf;   // the image being loaded
};

struct MemoryAllocation {
  uint32_t memory_start = 0;       // 8-byte aligned
  uint32_t memory_len = 0;         // multiple of 8, >= min_app_ram + kernel_ram (may round up)
  uint32_t initial_app_break = 0;  // what _start gets in r3; the MPU must be able to express it
  uint8_t* ram = nullptr;          // kernel view of [memory_start, memory_start + memory_len)
  const uint8_t* flash = nullptr;  // kernel view of the TBF image as the app sees it
                                   // (nullptr: use TbfDescription::image)
};

class ProcessMemory {
 public:
  // kNoMem when the platform cannot find room.
  virtual Result<MemoryAllocation> Allocate(const MemoryRequest& request) = 0;

 protected:
  ~ProcessMemory() = default;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_PROCESS_MEMORY_H_
