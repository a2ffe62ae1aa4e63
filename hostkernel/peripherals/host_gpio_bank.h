// HostGpioBank: N HostPins named "<prefix><i>" with stable addresses, the host's GPIO port.
// Also the building block of HostLeds and HostButtons. Host-only.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "hostkernel/peripherals/host_pin.h"

namespace tockpp::hostkernel {

class HostGpioBank {
 public:
  HostGpioBank(const std::string& prefix, size_t count) {
    pins_.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      pins_.push_back(std::make_unique<HostPin>(prefix + std::to_string(i), i));
    }
  }

  size_t size() const { return pins_.size(); }
  HostPin& pin(size_t i) { return *pins_.at(i); }
  const HostPin& pin(size_t i) const { return *pins_.at(i); }
  // Null when out of range (for input that came from outside, e.g. the control socket).
  HostPin* find(size_t i) { return i < pins_.size() ? pins_[i].get() : nullptr; }

  // Adds `listener` to every pin.
  void AddOutputListener(const HostPin::OutputListener& listener) {
    for (auto& p : pins_) {
      p->AddOutputListener(listener);
    }
  }

 private:
  std::vector<std::unique_ptr<HostPin>> pins_;
};

}  // namespace tockpp::hostkernel
