// SettableReading: the host side of a single-value sensor (temperature, humidity, ...): a value
// set from outside through the control socket (`NAME [set N]`, replying "NAME N"), shown as the
// state line "NAME N", and read split-phase: Start() posts the completion to the event loop
// (never inside the request) and publishes the event "NAME read N" when it delivers the value.
// A sensor's HIL adapter owns one and forwards its read to Start(). Host-only; loop thread only.
//
// Use (a host peripheral file):
//   SettableReading reading_{reactor, "humidity", "CENTI_PERCENT", "hundredths of a percent",
//   4550}; Result<void> ReadHumidity() override {
//     return reading_.Start([this](int32_t v) { client_->HumidityDone(uint32_t(v)); });
//   }
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_SETTABLE_READING_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_SETTABLE_READING_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "hostkernel/peripherals/peripheral_registry.h"
#include "hostkernel/peripherals/reactor.h"
#include "kernel/error_code.h"

namespace tock::hostkernel {

class SettableReading {
 public:
  // name: the control command, state line and event prefix; value_name (e.g. CENTI_CELSIUS)
  // and unit: for the command's usage and help.
  SettableReading(Reactor& reactor, std::string name, absl::string_view value_name,
                  std::string unit, int32_t initial)
      : reactor_(reactor),
        name_(std::move(name)),
        usage_(absl::StrCat(name_, " [set ", value_name, "]")),
        unit_(std::move(unit)),
        value_(initial) {}
  SettableReading(const SettableReading&) = delete;
  SettableReading& operator=(const SettableReading&) = delete;

  // Starts one reading: `deliver(value)` runs later on the loop with the value set at that
  // moment. BUSY while one is pending.
  ::tock::Result<void> Start(std::function<void(int32_t)> deliver) {
    if (pending_) {
      return ::tock::ErrorCode::kBusy;
    }
    pending_ = true;
    reactor_.Post([this, token = guard_.token(), deliver = std::move(deliver)] {
      if (token.expired()) {
        return;
      }
      pending_ = false;
      events_.Publish(absl::StrCat(name_, " read ", value_));
      deliver(value_);
    });
    return ::tock::Result<void>::Ok();
  }

  int32_t value() const { return value_; }

  // The control command, state line and events of this reading.
  absl::Status RegisterControls(PeripheralRegistry& registry) {
    events_ = registry.Events(name_);
    auto state = [this](ReplyLines& out) { out.push_back(absl::StrCat(name_, " ", value_)); };
    ControlCommand command{
        .name = name_,
        .usage = usage_,
        .help = absl::StrCat("the ", name_, " sensor's reading in ", unit_, "; set it"),
        .min_args = 0,
        .max_args = 2,
        .handler = [this, state](ControlArgs args, ReplyLines& out) -> absl::Status {
          if (!args.empty()) {
            int32_t v = 0;
            if (args.size() != 2 || args[0] != "set" || !absl::SimpleAtoi(args[1], &v)) {
              return UsageError(usage_);
            }
            value_ = v;
          }
          state(out);
          return absl::OkStatus();
        }};
    return registry.Register({.name = name_, .commands = {std::move(command)}, .state = state});
  }

 private:
  Reactor& reactor_;
  std::string name_;
  std::string usage_;
  std::string unit_;
  int32_t value_;
  bool pending_ = false;
  PeripheralRegistry::EventPublisher events_;
  LifetimeGuard guard_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_SETTABLE_READING_H_
