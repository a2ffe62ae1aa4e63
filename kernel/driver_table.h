// The board's table of system-call drivers, looked up by driver number (reference
// drivers-and-memory.md §1). Fixed capacity chosen at the wiring site; an absent number
// answers nullptr, which the kernel turns into NODEVICE. Trusted board code fills it.
#ifndef TOCKPP_KERNEL_DRIVER_TABLE_H_
#define TOCKPP_KERNEL_DRIVER_TABLE_H_

#include <cstddef>
#include <cstdint>

#include "kernel/error_code.h"
#include "kernel/syscall_driver.h"

namespace tock {

// What the kernel needs: number -> driver.
class SyscallDriverLookup {
 public:
  virtual SyscallDriver* Lookup(uint32_t driver_num) const = 0;

 protected:
  ~SyscallDriverLookup() = default;
};

template <size_t kCapacity>
class DriverTable final : public SyscallDriverLookup {
 public:
  // kAlready if the number is taken, kNoMem if the table is full.
  Result<void> Register(uint32_t driver_num, SyscallDriver& driver) {
    if (Lookup(driver_num) != nullptr) {
      return ErrorCode::kAlready;
    }
    if (count_ == kCapacity) {
      return ErrorCode::kNoMem;
    }
    entries_[count_++] = Entry{driver_num, &driver};
    return {};
  }

  SyscallDriver* Lookup(uint32_t driver_num) const override {
    for (size_t i = 0; i < count_; ++i) {
      if (entries_[i].num == driver_num) {
        return entries_[i].driver;
      }
    }
    return nullptr;
  }

  size_t size() const { return count_; }

 private:
  struct Entry {
    uint32_t num;
    SyscallDriver* driver;
  };
  Entry entries_[kCapacity] = {};
  size_t count_ = 0;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_DRIVER_TABLE_H_
