// Flash virtualizer (upstream capsules_core::virtualizers::virtual_flash): several users share
// one hil::flash::Flash. Each FlashUser is a Flash of its own over a window of the pages
// [first_page, first_page + page_count) (page 0 of the user is first_page of the flash); one
// operation per user is queued while another user's runs, and they run in arrival order of
// the users' list. A user's operation outside its window is INVAL, a second one while its first
// is pending BUSY, as a chip would answer.
//
// Wiring (board, static):
//   MuxFlash mux(chip.flash());
//   FlashUser nv_pages(mux, 0, 16), kv_pages(mux, 16, 32);
#ifndef TOCKPP_CAPSULES_VIRTUAL_FLASH_VIRTUAL_FLASH_H_
#define TOCKPP_CAPSULES_VIRTUAL_FLASH_VIRTUAL_FLASH_H_

#include <cstddef>
#include <cstdint>

#include "hil/flash.h"

namespace tock::capsules {

class FlashUser;

class MuxFlash final : public hil::flash::Client {
 public:
  explicit MuxFlash(hil::flash::Flash& flash) : flash_(flash) { flash_.SetClient(*this); }
  MuxFlash(const MuxFlash&) = delete;
  MuxFlash& operator=(const MuxFlash&) = delete;

  hil::flash::Flash& flash() { return flash_; }

  void ReadComplete(uint8_t* buffer, size_t len, Result<void> status) override;
  void WriteComplete(uint8_t* buffer, size_t len, Result<void> status) override;
  void EraseComplete(Result<void> status) override;

 private:
  friend class FlashUser;
  void Add(FlashUser& user);
  // Starts queued operations while the flash is idle.
  void Run();

  hil::flash::Flash& flash_;
  FlashUser* users_ = nullptr;    // singly linked, in Add order
  FlashUser* current_ = nullptr;  // whose operation the flash runs
};

class FlashUser final : public hil::flash::Flash {
 public:
  FlashUser(MuxFlash& mux, size_t first_page, size_t page_count);
  FlashUser(const FlashUser&) = delete;
  FlashUser& operator=(const FlashUser&) = delete;

  void SetClient(hil::flash::Client& client) override { client_ = &client; }
  size_t PageSize() const override { return mux_.flash_.PageSize(); }
  size_t PageCount() const override { return page_count_; }
  Result<void> ReadPage(size_t page_number, uint8_t* buffer, size_t len) override {
    return Queue(Op::kRead, page_number, buffer, len);
  }
  Result<void> WritePage(size_t page_number, uint8_t* buffer, size_t len) override {
    return Queue(Op::kWrite, page_number, buffer, len);
  }
  Result<void> ErasePage(size_t page_number) override {
    return Queue(Op::kErase, page_number, nullptr, PageSize());
  }

 private:
  friend class MuxFlash;
  enum class Op : uint8_t { kNone, kRead, kWrite, kErase };
  Result<void> Queue(Op op, size_t page_number, uint8_t* buffer, size_t len);
  // Starts this user's operation on the flash.
  Result<void> Start();

  MuxFlash& mux_;
  size_t first_page_;
  size_t page_count_;
  hil::flash::Client* client_ = nullptr;
  FlashUser* next_ = nullptr;
  Op op_ = Op::kNone;  // queued or running
  bool running_ = false;
  size_t page_ = 0;
  uint8_t* buffer_ = nullptr;
  size_t len_ = 0;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_VIRTUAL_FLASH_VIRTUAL_FLASH_H_
