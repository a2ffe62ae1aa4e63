// Checks every tock_app ELF against the host app layout that tbf-tools and the launcher rely
// on (apps/README.md): x32 ET_EXEC, binary first byte at 0x10000100 starting with a
// consistent 40-byte crt0 header, stack at the bottom of RAM, no W+X, nothing dynamic.
#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tock::apps::testing {
namespace {

constexpr uint32_t kBinaryStart = 0x10000100;
constexpr uint32_t kRamOrigin = 0x20000000;

struct Crt0Header {
  uint32_t got_sym_start, got_start, got_size, data_sym_start, data_start, data_size, bss_start,
      bss_size, reldata_start, stack_size;
};
static_assert(sizeof(Crt0Header) == 40);

struct Elf {
  std::vector<uint8_t> bytes;
  Elf32_Ehdr eh{};
  std::vector<Elf32_Phdr> phdrs;
  std::map<std::string, Elf32_Shdr> sections;

  // Copies `len` bytes at flash address `addr` out of the file (via the flash segments).
  bool ReadFlash(uint32_t addr, void* out, uint32_t len) const {
    for (const Elf32_Phdr& ph : phdrs) {
      if (ph.p_type == PT_LOAD && addr >= ph.p_paddr && addr + len <= ph.p_paddr + ph.p_filesz) {
        std::memcpy(out, bytes.data() + ph.p_offset + (addr - ph.p_paddr), len);
        return true;
      }
    }
    return false;
  }
};

Elf Load(const std::string& path) {
  Elf e;
  std::ifstream in(path, std::ios::binary);
  e.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (e.bytes.size() < sizeof e.eh) {
    return e;
  }
  std::memcpy(&e.eh, e.bytes.data(), sizeof e.eh);
  for (int i = 0; i < e.eh.e_phnum; ++i) {
    Elf32_Phdr ph;
    std::memcpy(&ph, e.bytes.data() + e.eh.e_phoff + static_cast<size_t>(i) * e.eh.e_phentsize,
                sizeof ph);
    e.phdrs.push_back(ph);
  }
  std::vector<Elf32_Shdr> shdrs(e.eh.e_shnum);
  for (int i = 0; i < e.eh.e_shnum; ++i) {
    std::memcpy(&shdrs[i],
                e.bytes.data() + e.eh.e_shoff + static_cast<size_t>(i) * e.eh.e_shentsize,
                sizeof(Elf32_Shdr));
  }
  const Elf32_Shdr& strtab = shdrs[e.eh.e_shstrndx];
  for (const Elf32_Shdr& sh : shdrs) {
    e.sections[reinterpret_cast<const char*>(e.bytes.data() + strtab.sh_offset + sh.sh_name)] = sh;
  }
  return e;
}

struct AppCase {
  const char* path;
  uint32_t stack;
};

class ElfLayoutTest : public ::testing::TestWithParam<AppCase> {};

TEST_P(ElfLayoutTest, MatchesHostAppLayout) {
  Elf e = Load(GetParam().path);
  ASSERT_EQ(std::memcmp(e.eh.e_ident, ELFMAG, SELFMAG), 0);
  EXPECT_EQ(e.eh.e_ident[EI_CLASS], ELFCLASS32);
  EXPECT_EQ(e.eh.e_machine, EM_X86_64);  // x32: ELF32 + x86-64
  EXPECT_EQ(e.eh.e_type, ET_EXEC);

  uint32_t lowest_flash = UINT32_MAX;
  for (const Elf32_Phdr& ph : e.phdrs) {
    EXPECT_NE(ph.p_type, static_cast<uint32_t>(PT_INTERP));
    EXPECT_NE(ph.p_type, static_cast<uint32_t>(PT_DYNAMIC));
    if (ph.p_type != PT_LOAD) {
      continue;
    }
    EXPECT_FALSE((ph.p_flags & PF_W) && (ph.p_flags & PF_X)) << "W+X segment";
    if (ph.p_filesz > 0) {
      lowest_flash = std::min(lowest_flash, ph.p_paddr);
    }
    if (ph.p_flags & PF_W) {
      EXPECT_GE(ph.p_vaddr, kRamOrigin) << "writable segment outside RAM";
    } else {
      EXPECT_EQ(ph.p_vaddr, ph.p_paddr);
    }
  }
  EXPECT_EQ(lowest_flash, kBinaryStart) << "binary must start right after the 256-byte header";
  EXPECT_GE(e.eh.e_entry, kBinaryStart + sizeof(Crt0Header));

  Crt0Header h;
  ASSERT_TRUE(e.ReadFlash(kBinaryStart, &h, sizeof h));
  const Elf32_Shdr& data = e.sections.at(".data");
  const Elf32_Shdr& bss = e.sections.at(".bss");
  const Elf32_Shdr& stack = e.sections.at(".stack");
  EXPECT_EQ(h.stack_size, GetParam().stack);
  EXPECT_EQ(stack.sh_addr, kRamOrigin) << "stack at the bottom of RAM";
  EXPECT_EQ(stack.sh_size, GetParam().stack);
  EXPECT_EQ(h.got_size, 0u);
  EXPECT_EQ(h.data_start, data.sh_addr - kRamOrigin);
  EXPECT_EQ(h.data_size, data.sh_size);
  EXPECT_EQ(h.bss_start, bss.sh_addr - kRamOrigin);
  EXPECT_EQ(h.bss_size, bss.sh_size);
  EXPECT_GE(h.data_start, h.stack_size);
  EXPECT_GE(h.bss_start, h.data_start + h.data_size);
  uint32_t reloc_count = 1;
  ASSERT_TRUE(e.ReadFlash(kBinaryStart + h.reldata_start, &reloc_count, 4));
  EXPECT_EQ(reloc_count, 0u);
  if (h.data_size > 0) {
    // The .data image in flash (crt0 copies it) equals the section's bytes.
    std::vector<uint8_t> image(h.data_size);
    ASSERT_TRUE(e.ReadFlash(kBinaryStart + h.data_sym_start, image.data(), h.data_size));
    EXPECT_EQ(std::memcmp(image.data(), e.bytes.data() + data.sh_offset, h.data_size), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Apps, ElfLayoutTest,
                         ::testing::Values(AppCase{"apps/examples/hello/hello.elf", 2048},
                                           AppCase{"apps/examples/blink/blink.elf", 2048},
                                           AppCase{"apps/examples/buttons/buttons.elf", 2048},
                                           AppCase{"apps/examples/counter/counter.elf", 2048},
                                           AppCase{"apps/examples/rng/rng.elf", 2048},
                                           AppCase{"apps/examples/spin/spin.elf", 2048},
                                           AppCase{"apps/testing/libtock_selftest.elf", 4096},
                                           AppCase{"tests/security/apps/channel_garbage.elf", 2048},
                                           AppCase{"tests/security/apps/stack_overflow.elf",
                                                   2048}));

// tock_app's TBF asks for exactly stack + .data + .bss + app heap + kernel heap (the stack is
// not also counted as a RAM segment), at the fixed addresses the host layout uses.
TEST(TbfLayoutTest, HelloTbfRequestsStackOnceAndFixedAddresses) {
  Elf e = Load("apps/examples/hello/hello.elf");
  std::ifstream in("apps/examples/hello/hello.tbf", std::ios::binary);
  std::vector<uint8_t> tbf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GE(tbf.size(), 16u);
  auto u16 = [&](size_t o) { return static_cast<uint32_t>(tbf[o] | (tbf[o + 1] << 8)); };
  auto u32 = [&](size_t o) { return u16(o) | (u16(o + 2) << 16); };
  uint32_t header_size = u16(2);
  uint32_t min_ram = 0, trailer = 0, fixed_ram = 0, fixed_flash = 0;
  for (uint32_t off = 16; off + 4 <= header_size;) {
    uint32_t type = u16(off), len = u16(off + 2);
    if (type == 1) {
      trailer = u32(off + 8);
      min_ram = u32(off + 12);
    } else if (type == 5) {
      fixed_ram = u32(off + 4);
      fixed_flash = u32(off + 8);
    }
    off += 4 + ((len + 3) & ~3u);
  }
  const Elf32_Shdr& bss = e.sections.at(".bss");
  EXPECT_EQ(min_ram, bss.sh_addr + bss.sh_size - kRamOrigin + 1024 + 1024);
  EXPECT_EQ(header_size + trailer, 0x100u);
  EXPECT_EQ(fixed_ram, kRamOrigin);
  EXPECT_EQ(fixed_flash, kBinaryStart);
}

}  // namespace
}  // namespace tock::apps::testing
