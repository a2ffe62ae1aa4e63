// RamFlash: the flash HIL (hil/flash.h) on a plain RAM region, for boards whose flash cannot be
// written (QEMU's MPS2-AN386 has RAM only): pages are memcpy'd, and every completion comes
// from a deferred call, never inside the request, as a real flash controller's interrupt would.
// The region is erased (0xFF) by Init, so its contents last until the next boot only.
// Untrusted driver code: touches only its region and the page buffers it is handed.
//
// Wiring (board, statics; the region from the board's layout.ld):
//   RamFlash ram_flash(region_start, region_bytes, 4096);
//   ram_flash.Init();
//   NonvolatileToPages nv_pages(ram_flash, page_buffer);
#ifndef TOCKPP_PLATFORMS_BOARDS_COMMON_RAM_FLASH_H_
#define TOCKPP_PLATFORMS_BOARDS_COMMON_RAM_FLASH_H_

#include <cstddef>
#include <cstdint>

#include "hil/flash.h"
#include "kernel/deferred_call.h"

namespace tock::boards {

class RamFlash final : public tock::hil::flash::Flash, public tock::DeferredCallClient {
 public:
  // `bytes / page_size` whole pages from `start`.
  RamFlash(uint8_t* start, size_t bytes, size_t page_size);
  RamFlash(const RamFlash&) = delete;
  RamFlash& operator=(const RamFlash&) = delete;

  // Erases every page (no completion).
  void Init();

  void SetClient(tock::hil::flash::Client& client) override { client_ = &client; }
  size_t PageSize() const override { return page_size_; }
  size_t PageCount() const override { return page_count_; }
  tock::Result<void> ReadPage(size_t page_number, uint8_t* buffer, size_t len) override;
  tock::Result<void> WritePage(size_t page_number, uint8_t* buffer, size_t len) override;
  tock::Result<void> ErasePage(size_t page_number) override;

  void HandleDeferredCall() override;

 private:
  enum class Op : uint8_t { kNone, kRead, kWrite, kErase };

  tock::Result<void> Begin(Op op, size_t page_number, uint8_t* buffer, size_t len);
  uint8_t* Page(size_t page_number) const { return start_ + page_number * page_size_; }

  uint8_t* start_;
  size_t page_size_;
  size_t page_count_;
  tock::hil::flash::Client* client_ = nullptr;
  Op op_ = Op::kNone;
  size_t page_ = 0;
  uint8_t* buffer_ = nullptr;
  tock::DeferredCall deferred_;
};

}  // namespace tock::boards

#endif  // TOCKPP_PLATFORMS_BOARDS_COMMON_RAM_FLASH_H_
