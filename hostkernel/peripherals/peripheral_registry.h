// PeripheralRegistry: the one place where tockd's host peripherals put their outside controls.
// Each peripheral registers once (PeripheralControls): a name ("led"), the control-socket
// commands that drive or query it (name, usage, argument counts, handler), a state reporter
// (lines for `status`) and, through an EventPublisher (Events(name)), event lines such as
// "led 0 on". The control server (hostkernel/control) turns the commands into rows of its
// table (help included) and streams events to `watch`; tockd's --trace records them; tockctl
// passes any command word through, so a new peripheral needs no edit to any of them.
// Host-only; loop thread only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_PERIPHERAL_REGISTRY_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_PERIPHERAL_REGISTRY_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tock::hostkernel {

// The words of a command line after the command's name.
using ControlArgs = std::span<const absl::string_view>;
// Reply item lines; the control server adds the final "ok" or "error: <message>".
using ReplyLines = std::vector<std::string>;

// One control-socket command. The server checks min_args <= args.size() <= max_args (else the
// reply is "error: usage: <usage>") before calling the handler.
struct ControlCommand {
  std::string name;   // the first word of the line, e.g. "press"
  std::string usage;  // the whole line's shape, e.g. "press N"
  std::string help;   // one line for `help`
  size_t min_args = 0;
  size_t max_args = 0;
  // Appends reply lines to `out`; a non-OK status becomes "error: <message>".
  std::function<absl::Status(ControlArgs args, ReplyLines& out)> handler;
};

// Everything one peripheral offers to the outside.
struct PeripheralControls {
  std::string name;  // unique, e.g. "led"; events are reported under it
  std::vector<ControlCommand> commands;
  // Appends the peripheral's current state as lines (e.g. "led 0 on"); may be empty.
  std::function<void(ReplyLines& out)> state;
};

// "'x' is not a <what> number" / "no <what> N (have 0..M)": parses an index below `count`.
absl::StatusOr<size_t> ParseIndexArg(absl::string_view arg, size_t count, absl::string_view what);

// "usage: <usage>" (InvalidArgument), for handlers that reject an argument's shape.
absl::Status UsageError(absl::string_view usage);

class PeripheralRegistry {
 public:
  using EventSink = std::function<void(std::string_view peripheral, std::string_view line)>;

  // Publishes one peripheral's event lines to every subscriber. Copyable, cheap; safe to call
  // after the registry is gone (it then does nothing), so pin listeners may hold one.
  class EventPublisher {
   public:
    EventPublisher() = default;
    void Publish(std::string_view line) const;

   private:
    friend class PeripheralRegistry;
    struct Hub;
    EventPublisher(std::weak_ptr<Hub> hub, std::string name)
        : hub_(std::move(hub)), name_(std::move(name)) {}
    std::weak_ptr<Hub> hub_;
    std::string name_;
  };

  PeripheralRegistry();
  ~PeripheralRegistry();
  PeripheralRegistry(const PeripheralRegistry&) = delete;
  PeripheralRegistry& operator=(const PeripheralRegistry&) = delete;

  // Adds a peripheral. AlreadyExists if its name or one of its command names is taken,
  // InvalidArgument for an empty name, a command without a handler or min_args > max_args.
  absl::Status Register(PeripheralControls controls);
  // The publisher of peripheral `name`'s events (may be taken before Register, e.g. for the
  // handlers of the commands being registered).
  EventPublisher Events(std::string name) const { return EventPublisher(hub_, std::move(name)); }

  // Every registered peripheral, in registration order.
  const std::vector<PeripheralControls>& peripherals() const { return peripherals_; }
  // Null if no peripheral has a command `name`.
  const ControlCommand* FindCommand(std::string_view name) const;
  // Every peripheral's state lines, in registration order.
  ReplyLines State() const;

  // `sink` gets every event line from now on, with the peripheral's name. Returns an id for
  // Unsubscribe; a subscriber must unsubscribe before it goes away.
  uint64_t Subscribe(EventSink sink);
  void Unsubscribe(uint64_t id);

 private:
  std::vector<PeripheralControls> peripherals_;
  std::shared_ptr<EventPublisher::Hub> hub_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_PERIPHERAL_REGISTRY_H_
