// What tockd prints so a developer can attach gdb to one app process: where the app's ELF is
// (beside its TBF: apps/x/hello.tbf -> apps/x/hello.elf) and the one gdb command line. Host
// apps are fixed-address x32 ELFs, so loading the ELF gives every symbol its run-time address.
#ifndef TOCKPP_HOSTKERNEL_DEBUG_GDB_COMMAND_H_
#define TOCKPP_HOSTKERNEL_DEBUG_GDB_COMMAND_H_

#include <string>
#include <string_view>

namespace tock::hostkernel {

// The absolute path of the ELF beside `tbf_source` (an AppImage::source: "dir/NAME.tbf"; a
// TAB member "dir/x.tab:x32.tbf" has none), or empty if there is no such readable file.
// `*looked_for` (if given) is set to the path tried, for messages.
std::string ElfBesideTbf(std::string_view tbf_source, std::string* looked_for = nullptr);

// The gdb command that attaches to `pid` with `elf`'s symbols (no symbols when `elf` is
// empty). The ELF is x32 while the process started as a 64-bit launcher: the command sets the
// architecture so gdb keeps the ELF's 32-bit pointers and reads the 64-bit registers.
std::string GdbAttachCommand(int pid, std::string_view elf);

// Quotes `s` for a POSIX shell if it needs it.
std::string ShellQuote(std::string_view s);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_DEBUG_GDB_COMMAND_H_
