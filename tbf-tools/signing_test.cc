#include "tbf-tools/signing.h"

#include <gtest/gtest.h>

#include <vector>

#include "tbf-tools/lib/parser.h"
#include "tbf-tools/lib/types.h"
#include "tbf-tools/writer/writer.h"

namespace tock::tbf {
namespace {

const char kKeys[] = "tbf-tools/testdata/keys/";

EcdsaP256Key Load(const std::string& name) {
  absl::StatusOr<EcdsaP256Key> key = EcdsaP256Key::LoadPem(kKeys + name);
  EXPECT_TRUE(key.ok()) << name << ": " << key.status();
  return *key;
}

// A small TBF with a Program header and one zero-filled signature slot (plus a SHA-256).
std::vector<uint8_t> UnsignedTbf() {
  return TbfWriter()
      .AddProgram({0, 0, 4096, TbfWriter::kAutoBinaryEnd, 3})
      .AddPackageName("signed_app")
      .SetBinary(std::vector<uint8_t>(256, 0x5A))
      .AddHashCredential(CredentialFormat::kSha256)
      .AddCredential(CredentialFormat::kEcdsaNistP256, std::vector<uint8_t>(64, 0))
      .Build();
}

SignatureCheck Check(const std::vector<uint8_t>& tbf, const std::vector<EcdsaP256Key>& keys) {
  Result<TbfHeader> h = ParseTbf(tbf);
  EXPECT_TRUE(h.ok());
  return CheckSignatures(tbf, h.value(), keys);
}

TEST(SigningTest, PublicPointIsTheUpstreamBoardsVerifyingKey) {
  // nrf52840dk-test-appid-ecdsap256's verifying_key0 starts e0 13 3a 90, ends 23 62 b1.
  EcdsaP256Key pub = Load("p256-a.pub.pem");
  EXPECT_FALSE(pub.has_private());
  EXPECT_EQ(pub.public_point()[0], 0xe0);
  EXPECT_EQ(pub.public_point()[3], 0x90);
  EXPECT_EQ(pub.public_point()[63], 0xb1);
  EcdsaP256Key priv = Load("p256-a.priv.pem");
  EXPECT_TRUE(priv.has_private());
  EXPECT_EQ(priv.public_point(), pub.public_point());
}

TEST(SigningTest, SignedTbfVerifiesWithItsKeyOnly) {
  std::vector<uint8_t> tbf = UnsignedTbf();
  ASSERT_TRUE(SignTbf(tbf, Load("p256-a.priv.pem")).ok());
  SignatureCheck good = Check(tbf, {Load("p256-b.pub.pem"), Load("p256-a.pub.pem")});
  EXPECT_EQ(good.signatures, 1);
  EXPECT_EQ(good.verified, 1);
  EXPECT_EQ(good.key_index, 1);
  EXPECT_EQ(good.failed_offset, 0u);
  SignatureCheck wrong = Check(tbf, {Load("p256-b.pub.pem")});
  EXPECT_EQ(wrong.signatures, 1);
  EXPECT_EQ(wrong.verified, 0);
  EXPECT_NE(wrong.failed_offset, 0u);
}

TEST(SigningTest, AnyChangedByteOfTheIntegrityRegionBreaksTheSignature) {
  std::vector<uint8_t> tbf = UnsignedTbf();
  ASSERT_TRUE(SignTbf(tbf, Load("p256-a.priv.pem")).ok());
  const std::vector<EcdsaP256Key> keys = {Load("p256-a.pub.pem")};
  Result<TbfHeader> h = ParseTbf(tbf);
  ASSERT_TRUE(h.ok());
  const uint32_t end = h.value().binary_end_offset();
  // A binary byte, the last covered byte, the package name: each breaks it.
  for (uint32_t at : {end - 1, end - 100, uint32_t{40}}) {
    std::vector<uint8_t> bad = tbf;
    bad[at] ^= 0x01;
    Result<TbfHeader> bh = ParseTbf(bad);
    if (!bh.ok()) {
      continue;  // a header byte can break the checksum first
    }
    EXPECT_EQ(CheckSignatures(bad, bh.value(), keys).verified, 0) << "byte " << at;
  }
  // The signature itself.
  std::vector<uint8_t> bad_sig = tbf;
  bad_sig[tbf.size() - 1] ^= 0x80;
  EXPECT_EQ(Check(bad_sig, keys).verified, 0);
}

TEST(SigningTest, PublicKeyCannotSignAndTbfWithoutSlotIsRefused) {
  std::vector<uint8_t> tbf = UnsignedTbf();
  EXPECT_FALSE(SignTbf(tbf, Load("p256-a.pub.pem")).ok());
  std::vector<uint8_t> no_slot = TbfWriter()
                                     .AddProgram({0, 0, 4096, TbfWriter::kAutoBinaryEnd, 0})
                                     .AddPackageName("x")
                                     .SetBinary(std::vector<uint8_t>(64, 1))
                                     .Build();
  absl::Status s = SignTbf(no_slot, Load("p256-a.priv.pem"));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no EcdsaNistP256 credential"), std::string::npos);
}

TEST(SigningTest, OtherCurvesAndGarbageAreRefusedWithAReason) {
  absl::StatusOr<EcdsaP256Key> p384 = EcdsaP256Key::LoadPem(std::string(kKeys) + "p384.pub.pem");
  ASSERT_FALSE(p384.ok());
  EXPECT_NE(p384.status().message().find("P-256"), std::string::npos);
  EXPECT_FALSE(EcdsaP256Key::FromPem("hello", "x").ok());
  EXPECT_FALSE(EcdsaP256Key::LoadPem("no/such/key.pem").ok());
}

TEST(SigningTest, UnsignedTbfHasNoSignatures) {
  std::vector<uint8_t> tbf = TbfWriter()
                                 .AddProgram({0, 0, 4096, TbfWriter::kAutoBinaryEnd, 0})
                                 .AddPackageName("plain")
                                 .SetBinary(std::vector<uint8_t>(64, 1))
                                 .Build();
  SignatureCheck c = Check(tbf, {Load("p256-a.pub.pem")});
  EXPECT_EQ(c.signatures, 0);
  EXPECT_EQ(c.verified, 0);
}

}  // namespace
}  // namespace tock::tbf
