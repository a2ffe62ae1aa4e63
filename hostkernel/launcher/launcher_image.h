// The x86-64 launcher binary, embedded in the host kernel at build time.
// LinuxProcess writes it once into an executable memfd and execs that, so the
// kernel binary needs no path to the launcher.
#ifndef TOCKPP_HOSTKERNEL_LAUNCHER_LAUNCHER_IMAGE_H_
#define TOCKPP_HOSTKERNEL_LAUNCHER_LAUNCHER_IMAGE_H_

#include <span>

namespace tock::hostkernel {

// The static ELF image of //hostkernel/launcher:launcher.
std::span<const unsigned char> LauncherImage();

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_LAUNCHER_LAUNCHER_IMAGE_H_
