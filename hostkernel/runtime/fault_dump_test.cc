// FormatFaultDump on a fake process: the unsymbolized layout the harness parses, the symbolized
// PC and backtrace from a real app ELF (fault_line.elf), the "stack overflow?" hint, and a
// broken ELF giving one reason line and an unsymbolized dump.
#include "hostkernel/runtime/fault_dump.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <signal.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/testing/fake_platform.h"

namespace tock::hostkernel {
namespace {

using tock::testing::FakeProcessPlatform;

constexpr char kElf[] = "tests/integration/apps/fault_line.elf";
constexpr char kSource[] = "tests/integration/apps/fault_line.c";

std::string Runfile(const std::string& path) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* ws = std::getenv("TEST_WORKSPACE");
  return std::string(srcdir ? srcdir : ".") + "/" + (ws ? ws : "tockpp") + "/" + path;
}

int LineOf(const std::string& marker) {
  std::ifstream in(Runfile(kSource));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(marker) != std::string::npos) {
      return n;
    }
  }
  return 0;
}

uint64_t SymbolAddress(const std::string& path, const std::string& name) {
  uint64_t found = 0;
  elf_version(EV_CURRENT);
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  Elf* elf = elf_begin(fd, ELF_C_READ, nullptr);
  for (Elf_Scn* scn = nullptr; elf != nullptr && (scn = elf_nextscn(elf, scn)) != nullptr;) {
    GElf_Shdr shdr;
    if (gelf_getshdr(scn, &shdr) == nullptr || shdr.sh_type != SHT_SYMTAB) {
      continue;
    }
    Elf_Data* data = elf_getdata(scn, nullptr);
    for (size_t i = 0; data != nullptr && i < shdr.sh_size / shdr.sh_entsize; ++i) {
      GElf_Sym sym;
      if (gelf_getsym(data, static_cast<int>(i), &sym) != nullptr &&
          name == elf_strptr(elf, shdr.sh_link, sym.st_name)) {
        found = sym.st_value;
      }
    }
  }
  elf_end(elf);
  close(fd);
  return found;
}

class FaultDumpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kernel_ = std::make_unique<tock::Kernel>(processes_, drivers_, 2000);
    const tock::TbfDescription& tbf =
        platform_.MakeImage({.name = "fault_line", .total_size = 1024, .header_size = 64});
    ASSERT_TRUE(kernel_->LoadProcess(tbf, platform_.platform(), restart_, cap_).ok());
  }
  void TearDown() override { SetFaultDumpElfPaths({}); }
  const tock::Process& process() const { return processes_[0]; }
  // A SIGSEGV at `addr` with the given PC and stack pointer.
  static ExitInfo Segv(uint32_t addr, uint64_t rip, uint64_t rsp) {
    ExitInfo exit;
    exit.cause = ExitInfo::Cause::kSignaled;
    exit.signal = SIGSEGV;
    tock_fault_info f{};
    f.valid = 1;
    f.signo = SIGSEGV;
    f.code = 1;
    f.addr = addr;
    f.rip = rip;
    f.rsp = rsp;
    f.rflags = 0x10246;
    exit.fault = f;
    return exit;
  }
  void WriteStackSizeInCrt0Header(uint32_t stack) {
    std::memcpy(platform_.Flash(process().tbf()->app_start() + 36), &stack, 4);
  }

  tock::ProcessManagementCapability cap_ = tock::CapabilityFactory::ProcessManagement();
  tock::RestartFaultPolicy restart_;
  tock::DriverTable<1> drivers_;
  std::array<tock::Process, 1> processes_;
  std::unique_ptr<tock::Kernel> kernel_;
  FakeProcessPlatform platform_;
};

TEST_F(FaultDumpTest, UnsymbolizedDumpSaysWhyAndKeepsTheLayout) {
  const std::string dump = FormatFaultDump(process(), Segv(0x40000000, 0x100023b0, 0x20000700),
                                           nullptr, "no ELF beside x.tbf");
  EXPECT_EQ(dump.rfind("---| Process fault: fault_line (restart count 0) |---\n", 0), 0u) << dump;
  EXPECT_NE(dump.find("\nFault address: 0x40000000   (signal 11, code 1)\n"), std::string::npos);
  EXPECT_NE(dump.find("\nrip 0x100023b0  (no symbols: no ELF beside x.tbf)\n"), std::string::npos)
      << dump;
  EXPECT_NE(dump.find("\nrsp 0x20000700  rbp 0x00000000  rflags 0x00010246\n"), std::string::npos);
  EXPECT_EQ(dump.find("Backtrace"), std::string::npos);
  EXPECT_EQ(dump.find("Stack overflow"), std::string::npos);
  EXPECT_NE(dump.find("\nApp memory map:\n"), std::string::npos);
  EXPECT_EQ(dump.substr(dump.rfind('\n') + 1, 16), "  free          ");
}

