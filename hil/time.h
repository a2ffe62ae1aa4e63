// Time HIL: tick values of a fixed bit width with wrap-correct arithmetic, and a free-running
// counter with a frequency (upstream kernel::hil::time::{Ticks, Time, Frequency}).
// Ticks<N> wraps at 2^N; all comparisons are relative to a reference so they survive wrap-around.
#ifndef TOCKPP_HIL_TIME_H_
#define TOCKPP_HIL_TIME_H_

#include <cstdint>

namespace tock::hil::time {

template <unsigned kBits>
class Ticks {
  static_assert(kBits > 0 && kBits <= 32, "ticks are at most 32 bits wide");

 public:
  static constexpr unsigned kWidth = kBits;
  static constexpr uint32_t kMask = kBits == 32 ? 0xFFFFFFFFu : ((1u << kBits) - 1u);

  constexpr Ticks() = default;
  constexpr explicit Ticks(uint32_t value) : value_(value & kMask) {}

  static constexpr Ticks Max() { return Ticks(kMask); }

  constexpr uint32_t value() const { return value_; }
  constexpr Ticks WrappingAdd(Ticks other) const { return Ticks(value_ + other.value_); }
  constexpr Ticks WrappingSub(Ticks other) const { return Ticks(value_ - other.value_); }

  // True if this lies in the half-open interval [start, end) walking forward from start,
  // modulo 2^kBits (upstream Ticks::within_range).
  constexpr bool WithinRange(Ticks start, Ticks end) const {
    return WrappingSub(start).value_ < end.WrappingSub(start).value_;
  }

  // This value scaled into 32 bits by shifting left (upstream "left-justified" ticks), so a
  // counter narrower than 32 bits still wraps at 2^32 for userspace.
  constexpr uint32_t LeftJustified() const { return value_ << (32 - kBits); }

  friend constexpr bool operator==(Ticks a, Ticks b) { return a.value_ == b.value_; }

 private:
  uint32_t value_ = 0;
};

using Ticks16 = Ticks<16>;
using Ticks24 = Ticks<24>;
using Ticks32 = Ticks<32>;

// A free-running counter. TicksT is one of the Ticks<N> instantiations.
template <typename TicksT>
class Time {
 public:
  using TicksType = TicksT;

  // Ticks per second.
  virtual uint32_t Frequency() const = 0;
  virtual TicksT Now() const = 0;

  // Conversions, saturating at the tick range.
  TicksT TicksFromMs(uint32_t ms) const {
    uint64_t t = static_cast<uint64_t>(ms) * Frequency() / 1000u;
    return TicksT(t > TicksT::kMask ? TicksT::kMask : static_cast<uint32_t>(t));
  }
  uint32_t TicksToMs(TicksT ticks) const {
    return static_cast<uint32_t>(static_cast<uint64_t>(ticks.value()) * 1000u / Frequency());
  }

 protected:
  ~Time() = default;
};

}  // namespace tock::hil::time

#endif  // TOCKPP_HIL_TIME_H_
