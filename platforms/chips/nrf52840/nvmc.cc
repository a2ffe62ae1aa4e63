// nRF52840 NVMC page read/write/erase.
#include "platforms/chips/nrf52840/nvmc.h"

namespace tock::nrf52840 {

using tock::ErrorCode;
using tock::Result;

Result<void> Nvmc::Check(size_t page_number, size_t len, bool needs_buffer) const {
  if (op_ != Op::kNone) {
    return ErrorCode::kBusy;
  }
  if (page_number >= kPageCount) {
    return ErrorCode::kInval;
  }
  if (needs_buffer && len != kPageSize) {
    return ErrorCode::kSize;
  }
  return Result<void>::Ok();
}

void Nvmc::WaitReady() const {
  while (!regs_->ready.IsSet(NvmcReady::kReady)) {
  }
}

void Nvmc::Erase(size_t page_number) {
  regs_->config.Write(NvmcConfig::kWen.Val(NvmcConfig::kErase));
  WaitReady();
  // ERASEPAGE takes the page's flash address (flash starts at 0).
  regs_->erasepage.Set(static_cast<uint32_t>(page_number * kPageSize));
  WaitReady();
  regs_->config.Write(NvmcConfig::kWen.Val(NvmcConfig::kReadOnly));
}

Result<void> Nvmc::ReadPage(size_t page_number, uint8_t* buffer, size_t len) {
  if (auto r = Check(page_number, len, true); !r.ok()) {
    return r;
  }
  const FlashPage& src = Page(page_number);
  for (size_t i = 0; i < kPageSize / 4; ++i) {
    uint32_t w = src.words[i].Get();
    for (size_t b = 0; b < 4; ++b) {
      buffer[i * 4 + b] = static_cast<uint8_t>(w >> (8 * b));
    }
  }
  op_ = Op::kRead;
  buffer_ = buffer;
  deferred_.Set();
  return Result<void>::Ok();
}

Result<void> Nvmc::WritePage(size_t page_number, uint8_t* buffer, size_t len) {
  if (auto r = Check(page_number, len, true); !r.ok()) {
    return r;
  }
  // Programming only clears bits: erase first so that the page holds exactly `buffer`.
  Erase(page_number);
  FlashPage& dst = Page(page_number);
  regs_->config.Write(NvmcConfig::kWen.Val(NvmcConfig::kWrite));
  WaitReady();
  for (size_t i = 0; i < kPageSize / 4; ++i) {
    uint32_t w = 0;
    for (size_t b = 0; b < 4; ++b) {
      w |= uint32_t{buffer[i * 4 + b]} << (8 * b);
    }
    dst.words[i].Set(w);
    WaitReady();
  }
  regs_->config.Write(NvmcConfig::kWen.Val(NvmcConfig::kReadOnly));
  op_ = Op::kWrite;
  buffer_ = buffer;
  deferred_.Set();
  return Result<void>::Ok();
}

Result<void> Nvmc::ErasePage(size_t page_number) {
  if (auto r = Check(page_number, 0, false); !r.ok()) {
    return r;
  }
  Erase(page_number);
  op_ = Op::kErase;
  deferred_.Set();
  return Result<void>::Ok();
}

void Nvmc::HandleDeferredCall() {
  Op op = op_;
  uint8_t* buf = buffer_;
  op_ = Op::kNone;
  buffer_ = nullptr;
  if (client_ == nullptr) {
    return;
  }
  switch (op) {
    case Op::kRead:
      client_->ReadComplete(buf, kPageSize, Result<void>::Ok());
      break;
    case Op::kWrite:
      client_->WriteComplete(buf, kPageSize, Result<void>::Ok());
      break;
    case Op::kErase:
      client_->EraseComplete(Result<void>::Ok());
      break;
    case Op::kNone:
      break;
  }
}

}  // namespace tock::nrf52840
