// SccLed flips only its own bit of the SCC's CFG1 register and tells the observer.
#include "platforms/chips/mps2_an386/scc_led.h"

#include <gtest/gtest.h>

#include <cstddef>

#include "platforms/chips/testing/mmio_fake.h"

namespace tock::mps2 {
namespace {

constexpr size_t kCfg1 = offsetof(SccRegisters, cfg1);

unsigned g_last_index = 99;
bool g_last_on = false;
int g_changes = 0;
void Observe(unsigned index, bool on) {
  g_last_index = index;
  g_last_on = on;
  ++g_changes;
}

TEST(SccLedTest, OwnBitOnlyAndObserverSeesEveryChange) {
  chips::testing::FakeBlock<SccRegisters> scc;
  scc.Poke(kCfg1, 0xF0);
  SccLed led(2, scc.base());
  led.SetObserver(&Observe);
  led.Init();
  EXPECT_EQ(scc.Peek(kCfg1), 0xF0u);
  led.On();
  EXPECT_EQ(scc.Peek(kCfg1), 0xF4u);
  EXPECT_TRUE(led.Read());
  EXPECT_EQ(g_last_index, 2u);
  EXPECT_TRUE(g_last_on);
  led.Toggle();
  EXPECT_EQ(scc.Peek(kCfg1), 0xF0u);
  EXPECT_FALSE(led.Read());
  EXPECT_FALSE(g_last_on);
  EXPECT_EQ(g_changes, 3);
}

}  // namespace
}  // namespace tock::mps2
