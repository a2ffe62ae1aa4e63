// NonvolatileToPages implementation.
#include "capsules/nonvolatile_storage/nonvolatile_to_pages.h"

#include <cstring>

namespace tock::capsules {

NonvolatileToPages::NonvolatileToPages(hil::flash::Flash& flash, std::span<uint8_t> page_buffer)
    : flash_(flash), page_(page_buffer) {
  flash_.SetClient(*this);
}

Result<void> NonvolatileToPages::Read(uint8_t* buffer, size_t address, size_t length) {
  return Begin(State::kReading, buffer, address, length);
}

Result<void> NonvolatileToPages::Write(uint8_t* buffer, size_t address, size_t length) {
  return Begin(State::kWriting, buffer, address, length);
}

Result<void> NonvolatileToPages::Begin(State state, uint8_t* buffer, size_t address,
                                       size_t length) {
  if (state_ != State::kIdle) {
    return ErrorCode::kBusy;
  }
  if (page_.size() != flash_.PageSize() || page_.empty()) {
    return ErrorCode::kSize;
  }
  const size_t capacity = flash_.PageSize() * flash_.PageCount();
  if (address >= capacity || length > capacity - address || buffer == nullptr) {
    return ErrorCode::kInval;
  }
  writing_ = state == State::kWriting;
  buffer_ = buffer;
  address_ = address;
  length_ = length;
  done_ = 0;
  Result<void> r = Step();
  if (!r.ok()) {
    state_ = State::kIdle;
  }
  return r;
}

size_t NonvolatileToPages::ChunkLength() const {
  const size_t room = page_.size() - ChunkOffset();
  const size_t left = length_ - done_;
  return left < room ? left : room;
}

Result<void> NonvolatileToPages::Step() {
  const size_t n = ChunkLength();
  if (writing_ && n == page_.size()) {
    // A whole page: no need to fetch what is there.
    std::memcpy(page_.data(), buffer_ + done_, n);
    state_ = State::kWriting;
    return flash_.WritePage(ChunkPage(), page_.data(), page_.size());
  }
  state_ = writing_ ? State::kWriteFetch : State::kReading;
  return flash_.ReadPage(ChunkPage(), page_.data(), page_.size());
}

void NonvolatileToPages::Finish() {
  const bool was_write = writing_;
  state_ = State::kIdle;
  if (client_ == nullptr) {
    return;
  }
  if (was_write) {
    client_->WriteDone(buffer_, done_);
  } else {
    client_->ReadDone(buffer_, done_);
  }
}

void NonvolatileToPages::ReadComplete(uint8_t* /*buffer*/, size_t /*len*/, Result<void> status) {
  if (!status.ok()) {
    Finish();  // reports the bytes done so far
    return;
  }
  const size_t n = ChunkLength();
  if (state_ == State::kWriteFetch) {
    std::memcpy(page_.data() + ChunkOffset(), buffer_ + done_, n);
    state_ = State::kWriting;
    if (!flash_.WritePage(ChunkPage(), page_.data(), page_.size()).ok()) {
      Finish();
    }
    return;
  }
  std::memcpy(buffer_ + done_, page_.data() + ChunkOffset(), n);
  done_ += n;
  if (done_ == length_ || !Step().ok()) {
    Finish();
  }
}

void NonvolatileToPages::WriteComplete(uint8_t* /*buffer*/, size_t /*len*/, Result<void> status) {
  if (!status.ok()) {
    Finish();
    return;
  }
  done_ += ChunkLength();
  if (done_ == length_ || !Step().ok()) {
    Finish();
  }
}

void NonvolatileToPages::EraseComplete(Result<void> /*status*/) {}

}  // namespace tock::capsules
