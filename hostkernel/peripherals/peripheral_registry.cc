// PeripheralRegistry: registration checks, the command lookup, state and event fan-out.
#include "hostkernel/peripherals/peripheral_registry.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tock::hostkernel {

// The subscribers, shared with the publishers (weakly) so that a publisher outliving the
// registry is harmless.
struct PeripheralRegistry::EventPublisher::Hub {
  uint64_t next_id = 1;
  std::map<uint64_t, EventSink> sinks;
};

absl::StatusOr<size_t> ParseIndexArg(absl::string_view arg, size_t count, absl::string_view what) {
  size_t n = 0;
  if (!absl::SimpleAtoi(arg, &n)) {
    return absl::InvalidArgumentError(absl::StrCat("'", arg, "' is not a ", what, " number"));
  }
  if (n >= count) {
    if (count == 0) {
      return absl::NotFoundError(absl::StrCat("no ", what, "s on this board"));
    }
    return absl::NotFoundError(absl::StrCat("no ", what, " ", n, " (have 0..", count - 1, ")"));
  }
  return n;
}

absl::Status UsageError(absl::string_view usage) {
  return absl::InvalidArgumentError(absl::StrCat("usage: ", usage));
}

void PeripheralRegistry::EventPublisher::Publish(std::string_view line) const {
  std::shared_ptr<Hub> hub = hub_.lock();
  if (hub == nullptr) {
    return;
  }
  // A sink may subscribe or unsubscribe others: walk a snapshot of the ids.
  std::vector<uint64_t> ids;
  ids.reserve(hub->sinks.size());
  for (const auto& [id, sink] : hub->sinks) {
    ids.push_back(id);
  }
  for (uint64_t id : ids) {
    auto it = hub->sinks.find(id);
    if (it != hub->sinks.end()) {
      it->second(name_, line);
    }
  }
}

PeripheralRegistry::PeripheralRegistry() : hub_(std::make_shared<EventPublisher::Hub>()) {}
PeripheralRegistry::~PeripheralRegistry() = default;

absl::Status PeripheralRegistry::Register(PeripheralControls controls) {
  if (controls.name.empty()) {
    return absl::InvalidArgumentError("a peripheral needs a name");
  }
  for (const PeripheralControls& p : peripherals_) {
    if (p.name == controls.name) {
      return absl::AlreadyExistsError(
          absl::StrCat("peripheral '", controls.name, "' is registered twice"));
    }
  }
  for (size_t i = 0; i < controls.commands.size(); ++i) {
    const ControlCommand& c = controls.commands[i];
    if (c.name.empty() || !c.handler || c.min_args > c.max_args) {
      return absl::InvalidArgumentError(
          absl::StrCat("peripheral '", controls.name, "': command '", c.name,
                       "' needs a name, a handler and min_args <= max_args"));
    }
    bool taken = FindCommand(c.name) != nullptr;
    for (size_t j = 0; j < i; ++j) {
      taken = taken || controls.commands[j].name == c.name;
    }
    if (taken) {
      return absl::AlreadyExistsError(absl::StrCat("peripheral '", controls.name, "': command '",
                                                   c.name, "' is already taken"));
    }
  }
  peripherals_.push_back(std::move(controls));
  return absl::OkStatus();
}

const ControlCommand* PeripheralRegistry::FindCommand(std::string_view name) const {
  for (const PeripheralControls& p : peripherals_) {
    for (const ControlCommand& c : p.commands) {
      if (c.name == name) {
        return &c;
      }
    }
  }
  return nullptr;
}

ReplyLines PeripheralRegistry::State() const {
  ReplyLines out;
  for (const PeripheralControls& p : peripherals_) {
    if (p.state) {
      p.state(out);
    }
  }
  return out;
}

uint64_t PeripheralRegistry::Subscribe(EventSink sink) {
  const uint64_t id = hub_->next_id++;
  hub_->sinks.emplace(id, std::move(sink));
  return id;
}

void PeripheralRegistry::Unsubscribe(uint64_t id) { hub_->sinks.erase(id); }

}  // namespace tock::hostkernel
