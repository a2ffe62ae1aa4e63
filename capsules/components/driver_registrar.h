// DriverRegistrar: puts components' syscall drivers into the board's DriverTable and keeps the
// first failure as one line naming the driver, e.g.
//   "cannot register driver 0x1 (console): number already registered"
// A full table or a number registered twice is a wiring mistake: the board must not boot
// without the driver. Every board uses this one mechanism and only chooses how to stop: a
// Cortex-M board panics with error() (platforms/boards/common/core_parts.h), tockd fails its
// boot with it (hostkernel/board: HostBoard::wiring_status()). Trusted board glue.
//
// Wiring (board):
//   DriverRegistrar registrar(drivers);
//   registrar.Add(console);              // a component: its kDriverNum, kName and driver()
//   registrar.Fail("temperature", why);  // any other wiring step that failed
//   if (!registrar.ok()) Panic(registrar.error());
#ifndef TOCKPP_CAPSULES_COMPONENTS_DRIVER_REGISTRAR_H_
#define TOCKPP_CAPSULES_COMPONENTS_DRIVER_REGISTRAR_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "capsules/text_writer.h"
#include "kernel/driver_table.h"
#include "kernel/error_code.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules::components {

template <size_t kCapacity>
class DriverRegistrar {
 public:
  explicit DriverRegistrar(DriverTable<kCapacity>& table) : table_(table) {}
  DriverRegistrar(const DriverRegistrar&) = delete;
  DriverRegistrar& operator=(const DriverRegistrar&) = delete;

  // Registers a component's driver under its upstream number. False (and error() set, if it
  // is the first failure) when the table is full or the number is taken.
  template <typename Component>
  bool Add(Component& component) {
    return Add(Component::kDriverNum, component.driver(), Component::kName);
  }
  bool Add(uint32_t driver_num, SyscallDriver& driver, const char* name = nullptr) {
    Result<void> r = table_.Register(driver_num, driver);
    if (r.ok()) {
      return true;
    }
    if (ok()) {
      Describe(driver_num, name, r.error());
    }
    return false;
  }

  // Records a wiring failure that is not the table's, e.g. a board extension whose peripheral
  // could not be set up: "cannot wire <what>: <why>", kept if it is the first failure.
  void Fail(const char* what, const char* why) {
    if (!ok()) {
      return;
    }
    TextWriter w(std::span<uint8_t>(reinterpret_cast<uint8_t*>(error_), sizeof error_ - 1));
    w.Str("cannot wire ").Str(what).Str(": ").Str(why);
    error_[w.size()] = '\0';
  }

  // No registration failed so far.
  bool ok() const { return error_[0] == '\0'; }
  // The first failure as one NUL-terminated line; "" while ok().
  const char* error() const { return error_; }

 private:
  void Describe(uint32_t driver_num, const char* name, ErrorCode why) {
    TextWriter w(std::span<uint8_t>(reinterpret_cast<uint8_t*>(error_), sizeof error_ - 1));
    w.Str("cannot register driver 0x").Hex(driver_num);
    if (name != nullptr) {
      w.Str(" (").Str(name).Str(")");
    }
    if (why == ErrorCode::kAlready) {
      w.Str(": number already registered");
    } else {
      w.Str(": driver table full (").Dec(static_cast<uint32_t>(kCapacity)).Str(" entries)");
    }
    error_[w.size()] = '\0';
  }

  DriverTable<kCapacity>& table_;
  char error_[160] = {};
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_DRIVER_REGISTRAR_H_
