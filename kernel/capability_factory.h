// The only place capabilities are made. Trusted: the Bazel target is visible to boards,
// platforms, the kernel's own tests and test fakes, never to capsules.
#ifndef TOCKPP_KERNEL_CAPABILITY_FACTORY_H_
#define TOCKPP_KERNEL_CAPABILITY_FACTORY_H_

#include "kernel/capabilities.h"

namespace tock {

class CapabilityFactory {
 public:
  static ProcessManagementCapability ProcessManagement() { return {}; }
  static MemoryAllocationCapability MemoryAllocation() { return {}; }
  static MainLoopCapability MainLoop() { return {}; }
  static DeferredCallCapability DeferredCall() { return {}; }
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_CAPABILITY_FACTORY_H_
