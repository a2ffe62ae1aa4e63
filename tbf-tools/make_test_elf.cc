// Writes a small host x32 app ELF (tockpp convention: binary at 0x10000080, RAM at 0x20000000
// + 2048) for the CLI test.  Usage: make_test_elf OUT.elf
#include <fstream>
#include <iostream>

#include "tbf-tools/elf_builder.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_test_elf OUT.elf\n";
    return 2;
  }
  tock::tbf::ElfBuilder b;
  b.machine = 62;  // EM_X86_64 in an ELF32: x32
  b.entry = 0x10000080 + 40;
  b.segments.push_back({0x10000080, 0x10000080, 5, 0, std::vector<uint8_t>(300, 0x90)});
  b.segments.push_back({0x20000800, 0x10000080 + 300, 6, 96, std::vector<uint8_t>(32, 0xDA)});
  b.sections.push_back({".text", 1, 6, 0, 0, 0, 300, {}});
  b.sections.push_back({".data", 1, 3, 1, 0, 0, 32, {}});
  const auto bytes = b.Build();
  std::ofstream f(argv[1], std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return f ? 0 : 1;
}
