// Symbolizer over libdw/libdwfl; see symbolizer.h. One Dwfl session per ELF, reported at its
// link addresses (host apps are ET_EXEC at fixed addresses, so the bias is 0). Unwinding
// attaches a "process" whose only thread has the fault's registers and whose memory is the
// caller's WordReader, so libdwfl's own unwinder (CFI, then the x86-64 frame-pointer
// fallback) walks a stack that no longer has a live process.
#include "hostkernel/symbols/symbolizer.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tock::hostkernel {
namespace {

// No separate debug files, no debuginfod: only what is in the ELF the user named.
int NoFindElf(Dwfl_Module*, void**, const char*, Dwarf_Addr, char**, Elf**) { return -1; }
int NoFindDebuginfo(Dwfl_Module*, void**, const char*, Dwarf_Addr, const char*, const char*,
                    GElf_Word, char**) {
  return -1;
}

const Dwfl_Callbacks kCallbacks = {
    .find_elf = NoFindElf,
    .find_debuginfo = NoFindDebuginfo,
    .section_address = dwfl_offline_section_address,
    .debuginfo_path = nullptr,
};

// The one thread of the unwinding "process".
constexpr pid_t kTid = 1;

// x86-64 DWARF register numbers 0..7: rax rdx rcx rbx rsi rdi rbp rsp.
constexpr int kDwarfRegs = 8;

// Closes a file descriptor unless released to libdwfl (which then owns it).
class FdGuard {
 public:
  explicit FdGuard(int fd) : fd_(fd) {}
  ~FdGuard() {
    if (fd_ >= 0) {
      close(fd_);
    }
  }
  FdGuard(const FdGuard&) = delete;
  FdGuard& operator=(const FdGuard&) = delete;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

const char* MachineName(int machine) {
  switch (machine) {
    case EM_386:
      return " (i386)";
    case EM_ARM:
      return " (ARM)";
    case EM_AARCH64:
      return " (AArch64)";
    case EM_RISCV:
      return " (RISC-V)";
    default:
      return "";
  }
}

// Checks with libelf that `fd` is an x86-64 executable ELF; the reason in words otherwise.
absl::Status CheckElf(int fd) {
  Elf* elf = elf_begin(fd, ELF_C_READ_MMAP, nullptr);
  if (elf == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("not readable as ELF (", elf_errmsg(-1), ")"));
  }
  absl::Status status;
  GElf_Ehdr ehdr;
  if (elf_kind(elf) != ELF_K_ELF) {
    status = absl::InvalidArgumentError("not an ELF file");
  } else if (gelf_getehdr(elf, &ehdr) == nullptr) {
    status = absl::InvalidArgumentError(absl::StrCat("bad ELF header (", elf_errmsg(-1), ")"));
  } else if (ehdr.e_machine != EM_X86_64) {
    status = absl::InvalidArgumentError(absl::StrCat("an ELF for machine ", ehdr.e_machine,
                                                     MachineName(ehdr.e_machine), ", not x86-64"));
  } else if (ehdr.e_type != ET_EXEC && ehdr.e_type != ET_DYN) {
    status = absl::InvalidArgumentError("not an executable ELF");
  }
  elf_end(elf);
  return status;
}

// Names and paths come from the user's ELF: printable ASCII only and bounded, so that a hostile
// ELF cannot break a dump's lines or flood the log.
constexpr size_t kMaxNameBytes = 256;

std::string Printable(std::string_view s) {
  std::string out(s.substr(0, kMaxNameBytes));
  for (char& c : out) {
    if (c < 0x20 || c > 0x7e) {
      c = '?';
    }
  }
  return out;
}

bool IsFunctionScope(Dwarf_Die* die) {
  const int tag = dwarf_tag(die);
  return tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine;
}

}  // namespace

