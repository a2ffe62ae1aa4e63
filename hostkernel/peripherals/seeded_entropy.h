// SeededEntropy: hil::entropy::Entropy32 from a deterministic generator (xoshiro256**, seeded
// through splitmix64), so `--seed N` reproduces every random word an app sees. Get() posts the
// completion to the loop (never re-entrant); each callback offers up to `batch_words` words,
// generated lazily, so the word stream depends only on the seed and how many were consumed.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_SEEDED_ENTROPY_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_SEEDED_ENTROPY_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "hil/entropy.h"
#include "hostkernel/peripherals/reactor.h"

namespace tock::hostkernel {

// xoshiro256** 1.0 (Blackman & Vigna), state filled by splitmix64 from a 64-bit seed.
class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed);
  uint64_t Next();
  // The high half of Next(): the better-mixed bits.
  uint32_t Next32() { return static_cast<uint32_t>(Next() >> 32); }

 private:
  std::array<uint64_t, 4> s_;
};

class SeededEntropy final : public ::tock::hil::entropy::Entropy32 {
 public:
  static constexpr size_t kDefaultBatchWords = 64;

  SeededEntropy(Reactor& reactor, uint64_t seed, size_t batch_words = kDefaultBatchWords)
      : reactor_(reactor), rng_(seed), batch_words_(batch_words) {}

  void SetClient(::tock::hil::entropy::Client32& client) override { client_ = &client; }
  // Ok; a second Get() while one is pending is a no-op (still one callback).
  ::tock::Result<void> Get() override;
  // Ok: the pending callback (if any) is dropped.
  ::tock::Result<void> Cancel() override;

  uint64_t words_delivered() const { return words_delivered_; }

 private:
  class Batch;
  void Deliver();

  Reactor& reactor_;
  Xoshiro256 rng_;
  size_t batch_words_;
  ::tock::hil::entropy::Client32* client_ = nullptr;
  bool pending_ = false;
  // Bumped by Cancel so an already posted delivery becomes a no-op.
  uint64_t generation_ = 0;
  uint64_t words_delivered_ = 0;
  LifetimeGuard guard_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_SEEDED_ENTROPY_H_
