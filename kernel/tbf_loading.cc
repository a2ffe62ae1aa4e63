// TBF library -> TbfDescription. Reads only the image bytes it is given.
#include "kernel/tbf_loading.h"

#include <cstddef>

#include "tbf-tools/lib/parser.h"
#include "tbf-tools/lib/process_load_info.h"

namespace tock {

Result<TbfDescription> DescribeTbf(std::span<const uint8_t> image, uint32_t flash_address) {
  tock::tbf::Result<tock::tbf::TbfHeader> parsed = tock::tbf::ParseTbf(image);
  if (!parsed.ok()) {
    return ErrorCode::kInval;
  }
  const tock::tbf::TbfHeader& header = parsed.value();
  if (header.is_padding) {
    return ErrorCode::kNoSupport;
  }
  if (!header.main && !header.program) {
    return ErrorCode::kInval;
  }
  const tock::tbf::ProcessLoadInfo info = tock::tbf::MakeProcessLoadInfo(image, header);

  TbfDescription d;
  d.image = image.data();
  d.flash_address = flash_address == kFlashAddressOfImage
                        ? static_cast<uint32_t>(reinterpret_cast<uintptr_t>(image.data()))
                        : flash_address;
  d.total_size = info.flash_size;
  d.header_size = info.header_size;
  d.protected_trailer_size = info.protected_trailer_size;
  d.init_fn_offset = info.init_fn_offset;
  d.minimum_ram_size = info.minimum_ram_size;
  d.package_name = info.package_name;
  d.package_name_len = info.package_name_len;
  d.fixed_ram_address = info.has_fixed_ram ? info.fixed_ram_address : kNoFixedAddress;
  d.fixed_flash_address = info.has_fixed_flash ? info.fixed_flash_address : kNoFixedAddress;
  d.enabled = info.enabled;
  // identity stays LocallyUnique/no credential, as upstream's load_processes without a
  // checker; a board that enforces uniqueness (tockd's load plan) assigns with AssignShortId.
  size_t n = header.writeable_flash_region_count;
  if (n > kMaxWriteableFlashRegions) {
    n = kMaxWriteableFlashRegions;
  }
  d.num_writeable_regions = static_cast<uint32_t>(n);
  for (size_t i = 0; i < n; ++i) {
    d.writeable_regions[i] = WriteableFlashRegion{header.writeable_flash_regions[i].offset,
                                                  header.writeable_flash_regions[i].size};
  }
  return d;
}

}  // namespace tock