namespace {

// The unwind in progress (Unwind is not reentrant; one dump at a time).
struct UnwindState {
  const UnwindRegisters* regs = nullptr;
  const WordReader* read = nullptr;
};

pid_t NextThread(Dwfl*, void* arg, void** thread_argp) {
  if (*thread_argp != nullptr) {
    return 0;  // one thread only
  }
  *thread_argp = arg;
  return kTid;
}

bool GetThread(Dwfl*, pid_t tid, void* arg, void** thread_argp) {
  *thread_argp = arg;
  return tid == kTid;
}

bool MemoryRead(Dwfl*, Dwarf_Addr address, Dwarf_Word* result, void* arg) {
  const UnwindState& state = *static_cast<UnwindState*>(arg);
  uint64_t word = 0;
  if (state.read == nullptr || !(*state.read)(address, &word)) {
    return false;
  }
  *result = word;
  return true;
}

bool SetInitialRegisters(Dwfl_Thread* thread, void* arg) {
  const UnwindState& state = *static_cast<UnwindState*>(arg);
  if (state.regs == nullptr) {
    return false;
  }
  const UnwindRegisters& r = *state.regs;
  const Dwarf_Word regs[kDwarfRegs] = {r.rax, r.rdx, r.rcx, r.rbx, r.rsi, r.rdi, r.rbp, r.rsp};
  if (!dwfl_thread_state_registers(thread, 0, kDwarfRegs, regs)) {
    return false;
  }
  dwfl_thread_state_register_pc(thread, r.rip);
  return true;
}

const Dwfl_Thread_Callbacks kThreadCallbacks = {
    .next_thread = NextThread,
    .get_thread = GetThread,
    .memory_read = MemoryRead,
    .set_initial_registers = SetInitialRegisters,
    .detach = nullptr,
    .thread_detach = nullptr,
};

}  // namespace

struct Symbolizer::Impl {
  Dwfl* dwfl = nullptr;
  bool attached = false;
  UnwindState state;  // libdwfl keeps a pointer to it once attached

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (dwfl != nullptr) {
      dwfl_end(dwfl);
    }
  }
};

Symbolizer::Symbolizer(std::string path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}

Symbolizer::~Symbolizer() = default;

