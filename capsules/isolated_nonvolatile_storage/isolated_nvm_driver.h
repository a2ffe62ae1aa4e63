// Isolated nonvolatile storage driver (0x50004, upstream capsules_extra::
// isolated_nonvolatile_storage_driver): every app with a storage write id gets its own region of
// kRegionBytes, addressed from 0, that no other app can reach.
//   command 0 exists; 1 region size (upcall 0: status, size low, size high); 2 read (offset
//   low, offset high) into RW allow 0, all of it (upcall 1: status); 3 write (offset low,
//   offset high) from RO allow 0, all of it (upcall 2: status)
// Command failures: NOSUPPORT without a write id, or without read (read) or modify (write)
// permission for the app's own id; INVAL for a range outside the region; NOMEM if the app
// already has an operation queued or running. Upcall statuses: NOMEM (storage full), FAIL.
// Never-written bytes read as 0xFF (erased flash).
// Storage: a KvStore of its own (capsules/kv/kv_store.h) holding the region in blocks of
// kBlockBytes, one record per block keyed by (write id, block number): each block write is
// atomic and crash-safe as a KV value is; a write spanning blocks is acknowledged (upcall) only
// once every block is durable, and a crash part way leaves each block old or new.
// Untrusted capsule; app memory only via ProcessBuffers.
#ifndef TOCKPP_CAPSULES_ISOLATED_NONVOLATILE_STORAGE_ISOLATED_NVM_DRIVER_H_
#define TOCKPP_CAPSULES_ISOLATED_NONVOLATILE_STORAGE_ISOLATED_NVM_DRIVER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "capsules/driver_numbers.h"
#include "capsules/kv/kv_store.h"
#include "capsules/storage_permissions/storage_permissions.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

struct IsolatedNvmApp {
  uint8_t op = 0;  // IsolatedNvmDriver::Op; 0 none
  uint64_t offset = 0;
};

class IsolatedNvmDriver final : public SyscallDriver, public KvStoreClient {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kIsolatedNvmStorage;
  static constexpr const char* kName = "isolated nonvolatile storage";
  using GrantType = Grant<IsolatedNvmApp, UpcallCount<3>, AllowRoCount<1>, AllowRwCount<1>>;

  // block_bytes <= store.MaxValueLength(); region_bytes a multiple of it.
  IsolatedNvmDriver(KvStore& store, GrantType& grant, const StoragePermissionsPolicy& permissions,
                    uint32_t region_bytes, uint32_t block_bytes);

  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override;

  void MountDone() override;
  void GetDone(Result<void> status, std::span<const uint8_t> value) override;
  void WriteDone(Result<void> status) override;

  uint32_t region_bytes() const { return region_bytes_; }

 private:
  enum Op : uint8_t { kNone = 0, kGetSize, kRead, kWrite };
  // Checks and starts app's operation (current_ set); an error: nothing started, op cleared.
  Result<void> Start(ProcessId pid, IsolatedNvmApp& app, GrantKernelData& kd);
  // Runs the current operation on until it waits for the store or finishes.
  void Step();
  void Finish(Result<void> status);
  void CheckQueue();
  uint64_t BlockKey(uint32_t block) const;

  KvStore& store_;
  GrantType& grant_;
  const StoragePermissionsPolicy& permissions_;
  const uint32_t region_bytes_;
  const uint32_t block_bytes_;
  std::optional<ProcessId> current_;
  Op op_ = kNone;
  uint32_t write_id_ = 0;
  uint64_t offset_ = 0;  // of the current operation in the region
  uint32_t length_ = 0;
  uint32_t done_ = 0;      // bytes finished
  bool patching_ = false;  // a write waits for the old block to patch
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_ISOLATED_NONVOLATILE_STORAGE_ISOLATED_NVM_DRIVER_H_
