// The memory of one app slot: its flash image and RAM as memfds, and tockd's own
// read+write mappings of both. The kernel reads and writes app RAM (allowed
// buffers, grants) through these mappings, zero copy; each spawned child maps the
// same memfds at the app's fixed addresses. Outlives children (restart reuses it).
#ifndef TOCKPP_HOSTKERNEL_PROCESS_APP_MEMORY_H_
#define TOCKPP_HOSTKERNEL_PROCESS_APP_MEMORY_H_

#include <cstdint>
#include <memory>
#include <span>

#include "absl/status/statusor.h"
#include "hostkernel/process/mapping.h"
#include "hostkernel/process/unique_fd.h"

namespace tock::hostkernel {

inline constexpr uint32_t kHostPageSize = 4096;
constexpr uint32_t PageFloor(uint32_t a) { return a & ~(kHostPageSize - 1); }
// Saturates at the last page so rounding 0xFFFFFxxx cannot wrap to 0.
constexpr uint32_t PageCeil(uint32_t a) {
  return a > 0xFFFFF000u ? 0xFFFFF000u : (a + kHostPageSize - 1) & ~(kHostPageSize - 1);
}

class AppMemory {
 public:
  // flash_addr: app address of the TBF's first byte (any alignment); the image is
  // mapped from PageFloor(flash_addr). ram_addr/ram_size: page aligned, >= one page.
  // Regions must stay above 0x10000, below 0xF0000000, clear of each other, the
  // channel page and the launcher (0x08048000..0x08100000).
  static absl::StatusOr<std::unique_ptr<AppMemory>> Create(uint32_t flash_addr,
                                                           std::span<const uint8_t> flash_image,
                                                           uint32_t ram_addr, uint32_t ram_size);

  uint32_t flash_addr() const { return flash_addr_; }
  uint32_t flash_size() const { return flash_size_; }
  uint32_t flash_map_addr() const { return PageFloor(flash_addr_); }
  uint32_t flash_map_len() const { return static_cast<uint32_t>(flash_map_.size()); }
  uint32_t ram_addr() const { return ram_addr_; }
  uint32_t ram_size() const { return ram_size_; }

  // Kernel view of the TBF's first byte / of memory_start.
  uint8_t* flash() const { return flash_map_.data() + (flash_addr_ - flash_map_addr()); }
  uint8_t* ram() const { return ram_map_.data(); }
  // Kernel pointer for an app range inside RAM / flash, nullptr if not wholly inside.
  uint8_t* RamPointer(uint32_t addr, uint32_t len) const;
  uint8_t* FlashPointer(uint32_t addr, uint32_t len) const;
  // Zeroes all of RAM (fresh RAM for a restart).
  void ClearRam();

  int flash_fd() const { return flash_fd_.get(); }
  int ram_fd() const { return ram_fd_.get(); }

 private:
  AppMemory() = default;
  uint32_t flash_addr_ = 0, flash_size_ = 0, ram_addr_ = 0, ram_size_ = 0;
  UniqueFd flash_fd_, ram_fd_;
  Mapping flash_map_, ram_map_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_APP_MEMORY_H_
