// TOCKPP_PLATFORM parsing and the board facts of platform.h.
#include "tests/harness/platform.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tock::harness {

Platform DefaultPlatform() {
  static const Platform platform = [] {
    const char* env = std::getenv("TOCKPP_PLATFORM");
    if (env == nullptr || *env == '\0' || std::strcmp(env, "tockd") == 0) {
      return Platform::kTockd;
    }
    if (std::strcmp(env, "qemu") == 0) {
      return Platform::kQemu;
    }
    std::fprintf(stderr, "TOCKPP_PLATFORM=%s: expected tockd or qemu\n", env);
    std::abort();
  }();
  return platform;
}

const char* PlatformName(Platform platform) {
  return platform == Platform::kQemu ? "qemu" : "tockd";
}

int LedCount(Platform platform) { return platform == Platform::kQemu ? 2 : 4; }

int ButtonCount(Platform platform) { return platform == Platform::kQemu ? 2 : 4; }

bool HasButtons(Platform platform) { return platform == Platform::kTockd || kQemuHostLink; }

}  // namespace tock::harness
