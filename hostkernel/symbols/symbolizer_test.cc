// Symbolizer against real app ELFs (fixed-address x32, built with -g by tock_app), and against
// malformed ones: garbage, truncated, another machine, corrupted DWARF, not a file.
#include "hostkernel/symbols/symbolizer.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

constexpr char kFaultLineElf[] = "tests/integration/apps/fault_line.elf";
constexpr char kFaultLineSource[] = "tests/integration/apps/fault_line.c";
constexpr char kHelloElf[] = "apps/examples/hello/hello.elf";

std::string Runfile(const std::string& path) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* ws = std::getenv("TEST_WORKSPACE");
  return absl::StrCat(srcdir ? srcdir : ".", "/", ws ? ws : "tockpp", "/", path);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string path = absl::StrCat(tmp ? tmp : "/tmp", "/", name);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  return path;
}

// The 1-based line of `source` holding `marker`, 0 if none.
int LineOf(const std::string& source, const std::string& marker) {
  std::istringstream in(ReadFile(source));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(marker) != std::string::npos) {
      return n;
    }
  }
  return 0;
}

// Function symbols of an ELF (name -> address), read with libelf independently of libdw.
std::map<std::string, uint64_t> FunctionSymbols(const std::string& path) {
  std::map<std::string, uint64_t> out;
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
          GELF_ST_TYPE(sym.st_info) == STT_FUNC) {
        out[elf_strptr(elf, shdr.sh_link, sym.st_name)] = sym.st_value;
      }
    }
  }
  elf_end(elf);
  close(fd);
  return out;
}

TEST(SymbolizerTest, NamesFunctionFileAndLineInAnX32AppElf) {
  auto s = Symbolizer::Open(Runfile(kFaultLineElf));
  ASSERT_TRUE(s.ok()) << s.status();
  const std::map<std::string, uint64_t> syms = FunctionSymbols(Runfile(kFaultLineElf));
  ASSERT_TRUE(syms.count("poke") && syms.count("main"));
  // poke's first instruction is the store.
  std::optional<SourceLocation> loc = (*s)->Lookup(syms.at("poke"));
  ASSERT_TRUE(loc.has_value());
  EXPECT_EQ(loc->function, "poke");
  EXPECT_EQ(loc->file, kFaultLineSource);  // the sandbox prefix is gone
  EXPECT_EQ(loc->line, LineOf(Runfile(kFaultLineSource), "/* FAULT_HERE */"));
  EXPECT_EQ((*s)->Describe(syms.at("poke")),
            absl::StrCat("poke at ", kFaultLineSource, ":", loc->line));
  EXPECT_EQ((*s)->Lookup(syms.at("main"))->function, "main");
}

TEST(SymbolizerTest, AddressOutsideTheAppIsUnknown) {
  auto s = Symbolizer::Open(Runfile(kFaultLineElf));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_FALSE((*s)->Lookup(0x40000000u).has_value());
  EXPECT_EQ((*s)->Describe(0), "");
}

TEST(SymbolizerTest, HelloElfHasMainWithALine) {
  auto s = Symbolizer::Open(Runfile(kHelloElf));
  ASSERT_TRUE(s.ok()) << s.status();
  std::optional<SourceLocation> loc = (*s)->Lookup(FunctionSymbols(Runfile(kHelloElf)).at("main"));
  ASSERT_TRUE(loc.has_value());
  EXPECT_EQ(loc->function, "main");
  EXPECT_EQ(loc->file.substr(0, 14), "apps/examples/") << loc->file;
  EXPECT_GT(loc->line, 0);
}

// poke is a leaf: at its first instruction the return address is at [rsp]. The unwinder must
// find it there (CFI from .debug_frame) and go on to main's caller as far as memory allows.
TEST(SymbolizerTest, UnwindsFromALeafThroughTheStackReader) {
  auto s = Symbolizer::Open(Runfile(kFaultLineElf));
  ASSERT_TRUE(s.ok()) << s.status();
  const std::map<std::string, uint64_t> syms = FunctionSymbols(Runfile(kFaultLineElf));
  const uint64_t return_into_main = syms.at("main") + 0x20;  // somewhere inside main
  UnwindRegisters regs;
  regs.rip = syms.at("poke");
  regs.rsp = 0x20000700;
  std::vector<uint64_t> reads;
  WordReader read = [&](uint64_t address, uint64_t* word) {
    reads.push_back(address);
    if (address == 0x20000700) {
      *word = return_into_main;
      return true;
    }
    return false;  // nothing else is readable
  };
  std::vector<uint64_t> pcs = (*s)->Unwind(regs, read, 8);
  ASSERT_GE(pcs.size(), 2u);
  EXPECT_EQ(pcs[0], syms.at("poke"));
  EXPECT_EQ(pcs[1], return_into_main);
  EXPECT_EQ((*s)->Lookup(pcs[1] - 1)->function, "main");
  EXPECT_LE(pcs.size(), 8u);
  // A second unwind on the same Symbolizer works the same.
  EXPECT_EQ((*s)->Unwind(regs, read, 8), pcs);
  EXPECT_EQ((*s)->Unwind(regs, read, 1), std::vector<uint64_t>{regs.rip});
}

