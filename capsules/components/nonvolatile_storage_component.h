// NonvolatileStorageComponent: the nonvolatile storage syscall driver (0x50001,
// capsules/nonvolatile_storage) over page flash: NonvolatileToPages with its kPageSize-byte page
// buffer (kPageSize must equal the flash's page size), the driver's kBufferLen-byte staging
// buffer (upstream's BUF_LEN, 512: one read or write moves at most that much) and its grant.
// Apps see [userspace_start, userspace_start + userspace_length) of the flash.
//
// Wiring (board, static):
//   NonvolatileStorageComponent<4096> nv(chip.flash(), kernel, mem_cap, /*start=*/0, 64 * 1024);
//   registrar.Add(nv);
#ifndef TOCKPP_CAPSULES_COMPONENTS_NONVOLATILE_STORAGE_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_NONVOLATILE_STORAGE_COMPONENT_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "capsules/nonvolatile_storage/nonvolatile_storage_driver.h"
#include "capsules/nonvolatile_storage/nonvolatile_to_pages.h"
#include "hil/flash.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

template <size_t kPageSize, size_t kBufferLen = 512>
class NonvolatileStorageComponent {
  static_assert(kPageSize > 0 && kBufferLen > 0);

 public:
  static constexpr uint32_t kDriverNum = NonvolatileStorageDriver::kDriverNum;
  static constexpr const char* kName = "nonvolatile storage";

  NonvolatileStorageComponent(hil::flash::Flash& flash, Kernel& kernel,
                              const MemoryAllocationCapability& cap, uint32_t userspace_start,
                              uint32_t userspace_length)
      : pages_(flash, page_buffer_),
        grant_(kernel, kDriverNum, cap),
        driver_(pages_, grant_, userspace_start, userspace_length, buffer_) {}
  NonvolatileStorageComponent(const NonvolatileStorageComponent&) = delete;
  NonvolatileStorageComponent& operator=(const NonvolatileStorageComponent&) = delete;

  NonvolatileStorageDriver& driver() { return driver_; }

 private:
  std::array<uint8_t, kPageSize> page_buffer_{};
  NonvolatileToPages pages_;
  std::array<uint8_t, kBufferLen> buffer_{};
  NonvolatileStorageDriver::GrantType grant_;
  NonvolatileStorageDriver driver_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_NONVOLATILE_STORAGE_COMPONENT_H_
