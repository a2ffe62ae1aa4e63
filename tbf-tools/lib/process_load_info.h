// ProcessLoadInfo: the plain-data summary the kernel consumes to create a process from a TBF in
// flash (sizes, entry offset, RAM request, name, fixed addresses, permissions). Pointers refer
// into the flash image. Freestanding; trusted code only interprets it, it grants nothing.
#ifndef TOCKPP_TBF_TOOLS_LIB_PROCESS_LOAD_INFO_H_
#define TOCKPP_TBF_TOOLS_LIB_PROCESS_LOAD_INFO_H_

#include <cstdint>
#include <span>

#include "tbf-tools/lib/result.h"
#include "tbf-tools/lib/tbf_header.h"

namespace tock::tbf {

struct ProcessLoadInfo {
  const uint8_t* flash_start = nullptr;  // first byte of the TBF object
  uint32_t flash_size = 0;               // total_size
  uint32_t header_size = 0;
  uint32_t protected_trailer_size = 0;
  uint32_t init_fn_offset = 0;  // entry = flash_start + header_size + init_fn_offset
  uint32_t minimum_ram_size = 0;
  uint32_t binary_end_offset = 0;
  uint32_t app_version = 0;
  const char* package_name = nullptr;  // not NUL-terminated
  uint32_t package_name_len = 0;
  bool enabled = false;
  bool sticky = false;
  bool is_padding = false;
  bool has_fixed_ram = false;  // FixedAddresses present and RAM field != 0xFFFFFFFF
  uint32_t fixed_ram_address = 0;
  bool has_fixed_flash = false;
  uint32_t fixed_flash_address = 0;  // address of the app binary (after the protected region)
  bool has_kernel_version = false;
  uint16_t kernel_major = 0;
  uint16_t kernel_minor = 0;
  uint32_t short_id = 0;         // 0 = none
  bool has_permissions = false;  // false: every command allowed (upstream default filter)
  const uint8_t* permission_entries = nullptr;  // permission_count entries of 16 bytes
  uint16_t permission_count = 0;
  bool has_storage_permissions = false;
  uint32_t storage_write_id = 0;
  const uint8_t* storage_read_ids = nullptr;  // little-endian u32s
  uint16_t storage_read_count = 0;
  const uint8_t* storage_modify_ids = nullptr;
  uint16_t storage_modify_count = 0;

  // Offset of the app binary (crt0 header, `_start`'s r0) from flash_start.
  uint32_t app_binary_offset() const { return header_size + protected_trailer_size; }
};

ProcessLoadInfo MakeProcessLoadInfo(std::span<const uint8_t> image, const TbfHeader& header);

// ParseTbf + MakeProcessLoadInfo.
Result<ProcessLoadInfo> ParseForLoading(std::span<const uint8_t> image);

// Upstream TbfHeaderFilterDefaultAllow rule: no Permissions TLV allows everything; otherwise the
// driver must be listed with bit (command % 64) set in the entry whose offset is command / 64.
bool CommandPermitted(const ProcessLoadInfo& info, uint32_t driver_number, uint32_t command);

// Whether `driver_number` appears in the Permissions TLV (or there is none): governs
// subscribe/allow to that driver.
bool DriverPermitted(const ProcessLoadInfo& info, uint32_t driver_number);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_PROCESS_LOAD_INFO_H_
