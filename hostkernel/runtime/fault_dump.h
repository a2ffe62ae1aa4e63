// The host's Tock-style process fault dump: app name, cause, fault address, registers, the
// faulting function, file and line and a backtrace when the app's ELF is known
// (hostkernel/symbols), a "stack overflow?" hint, and the app's memory map. HostRunner writes
// it when an app dies; tests/harness/fault_report.cc parses it. Host-only.
//
// ---| Process fault: fault_line (restart count 0) |---
// Cause: killed by SEGV [signal 11 code 1 at 0x40000000, rip 0x100023b0 rsp 0x200007f8]
// Fault address: 0x40000000   (signal 11, code 1)
// rip 0x100023b0  poke at tests/integration/apps/fault_line.c:11
// rsp 0x200007f8  rbp 0x00000000  rflags 0x00010246
// rax ...  rbx ...  rcx ...  rdx ...
// rsi ...  rdi ...
// Backtrace (symbols from tests/integration/apps/fault_line.elf):
//   #0 0x100023b0  poke at tests/integration/apps/fault_line.c:11
//   #1 0x100023e0  main at tests/integration/apps/fault_line.c:17
// App memory map:
//   ...
//   free          9820 bytes
#ifndef TOCKPP_HOSTKERNEL_RUNTIME_FAULT_DUMP_H_
#define TOCKPP_HOSTKERNEL_RUNTIME_FAULT_DUMP_H_

#include <map>
#include <string>

#include "hostkernel/process/exit_info.h"
#include "hostkernel/symbols/symbolizer.h"
#include "kernel/process.h"

namespace tock::hostkernel {

// Frames a dump's backtrace shows at most (repeats of one frame take one line).
inline constexpr size_t kFaultDumpMaxFrames = 32;

// Where each app's ELF is, by package name (unescaped), for the dumps of this tockd. Set once
// at start (hostkernel/symbols/app_symbols.h); an app without an entry gets an unsymbolized
// dump. `missing` says why for apps without one (e.g. "no ELF beside apps/x.tbf").
struct AppElfPaths {
  std::map<std::string, std::string, std::less<>> elf;
  std::map<std::string, std::string, std::less<>> missing;
};
void SetFaultDumpElfPaths(AppElfPaths paths);

// The dump, symbolized from the ELF set for the process's name (opened for this dump only; a
// broken ELF gives one "Symbols: REASON" line and an unsymbolized dump).
std::string FormatFaultDump(const tock::Process& process, const ExitInfo& exit);

// The dump with the given symbols (nullptr: none; then `no_symbols` is the reason shown).
std::string FormatFaultDump(const tock::Process& process, const ExitInfo& exit,
                            const Symbolizer* symbols, const std::string& no_symbols);

// The app's stack size from its libtock crt0 header (the app binary's first 40 bytes,
// stack_size at byte 36), or 0 when the header is absent or implausible.
uint32_t Crt0StackSize(const tock::Process& process);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_RUNTIME_FAULT_DUMP_H_
