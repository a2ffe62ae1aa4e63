#include "kernel/app_id.h"

#include <gtest/gtest.h>

#include <cstring>

namespace tock {
namespace {

uint32_t Crc(const char* s) { return Crc32Posix(s, std::strlen(s)); }

TEST(AppIdTest, Crc32PosixMatchesTheCatalogueCheckValue) {
  // CRC-32/POSIX of "123456789" (the CRC catalogue's check value, no length suffix).
  EXPECT_EQ(Crc("123456789"), 0x765E7680u);
  EXPECT_EQ(Crc(""), 0xFFFFFFFFu);
  static_assert(Crc32Posix("a", 1) != Crc32Posix("b", 1));
  // Two names with one ShortId (tests/integration/credentials_test uses them).
  EXPECT_EQ(Crc("MnHTDqzD"), 0x00FCCC8Cu);
  EXPECT_EQ(Crc("K5EvoGH0"), 0x00FCCC8Cu);
}

TEST(AppIdTest, ShortIdTlvWinsOverTheNameCrc) {
  EXPECT_EQ(AssignShortId(0x1234, "blink", 5), 0x1234u);
  EXPECT_EQ(AssignShortId(0, "blink", 5), Crc("blink"));
  EXPECT_NE(AssignShortId(0, "blink", 5), AssignShortId(0, "blinK", 5));
}

TEST(AppIdTest, UnnamedAppWithoutTlvIsLocallyUnique) {
  EXPECT_EQ(AssignShortId(0, nullptr, 0), kShortIdLocallyUnique);
}

TEST(AppIdTest, LocallyUniqueNeverEqualsAnything) {
  EXPECT_FALSE(SameShortId(kShortIdLocallyUnique, kShortIdLocallyUnique));
  EXPECT_FALSE(SameShortId(kShortIdLocallyUnique, 5));
  EXPECT_TRUE(SameShortId(5, 5));
  EXPECT_FALSE(SameShortId(5, 6));
}

TEST(AppIdTest, CredentialStatusNames) {
  EXPECT_STREQ(CredentialStatusName(CredentialStatus::kNone), "none");
  EXPECT_STREQ(CredentialStatusName(CredentialStatus::kHashVerified), "hash");
  EXPECT_STREQ(CredentialStatusName(CredentialStatus::kSignatureVerified), "signed");
}

}  // namespace
}  // namespace tock
