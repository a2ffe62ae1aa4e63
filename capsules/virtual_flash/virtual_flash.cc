// Flash virtualizer implementation.
#include "capsules/virtual_flash/virtual_flash.h"

namespace tock::capsules {

void MuxFlash::Add(FlashUser& user) {
  FlashUser** tail = &users_;
  while (*tail != nullptr) {
    tail = &(*tail)->next_;
  }
  *tail = &user;
}

void MuxFlash::Run() {
  if (current_ != nullptr) {
    return;
  }
  for (FlashUser* u = users_; u != nullptr; u = u->next_) {
    if (u->op_ == FlashUser::Op::kNone || u->running_) {
      continue;
    }
    const Result<void> r = u->Start();
    if (r.ok()) {
      u->running_ = true;
      current_ = u;
      return;
    }
    // The flash refused (it checked what the user check let through): report it as a failed
    // completion so the user is not left waiting, then try the next one.
    const FlashUser::Op op = u->op_;
    u->op_ = FlashUser::Op::kNone;
    if (u->client_ != nullptr) {
      if (op == FlashUser::Op::kRead) {
        u->client_->ReadComplete(u->buffer_, u->len_, r.error());
      } else if (op == FlashUser::Op::kWrite) {
        u->client_->WriteComplete(u->buffer_, u->len_, r.error());
      } else {
        u->client_->EraseComplete(r.error());
      }
    }
    if (current_ != nullptr) {
      return;  // the client started something that is now running
    }
  }
}

void MuxFlash::ReadComplete(uint8_t* buffer, size_t len, Result<void> status) {
  FlashUser* u = current_;
  current_ = nullptr;
  if (u != nullptr) {
    u->op_ = FlashUser::Op::kNone;
    u->running_ = false;
    if (u->client_ != nullptr) {
      u->client_->ReadComplete(buffer, len, status);
    }
  }
  Run();
}

void MuxFlash::WriteComplete(uint8_t* buffer, size_t len, Result<void> status) {
  FlashUser* u = current_;
  current_ = nullptr;
  if (u != nullptr) {
    u->op_ = FlashUser::Op::kNone;
    u->running_ = false;
    if (u->client_ != nullptr) {
      u->client_->WriteComplete(buffer, len, status);
    }
  }
  Run();
}

void MuxFlash::EraseComplete(Result<void> status) {
  FlashUser* u = current_;
  current_ = nullptr;
  if (u != nullptr) {
    u->op_ = FlashUser::Op::kNone;
    u->running_ = false;
    if (u->client_ != nullptr) {
      u->client_->EraseComplete(status);
    }
  }
  Run();
}

FlashUser::FlashUser(MuxFlash& mux, size_t first_page, size_t page_count)
    : mux_(mux), first_page_(first_page), page_count_(page_count) {
  if (first_page > mux.flash_.PageCount() || page_count > mux.flash_.PageCount() - first_page) {
    page_count_ = 0;  // a window past the flash: every operation is INVAL
  }
  mux_.Add(*this);
}

Result<void> FlashUser::Start() {
  MuxFlash& m = mux_;
  const size_t page = first_page_ + page_;
  switch (op_) {
    case Op::kRead:
      return m.flash_.ReadPage(page, buffer_, len_);
    case Op::kWrite:
      return m.flash_.WritePage(page, buffer_, len_);
    case Op::kErase:
      return m.flash_.ErasePage(page);
    case Op::kNone:
      break;
  }
  return ErrorCode::kFail;
}

Result<void> FlashUser::Queue(Op op, size_t page_number, uint8_t* buffer, size_t len) {
  if (op_ != Op::kNone) {
    return ErrorCode::kBusy;
  }
  if (page_number >= page_count_) {
    return ErrorCode::kInval;
  }
  if (len != PageSize()) {
    return ErrorCode::kSize;
  }
  op_ = op;
  page_ = page_number;
  buffer_ = buffer;
  len_ = len;
  if (mux_.current_ != nullptr) {
    return Result<void>::Ok();  // runs when the flash is free (MuxFlash::Run)
  }
  // The flash is idle: start now, so a refusal is this call's error and no completion follows.
  Result<void> r = Start();
  if (r.ok()) {
    running_ = true;
    mux_.current_ = this;
  } else {
    op_ = Op::kNone;
  }
  return r;
}

}  // namespace tock::capsules
