// TBF storage-permissions TLV -> StoragePermissions.
#include "capsules/storage_permissions/tbf_storage_permissions.h"

#include <cstddef>

#include "kernel/process.h"
#include "tbf-tools/lib/parser.h"

namespace tock::capsules {

StoragePermissions StoragePermissionsFromTbf(std::span<const uint8_t> image) {
  tbf::Result<tbf::TbfHeader> parsed = tbf::ParseTbf(image);
  if (!parsed.ok() || !parsed.value().storage_permissions) {
    return StoragePermissions::Null();
  }
  const tbf::TbfHeader& header = parsed.value();
  const tbf::StoragePermissions& sp = *header.storage_permissions;
  uint32_t read_ids[StoragePermissions::kMaxIds] = {};
  uint32_t modify_ids[StoragePermissions::kMaxIds] = {};
  size_t reads = 0;
  size_t modifies = 0;
  for (; reads < sp.read_count && reads < StoragePermissions::kMaxIds; ++reads) {
    read_ids[reads] = sp.read_id(reads);
  }
  for (; modifies < sp.modify_count && modifies < StoragePermissions::kMaxIds; ++modifies) {
    modify_ids[modifies] = sp.modify_id(modifies);
  }
  const uint32_t app_id = header.short_id && *header.short_id != 0 ? *header.short_id : sp.write_id;
  return StoragePermissions::Listed(app_id, sp.write_id != 0, /*read_modify_self=*/false, read_ids,
                                    reads, modify_ids, modifies);
}

StoragePermissions TbfStoragePermissions::For(ProcessId pid) const {
  const Process* p = kernel_.ProcessFor(pid);
  if (p == nullptr || p->tbf() == nullptr || p->tbf()->image == nullptr) {
    return StoragePermissions::Null();
  }
  return StoragePermissionsFromTbf(std::span<const uint8_t>(p->tbf()->image, p->tbf()->total_size));
}

}  // namespace tock::capsules