TEST_F(FaultDumpTest, SymbolizedDumpNamesFunctionFileLineAndTheCaller) {
  const std::string elf = Runfile(kElf);
  const uint64_t poke = SymbolAddress(elf, "poke");
  const uint64_t main_fn = SymbolAddress(elf, "main");
  ASSERT_NE(poke, 0u);
  // poke is a leaf: its return address into main is at [rsp].
  const uint32_t rsp = process().memory_start() + 0x700;
  const uint64_t return_address = main_fn + 0x20;
  std::memcpy(platform_.Ram(rsp), &return_address, 8);
  SetFaultDumpElfPaths({.elf = {{"fault_line", elf}}});

  const std::string dump = FormatFaultDump(process(), Segv(0x40000000, poke, rsp));
  char rip[160];
  std::snprintf(rip, sizeof rip, "\nrip 0x%08" PRIx64 "  poke at %s:%d\n", poke, kSource,
                LineOf("/* FAULT_HERE */"));
  EXPECT_NE(dump.find(rip), std::string::npos) << dump;
  EXPECT_NE(dump.find("\nBacktrace (symbols from " + elf + "):\n"), std::string::npos) << dump;
  char frame1[64];
  std::snprintf(frame1, sizeof frame1, "\n  #1 0x%08" PRIx64 "  main at %s:", return_address,
                kSource);
  EXPECT_NE(dump.find(frame1), std::string::npos) << dump;
  EXPECT_EQ(dump.substr(dump.rfind('\n') + 1, 16), "  free          ");
}

TEST_F(FaultDumpTest, FaultJustBelowRamSuggestsAStackOverflowWithTheStackSize) {
  WriteStackSizeInCrt0Header(1024);
  EXPECT_EQ(Crt0StackSize(process()), 1024u);
  const uint32_t below = process().memory_start() - 8;
  const std::string dump =
      FormatFaultDump(process(), Segv(below, 0x10000100, below), nullptr, "none");
  EXPECT_NE(dump.find("\nStack overflow? The fault is 8 bytes below RAM (0x20000000), where the "
                      "1024-byte stack ends (crt0 header stack_size; tock_app's `stack`)\n"),
            std::string::npos)
      << dump;
  // Far below RAM is not a stack overflow.
  EXPECT_EQ(FormatFaultDump(process(), Segv(process().memory_start() - 8192, 0, 0), nullptr, "")
                .find("Stack overflow"),
            std::string::npos);
}

TEST_F(FaultDumpTest, ImplausibleCrt0StackSizeIsNotShown) {
  WriteStackSizeInCrt0Header(0xffffffff);
  EXPECT_EQ(Crt0StackSize(process()), 0u);
  const uint32_t below = process().memory_start() - 4;
  const std::string dump = FormatFaultDump(process(), Segv(below, 0, below), nullptr, "none");
  EXPECT_NE(dump.find("where the app's stack ends\n"), std::string::npos) << dump;
}

TEST_F(FaultDumpTest, BrokenElfGivesOneReasonAndAnUnsymbolizedDump) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string bad = std::string(tmp ? tmp : "/tmp") + "/bad.elf";
  std::ofstream(bad) << "\x7f"
                     << "ELF garbage";
  SetFaultDumpElfPaths({.elf = {{"fault_line", bad}}});
  const std::string dump = FormatFaultDump(process(), Segv(0x40000000, 0x100023b0, 0x20000700));
  EXPECT_NE(dump.find("\nrip 0x100023b0  (no symbols: " + bad + ": not an ELF file)\n"),
            std::string::npos)
      << dump;
  EXPECT_EQ(dump.find("Backtrace"), std::string::npos);
}

TEST_F(FaultDumpTest, AppWithoutAnElfGetsTheRecordedReason) {
  SetFaultDumpElfPaths({.missing = {{"fault_line", "no fault_line.elf beside a.tbf"}}});
  const std::string dump = FormatFaultDump(process(), Segv(0x40000000, 0x100023b0, 0x20000700));
  EXPECT_NE(dump.find("(no symbols: no fault_line.elf beside a.tbf)"), std::string::npos) << dump;
}

}  // namespace
}  // namespace tock::hostkernel
