// nRF52840 RNG as 32-bit entropy.
#include "platforms/chips/nrf52840/rng.h"

#include <optional>

namespace tock::nrf52840 {
namespace {

// Hands the client exactly one word.
class OneWord final : public tock::hil::entropy::EntropyIterator {
 public:
  explicit OneWord(uint32_t w) : word_(w) {}
  std::optional<uint32_t> Next() override {
    if (used_) {
      return std::nullopt;
    }
    used_ = true;
    return word_;
  }

 private:
  uint32_t word_;
  bool used_ = false;
};

}  // namespace

tock::Result<void> Rng::Get() {
  if (running_) {
    return tock::Result<void>::Ok();
  }
  running_ = true;
  word_ = 0;
  bytes_ = 0;
  regs_->config.Write(RngConfig::kDerCen.Set());
  regs_->events_valrdy.Set(0);
  regs_->intenset.Write(RngInt::kValRdy.Set());
  regs_->tasks_start.Set(1);
  return tock::Result<void>::Ok();
}

tock::Result<void> Rng::Cancel() {
  Stop();
  return tock::Result<void>::Ok();
}

void Rng::Stop() {
  regs_->tasks_stop.Set(1);
  regs_->intenclr.Write(RngInt::kValRdy.Set());
  running_ = false;
}

void Rng::HandleInterrupt() {
  if (!regs_->events_valrdy.IsSet(Event::kGenerated)) {
    return;
  }
  regs_->events_valrdy.Set(0);
  if (!running_) {
    return;
  }
  word_ = (word_ << 8) | regs_->value.Read(RngValue::kByte);
  if (++bytes_ < 4) {
    return;
  }
  bytes_ = 0;
  OneWord batch(word_);
  if (client_ == nullptr || client_->EntropyAvailable(batch, tock::Result<void>::Ok()) ==
                                tock::hil::entropy::Continue::kDone) {
    Stop();
  }
}

}  // namespace tock::nrf52840
