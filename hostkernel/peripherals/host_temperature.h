// HostTemperature: a hil::sensors::TemperatureDriver whose reading is set from outside. A read
// completes later on the loop (Post, never re-entrant) with the value set at that moment.
// Controls (RegisterControls): `temperature` replies "temperature <centi-°C>", `temperature set
// N` sets it (hundredths of a degree Celsius, may be negative); state line "temperature N";
// event "temperature read N" per completed reading. Host-only; loop thread only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_TEMPERATURE_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_TEMPERATURE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "hil/sensors.h"
#include "hostkernel/peripherals/peripheral_registry.h"
#include "hostkernel/peripherals/reactor.h"

namespace tock::hostkernel {

class HostTemperature final : public ::tock::hil::sensors::TemperatureDriver {
 public:
  static constexpr int32_t kDefaultCentiCelsius = 2000;

  explicit HostTemperature(Reactor& reactor) : reactor_(reactor) {}

  void SetClient(::tock::hil::sensors::TemperatureClient& client) override { client_ = &client; }
  ::tock::Result<void> ReadTemperature() override {
    if (pending_) {
      return ::tock::ErrorCode::kBusy;
    }
    pending_ = true;
    reactor_.Post([this, token = guard_.token()] {
      if (token.expired()) {
        return;
      }
      pending_ = false;
      events_.Publish(absl::StrCat("temperature read ", centi_celsius_));
      if (client_ != nullptr) {
        client_->TemperatureDone(centi_celsius_);
      }
    });
    return ::tock::Result<void>::Ok();
  }

  int32_t centi_celsius() const { return centi_celsius_; }
  void set_centi_celsius(int32_t value) { centi_celsius_ = value; }

  absl::Status RegisterControls(PeripheralRegistry& registry) {
    events_ = registry.Events("temperature");
    auto state = [this](ReplyLines& out) {
      out.push_back(absl::StrCat("temperature ", centi_celsius_));
    };
    ControlCommand command{
        .name = "temperature",
        .usage = "temperature [set CENTI_CELSIUS]",
        .help = "the temperature sensor's reading in hundredths of a degree C; set it",
        .min_args = 0,
        .max_args = 2,
        .handler = [this, state](ControlArgs args, ReplyLines& out) -> absl::Status {
          if (!args.empty()) {
            int32_t value = 0;
            if (args.size() != 2 || args[0] != "set" || !absl::SimpleAtoi(args[1], &value)) {
              return UsageError("temperature [set CENTI_CELSIUS]");
            }
            centi_celsius_ = value;
          }
          state(out);
          return absl::OkStatus();
        }};
    return registry.Register(
        {.name = "temperature", .commands = {std::move(command)}, .state = state});
  }

 private:
  Reactor& reactor_;
  ::tock::hil::sensors::TemperatureClient* client_ = nullptr;
  int32_t centi_celsius_ = kDefaultCentiCelsius;
  bool pending_ = false;
  PeripheralRegistry::EventPublisher events_;
  LifetimeGuard guard_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_TEMPERATURE_H_
