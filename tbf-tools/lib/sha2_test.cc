// Checks the freestanding SHA-2 against FIPS 180-4 / NIST example digests.
#include "tbf-tools/lib/sha2.h"

#include <string>

#include "gtest/gtest.h"

namespace tock::tbf {
namespace {

template <size_t N>
std::string Hex(const std::array<uint8_t, N>& d, size_t n = N) {
  static const char* kDigits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += kDigits[d[i] >> 4];
    s += kDigits[d[i] & 15];
  }
  return s;
}

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(Sha2Test, Sha256KnownAnswers) {
  Sha256 a;
  a.Update(Bytes("abc"));
  EXPECT_EQ(Hex(a.Finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 e;
  EXPECT_EQ(Hex(e.Finish()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 two;
  two.Update(Bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
  EXPECT_EQ(Hex(two.Finish()), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha2Test, Sha256StreamingEqualsOneShot) {
  std::string data(1000, 'a');
  Sha256 one;
  one.Update(Bytes(data));
  Sha256 parts;
  for (size_t i = 0; i < data.size(); i += 7) {
    parts.Update(Bytes(data).subspan(i, std::min<size_t>(7, data.size() - i)));
  }
  EXPECT_EQ(Hex(one.Finish()), Hex(parts.Finish()));
}

TEST(Sha2Test, Sha256MillionA) {
  std::string data(1000000, 'a');
  Sha256 s;
  s.Update(Bytes(data));
  EXPECT_EQ(Hex(s.Finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha2Test, Sha512KnownAnswers) {
  Sha512 s;
  s.Update(Bytes("abc"));
  EXPECT_EQ(Hex(s.Finish()),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  Sha512 two;
  two.Update(
      Bytes("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
            "klmnopqrlmnopqrsmnopqrstnopqrstu"));
  EXPECT_EQ(Hex(two.Finish()),
            "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
            "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
}

TEST(Sha2Test, Sha384KnownAnswers) {
  Sha512 s(/*sha384=*/true);
  s.Update(Bytes("abc"));
  EXPECT_EQ(Hex(s.Finish(), 48),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
            "8086072ba1e7cc2358baeca134c825a7");
}

}  // namespace
}  // namespace tock::tbf
