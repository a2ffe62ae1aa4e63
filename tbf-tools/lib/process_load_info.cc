// Builds ProcessLoadInfo and answers permission queries (see process_load_info.h). Freestanding.
#include "tbf-tools/lib/process_load_info.h"

#include "tbf-tools/lib/parser.h"
#include "tbf-tools/lib/types.h"

namespace tock::tbf {

ProcessLoadInfo MakeProcessLoadInfo(std::span<const uint8_t> image, const TbfHeader& h) {
  ProcessLoadInfo info;
  info.flash_start = image.data();
  info.flash_size = h.total_size;
  info.header_size = h.header_size;
  info.protected_trailer_size = h.protected_trailer_size();
  info.init_fn_offset = h.init_fn_offset();
  info.minimum_ram_size = h.minimum_ram_size();
  info.binary_end_offset = h.binary_end_offset();
  info.app_version = h.app_version();
  if (h.package_name) {
    info.package_name = reinterpret_cast<const char*>(h.package_name->data());
    info.package_name_len = static_cast<uint32_t>(h.package_name->size());
  }
  info.enabled = h.enabled();
  info.sticky = h.sticky();
  info.is_padding = h.is_padding;
  if (h.fixed_addresses) {
    info.has_fixed_ram = h.fixed_addresses->start_process_ram != kNotFixed;
    info.fixed_ram_address = h.fixed_addresses->start_process_ram;
    info.has_fixed_flash = h.fixed_addresses->start_process_flash != kNotFixed;
    info.fixed_flash_address = h.fixed_addresses->start_process_flash;
  }
  if (h.kernel_version) {
    info.has_kernel_version = true;
    info.kernel_major = h.kernel_version->major;
    info.kernel_minor = h.kernel_version->minor;
  }
  if (h.short_id) {
    info.short_id = *h.short_id;
  }
  if (h.permissions) {
    info.has_permissions = true;
    info.permission_entries = h.permissions->entries.data();
    info.permission_count = h.permissions->count;
  }
  if (h.storage_permissions) {
    info.has_storage_permissions = true;
    info.storage_write_id = h.storage_permissions->write_id;
    info.storage_read_ids = h.storage_permissions->read_ids.data();
    info.storage_read_count = h.storage_permissions->read_count;
    info.storage_modify_ids = h.storage_permissions->modify_ids.data();
    info.storage_modify_count = h.storage_permissions->modify_count;
  }
  return info;
}

Result<ProcessLoadInfo> ParseForLoading(std::span<const uint8_t> image) {
  Result<TbfHeader> h = ParseTbf(image);
  if (!h.ok()) {
    return h.error();
  }
  return MakeProcessLoadInfo(image, h.value());
}

bool CommandPermitted(const ProcessLoadInfo& info, uint32_t driver_number, uint32_t command) {
  if (!info.has_permissions) {
    return true;
  }
  for (uint16_t i = 0; i < info.permission_count; ++i) {
    const uint8_t* p = info.permission_entries + static_cast<size_t>(i) * kPermissionEntrySize;
    if (Le32(p) != driver_number || Le32(p + 4) != command / 64) {
      continue;
    }
    if ((Le64(p + 8) >> (command % 64)) & 1u) {
      return true;
    }
  }
  return false;
}

bool DriverPermitted(const ProcessLoadInfo& info, uint32_t driver_number) {
  if (!info.has_permissions) {
    return true;
  }
  for (uint16_t i = 0; i < info.permission_count; ++i) {
    const uint8_t* p = info.permission_entries + static_cast<size_t>(i) * kPermissionEntrySize;
    if (Le32(p) == driver_number) {
      return true;
    }
  }
  return false;
}

}  // namespace tock::tbf
