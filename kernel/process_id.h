// ProcessId: the handle capsules keep to name a process. It pairs the process's slot in the
// kernel's process table with a unique identifier that changes on every restart, so a stale id
// (the process restarted or exited) no longer matches and grant entry fails with kInval.
#ifndef TOCKPP_KERNEL_PROCESS_ID_H_
#define TOCKPP_KERNEL_PROCESS_ID_H_

#include <cstdint>

namespace tock {

class ProcessId {
 public:
  constexpr ProcessId() = default;
  constexpr ProcessId(uint16_t index, uint32_t identifier) : index_(index), id_(identifier) {}

  // Slot in the kernel's process table.
  constexpr uint16_t index() const { return index_; }
  // Unique, never reused while the kernel runs (what upstream prints as the app id).
  constexpr uint32_t id() const { return id_; }
  constexpr bool valid() const { return id_ != 0; }

  friend constexpr bool operator==(ProcessId a, ProcessId b) {
    return a.index_ == b.index_ && a.id_ == b.id_;
  }
  friend constexpr bool operator!=(ProcessId a, ProcessId b) { return !(a == b); }

 private:
  uint16_t index_ = 0;
  uint32_t id_ = 0;  // 0 = no process
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_PROCESS_ID_H_
