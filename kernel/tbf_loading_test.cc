#include "kernel/tbf_loading.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "kernel/testing/kernel_harness.h"
#include "tbf-tools/writer/writer.h"

namespace tock {
namespace {

std::vector<uint8_t> ReadVector(const std::string& name) {
  std::ifstream f("tbf-tools/testdata/vectors/" + name, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

TEST(TbfLoadingTest, DescribesARealLibtockCImage) {
  std::vector<uint8_t> bytes = ReadVector("retro_game.cortex-m4.tbf");
  ASSERT_EQ(bytes.size(), 16384u);
  auto d = DescribeTbf(bytes, 0x00040000);
  ASSERT_TRUE(d.ok());
  const TbfDescription& t = d.value();
  EXPECT_EQ(t.image, bytes.data());
  EXPECT_EQ(t.flash_address, 0x00040000u);
  EXPECT_EQ(t.total_size, 16384u);
  EXPECT_EQ(t.header_size, 80u);
  EXPECT_EQ(t.protected_trailer_size, 0u);
  EXPECT_EQ(t.init_fn_offset, 0x29u);
  EXPECT_EQ(t.minimum_ram_size, 24120u);
  EXPECT_EQ(std::string(t.package_name, t.package_name_len), "retro_game");
  EXPECT_TRUE(t.enabled);
  EXPECT_EQ(t.fixed_ram_address, kNoFixedAddress);
  EXPECT_EQ(t.num_writeable_regions, 0u);
  EXPECT_EQ(t.entry_point(), 0x00040000u + 80 + 0x29);
  EXPECT_EQ(t.app_start(), 0x00040000u + 80);
}

TEST(TbfLoadingTest, FixedAddressImageKeepsItsAddresses) {
  std::vector<uint8_t> bytes = ReadVector("retro_game.rv32imac.0x20040080.0x80002800.tbf");
  ASSERT_FALSE(bytes.empty());
  auto d = DescribeTbf(bytes, kFlashAddressOfImage);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.value().fixed_ram_address, 0x80002800u);
  EXPECT_EQ(d.value().fixed_flash_address, 0x20040080u);
  EXPECT_EQ(d.value().flash_address,
            static_cast<uint32_t>(reinterpret_cast<uintptr_t>(bytes.data())));
}

TEST(TbfLoadingTest, RejectsGarbageAndPadding) {
  std::vector<uint8_t> junk(64, 0xFF);
  EXPECT_EQ(DescribeTbf(junk, 0).error(), ErrorCode::kInval);
  // A padding object: version 2, header_size 16, total 256, flags 0, checksum of the words.
  std::vector<uint8_t> pad(256, 0);
  const uint32_t words[4] = {0x00100002u, 256u, 0u, 0x00100002u ^ 256u};
  for (int i = 0; i < 4; ++i) {
    for (int b = 0; b < 4; ++b) {
      pad[i * 4 + b] = static_cast<uint8_t>(words[i] >> (8 * b));
    }
  }
  EXPECT_EQ(DescribeTbf(pad, 0).error(), ErrorCode::kNoSupport);
}

TEST(TbfLoadingTest, WriteableFlashRegionsReachMemop) {
  std::vector<uint8_t> bytes = tock::tbf::TbfWriter()
                                   .AddMain({0, 0, 4096})
                                   .AddPackageName("nv")
                                   .AddWriteableFlashRegion({0x400, 0x100})
                                   .AddWriteableFlashRegion({0x800, 0x200})
                                   .SetBinary(std::vector<uint8_t>(0x1000, 0))
                                   .Build();
  auto d = DescribeTbf(bytes, testing::FakeProcessPlatform::kFlashBase);
  ASSERT_TRUE(d.ok());
  const TbfDescription tbf = d.value();
  ASSERT_EQ(tbf.num_writeable_regions, 2u);
  auto h = std::make_unique<testing::KernelHarness<1>>();
  auto pid = h->kernel.LoadProcess(tbf, h->platforms[0].platform(), h->stop_policy, h->process_cap);
  ASSERT_TRUE(pid.ok());
  EXPECT_EQ(h->Memop(pid.value(), 7, 0).regs[1], 2u);
  EXPECT_EQ(h->Memop(pid.value(), 8, 1).regs[1], testing::FakeProcessPlatform::kFlashBase + 0x800);
  EXPECT_EQ(h->Memop(pid.value(), 9, 0).regs[1], testing::FakeProcessPlatform::kFlashBase + 0x500);
}

TEST(TbfLoadingTest, IdentityIsLocallyUniqueUntilTheBoardAssignsOne) {
  std::vector<uint8_t> with_tlv = tock::tbf::TbfWriter()
                                      .AddMain({0, 0, 4096})
                                      .AddPackageName("blink")
                                      .AddShortId(0xC0FFEE)
                                      .SetBinary(std::vector<uint8_t>(0x100, 0))
                                      .Build();
  auto t = DescribeTbf(with_tlv, testing::FakeProcessPlatform::kFlashBase);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.value().identity.short_id, kShortIdLocallyUnique);
  EXPECT_EQ(t.value().identity.credential, CredentialStatus::kNone);
  TbfDescription tbf = t.value();
  tbf.identity.short_id = AssignShortId(0xC0FFEE, "blink", 5);
  tbf.identity.credential = CredentialStatus::kSignatureVerified;
  auto h = std::make_unique<testing::KernelHarness<1>>();
  auto pid = h->kernel.LoadProcess(tbf, h->platforms[0].platform(), h->stop_policy, h->process_cap);
  ASSERT_TRUE(pid.ok());
  EXPECT_EQ(h->kernel.ProcessFor(pid.value())->short_id(), 0xC0FFEEu);
  EXPECT_EQ(h->kernel.ProcessFor(pid.value())->identity().credential,
            CredentialStatus::kSignatureVerified);
}

TEST(TbfLoadingTest, RealImageLoadsIntoTheKernel) {
  std::vector<uint8_t> bytes = ReadVector("retro_game.cortex-m4.tbf");
  auto h = std::make_unique<testing::KernelHarness<1>>();
  auto d = DescribeTbf(bytes, testing::FakeProcessPlatform::kFlashBase);
  ASSERT_TRUE(d.ok());
  const TbfDescription tbf = d.value();
  auto pid = h->kernel.LoadProcess(tbf, h->platforms[0].platform(), h->stop_policy, h->process_cap);
  ASSERT_TRUE(pid.ok());
  const Process& p = h->process(pid.value());
  EXPECT_EQ(h->platforms[0].last_entry->pc, testing::FakeProcessPlatform::kFlashBase + 80 + 0x29);
  EXPECT_GE(p.memory_len(), 24120u);
  EXPECT_EQ(p.flash_end(), testing::FakeProcessPlatform::kFlashBase + 16384);
}

}  // namespace
}  // namespace tock
