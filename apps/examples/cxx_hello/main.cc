// cxx_hello: a libtock-c app written in C++ (virtual dispatch, new/delete, a class template)
// to show that tock_app builds .cc sources for the host and for Cortex-M as libtock-c does:
// no exceptions, RTTI or C++ standard library; libtock's C headers work unchanged.
#include <libtock-sync/services/alarm.h>
#include <stdio.h>

namespace {

class Greeter {
 public:
  virtual ~Greeter() = default;
  virtual const char* Language() const = 0;
  virtual const char* Word() const = 0;
};

class English final : public Greeter {
 public:
  const char* Language() const override { return "English"; }
  const char* Word() const override { return "Hello"; }
};

class Dutch final : public Greeter {
 public:
  const char* Language() const override { return "Dutch"; }
  const char* Word() const override { return "Hallo"; }
};

template <typename T, int N>
constexpr int Count(const T (&)[N]) {
  return N;
}

}  // namespace

int main(void) {
  Greeter* greeters[] = {new English(), new Dutch()};
  for (int i = 0; i < Count(greeters); ++i) {
    printf("cxx_hello: %s in %s\n", greeters[i]->Word(), greeters[i]->Language());
    libtocksync_alarm_delay_ms(10);
  }
  for (Greeter* greeter : greeters) delete greeter;
  printf("cxx_hello: done\n");
  return 0;
}
