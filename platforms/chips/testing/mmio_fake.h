// Register-level fakes for chip driver tests (host only). A FakeBlock<Regs> owns a register
// block in RAM and installs itself as the MMIO bus (platforms/arch/cortex_m/registers.h), so
// every load and store a driver makes inside the block reaches the virtual Read/Write below.
// A device model derives from it and overrides them to add side effects: a task write raising
// an event, a data read popping a FIFO, a write-1-to-clear status. Blocks nest: each remembers
// the bus installed before it and passes on accesses outside its range (destroy in reverse
// order, as members and locals are).
#ifndef TOCKPP_PLATFORMS_CHIPS_TESTING_MMIO_FAKE_H_
#define TOCKPP_PLATFORMS_CHIPS_TESTING_MMIO_FAKE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>

#include "platforms/arch/cortex_m/registers.h"

namespace tock::chips::testing {

template <typename Regs>
class FakeBlock : public cortex_m::MmioBus {
 public:
  FakeBlock() : storage_(new (std::align_val_t{16}) Regs{}), previous_(cortex_m::g_mmio_bus) {
    cortex_m::g_mmio_bus = this;
  }
  FakeBlock(const FakeBlock&) = delete;
  FakeBlock& operator=(const FakeBlock&) = delete;
  virtual ~FakeBlock() {
    cortex_m::g_mmio_bus = previous_;
    storage_->~Regs();
    ::operator delete (static_cast<void*>(storage_), std::align_val_t{16});
  }

  // The address to hand a driver as its register block base.
  uintptr_t base() const { return reinterpret_cast<uintptr_t>(storage_); }

  // Raw register memory, bypassing the model (what the model itself and test checks use).
  uint32_t Peek(size_t offset) const {
    uint32_t v;
    std::memcpy(&v, Bytes() + offset, sizeof(v));
    return v;
  }
  void Poke(size_t offset, uint32_t value) { std::memcpy(Bytes() + offset, &value, sizeof(value)); }

  // Every store the driver made, in order (offset, value).
  struct Access {
    size_t offset;
    uint32_t value;
  };
  size_t StoreCount(size_t offset) const {
    size_t n = 0;
    for (size_t i = 0; i < log_len_; ++i) {
      n += log_[i].offset == offset ? 1 : 0;
    }
    return n;
  }
  size_t stores() const { return log_len_; }
  const Access& store(size_t i) const { return log_[i]; }

  // ---- MmioBus ----
  bool Load(uintptr_t address, size_t size, uint64_t& value) override {
    if (!Mine(address, size)) {
      return previous_ != nullptr && previous_->Load(address, size, value);
    }
    value = Read(address - base());
    return true;
  }
  bool Store(uintptr_t address, size_t size, uint64_t value) override {
    if (!Mine(address, size)) {
      return previous_ != nullptr && previous_->Store(address, size, value);
    }
    const size_t offset = address - base();
    if (log_len_ < kLogCapacity) {
      log_[log_len_++] = {offset, static_cast<uint32_t>(value)};
    }
    Write(offset, static_cast<uint32_t>(value));
    return true;
  }

 protected:
  // The device model: what a driver's load returns and what its store does. Default: memory.
  virtual uint32_t Read(size_t offset) { return Peek(offset); }
  virtual void Write(size_t offset, uint32_t value) { Poke(offset, value); }

 private:
  static constexpr size_t kLogCapacity = 4096;

  bool Mine(uintptr_t address, size_t size) const {
    return size == 4 && address >= base() && address + size <= base() + sizeof(Regs);
  }
  unsigned char* Bytes() const { return reinterpret_cast<unsigned char*>(storage_); }

  Regs* storage_;
  cortex_m::MmioBus* previous_;
  std::unique_ptr<Access[]> log_{new Access[kLogCapacity]};
  size_t log_len_ = 0;
};

}  // namespace tock::chips::testing

#endif  // TOCKPP_PLATFORMS_CHIPS_TESTING_MMIO_FAKE_H_
