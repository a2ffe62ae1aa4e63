// Base of the register-level nRF52 peripheral models used by this folder's tests (host only).
// It follows the PS's common register scheme (§4.3 "Peripheral interface"): writing 1 to a
// TASKS_x register (0x000-0x0FC) triggers the task; EVENTS_x at 0x100 + 4n is a plain register
// the hardware sets and software clears by writing 0, and INTEN bit n (INTENSET 0x304 /
// INTENCLR 0x308 set / clear bits, both read back INTEN) lets it raise the peripheral's IRQ.
#ifndef TOCKPP_PLATFORMS_CHIPS_NRF52840_NRF_FAKE_H_
#define TOCKPP_PLATFORMS_CHIPS_NRF52840_NRF_FAKE_H_

#include <cstddef>
#include <cstdint>

#include "platforms/chips/testing/mmio_fake.h"

namespace tock::nrf52840::testing {

template <typename Regs>
class NrfPeripheralFake : public chips::testing::FakeBlock<Regs> {
 public:
  static constexpr size_t kEvents = 0x100;
  static constexpr size_t kInten = 0x300;
  static constexpr size_t kIntenset = 0x304;
  static constexpr size_t kIntenclr = 0x308;

  uint32_t inten() const { return inten_; }
  // The peripheral's IRQ line: an enabled event is set.
  bool irq() const {
    for (size_t n = 0; n < 32; ++n) {
      if ((inten_ >> n & 1u) != 0 && this->Peek(kEvents + 4 * n) != 0) {
        return true;
      }
    }
    return false;
  }
  void RaiseEvent(size_t offset) { this->Poke(offset, 1); }

 protected:
  // A task was triggered.
  virtual void Task(size_t offset) { (void)offset; }
  // Any other register written (default: memory).
  virtual void WriteRegister(size_t offset, uint32_t value) { this->Poke(offset, value); }

  uint32_t Read(size_t offset) override {
    if (offset == kInten || offset == kIntenset || offset == kIntenclr) {
      return inten_;
    }
    return this->Peek(offset);
  }
  void Write(size_t offset, uint32_t value) override {
    if (offset < kEvents) {
      if ((value & 1u) != 0) {
        Task(offset);
      }
    } else if (offset == kInten) {
      inten_ = value;
    } else if (offset == kIntenset) {
      inten_ |= value;
    } else if (offset == kIntenclr) {
      inten_ &= ~value;
    } else {
      WriteRegister(offset, value);
    }
  }

 private:
  uint32_t inten_ = 0;
};

}  // namespace tock::nrf52840::testing

#endif  // TOCKPP_PLATFORMS_CHIPS_NRF52840_NRF_FAKE_H_
