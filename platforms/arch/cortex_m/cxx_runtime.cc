// Freestanding C++ runtime hooks for bare-metal images: the kernel never exits, never frees
// and never calls a pure virtual on purpose, so these only satisfy the compiler's references.
#include <cstddef>

#include "platforms/arch/cortex_m/fault_dump.h"

extern "C" {
void __cxa_pure_virtual() { tock::cortex_m::Panic("pure virtual call"); }
// Static destructors never run on a board.
int atexit(void (*)(void)) { return 0; }
void* __dso_handle = nullptr;
}

// Deleting destructors of classes with virtual destructors reference these; nothing allocates.
void operator delete(void*) noexcept { tock::cortex_m::Panic("operator delete"); }
void operator delete(void*, std::size_t) noexcept { tock::cortex_m::Panic("operator delete"); }

// std::string_view::substr's range check (the process console uses substr) calls this libstdc++
// hook, which board images do not link.
namespace std {
[[noreturn]] void __throw_out_of_range_fmt(const char*, ...) {
  tock::cortex_m::Panic("std::string_view index out of range");
}
}  // namespace std
