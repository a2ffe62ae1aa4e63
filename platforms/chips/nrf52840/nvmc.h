// nRF52840 NVMC (0x4001E000; nRF52840 PS §4.3) as tock::hil::flash::Flash over the 256 pages
// of 4 KiB internal flash. The NVMC stalls the CPU while it writes or erases, so each
// operation runs to completion in the call and reports through a deferred call.
// Trusted chip code: boards must keep capsules away from pages holding the kernel or apps.
#ifndef TOCKPP_PLATFORMS_CHIPS_NRF52840_NVMC_H_
#define TOCKPP_PLATFORMS_CHIPS_NRF52840_NVMC_H_

#include <cstddef>
#include <cstdint>

#include "hil/flash.h"
#include "kernel/deferred_call.h"
#include "platforms/arch/cortex_m/registers.h"
#include "platforms/chips/nrf52840/uarte.h"

namespace tock::nrf52840 {

struct NvmcConfig {
  static constexpr cm::Field<uint32_t, NvmcConfig, 0, 2> kWen{};
  static constexpr uint32_t kReadOnly = 0, kWrite = 1, kErase = 2;
};
struct NvmcReady {
  static constexpr cm::Field<uint32_t, NvmcReady, 0, 1> kReady{};
};

struct NvmcRegisters {
  cm::Reserved<0x400> r0;
  cm::ReadOnly<uint32_t, NvmcReady> ready;  // 0x400
  cm::Reserved<0x504 - 0x404> r1;
  cm::ReadWrite<uint32_t, NvmcConfig> config;  // 0x504
  cm::WriteOnly<uint32_t> erasepage;           // 0x508
};
static_assert(offsetof(NvmcRegisters, ready) == 0x400);
static_assert(offsetof(NvmcRegisters, erasepage) == 0x508);

inline constexpr uintptr_t kNvmcBase = 0x4001'E000;

class Nvmc final : public tock::hil::flash::Flash, public tock::DeferredCallClient {
 public:
  static constexpr size_t kPageSize = 4096;
  static constexpr size_t kPageCount = 256;

  // NVMC registers at `regs_base`, flash page 0 at `flash_base` (tests: fakes of both).
  explicit Nvmc(uintptr_t regs_base = kNvmcBase, uintptr_t flash_base = 0)
      : regs_(regs_base), flash_(flash_base) {
    deferred_.RegisterClient(*this);
  }

  void SetClient(tock::hil::flash::Client& client) override { client_ = &client; }
  size_t PageSize() const override { return kPageSize; }
  size_t PageCount() const override { return kPageCount; }
  tock::Result<void> ReadPage(size_t page_number, uint8_t* buffer, size_t len) override;
  tock::Result<void> WritePage(size_t page_number, uint8_t* buffer, size_t len) override;
  tock::Result<void> ErasePage(size_t page_number) override;

  void HandleDeferredCall() override;

 private:
  enum class Op : uint8_t { kNone, kRead, kWrite, kErase };
  tock::Result<void> Check(size_t page_number, size_t len, bool needs_buffer) const;
  void WaitReady() const;
  // Erases one page, blocking (the CPU stalls anyway while the NVMC erases).
  void Erase(size_t page_number);

  // Flash as 32-bit words, read and programmed through the register seam.
  struct FlashPage {
    cm::ReadWrite<uint32_t> words[kPageSize / 4];
  };
  FlashPage& Page(size_t page_number) const {
    return *cm::StaticRef<FlashPage>(flash_ + page_number * kPageSize);
  }

  cm::StaticRef<NvmcRegisters> regs_;
  uintptr_t flash_;
  tock::DeferredCall deferred_;
  tock::hil::flash::Client* client_ = nullptr;
  Op op_ = Op::kNone;
  uint8_t* buffer_ = nullptr;
};

}  // namespace tock::nrf52840

#endif  // TOCKPP_PLATFORMS_CHIPS_NRF52840_NVMC_H_
