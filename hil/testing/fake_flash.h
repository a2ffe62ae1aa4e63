// FakeFlash: a hil::flash::Flash for tests backed by host memory. Operations stay pending
// until the test calls Complete() (or CompleteAll()), so split-phase ordering can be checked;
// as a Completable it lets the fuzz harness complete them.
// Freestanding: the memory is a fixed array of kCapacity bytes (a larger geometry traps).
#ifndef TOCKPP_HIL_TESTING_FAKE_FLASH_H_
#define TOCKPP_HIL_TESTING_FAKE_FLASH_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "hil/flash.h"
#include "hil/testing/completable.h"

namespace tock::hil::testing {

class FakeFlash final : public flash::Flash, public Completable {
 public:
  explicit FakeFlash(size_t page_size = 512, size_t page_count = 8)
      : page_size_(page_size), page_count_(page_count) {
    if (page_size * page_count > kCapacity) {
      __builtin_trap();
    }
    memory_.fill(0xFF);
  }

  static constexpr size_t kCapacity = 4096;

  void SetClient(flash::Client& client) override { client_ = &client; }
  size_t PageSize() const override { return page_size_; }
  size_t PageCount() const override { return page_count_; }
  Result<void> ReadPage(size_t page, uint8_t* buffer, size_t len) override {
    return Start(Op::kRead, page, buffer, len);
  }
  Result<void> WritePage(size_t page, uint8_t* buffer, size_t len) override {
    return Start(Op::kWrite, page, buffer, len);
  }
  Result<void> ErasePage(size_t page) override {
    return Start(Op::kErase, page, nullptr, page_size_);
  }

  // --- test controls ---
  bool busy() const { return op_ != Op::kNone; }
  // Completable (fuzz harness): every completion succeeds.
  bool HasPending() const override { return busy(); }
  void Complete(uint32_t /*choice*/) override { static_cast<void>(Complete()); }
  uint8_t* page(size_t n) { return memory_.data() + n * page_size_; }
  size_t operations() const { return operations_; }
  // The pending operation never happens and never completes (a crash before it ran).
  void Abandon() { op_ = Op::kNone; }
  // Completes operations until none is pending (the client may start new ones).
  size_t CompleteAll(size_t limit = 100000) {
    size_t n = 0;
    while (n < limit && Complete()) {
      ++n;
    }
    return n;
  }
  // Performs the pending operation and calls the client. False if none was pending.
  bool Complete() {
    Op op = op_;
    op_ = Op::kNone;
    uint8_t* dst = page(page_);
    switch (op) {
      case Op::kNone:
        return false;
      case Op::kRead:
        std::memcpy(buffer_, dst, page_size_);
        if (client_) {
          client_->ReadComplete(buffer_, page_size_, Result<void>::Ok());
        }
        return true;
      case Op::kWrite:
        // The HIL's WritePage replaces the page (erase included).
        std::memcpy(dst, buffer_, page_size_);
        if (client_) {
          client_->WriteComplete(buffer_, page_size_, Result<void>::Ok());
        }
        return true;
      case Op::kErase:
        std::memset(dst, 0xFF, page_size_);
        if (client_) {
          client_->EraseComplete(Result<void>::Ok());
        }
        return true;
    }
    return false;
  }

 private:
  enum class Op { kNone, kRead, kWrite, kErase };
  Result<void> Start(Op op, size_t page, uint8_t* buffer, size_t len) {
    if (op_ != Op::kNone) {
      return ErrorCode::kBusy;
    }
    if (page >= page_count_) {
      return ErrorCode::kInval;
    }
    if (len != page_size_) {
      return ErrorCode::kSize;
    }
    op_ = op;
    ++operations_;
    page_ = page;
    buffer_ = buffer;
    return Result<void>::Ok();
  }

  size_t page_size_;
  size_t page_count_;
  std::array<uint8_t, kCapacity> memory_;
  flash::Client* client_ = nullptr;
  Op op_ = Op::kNone;
  size_t page_ = 0;
  uint8_t* buffer_ = nullptr;
  size_t operations_ = 0;
};

}  // namespace tock::hil::testing

#endif  // TOCKPP_HIL_TESTING_FAKE_FLASH_H_
