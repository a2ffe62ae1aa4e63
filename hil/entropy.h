// Entropy HIL: a source of random 32-bit words delivered in batches through an iterator
// (upstream kernel::hil::entropy::{Entropy32, Client32}). The client pulls as many words as it
// needs and says whether it wants another batch. Used by the RNG capsule.
#ifndef TOCKPP_HIL_ENTROPY_H_
#define TOCKPP_HIL_ENTROPY_H_

#include <cstdint>
#include <optional>

#include "hil/error.h"

namespace tock::hil::entropy {

enum class Continue : uint8_t { kMore, kDone };

// A batch of words; Next() returns nullopt once the batch is exhausted.
class EntropyIterator {
 public:
  virtual std::optional<uint32_t> Next() = 0;

 protected:
  ~EntropyIterator() = default;
};

class Client32 {
 public:
  // Entropy is ready (or `status` is an error and the iterator is empty). Return kMore to get
  // another callback later, kDone to stop.
  virtual Continue EntropyAvailable(EntropyIterator& entropy, Result<void> status) = 0;

 protected:
  ~Client32() = default;
};

class Entropy32 {
 public:
  virtual void SetClient(Client32& client) = 0;
  // Requests a callback with entropy. Ok or an error (e.g. OFF, FAIL).
  virtual Result<void> Get() = 0;
  // Stops pending callbacks. Ok: none will come; BUSY: one more may arrive.
  virtual Result<void> Cancel() = 0;

 protected:
  ~Entropy32() = default;
};

}  // namespace tock::hil::entropy

#endif  // TOCKPP_HIL_ENTROPY_H_
