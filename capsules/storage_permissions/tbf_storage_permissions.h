// TbfStoragePermissions: a process's storage permissions from its TBF's storage-permissions TLV
// (upstream capsules_system::storage_permissions::tbf_header): write permission if the TLV's
// write id is non-zero, up to 8 read and 8 modify ids, not read_modify_self. A process without
// the TLV gets Null (no access), as upstream. Its id (what its items are stored under) is the
// TBF's ShortId TLV when present, otherwise the TLV's write id: upstream uses the process's
// fixed ShortId; tockpp assigns none yet, and with a ShortId equal to the write id (the usual
// way upstream apps are built) both give the same id. Trusted: reads the process table.
#ifndef TOCKPP_CAPSULES_STORAGE_PERMISSIONS_TBF_STORAGE_PERMISSIONS_H_
#define TOCKPP_CAPSULES_STORAGE_PERMISSIONS_TBF_STORAGE_PERMISSIONS_H_

#include <cstdint>
#include <span>

#include "capsules/storage_permissions/storage_permissions.h"
#include "kernel/kernel.h"
#include "kernel/process_id.h"

namespace tock::capsules {

// The permissions a TBF image grants (Null for a malformed image or one without the TLV).
StoragePermissions StoragePermissionsFromTbf(std::span<const uint8_t> image);

class TbfStoragePermissions final : public StoragePermissionsPolicy {
 public:
  explicit TbfStoragePermissions(const Kernel& kernel) : kernel_(kernel) {}
  StoragePermissions For(ProcessId pid) const override;

 private:
  const Kernel& kernel_;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_STORAGE_PERMISSIONS_TBF_STORAGE_PERMISSIONS_H_
