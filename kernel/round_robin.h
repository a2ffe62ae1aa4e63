// Round-robin scheduling over the process table (upstream RoundRobinSched): every ready process
// gets a turn before any gets a second; a turn lasts one timeslice. A process that yields or
// exhausts its slice ends its turn; one interrupted by kernel work keeps its turn and resumes
// with the rest of its slice. Pure bookkeeping: the platform measures time with its alarm.
#ifndef TOCKPP_KERNEL_ROUND_ROBIN_H_
#define TOCKPP_KERNEL_ROUND_ROBIN_H_

#include <cstddef>
#include <cstdint>
#include <optional>

namespace tock {

inline constexpr uint32_t kDefaultTimesliceUs = 10000;

class RoundRobinScheduler {
 public:
  struct Choice {
    size_t index;
    uint32_t timeslice_us;
  };

  explicit constexpr RoundRobinScheduler(uint32_t timeslice_us = kDefaultTimesliceUs)
      : timeslice_us_(timeslice_us) {}

  // The next ready slot among [0, n), given ready(i) -> bool; nullopt if none is ready.
  template <typename IsReady>
  std::optional<Choice> Next(size_t n, IsReady&& ready) {
    if (n == 0) {
      return std::nullopt;
    }
    if (preempted_ && *preempted_ < n && ready(*preempted_)) {
      return Choice{*preempted_, remaining_us_};
    }
    preempted_.reset();
    for (size_t k = 0; k < n; ++k) {
      size_t i = (next_ + k) % n;
      if (ready(i)) {
        return Choice{i, timeslice_us_};
      }
    }
    return std::nullopt;
  }

  // Slot `index` yielded, exited, faulted or used its whole slice: the next turn goes to the
  // slot after it, with a full slice.
  void TurnEnded(size_t index) {
    preempted_.reset();
    next_ = index + 1;
  }

  // Slot `index` was interrupted after used_us of the slice it was given: it keeps its turn.
  void Preempted(size_t index, uint32_t slice_given_us, uint32_t used_us) {
    if (used_us >= slice_given_us) {
      TurnEnded(index);
      return;
    }
    preempted_ = index;
    remaining_us_ = slice_given_us - used_us;
  }

  uint32_t timeslice_us() const { return timeslice_us_; }

 private:
  uint32_t timeslice_us_;
  size_t next_ = 0;
  std::optional<size_t> preempted_;
  uint32_t remaining_us_ = 0;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_ROUND_ROBIN_H_