// A stack that points at itself must not unwind forever: max_frames bounds it.
TEST(SymbolizerTest, UnwindIsBoundedOnALoopingStack) {
  auto s = Symbolizer::Open(Runfile(kFaultLineElf));
  ASSERT_TRUE(s.ok()) << s.status();
  const std::map<std::string, uint64_t> syms = FunctionSymbols(Runfile(kFaultLineElf));
  UnwindRegisters regs;
  regs.rip = syms.at("poke");
  regs.rsp = regs.rbp = 0x20000700;
  WordReader read = [&](uint64_t, uint64_t* word) {
    *word = syms.at("poke");  // every return address is poke again
    return true;
  };
  EXPECT_LE((*s)->Unwind(regs, read, 16).size(), 16u);
}

void ExpectOneLineError(const absl::StatusOr<std::unique_ptr<Symbolizer>>& s,
                        const std::string& contains) {
  ASSERT_FALSE(s.ok());
  const std::string message(s.status().message());
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_NE(message.find(contains), std::string::npos) << message;
}

TEST(SymbolizerTest, RefusesGarbageMissingFilesDirectoriesAndOtherMachines) {
  ExpectOneLineError(Symbolizer::Open(WriteTemp("garbage.elf", std::string(4096, '\x5a'))),
                     "garbage.elf: not an ELF file");
  ExpectOneLineError(Symbolizer::Open(WriteTemp("empty.elf", "")), "empty file");
  ExpectOneLineError(Symbolizer::Open(WriteTemp("magic.elf",
                                                "\x7f"
                                                "ELF")),
                     "magic.elf: not an ELF file");
  ExpectOneLineError(Symbolizer::Open("/nonexistent/x.elf"), "No such file or directory");
  const char* tmp = std::getenv("TEST_TMPDIR");
  ExpectOneLineError(Symbolizer::Open(tmp ? tmp : "/tmp"), "not a regular file");
  std::string arm = ReadFile(Runfile(kFaultLineElf));
  arm[18] = 40;  // e_machine = EM_ARM
  arm[19] = 0;
  ExpectOneLineError(Symbolizer::Open(WriteTemp("arm.elf", arm)), "machine 40 (ARM)");
}

// Looks up every address of the app and unwinds from each: nothing may crash (ASan runs this).
void ProbeEverything(const Symbolizer& s, uint64_t from, uint64_t to) {
  WordReader read = [](uint64_t address, uint64_t* word) {
    *word = 0x10000100 + (address & 0xfff);
    return address >= 0x20000000 && address < 0x20001000;
  };
  for (uint64_t a = from; a < to; a += 3) {
    (void)s.Describe(a);
    UnwindRegisters regs;
    regs.rip = a;
    regs.rsp = regs.rbp = 0x20000800;
    (void)s.Unwind(regs, read, 4);
  }
}

TEST(SymbolizerTest, TruncatedElfIsRefusedOrAnswersLessNeverCrashes) {
  const std::string elf = ReadFile(Runfile(kFaultLineElf));
  for (size_t cut :
       {size_t{16}, size_t{52}, size_t{200}, elf.size() / 4, elf.size() / 2, elf.size() - 100}) {
    auto s = Symbolizer::Open(WriteTemp(absl::StrCat("cut", cut, ".elf"), elf.substr(0, cut)));
    if (!s.ok()) {
      EXPECT_EQ(s.status().message().find('\n'), std::string::npos);
      continue;
    }
    ProbeEverything(**s, 0x10000100, 0x10002800);
  }
}

TEST(SymbolizerTest, CorruptedDebugInfoAnswersLessNeverCrashes) {
  const std::string elf = ReadFile(Runfile(kFaultLineElf));
  for (uint32_t seed = 1; seed <= 6; ++seed) {
    std::string bad = elf;
    // Scribble over everything after the loadable code (the DWARF sections and tables).
    uint32_t x = seed * 2654435761u;
    for (size_t i = 0x2000; i < bad.size(); i += 1 + (x % 7)) {
      x = x * 1103515245u + 12345u;
      if (x % 3 == 0) {
        bad[i] = static_cast<char>(x >> 24);
      }
    }
    auto s = Symbolizer::Open(WriteTemp(absl::StrCat("bad", seed, ".elf"), bad));
    if (!s.ok()) {
      EXPECT_EQ(s.status().message().find('\n'), std::string::npos);
      continue;
    }
    ProbeEverything(**s, 0x10000100, 0x10002800);
  }
}

TEST(SymbolizerTest, ShortSourcePathDropsTheSandboxPrefix) {
  EXPECT_EQ(ShortSourcePath("/root/.cache/bazel/_bazel_root/x/sandbox/processwrapper-sandbox/7/"
                            "execroot/tockpp/apps/a.c"),
            "apps/a.c");
  EXPECT_EQ(ShortSourcePath("./apps/a.c"), "apps/a.c");
  EXPECT_EQ(ShortSourcePath("/usr/src/x.c"), "/usr/src/x.c");
}

}  // namespace
}  // namespace tock::hostkernel
