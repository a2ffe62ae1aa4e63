// RamFlash: page operations on RAM, completed from a deferred call.
#include "platforms/boards/common/ram_flash.h"

#include <cstring>

namespace tock::boards {

using tock::ErrorCode;
using tock::Result;

RamFlash::RamFlash(uint8_t* start, size_t bytes, size_t page_size)
    : start_(start), page_size_(page_size), page_count_(page_size == 0 ? 0 : bytes / page_size) {
  deferred_.RegisterClient(*this);
}

void RamFlash::Init() { std::memset(start_, 0xFF, page_count_ * page_size_); }

Result<void> RamFlash::Begin(Op op, size_t page_number, uint8_t* buffer, size_t len) {
  if (op_ != Op::kNone) {
    return ErrorCode::kBusy;
  }
  if (page_number >= page_count_) {
    return ErrorCode::kInval;
  }
  if (op != Op::kErase && len != page_size_) {
    return ErrorCode::kSize;
  }
  op_ = op;
  page_ = page_number;
  buffer_ = buffer;
  deferred_.Set();
  return Result<void>::Ok();
}

Result<void> RamFlash::ReadPage(size_t page_number, uint8_t* buffer, size_t len) {
  return Begin(Op::kRead, page_number, buffer, len);
}

Result<void> RamFlash::WritePage(size_t page_number, uint8_t* buffer, size_t len) {
  return Begin(Op::kWrite, page_number, buffer, len);
}

Result<void> RamFlash::ErasePage(size_t page_number) {
  return Begin(Op::kErase, page_number, nullptr, page_size_);
}

void RamFlash::HandleDeferredCall() {
  // The copy happens here, when the "controller" finishes, so a buffer handed over is read or
  // filled at completion time, as with DMA; the operation ends before the client runs, so the
  // client may start the next one from its callback.
  const Op op = op_;
  uint8_t* const buffer = buffer_;
  op_ = Op::kNone;
  buffer_ = nullptr;
  switch (op) {
    case Op::kRead:
      std::memcpy(buffer, Page(page_), page_size_);
      if (client_ != nullptr) {
        client_->ReadComplete(buffer, page_size_, Result<void>::Ok());
      }
      break;
    case Op::kWrite:
      std::memcpy(Page(page_), buffer, page_size_);
      if (client_ != nullptr) {
        client_->WriteComplete(buffer, page_size_, Result<void>::Ok());
      }
      break;
    case Op::kErase:
      std::memset(Page(page_), 0xFF, page_size_);
      if (client_ != nullptr) {
        client_->EraseComplete(Result<void>::Ok());
      }
      break;
    case Op::kNone:
      break;
  }
}

}  // namespace tock::boards
