// HostBoardContext: what the host board hands to every BoardExtension<HostBoardContext>
// (capsules/components/board_extension.h) linked into tockd, after wiring its own components.
// An extension (a hostkernel/peripherals/host_<x>.cc) makes its host peripheral and component
// with Make() (they live as long as the board), registers the driver with `registrar` and the
// peripheral's controls with `registry`, and reports any other failure with Check(); every
// failure makes HostBoard::wiring_status() an error and tockd does not boot.
//
//   void WireThermo(HostBoardContext& board) {
//     auto& parts = board.Make<ThermoParts>(board);      // sensor + DriverComponent<...>
//     board.registrar.Add(parts.component);
//     board.Check("thermo", parts.sensor.RegisterControls(board.registry));
//   }
//   const BoardExtension<HostBoardContext> kThermo("thermo", WireThermo);
//
// Host-only; loop thread only.
#ifndef TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_CONTEXT_H_
#define TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_CONTEXT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "capsules/components/board_extension.h"
#include "capsules/components/driver_registrar.h"
#include "hostkernel/peripherals/host_clock.h"
#include "hostkernel/peripherals/peripheral_registry.h"
#include "hostkernel/peripherals/reactor.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::hostkernel {

// Entries in tockd's driver table: the board's own drivers and every extension's.
inline constexpr size_t kHostDriverSlots = 24;
using HostDriverRegistrar = ::tock::capsules::components::DriverRegistrar<kHostDriverSlots>;

// Owns what extensions make, for as long as the board exists; destroys it newest first.
class HostBoardParts {
 public:
  HostBoardParts() = default;
  HostBoardParts(const HostBoardParts&) = delete;
  HostBoardParts& operator=(const HostBoardParts&) = delete;
  ~HostBoardParts() {
    while (!parts_.empty()) {
      parts_.pop_back();
    }
  }

  template <typename T, typename... Args>
  T& Make(Args&&... args) {
    T* part = new T(std::forward<Args>(args)...);  // NOLINT(cppcoreguidelines-owning-memory)
    parts_.emplace_back(part, [](void* p) { delete static_cast<T*>(p); });
    return *part;
  }
  size_t size() const { return parts_.size(); }

 private:
  std::vector<std::unique_ptr<void, void (*)(void*)>> parts_;
};

struct HostBoardContext {
  tock::Kernel& kernel;
  const tock::MemoryAllocationCapability& memory_cap;
  HostDriverRegistrar& registrar;
  Reactor& reactor;
  HostClock& clock;
  PeripheralRegistry& registry;  // controls, `status` lines and events (tockctl, --trace)
  HostBoardParts& parts;

  // A T built from args, owned by the board (destroyed before the kernel).
  template <typename T, typename... Args>
  T& Make(Args&&... args) {
    return parts.Make<T>(std::forward<Args>(args)...);
  }
  // A failed wiring step: the board's wiring_status() names `what` and the status's message.
  void Check(const char* what, const absl::Status& status) {
    if (!status.ok()) {
      const std::string message{status.message()};
      registrar.Fail(what, message.c_str());
    }
  }
};

using HostBoardExtension = ::tock::capsules::components::BoardExtension<HostBoardContext>;

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_CONTEXT_H_
