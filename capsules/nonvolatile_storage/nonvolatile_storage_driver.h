// Nonvolatile storage syscall driver (0x50001): apps read and write a byte range of persistent
// storage reserved for userspace (upstream capsules_extra::nonvolatile_storage_driver).
// Command 1 = size; 2 = read (offset, length) into RW allow 0, upcall 0 (length, 0, 0);
// 3 = write (offset, length) from RO allow 0, upcall 1 (length, 0, 0). Offsets are relative to
// the userspace region; every app sees the same region. One operation at a time, one more
// queued per app. Untrusted capsule; app memory only via ProcessBuffers.
//
// Wiring (board, statics):
//   uint8_t nv_buffer[512];
//   NonvolatileStorageDriver::GrantType nv_grant(kernel, driver_num::kNvmStorage, mem_cap);
//   NonvolatileStorageDriver nv(nv_pages, nv_grant, /*userspace_start=*/0,
//                               /*userspace_length=*/64 * 1024, nv_buffer);
//   drivers.Register(driver_num::kNvmStorage, nv);
#ifndef TOCKPP_CAPSULES_NONVOLATILE_STORAGE_NONVOLATILE_STORAGE_DRIVER_H_
#define TOCKPP_CAPSULES_NONVOLATILE_STORAGE_NONVOLATILE_STORAGE_DRIVER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "capsules/driver_numbers.h"
#include "hil/nonvolatile_storage.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"
#include "kernel/take_cell.h"

namespace tock::capsules {

struct NonvolatileStorageApp {
  bool pending = false;
  bool write = false;
  uint32_t offset = 0;
  uint32_t length = 0;
};

class NonvolatileStorageDriver final : public SyscallDriver,
                                       public hil::nonvolatile_storage::Client {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kNvmStorage;
  static constexpr uint32_t kUpcallReadDone = 0;
  static constexpr uint32_t kUpcallWriteDone = 1;
  using GrantType = Grant<NonvolatileStorageApp, UpcallCount<2>, AllowRoCount<1>, AllowRwCount<1>>;

  // buffer: the kernel's staging buffer; one operation moves at most buffer.size() bytes.
  NonvolatileStorageDriver(hil::nonvolatile_storage::NonvolatileStorage& storage, GrantType& grant,
                           uint32_t userspace_start, uint32_t userspace_length,
                           std::span<uint8_t> buffer);

  // 0 exists; 1 size (SuccessU32); 2 read; 3 write. Out-of-range INVAL, no allowed buffer
  // RESERVE, a second queued request from the same app NOMEM. Other: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override;

  void ReadDone(uint8_t* buffer, size_t length) override;
  void WriteDone(uint8_t* buffer, size_t length) override;

 private:
  Result<void> Enqueue(bool write, uint32_t offset, uint32_t length, ProcessId pid);
  // Starts app's request on the storage (copying the data first for a write).
  Result<void> Start(ProcessId pid, NonvolatileStorageApp& app, GrantKernelData& kd);
  void CheckQueue();

  hil::nonvolatile_storage::NonvolatileStorage& storage_;
  GrantType& grant_;
  uint32_t userspace_start_;
  uint32_t userspace_length_;
  // The staging buffer; empty while an operation is in flight (the storage holds it).
  TakeCell<uint8_t[]> buffer_;
  const size_t buffer_size_;
  std::optional<ProcessId> current_;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_NONVOLATILE_STORAGE_NONVOLATILE_STORAGE_DRIVER_H_
