// FakeEntropy: a hil::entropy::Entropy32 for tests. Words are a deterministic sequence
// (seed, seed+1, ...); Get() only records the request and Deliver(n) hands a batch of n words
// to the client, repeating the request if the client asks for more. Completable: Complete(c)
// delivers a batch of c % 17 words.
#ifndef TOCKPP_HIL_TESTING_FAKE_ENTROPY_H_
#define TOCKPP_HIL_TESTING_FAKE_ENTROPY_H_

#include <cstdint>
#include <optional>

#include "hil/entropy.h"
#include "hil/testing/completable.h"

namespace tock::hil::testing {

class FakeEntropy final : public entropy::Entropy32, public Completable {
 public:
  explicit FakeEntropy(uint32_t seed = 0x01020304) : next_(seed) {}

  void SetClient(entropy::Client32& client) override { client_ = &client; }
  Result<void> Get() override {
    if (!get_result_.ok()) {
      return get_result_;
    }
    requested_ = true;
    ++get_count_;
    return Result<void>::Ok();
  }
  Result<void> Cancel() override {
    requested_ = false;
    return Result<void>::Ok();
  }

  // --- test controls ---
  bool requested() const { return requested_; }
  uint32_t get_count() const { return get_count_; }
  uint32_t words_delivered() const { return delivered_; }
  void set_get_result(Result<void> status) { get_result_ = status; }
  // Delivers one batch of `words` words if a request is pending. Returns false otherwise.
  bool Deliver(uint32_t words) {
    if (!requested_ || client_ == nullptr) {
      return false;
    }
    requested_ = false;
    Batch batch(*this, words);
    if (client_->EntropyAvailable(batch, Result<void>::Ok()) == entropy::Continue::kMore) {
      requested_ = true;
    }
    return true;
  }
  // Completable
  bool HasPending() const override { return requested_; }
  void Complete(uint32_t choice) override { static_cast<void>(Deliver(choice % 17)); }
  // The word the sequence will produce next.
  uint32_t next_word() const { return next_; }

 private:
  class Batch final : public entropy::EntropyIterator {
   public:
    Batch(FakeEntropy& src, uint32_t n) : src_(src), left_(n) {}
    std::optional<uint32_t> Next() override {
      if (left_ == 0) {
        return std::nullopt;
      }
      --left_;
      ++src_.delivered_;
      return src_.next_++;
    }

   private:
    FakeEntropy& src_;
    uint32_t left_;
  };

  entropy::Client32* client_ = nullptr;
  uint32_t next_;
  bool requested_ = false;
  uint32_t get_count_ = 0;
  uint32_t delivered_ = 0;
  Result<void> get_result_;
};

}  // namespace tock::hil::testing

#endif  // TOCKPP_HIL_TESTING_FAKE_ENTROPY_H_
