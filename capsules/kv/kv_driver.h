// KV store syscall driver (0x50003, upstream capsules_extra::kv_driver with
// kv_store_permissions): apps get, set, add, update and delete values by key, with the storage
// permissions of their TBF (StoragePermissionsPolicy), checked against the writer id stored
// with each value.
//   command 0 exists; 1 get; 2 set; 3 delete; 4 add; 5 update; 6 garbage collect
//   RO allow 0 key, RO allow 1 value (set/add/update), RW allow 0 value out (get)
//   upcall 0 (status, value length for get, 0); status 0 = success, else an ErrorCode
// Returned by the command (nothing started): SIZE key over kMaxKeyLength or value over the
// store's maximum; INVAL set/add/update without a write id; NOMEM this app already has an
// operation queued or running; NOSUPPORT unknown command. Reported by the upcall: NOSUPPORT no
// such key, a key that exists for add, or no read/modify permission for the stored writer;
// SIZE the value did not fit the RW buffer (the first bytes are copied, the length is the
// value's); NOMEM the store is full; FAIL the flash failed. One operation runs at a time; each
// app may have one more queued (run when the store is free, after Mount at boot).
// Untrusted capsule; app memory only via ProcessBuffers.
#ifndef TOCKPP_CAPSULES_KV_KV_DRIVER_H_
#define TOCKPP_CAPSULES_KV_KV_DRIVER_H_

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

struct KvApp {
  uint8_t op = 0;  // KvDriver::Op; 0 none
};

class KvDriver final : public SyscallDriver, public KvStoreClient {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kKv;
  static constexpr const char* kName = "kv";
  static constexpr size_t kMaxKeyLength = 64;
  using GrantType = Grant<KvApp, UpcallCount<1>, AllowRoCount<2>, AllowRwCount<1>>;

  KvDriver(KvStore& store, GrantType& grant, const StoragePermissionsPolicy& permissions);

  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override;

  void MountDone() override;
  void GetDone(Result<void> status, std::span<const uint8_t> value) override;
  void WriteDone(Result<void> status) override;

 private:
  enum Op : uint8_t { kNone = 0, kGet, kSet, kDelete, kAdd, kUpdate, kGarbageCollect };
  // Starts app's operation. Ok(true): running, its completion upcalls; Ok(false): finished
  // (the upcall is queued); an error: nothing happened. Either way but Ok(true), op is cleared.
  Result<bool> Start(ProcessId pid, KvApp& app, GrantKernelData& kd);
  Result<bool> StartOp(Op op, ProcessId pid, GrantKernelData& kd);
  void CheckQueue();

  KvStore& store_;
  GrantType& grant_;
  const StoragePermissionsPolicy& permissions_;
  std::optional<ProcessId> current_;
  uint8_t key_[kMaxKeyLength] = {};
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_KV_KV_DRIVER_H_
