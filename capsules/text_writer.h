// TextWriter: formats text into a caller-owned fixed buffer (no heap, no printf), truncating
// silently at capacity. Optionally skips the first `skip` bytes of what it is given, so a long
// text can be rendered again and again and emitted in buffer-sized pieces (the process console
// does this). Used by capsules that print (low-level debug, process console).
#ifndef TOCKPP_CAPSULES_TEXT_WRITER_H_
#define TOCKPP_CAPSULES_TEXT_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace tock::capsules {

class TextWriter {
 public:
  explicit TextWriter(std::span<uint8_t> buffer, size_t skip = 0) : buffer_(buffer), skip_(skip) {}

  TextWriter& Str(std::string_view s) {
    for (char c : s) {
      Char(c);
    }
    return *this;
  }
  TextWriter& Char(char c) {
    ++total_;
    if (total_ <= skip_) {
      return *this;
    }
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
    size_t start = total_;
    Str(s);
    while (total_ - start < width) {
      Char(' ');
    }
    return *this;
  }
  // Decimal, left-aligned in `width` columns.
  TextWriter& DecField(uint32_t v, size_t width) {
    size_t start = total_;
    Dec(v);
    while (total_ - start < width) {
      Char(' ');
    }
    return *this;
  }
  // Decimal, right-aligned in `width` columns.
  TextWriter& DecRight(uint32_t v, size_t width) {
    size_t digits = 1;
    for (uint32_t x = v; x >= 10; x /= 10) {
      ++digits;
    }
    for (; digits < width; ++digits) {
      Char(' ');
    }
    return Dec(v);
  }

  // Bytes stored in the buffer.
  size_t size() const { return used_; }
  // Bytes produced so far, including skipped ones.
  size_t total() const { return total_; }
  // True if some produced byte did not fit.
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
    while (n < min_digits && n < sizeof(digits)) {
      digits[n++] = '0';
    }
    while (n > 0) {
      Char(digits[--n]);
    }
    return *this;
  }

  std::span<uint8_t> buffer_;
  size_t skip_;
  size_t used_ = 0;
  size_t total_ = 0;
  bool truncated_ = false;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_TEXT_WRITER_H_
