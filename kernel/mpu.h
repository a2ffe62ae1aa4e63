// Platform interface (b), the protection half (upstream kernel::platform::mpu): flash
// read+execute, RAM read+write below the app break, nothing above it (free space and the
// kernel-owned grant region). Granularity is the platform's: host pages (4096), PMSAv7
// power-of-two regions with subregions. One object per process.
#ifndef TOCKPP_KERNEL_MPU_H_
#define TOCKPP_KERNEL_MPU_H_

#include <cstdint>

#include "kernel/error_code.h"

namespace tock {

struct MpuLayout {
  uint32_t flash_start;
  uint32_t flash_size;
  uint32_t memory_start;
  uint32_t memory_len;
  uint32_t app_break;
  uint32_t kernel_break;
};

class Mpu {
 public:
  // Protection for a freshly started process. kNoMem if the layout cannot be expressed.
  virtual Result<void> ConfigureProcess(const MpuLayout& layout) = 0;
  // Called before the kernel commits a new app break (brk/sbrk) or a lower kernel break (grant
  // allocation). Must fail with kNoMem if the app-accessible region, rounded to what the
  // hardware can express, would reach kernel_break; on success the change is in effect for the
  // next resume.
  virtual Result<void> UpdateBreaks(uint32_t app_break, uint32_t kernel_break) = 0;

  // IPC (kernel/ipc.h; upstream add_mpu_region): where this process sees a buffer another
  // process shared with it. A platform on which every process uses the same app addresses
  // (the host) returns a window of its own memory: the kernel copies the buffer in before the
  // upcall and back at the process's next system call. The default (data == nullptr) means
  // the process is handed the owner's address itself (needs an MPU region: not done yet).
  struct IpcWindow {
    uint32_t app_address = 0;
    uint8_t* data = nullptr;  // kernel view
    uint32_t size = 0;
  };
  virtual IpcWindow ipc_window() { return {}; }

 protected:
  ~Mpu() = default;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_MPU_H_
