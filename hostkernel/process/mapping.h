// RAII owner of one mmap'ed range in tockd's own address space (host-only).
#ifndef TOCKPP_HOSTKERNEL_PROCESS_MAPPING_H_
#define TOCKPP_HOSTKERNEL_PROCESS_MAPPING_H_

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace tock::hostkernel {

class Mapping {
 public:
  Mapping() = default;
  Mapping(void* addr, size_t len) : addr_(static_cast<uint8_t*>(addr)), len_(len) {}
  Mapping(Mapping&& o) noexcept
      : addr_(std::exchange(o.addr_, nullptr)), len_(std::exchange(o.len_, 0)) {}
  Mapping& operator=(Mapping&& o) noexcept {
    if (this != &o) {
      Reset();
      addr_ = std::exchange(o.addr_, nullptr);
      len_ = std::exchange(o.len_, 0);
    }
    return *this;
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() { Reset(); }

  uint8_t* data() const { return addr_; }
  size_t size() const { return len_; }
  void Reset() {
    if (addr_ != nullptr) {
      ::munmap(addr_, len_);
    }
    addr_ = nullptr;
    len_ = 0;
  }

 private:
  uint8_t* addr_ = nullptr;
  size_t len_ = 0;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_MAPPING_H_
