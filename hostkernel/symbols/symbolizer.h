// Symbolizer: names the function, source file and line of an address in a host app's ELF, and
// unwinds an app's stack after it died, with elfutils' libdw (DWARF line tables, .debug_frame
// CFI, the x86-64 backend's frame-pointer fallback). Host apps are fixed-address x32 ELFs
// (ELFCLASS32, EM_X86_64); 64-bit x86-64 ELFs work too. Host-only.
//
// The ELF comes from the user (beside the TBF or --symbols): Open() checks that it is a regular
// file of sane size and an x86-64 ELF and says why not in one line; every lookup tolerates
// missing or broken DWARF by answering less (no line, or nothing), never by failing.
//
//   auto s = Symbolizer::Open("hello.elf");
//   if (s.ok()) printf("%s\n", (*s)->Describe(0x1000111b).c_str());  // "main at x.c:9"
#ifndef TOCKPP_HOSTKERNEL_SYMBOLS_SYMBOLIZER_H_
#define TOCKPP_HOSTKERNEL_SYMBOLS_SYMBOLIZER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tock::hostkernel {

struct SourceLocation {
  std::string function;  // innermost function at the address (an inlined one if inlined)
  std::string caller;    // the function it was inlined into, or empty
  std::string file;      // as compiled, a sandbox prefix ".../execroot/WS/" removed; may be empty
  int line = 0;          // 0 when unknown
};

// The registers a fault report carries (hostkernel/abi tock_fault_info).
struct UnwindRegisters {
  uint64_t rip = 0, rsp = 0, rbp = 0;
  uint64_t rax = 0, rbx = 0, rcx = 0, rdx = 0, rsi = 0, rdi = 0;
};

// Reads the 8-byte little-endian word at an app address; false when it is not readable.
using WordReader = std::function<bool(uint64_t address, uint64_t* word)>;

class Symbolizer {
 public:
  // Files over this size are refused (host app ELFs are well under 1 MiB).
  static constexpr uint64_t kMaxElfBytes = 64ull << 20;

  // Opens `path`. Errors are one line, e.g. "x.elf: not an ELF file",
  // "x.elf: an ELF for machine 40 (ARM), not x86-64", "x.elf: No such file or directory".
  static absl::StatusOr<std::unique_ptr<Symbolizer>> Open(const std::string& path);
  ~Symbolizer();
  Symbolizer(const Symbolizer&) = delete;
  Symbolizer& operator=(const Symbolizer&) = delete;

  const std::string& path() const { return path_; }

  // What is at `address` (an instruction's address; pass a return address minus one).
  // nullopt when the address is in no function the ELF knows.
  std::optional<SourceLocation> Lookup(uint64_t address) const;
  // "main at apps/x/y.c:9", "f at y.c:3 (inlined into main)", "main" (no line table), or "".
  std::string Describe(uint64_t address) const;

  // The program counters of the stack, innermost first (regs.rip), at most `max_frames`, as
  // far as libdw can unwind from `regs` reading the stack through `read`. Caller PCs are return
  // addresses (describe them at PC - 1).
  std::vector<uint64_t> Unwind(const UnwindRegisters& regs, const WordReader& read,
                               size_t max_frames) const;

 private:
  struct Impl;
  explicit Symbolizer(std::string path, std::unique_ptr<Impl> impl);
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

// "/x/sandbox/.../execroot/tockpp/apps/a.c" -> "apps/a.c"; "./apps/a.c" -> "apps/a.c".
std::string ShortSourcePath(const std::string& path);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_SYMBOLS_SYMBOLIZER_H_
