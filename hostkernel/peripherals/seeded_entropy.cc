// SeededEntropy implementation: lazy batch iterator over the seeded generator.
#include "hostkernel/peripherals/seeded_entropy.h"

#include <memory>

namespace tock::hostkernel {

namespace entropy = ::tock::hil::entropy;

namespace {
uint64_t SplitMix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Xoshiro256::Xoshiro256(uint64_t seed) {
  for (auto& word : s_) {
    word = SplitMix64(seed);
  }
}

uint64_t Xoshiro256::Next() {
  uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

class SeededEntropy::Batch final : public entropy::EntropyIterator {
 public:
  Batch(SeededEntropy& owner, size_t left) : owner_(owner), left_(left) {}
  std::optional<uint32_t> Next() override {
    if (left_ == 0) {
      return std::nullopt;
    }
    --left_;
    ++owner_.words_delivered_;
    return owner_.rng_.Next32();
  }

 private:
  SeededEntropy& owner_;
  size_t left_;
};

::tock::Result<void> SeededEntropy::Get() {
  if (pending_) {
    return ::tock::Result<void>::Ok();
  }
  pending_ = true;
  uint64_t gen = generation_;
  reactor_.Post([this, gen, token = guard_.token()] {
    if (token.expired() || gen != generation_) {
      return;
    }
    Deliver();
  });
  return ::tock::Result<void>::Ok();
}

::tock::Result<void> SeededEntropy::Cancel() {
  pending_ = false;
  ++generation_;
  return ::tock::Result<void>::Ok();
}

void SeededEntropy::Deliver() {
  pending_ = false;
  if (client_ == nullptr) {
    return;
  }
  Batch batch(*this, batch_words_);
  entropy::Continue next = client_->EntropyAvailable(batch, ::tock::Result<void>::Ok());
  if (next == entropy::Continue::kMore) {
    (void)Get();
  }
}

}  // namespace tock::hostkernel
