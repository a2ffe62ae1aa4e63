// Platform: where a harness run boots its apps — the real tockd on Linux, or the QEMU
// MPS2-AN386 board image (qemu-system-arm) with the same apps built for Cortex-M. A test is
// written once; `two_platform_test` (two_platform.bzl) builds it twice and sets
// TOCKPP_PLATFORM=qemu for the `<name>_qemu` copy. Also the few board facts tests branch on.
// Reads only the environment.
#ifndef TOCKPP_TESTS_HARNESS_PLATFORM_H_
#define TOCKPP_TESTS_HARNESS_PLATFORM_H_

#include <string_view>

#include "gtest/gtest.h"

namespace tock::harness {

enum class Platform { kTockd, kQemu };

// $TOCKPP_PLATFORM: unset, "" or "tockd" -> kTockd; "qemu" -> kQemu; anything else aborts.
Platform DefaultPlatform();
inline bool OnQemu() { return DefaultPlatform() == Platform::kQemu; }
const char* PlatformName(Platform platform);  // "tockd", "qemu"

// Whether the board's host link (UART1: `led N on|off` events, `press N`/`release N` input,
// issue 20) is in use; false falls back to the kernel's "[led] LEDn on|off" lines on UART0
// for events, and buttons cannot be pressed.
constexpr bool kQemuHostLink = true;

// LEDs the apps see: tockd has 4, the MPS2-AN386 board 2 (LED 2 and 3 give EINVAL there).
int LedCount(Platform platform = DefaultPlatform());
// Buttons the apps see: tockd has 4, the MPS2-AN386 board 2 (its FPGA IO push buttons).
int ButtonCount(Platform platform = DefaultPlatform());
// Whether a test can press buttons (tockd: control socket; QEMU: the host link).
bool HasButtons(Platform platform = DefaultPlatform());

}  // namespace tock::harness

// Skips the rest of a test on QEMU, with a one-line reason ("exit codes: the board never
// exits"). For one expectation use `if (!OnQemu()) { ... }  // host-only: reason` instead.
#define TOCKPP_HOST_ONLY(reason)                         \
  do {                                                   \
    if (::tock::harness::OnQemu()) {                     \
      GTEST_SKIP() << "host-only on QEMU: " << (reason); \
    }                                                    \
  } while (0)

// Skips the rest of a test where buttons cannot be pressed (QEMU without the host link).
#define TOCKPP_NEEDS_BUTTONS()                                                       \
  do {                                                                               \
    if (!::tock::harness::HasButtons()) {                                            \
      GTEST_SKIP() << "needs buttons: QEMU presses them over the host link (UART1)"; \
    }                                                                                \
  } while (0)

#endif  // TOCKPP_TESTS_HARNESS_PLATFORM_H_
