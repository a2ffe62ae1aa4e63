// Capabilities: empty types whose constructors are private, so only the trusted
// CapabilityFactory (//kernel:capability_factory, visible to boards and platforms only, not to
// capsules) can make them. A function that needs authority takes one by const reference; the
// compiler and Bazel visibility together prove who may call it (upstream kernel::capabilities).
#ifndef TOCKPP_KERNEL_CAPABILITIES_H_
#define TOCKPP_KERNEL_CAPABILITIES_H_

namespace tock {

class CapabilityFactory;

// Name is a class name, which cannot be parenthesized.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define TOCKPP_DECLARE_CAPABILITY(Name)    \
  class Name {                             \
   public:                                 \
    Name(const Name&) = delete;            \
    Name& operator=(const Name&) = delete; \
                                           \
   private:                                \
    friend class CapabilityFactory;        \
    constexpr Name() = default;            \
  }
// NOLINTEND(bugprone-macro-parentheses)

// Load, stop, resume, restart and terminate processes.
TOCKPP_DECLARE_CAPABILITY(ProcessManagementCapability);
// Create grants (reserve per-process kernel memory for a driver).
TOCKPP_DECLARE_CAPABILITY(MemoryAllocationCapability);
// Drive the kernel loop: pick processes, hand them syscalls, timeslices and faults.
TOCKPP_DECLARE_CAPABILITY(MainLoopCapability);
// Register and service deferred calls from outside a capsule's own object.
TOCKPP_DECLARE_CAPABILITY(DeferredCallCapability);

#undef TOCKPP_DECLARE_CAPABILITY

}  // namespace tock

#endif  // TOCKPP_KERNEL_CAPABILITIES_H_
