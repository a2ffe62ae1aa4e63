// TextWriter: formats text into a caller-owned fixed buffer (no heap, no printf), truncating
// silently at capacity. Used by capsules that print (low-level debug, process console).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace tock::capsules {

class TextWriter {
 public:
  explicit TextWriter(std::span<uint8_t> buffer) : buffer_(buffer) {}

  TextWriter& Str(std::string_view s) {
    for (char c : s) Char(c);
    return *this;
  }
  TextWriter& Char(char c) {
    if (used_ < buffer_.size()) {
      buffer_[used_++] = static_cast<uint8_t>(c);
    } else {
      truncated_ = true;
    }
    return *this;
  }
  // Lower-case hex without leading zeros ("0" for 0), no prefix.
  TextWriter& Hex(uint32_t v) { return Num(v, 16, 0, false); }
  // Upper-case hex zero-padded to `digits`.
  TextWriter& HexUpper(uint32_t v, unsigned digits) { return Num(v, 16, digits, true); }
  TextWriter& Dec(uint32_t v) { return Num(v, 10, 0, false); }
  // Pads with spaces to `width` columns after writing `s` (left-aligned field).
  TextWriter& Field(std::string_view s, size_t width) {
    size_t start = used_;
    Str(s);
    while (used_ - start < width) Char(' ');
    return *this;
  }
  TextWriter& DecField(uint32_t v, size_t width) {
    size_t start = used_;
    Dec(v);
    while (used_ - start < width) Char(' ');
    return *this;
  }

  size_t size() const { return used_; }
  bool truncated() const { return truncated_; }
  std::string_view view() const {
    return std::string_view(reinterpret_cast<const char*>(buffer_.data()), used_);
  }

 private:
  TextWriter& Num(uint32_t v, uint32_t base, unsigned min_digits, bool upper) {
    char digits[32];
    unsigned n = 0;
    do {
      uint32_t d = v % base;
      digits[n++] = static_cast<char>(d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10);
      v /= base;
    } while (v != 0);
    while (n < min_digits && n < sizeof(digits)) digits[n++] = '0';
    while (n > 0) Char(digits[--n]);
    return *this;
  }

  std::span<uint8_t> buffer_;
  size_t used_ = 0;
  bool truncated_ = false;
};

}  // namespace tock::capsules
