// Replayer: recorded inputs back into a run, at their positions.
#include "hostkernel/replay/replayer.h"

#include <charconv>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tock::hostkernel {

std::string DescribePosition(const InputPosition& at) {
  return absl::StrCat("syscall ", at.syscalls, ", switch ", at.switches, ", ",
                      at.in_app ? "app" : "kernel", " phase, t=", at.time_ns, " ns");
}

bool Replayer::Due(const RecordedInput& input, const InputPosition& now) const {
  return input.at.syscalls == now.syscalls && input.at.switches == now.switches &&
         input.at.in_app == now.in_app && (!virtual_time_ || now.time_ns >= input.at.time_ns);
}

bool Replayer::InjectNext(const InputPosition& now) {
  if (done() || !Due(inputs_[next_], now)) {
    return false;
  }
  // Advanced first: a sink may re-enter the loop (e.g. a control command that schedules).
  const RecordedInput& input = inputs_[next_++];
  {
    switch (input.kind) {
      case InputKind::kConsole:
        sink_.Console(input.data);
        break;
      case InputKind::kControl:
        sink_.Control(input.data);
        break;
      case InputKind::kSignal: {
        int signo = 0;
        std::from_chars(input.data.data(), input.data.data() + input.data.size(), signo);
        sink_.Signal(signo);
        break;
      }
    }
  }
  return true;
}

std::optional<uint64_t> Replayer::IdleJumpTarget(const InputPosition& now,
                                                 std::optional<uint64_t> next_deadline) const {
  if (done() || !virtual_time_) {
    return std::nullopt;
  }
  const InputPosition& at = inputs_[next_].at;
  if (at.syscalls != now.syscalls || at.switches != now.switches || at.in_app ||
      at.time_ns <= now.time_ns) {
    return std::nullopt;
  }
  if (next_deadline.has_value() && *next_deadline <= at.time_ns) {
    return std::nullopt;  // the timer came first when this was recorded
  }
  return at.time_ns;
}

bool Replayer::Passed(const InputPosition& now) const {
  if (done()) {
    return false;
  }
  const InputPosition& at = inputs_[next_].at;
  return std::pair(now.syscalls, now.switches) > std::pair(at.syscalls, at.switches);
}

std::string Replayer::DescribeNext() const {
  if (done()) {
    return "no input left";
  }
  const RecordedInput& input = inputs_[next_];
  return absl::StrCat("input ", next_ + 1, " of ", inputs_.size(), " (", InputKindName(input.kind),
                      " '", EscapeToken(input.data.substr(0, 40)), "') recorded at ",
                      DescribePosition(input.at));
}

}  // namespace tock::hostkernel
