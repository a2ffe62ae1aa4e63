// The facts the kernel needs from a parsed TBF header to load one process (reference
// tbf-format.md). The TBF library (tbf-tools/lib) fills it; the kernel never parses TBF itself.
// The board keeps each description alive as long as its process slot exists (restart reuses it).
#ifndef TOCKPP_KERNEL_TBF_DESCRIPTION_H_
#define TOCKPP_KERNEL_TBF_DESCRIPTION_H_

#include <cstddef>
#include <cstdint>

#include "kernel/app_id.h"

namespace tock {

inline constexpr uint32_t kNoFixedAddress = 0xFFFFFFFFu;  // TBF FixedAddresses "not fixed"
inline constexpr size_t kMaxWriteableFlashRegions = 8;    // as tbf-tools/lib

struct WriteableFlashRegion {
  uint32_t offset;  // from the TBF start
  uint32_t size;
};

struct TbfDescription {
  const uint8_t* image = nullptr;  // kernel view of byte 0 of the TBF (header first)
  uint32_t flash_address = 0;      // where the app sees byte 0 (host: fixed map; MCU: == image)
  uint32_t total_size = 0;         // TBF total_size: the process's flash region
  uint32_t header_size = 0;
  uint32_t protected_trailer_size = 0;
  uint32_t init_fn_offset = 0;  // entry = flash_address + header_size + init_fn_offset
  uint32_t minimum_ram_size = 0;
  const char* package_name = nullptr;  // not NUL-terminated
  uint32_t package_name_len = 0;
  uint32_t fixed_ram_address = kNoFixedAddress;
  uint32_t fixed_flash_address = kNoFixedAddress;  // address of the app binary, not the header
  bool enabled = true;                             // flags bit 0: start at boot
  uint32_t num_writeable_regions = 0;
  WriteableFlashRegion writeable_regions[kMaxWriteableFlashRegions] = {};
  // ShortId and accepted credential: DescribeTbf leaves LocallyUnique/none; a board that checks
  // credentials and enforces ShortId uniqueness fills them in before LoadProcess.
  AppIdentity identity;

  // End of the protected region (header + protected trailer): first byte an RO allow may use,
  // and app_start (r0 of _start).
  constexpr uint32_t protected_size() const { return header_size + protected_trailer_size; }
  constexpr uint32_t entry_point() const { return flash_address + header_size + init_fn_offset; }
  constexpr uint32_t app_start() const { return flash_address + protected_size(); }
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_TBF_DESCRIPTION_H_
