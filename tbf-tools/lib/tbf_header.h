// TbfHeader: everything the parser extracts from one TBF object, as plain data. Variable-length
// parts (package name, permission entries, storage ids, credential data) are spans into the
// image, which must outlive the header. Fixed capacities below are the only limits.
// Freestanding.
#ifndef TOCKPP_TBF_TOOLS_LIB_TBF_HEADER_H_
#define TOCKPP_TBF_TOOLS_LIB_TBF_HEADER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "tbf-tools/lib/types.h"

namespace tock::tbf {

inline constexpr size_t kMaxWriteableFlashRegions = 8;
inline constexpr size_t kMaxCredentials = 8;
// Upstream's kernel keeps at most this many read and modify ids per app (storage permissions).
inline constexpr size_t kMaxStorageIds = 8;

struct MainTlv {
  uint32_t init_fn_offset = 0;
  uint32_t protected_trailer_size = 0;
  uint32_t minimum_ram_size = 0;
};

struct ProgramTlv {
  uint32_t init_fn_offset = 0;
  uint32_t protected_trailer_size = 0;
  uint32_t minimum_ram_size = 0;
  uint32_t binary_end_offset = 0;
  uint32_t version = 0;
};

struct WriteableFlashRegion {
  uint32_t offset = 0;  // from the TBF start
  uint32_t size = 0;
};

struct FixedAddresses {
  uint32_t start_process_ram = kNotFixed;
  uint32_t start_process_flash = kNotFixed;  // address of the app binary, not of the header
};

struct KernelVersion {
  uint16_t major = 0;
  uint16_t minor = 0;
};

struct Permission {
  uint32_t driver_number = 0;
  uint32_t offset = 0;  // allowed_commands bit k allows command 64*offset + k
  uint64_t allowed_commands = 0;
};

// Permission entries as stored (16 bytes each), validated to fit the TLV.
struct PermissionsView {
  std::span<const uint8_t> entries;
  uint16_t count = 0;
  Permission at(size_t i) const {
    const uint8_t* p = entries.data() + i * kPermissionEntrySize;
    return Permission{Le32(p), Le32(p + 4), Le64(p + 8)};
  }
};

struct StoragePermissions {
  uint32_t write_id = 0;              // 0 = may not write
  std::span<const uint8_t> read_ids;  // read_count little-endian u32
  std::span<const uint8_t> modify_ids;
  uint16_t read_count = 0;
  uint16_t modify_count = 0;
  uint32_t read_id(size_t i) const { return Le32(read_ids.data() + 4 * i); }
  uint32_t modify_id(size_t i) const { return Le32(modify_ids.data() + 4 * i); }
};

struct Credential {
  uint32_t offset = 0;  // of the footer TLV from the TBF start
  uint16_t length = 0;  // TLV length (format word + data)
  uint32_t format = 0;
  std::span<const uint8_t> data;
};

struct TbfHeader {
  // Base header.
  uint16_t version = 0;
  uint16_t header_size = 0;
  uint32_t total_size = 0;
  uint32_t flags = 0;
  uint32_t checksum = 0;
  bool is_padding = false;  // header_size == 16: no TLVs, an empty slot in app flash

  // TLVs.
  std::optional<MainTlv> main;
  std::optional<ProgramTlv> program;
  std::optional<std::span<const uint8_t>> package_name;  // valid UTF-8, no terminator
  std::array<WriteableFlashRegion, kMaxWriteableFlashRegions> writeable_flash_regions{};
  uint8_t writeable_flash_region_count = 0;
  std::optional<FixedAddresses> fixed_addresses;
  std::optional<PermissionsView> permissions;
  std::optional<StoragePermissions> storage_permissions;
  std::optional<KernelVersion> kernel_version;
  std::optional<uint32_t> short_id;
  uint16_t tlv_count = 0;
  uint16_t unknown_tlv_count = 0;

  // Footers (only with a Program TLV).
  std::array<Credential, kMaxCredentials> credentials{};
  uint8_t credential_count = 0;

  bool enabled() const { return (flags & kFlagEnabled) != 0; }
  bool sticky() const { return (flags & kFlagSticky) != 0; }
  // Program wins over Main, as in the upstream kernel.
  uint32_t init_fn_offset() const {
    return program ? program->init_fn_offset : (main ? main->init_fn_offset : 0);
  }
  uint32_t protected_trailer_size() const {
    return program ? program->protected_trailer_size : (main ? main->protected_trailer_size : 0);
  }
  uint32_t minimum_ram_size() const {
    return program ? program->minimum_ram_size : (main ? main->minimum_ram_size : 0);
  }
  uint32_t binary_end_offset() const { return program ? program->binary_end_offset : total_size; }
  uint32_t app_version() const { return program ? program->version : 0; }
  // Offset of the first byte of the app binary (crt0 header) from the TBF start.
  uint32_t app_binary_offset() const { return header_size + protected_trailer_size(); }
};

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_TBF_HEADER_H_