absl::StatusOr<std::unique_ptr<Symbolizer>> Symbolizer::Open(const std::string& path) {
  auto fail = [&path](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", why));
  };
  // O_NONBLOCK: a FIFO named as the ELF must not hang tockd (it is refused below).
  FdGuard fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (fd.get() < 0) {
    return fail(std::strerror(errno));
  }
  struct stat st;
  if (fstat(fd.get(), &st) != 0) {
    return fail(std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return fail("not a regular file");
  }
  if (st.st_size == 0) {
    return fail("empty file");
  }
  if (static_cast<uint64_t>(st.st_size) > kMaxElfBytes) {
    return fail(absl::StrCat("larger than ", kMaxElfBytes >> 20, " MiB"));
  }
  elf_version(EV_CURRENT);
  if (absl::Status elf = CheckElf(fd.get()); !elf.ok()) {
    return fail(elf.message());
  }
  auto impl = std::make_unique<Impl>();
  impl->dwfl = dwfl_begin(&kCallbacks);
  if (impl->dwfl == nullptr) {
    return fail(dwfl_errmsg(-1));
  }
  dwfl_report_begin(impl->dwfl);
  Dwfl_Module* mod = dwfl_report_elf(impl->dwfl, "app", path.c_str(), fd.get(), 0, false);
  if (mod == nullptr) {
    return fail(dwfl_errmsg(-1));
  }
  fd.release();  // libdwfl owns it now
  if (dwfl_report_end(impl->dwfl, nullptr, nullptr) != 0) {
    return fail(dwfl_errmsg(-1));
  }
  return std::unique_ptr<Symbolizer>(new Symbolizer(path, std::move(impl)));
}

std::optional<SourceLocation> Symbolizer::Lookup(uint64_t address) const {
  Dwfl_Module* mod = dwfl_addrmodule(impl_->dwfl, address);
  if (mod == nullptr) {
    return std::nullopt;
  }
  SourceLocation loc;
  if (const char* symbol = dwfl_module_addrname(mod, address); symbol != nullptr) {
    loc.function = Printable(symbol);
  }
  Dwarf_Addr bias = 0;
  if (Dwarf_Die* cu = dwfl_module_addrdie(mod, address, &bias); cu != nullptr) {
    Dwarf_Die* scopes = nullptr;
    const int n = dwarf_getscopes(cu, address - bias, &scopes);
    std::vector<std::string> functions;  // innermost first
    for (int i = 0; i < n; ++i) {
      if (IsFunctionScope(&scopes[i])) {
        const char* name = dwarf_diename(&scopes[i]);
        functions.push_back(name != nullptr ? Printable(name) : "??");
      }
    }
    free(scopes);
    if (!functions.empty()) {
      loc.function = functions.front();
      if (functions.size() > 1) {
        loc.caller = functions[1];
      }
    }
  }
  if (Dwfl_Line* line = dwfl_module_getsrc(mod, address); line != nullptr) {
    int lineno = 0;
    if (const char* file = dwfl_lineinfo(line, nullptr, &lineno, nullptr, nullptr, nullptr);
        file != nullptr) {
      loc.file = Printable(ShortSourcePath(file));
      loc.line = lineno;
    }
  }
  if (loc.function.empty() && loc.file.empty()) {
    return std::nullopt;
  }
  return loc;
}

std::string Symbolizer::Describe(uint64_t address) const {
  std::optional<SourceLocation> loc = Lookup(address);
  if (!loc) {
    return "";
  }
  std::string out = loc->function.empty() ? "??" : loc->function;
  if (!loc->file.empty()) {
    absl::StrAppend(&out, " at ", loc->file, ":", loc->line);
  }
  if (!loc->caller.empty()) {
    absl::StrAppend(&out, " (inlined into ", loc->caller, ")");
  }
  return out;
}

namespace {
struct FrameWalk {
  std::vector<uint64_t> pcs;
  size_t max_frames = 0;
};

int OnFrame(Dwfl_Frame* frame, void* arg) {
  FrameWalk& walk = *static_cast<FrameWalk*>(arg);
  Dwarf_Addr pc = 0;
  bool activation = false;
  if (!dwfl_frame_pc(frame, &pc, &activation) || pc == 0) {
    return DWARF_CB_ABORT;
  }
  walk.pcs.push_back(pc);
  return walk.pcs.size() < walk.max_frames ? DWARF_CB_OK : DWARF_CB_ABORT;
}
}  // namespace

std::vector<uint64_t> Symbolizer::Unwind(const UnwindRegisters& regs, const WordReader& read,
                                         size_t max_frames) const {
  FrameWalk walk;
  walk.max_frames = max_frames;
  if (max_frames == 0) {
    return walk.pcs;
  }
  if (!impl_->attached) {
    impl_->attached =
        dwfl_attach_state(impl_->dwfl, nullptr, kTid, &kThreadCallbacks, &impl_->state);
  }
  if (!impl_->attached) {
    walk.pcs.push_back(regs.rip);  // no unwinder for this ELF: the faulting PC alone
    return walk.pcs;
  }
  impl_->state.regs = &regs;
  impl_->state.read = &read;
  // Ends with an error when the walk cannot go on; what was found so far is the answer.
  (void)dwfl_getthread_frames(impl_->dwfl, kTid, OnFrame, &walk);
  impl_->state = UnwindState{};
  if (walk.pcs.empty()) {
    walk.pcs.push_back(regs.rip);
  }
  return walk.pcs;
}

std::string ShortSourcePath(const std::string& path) {
  std::string_view p = path;
  constexpr std::string_view kExecroot = "/execroot/";
  if (size_t at = p.rfind(kExecroot); at != std::string_view::npos) {
    p.remove_prefix(at + kExecroot.size());
    const size_t slash = p.find('/');  // the workspace name
    p.remove_prefix(slash == std::string_view::npos ? p.size() : slash + 1);
  }
  while (p.substr(0, 2) == "./") {
    p.remove_prefix(2);
  }
  return std::string(p);
}

}  // namespace tock::hostkernel
