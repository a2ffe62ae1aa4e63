// Bounds-checked views of app memory handed to capsules (upstream ReadOnlyProcessBuffer,
// ReadWriteProcessBuffer, UserspaceReadableProcessBuffer). Only the kernel creates them (from an
// allow slot it validated); they cannot be copied or moved, so a capsule holds one only for the
// duration of a grant closure and never keeps a raw pointer. Every access re-checks the length:
// the app may swap or shrink a buffer between kernel activations.
#ifndef TOCKPP_KERNEL_PROCESS_BUFFER_H_
#define TOCKPP_KERNEL_PROCESS_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

#include "kernel/error_code.h"

namespace tock {

class GrantKernelData;

namespace internal {

class ProcessBufferBase {
 public:
  ProcessBufferBase(const ProcessBufferBase&) = delete;
  ProcessBufferBase& operator=(const ProcessBufferBase&) = delete;

  // Length in bytes (0 for an empty / never allowed buffer).
  size_t size() const { return length_; }
  bool empty() const { return length_ == 0; }
  // The app's address of the first byte (what allow passed; meaningless when empty).
  uint32_t address() const { return address_; }

  // Byte i, or kSize when i >= size().
  Result<uint8_t> Get(size_t i) const {
    if (i >= length_) {
      return ErrorCode::kSize;
    }
    return data_[i];
  }
  // Copies bytes [offset, offset + dst.size()) of the buffer into dst; kSize if out of range.
  Result<void> CopyOut(size_t offset, std::span<uint8_t> dst) const {
    if (!InRange(offset, dst.size())) {
      return ErrorCode::kSize;
    }
    if (!dst.empty()) {
      std::memcpy(dst.data(), data_ + offset, dst.size());
    }
    return {};
  }

 protected:
  constexpr ProcessBufferBase(uint32_t address, uint32_t length, uint8_t* data)
      : address_(length == 0 ? 0 : address), length_(data == nullptr ? 0 : length), data_(data) {}
  ~ProcessBufferBase() = default;
  bool InRange(size_t offset, size_t n) const { return offset <= length_ && n <= length_ - offset; }

  uint32_t address_;
  uint32_t length_;
  uint8_t* data_;
};

}  // namespace internal

class ReadOnlyProcessBuffer : public internal::ProcessBufferBase {
 public:
  // A view of [offset, offset + len) clamped to the buffer (empty when offset is past the end).
  ReadOnlyProcessBuffer Slice(size_t offset, size_t len) const {
    if (offset >= length_) {
      return ReadOnlyProcessBuffer(0, 0, nullptr);
    }
    if (len > length_ - offset) {
      len = length_ - offset;
    }
    return ReadOnlyProcessBuffer(address_ + static_cast<uint32_t>(offset),
                                 static_cast<uint32_t>(len), data_ + offset);
  }

 private:
  friend class GrantKernelData;
  friend class ProcessBufferTestPeer;
  constexpr ReadOnlyProcessBuffer(uint32_t address, uint32_t length, const uint8_t* data)
      : ProcessBufferBase(address, length, const_cast<uint8_t*>(data)) {}
};

class ReadWriteProcessBuffer : public internal::ProcessBufferBase {
 public:
  // Writes byte i; kSize when i >= size().
  Result<void> Set(size_t i, uint8_t value) {
    if (i >= length_) {
      return ErrorCode::kSize;
    }
    data_[i] = value;
    return {};
  }
  // Copies src into bytes [offset, offset + src.size()); kSize if out of range.
  Result<void> CopyIn(size_t offset, std::span<const uint8_t> src) {
    if (!InRange(offset, src.size())) {
      return ErrorCode::kSize;
    }
    if (!src.empty()) {
      std::memcpy(data_ + offset, src.data(), src.size());
    }
    return {};
  }
  void Fill(uint8_t value) {
    if (length_ != 0) {
      std::memset(data_, value, length_);
    }
  }
  ReadWriteProcessBuffer Slice(size_t offset, size_t len) {
    if (offset >= length_) {
      return ReadWriteProcessBuffer(0, 0, nullptr);
    }
    if (len > length_ - offset) {
      len = length_ - offset;
    }
    return ReadWriteProcessBuffer(address_ + static_cast<uint32_t>(offset),
                                  static_cast<uint32_t>(len), data_ + offset);
  }

 protected:
  constexpr ReadWriteProcessBuffer(uint32_t address, uint32_t length, uint8_t* data)
      : ProcessBufferBase(address, length, data) {}

 private:
  friend class GrantKernelData;
  friend class ProcessBufferTestPeer;
};

// Same access as read-write; the app may keep reading the memory while the kernel holds it.
class UserspaceReadableProcessBuffer : public ReadWriteProcessBuffer {
 private:
  friend class GrantKernelData;
  friend class ProcessBufferTestPeer;
  constexpr UserspaceReadableProcessBuffer(uint32_t address, uint32_t length, uint8_t* data)
      : ReadWriteProcessBuffer(address, length, data) {}
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_PROCESS_BUFFER_H_
