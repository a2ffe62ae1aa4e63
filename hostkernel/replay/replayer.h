// Replayer: `tockd --replay=FILE`. Hands each recorded input to an InputSink when the run
// reaches the position it was recorded at: the same syscall and context-switch counts, the
// same phase (an app's code running, or the kernel), and — in virtual time — the same time;
// when every process is idle it tells the main loop how far to move virtual time for the next
// input. A run that goes past an input's position has diverged from the recording (Passed()).
// Host-only; loop thread only.
#ifndef TOCKPP_HOSTKERNEL_REPLAY_REPLAYER_H_
#define TOCKPP_HOSTKERNEL_REPLAY_REPLAYER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hostkernel/replay/recording.h"

namespace tock::hostkernel {

// Where replayed inputs go (tockd: the console UART, the control commands, the stop flag).
class InputSink {
 public:
  virtual ~InputSink() = default;
  virtual void Console(std::string_view bytes) = 0;
  virtual void Control(std::string_view line) = 0;
  virtual void Signal(int signo) = 0;
};

class Replayer {
 public:
  // `virtual_time`: positions must also match in time (with real time only the counts and the
  // phase can be reproduced).
  Replayer(std::vector<RecordedInput> inputs, InputSink& sink, bool virtual_time)
      : inputs_(std::move(inputs)), sink_(sink), virtual_time_(virtual_time) {}

  // Hands the next input to the sink if it is due at `now`; true if it did. One at a time:
  // the caller lets the kernel finish what an input started before asking again.
  bool InjectNext(const InputPosition& now);
  // Every process is idle and the next timer is at `next_deadline` (none: nullopt): the time
  // virtual time should move to for the next input, if that input comes at these counts
  // before the deadline.
  std::optional<uint64_t> IdleJumpTarget(const InputPosition& now,
                                         std::optional<uint64_t> next_deadline) const;
  // The run is past the next input's counts: it can never be injected.
  bool Passed(const InputPosition& now) const;

  bool done() const { return next_ == inputs_.size(); }
  size_t injected() const { return next_; }
  size_t remaining() const { return inputs_.size() - next_; }
  // "input 3 of 7 (control 'button 0 press') at syscall 120, switch 14, kernel phase".
  std::string DescribeNext() const;

 private:
  bool Due(const RecordedInput& input, const InputPosition& now) const;

  std::vector<RecordedInput> inputs_;
  InputSink& sink_;
  bool virtual_time_;
  size_t next_ = 0;
};

// "syscall 120, switch 14, kernel phase, t=5000000 ns".
std::string DescribePosition(const InputPosition& at);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_REPLAY_REPLAYER_H_
