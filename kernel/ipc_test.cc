// IPC (driver 0x10000) on the real kernel dispatch with fake platforms: discovery, notify in
// both directions, the shared buffer copied through the receiver's window and back, and every
// error path.
#include "kernel/ipc.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string_view>

#include "kernel/testing/kernel_harness.h"

namespace tock {
namespace {

using testing::FakeProcessPlatform;
using testing::KernelHarness;
using testing::TrapResult;

constexpr uint32_t kIpc = 0x10000;
constexpr uint32_t kFn = 0x10000101;
constexpr uint32_t kSuccess = 128;
constexpr uint32_t kSuccessU32 = 129;

uint32_t Code(ErrorCode e) { return static_cast<uint32_t>(e); }

class IpcTest : public ::testing::Test {
 protected:
  using Driver = Ipc<3>;
  IpcTest()
      : h_(std::make_unique<KernelHarness<4>>()),
        grant_(h_->kernel, kIpc, h_->memory_cap),
        ipc_(h_->kernel, grant_) {
    EXPECT_TRUE(h_->Register(kIpc, ipc_).ok());
    h_->kernel.SetIpc(&ipc_);
    FakeProcessPlatform::ImageSpec svc;
    svc.name = "org.tockos.svc";
    service_ = h_->Load(0, svc).value();
    FakeProcessPlatform::ImageSpec cli;
    cli.name = "client";
    client_ = h_->Load(1, cli).value();
  }

  void Write(ProcessId pid, uint32_t addr, std::string_view text) {
    h_->platform(pid).WriteRam(
        addr, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  }
  std::string_view Read(ProcessId pid, uint32_t addr, size_t n) {
    return {reinterpret_cast<const char*>(h_->platform(pid).Ram(addr)), n};
  }
  TrapResult Discover(ProcessId pid, std::string_view name) {
    const uint32_t addr = h_->AppBuffer(pid, 0x200, 64);
    Write(pid, addr, name);
    EXPECT_EQ(h_->AllowReadOnly(pid, kIpc, 0, addr, name.size()).variant(), 130u);  // U32U32
    return h_->Command(pid, kIpc, 1, 0, 0);
  }
  // Client shares `text` (in a buffer of `len` bytes) with the service and notifies it.
  uint32_t ShareAndNotify(std::string_view text, uint32_t len) {
    const uint32_t buf = h_->AppBuffer(client_, 0x400, len);
    Write(client_, buf, text);
    EXPECT_EQ(h_->AllowReadWrite(client_, kIpc, service_.index(), buf, len).variant(), 130u);
    EXPECT_EQ(h_->Command(client_, kIpc, 2, service_.index(), 0).variant(), kSuccess);
    return buf;
  }
  // Both yield; the scheduler delivers the service's upcall.
  const FakeProcessPlatform::Upcall& DeliverToService() {
    h_->platform(service_).ClearRecords();
    h_->YieldWait(service_);
    h_->YieldWait(client_);
    auto run = h_->Schedule();
    EXPECT_TRUE(run.has_value());
    EXPECT_EQ(run->process->id(), service_);
    return *h_->platform(service_).last_upcall;
  }

  std::unique_ptr<KernelHarness<4>> h_;
  Driver::GrantType grant_;
  Driver ipc_;
  ProcessId service_;
  ProcessId client_;
};

TEST_F(IpcTest, ExistsAndUnknownCommand) {
  EXPECT_EQ(h_->Command(client_, kIpc, 0, 0, 0).variant(), kSuccess);
  TrapResult r = h_->Command(client_, kIpc, 9, 0, 0);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Code(ErrorCode::kNoSupport));
}

TEST_F(IpcTest, DiscoverFindsTheServiceByExactName) {
  TrapResult r = Discover(client_, "org.tockos.svc");
  EXPECT_EQ(r.variant(), kSuccessU32);
  EXPECT_EQ(r.regs[1], service_.index());
  r = Discover(client_, "client");
  EXPECT_EQ(r.regs[1], client_.index());
  for (std::string_view name : {"org.tockos.sv", "org.tockos.svcx", "nothing"}) {
    r = Discover(client_, name);
    EXPECT_EQ(r.variant(), 0u) << name;
    EXPECT_EQ(r.regs[1], Code(ErrorCode::kNoDevice)) << name;
  }
}

TEST_F(IpcTest, DiscoverWithoutASearchBufferIsNoDevice) {
  TrapResult r = h_->Command(client_, kIpc, 1, 0, 0);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Code(ErrorCode::kNoDevice));
}

TEST_F(IpcTest, NotifyServiceCopiesTheBufferIntoItsWindowAndBack) {
  ASSERT_EQ(h_->Subscribe(service_, kIpc, service_.index(), kFn, 7).variant(), 130u);
  ASSERT_EQ(h_->Subscribe(client_, kIpc, service_.index(), kFn + 2, 8).variant(), 130u);
  const uint32_t buf = ShareAndNotify("ping", 16);

  const FakeProcessPlatform::Upcall& up = DeliverToService();
  EXPECT_EQ(up.fn, kFn);
  EXPECT_EQ(up.args[0], client_.index());
  EXPECT_EQ(up.args[1], 16u);
  EXPECT_EQ(up.args[2], FakeProcessPlatform::kIpcWindowBase);
  EXPECT_EQ(up.args[3], 7u);
  auto& window = h_->platform(service_).ipc_window_bytes;
  EXPECT_EQ(std::memcmp(window.data(), "ping", 4), 0);
  EXPECT_EQ(ipc_.share(service_.index()).open, true);

  // The service answers in place and notifies the client: its change reaches the client.
  std::memcpy(window.data(), "pong", 4);
  EXPECT_EQ(h_->Command(service_, kIpc, 3, client_.index(), 0).variant(), kSuccess);
  EXPECT_EQ(Read(client_, buf, 4), "pong");
  // Its next yield closes the window: zeroed, nothing reachable any more.
  h_->YieldWait(service_);
  EXPECT_FALSE(ipc_.share(service_.index()).open);
  EXPECT_EQ(window[0], 0);

  // The client's upcall: subscribe number = the service's index, the service shares nothing.
  auto run = h_->Schedule();
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->process->id(), client_);
  const auto& cu = *h_->platform(client_).last_upcall;
  EXPECT_EQ(cu.fn, kFn + 2);
  EXPECT_EQ(cu.args[0], service_.index());
  EXPECT_EQ(cu.args[1], 0u);
  EXPECT_EQ(cu.args[2], 0u);
}

TEST_F(IpcTest, ABufferLargerThanTheWindowIsCutToIt) {
  ASSERT_EQ(h_->Subscribe(service_, kIpc, service_.index(), kFn, 0).variant(), 130u);
  ShareAndNotify("x", 200);
  const auto& up = DeliverToService();
  EXPECT_EQ(up.args[1], FakeProcessPlatform::kIpcWindowCapacity);
}

TEST_F(IpcTest, NoBufferSharedGivesZeroLengthAndAddress) {
  ASSERT_EQ(h_->Subscribe(service_, kIpc, service_.index(), kFn, 0).variant(), 130u);
  EXPECT_EQ(h_->Command(client_, kIpc, 2, service_.index(), 0).variant(), kSuccess);
  const auto& up = DeliverToService();
  EXPECT_EQ(up.args[0], client_.index());
  EXPECT_EQ(up.args[1], 0u);
  EXPECT_EQ(up.args[2], 0u);
  EXPECT_FALSE(ipc_.share(service_.index()).open);
}

TEST_F(IpcTest, WithoutAWindowTheOwnersAddressIsPassed) {
  h_->platform(service_).ipc_window_enabled = false;
  ASSERT_EQ(h_->Subscribe(service_, kIpc, service_.index(), kFn, 0).variant(), 130u);
  const uint32_t buf = ShareAndNotify("ping", 16);
  const auto& up = DeliverToService();
  EXPECT_EQ(up.args[1], 16u);
  EXPECT_EQ(up.args[2], buf);
}

TEST_F(IpcTest, AReAllowedBufferIsNotWrittenBack) {
  ASSERT_EQ(h_->Subscribe(service_, kIpc, service_.index(), kFn, 0).variant(), 130u);
  ASSERT_EQ(h_->Subscribe(client_, kIpc, service_.index(), kFn + 2, 0).variant(), 130u);
  const uint32_t buf = ShareAndNotify("ping", 16);
  DeliverToService();
  auto& window = h_->platform(service_).ipc_window_bytes;
  std::memcpy(window.data(), "pong", 4);
  EXPECT_EQ(h_->Command(service_, kIpc, 3, client_.index(), 0).variant(), kSuccess);
  EXPECT_EQ(Read(client_, buf, 4), "pong");  // still allowed: written back
  // The service's turn ends with its window open; the client runs and takes its buffer back.
  h_->kernel.HandleTimesliceExpired(h_->process(service_), h_->loop_cap);
  auto run = h_->Schedule();
  ASSERT_TRUE(run.has_value());
  ASSERT_EQ(run->process->id(), client_);
  const uint32_t other = h_->AppBuffer(client_, 0x800, 16);
  EXPECT_EQ(h_->AllowReadWrite(client_, kIpc, service_.index(), other, 16).variant(), 130u);
  // The service's later writes to its copy no longer reach the client.
  std::memcpy(window.data(), "late", 4);
  EXPECT_EQ(h_->Command(service_, kIpc, 0, 0, 0).variant(), kSuccess);
  EXPECT_EQ(Read(client_, buf, 4), "pong");
  EXPECT_EQ(Read(client_, other, 4), std::string_view("\0\0\0\0", 4));
}

TEST_F(IpcTest, UnallowedBeforeGiveBackIsLeftAlone) {
  ASSERT_EQ(h_->Subscribe(service_, kIpc, service_.index(), kFn, 0).variant(), 130u);
  const uint32_t buf = ShareAndNotify("ping", 16);
  // The client un-allows before the service runs: the delivery sees no buffer.
  EXPECT_EQ(h_->AllowReadWrite(client_, kIpc, service_.index(), 0, 0).variant(), 130u);
  const auto& up = DeliverToService();
  EXPECT_EQ(up.args[1], 0u);
  EXPECT_EQ(Read(client_, buf, 4), "ping");
}

TEST_F(IpcTest, NotifyErrors) {
  // Out of the process table, and an empty slot: INVAL.
  TrapResult r = h_->Command(client_, kIpc, 2, 40, 0);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Code(ErrorCode::kInval));
  r = h_->Command(client_, kIpc, 3, 3, 0);
  EXPECT_EQ(r.regs[1], Code(ErrorCode::kInval));
  // A slot beyond the driver's upcall count (process 3 of 4, Ipc<3>): INVAL.
  FakeProcessPlatform::ImageSpec extra;
  extra.name = "extra";
  ASSERT_TRUE(h_->Load(2, extra).ok());
  ProcessId fourth = h_->Load(3, extra).value();
  r = h_->Command(client_, kIpc, 2, fourth.index(), 0);
  EXPECT_EQ(r.regs[1], Code(ErrorCode::kInval));
  // Notifying oneself succeeds and queues nothing (upstream drops it at delivery).
  EXPECT_EQ(h_->Command(client_, kIpc, 2, client_.index(), 0).variant(), kSuccess);
  EXPECT_EQ(h_->process(client_).pending_upcall_count(), 0u);
}

TEST_F(IpcTest, NotifyingADeadProcessIsNoDeviceAndTheNotifierRunsOn) {
  ASSERT_TRUE(h_->kernel.TerminateProcess(service_, 0, h_->process_cap).ok());
  TrapResult r = h_->Command(client_, kIpc, 2, service_.index(), 0);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Code(ErrorCode::kNoDevice));
  // Restarted, it is reachable again at the same index.
  ASSERT_TRUE(h_->kernel.StartProcess(service_, h_->process_cap).ok());
  EXPECT_EQ(h_->Command(client_, kIpc, 2, service_.index(), 0).variant(), kSuccess);
}

TEST_F(IpcTest, AClientThatDiesBeforeDeliveryLeavesNoBuffer) {
  ASSERT_EQ(h_->Subscribe(service_, kIpc, service_.index(), kFn, 0).variant(), 130u);
  ShareAndNotify("ping", 16);
  ASSERT_TRUE(h_->kernel.TerminateProcess(client_, 0, h_->process_cap).ok());
  h_->platform(service_).ClearRecords();
  h_->YieldWait(service_);
  ASSERT_TRUE(h_->Schedule().has_value());
  const auto& up = *h_->platform(service_).last_upcall;
  EXPECT_EQ(up.args[0], client_.index());
  EXPECT_EQ(up.args[1], 0u);
  EXPECT_EQ(up.args[2], 0u);
}

TEST_F(IpcTest, AClientThatDiesWhileSharedIsNotWrittenBack) {
  ASSERT_EQ(h_->Subscribe(service_, kIpc, service_.index(), kFn, 0).variant(), 130u);
  const uint32_t buf = ShareAndNotify("ping", 16);
  DeliverToService();
  ASSERT_TRUE(h_->kernel.TerminateProcess(client_, 0, h_->process_cap).ok());
  std::memcpy(h_->platform(service_).ipc_window_bytes.data(), "pong", 4);
  TrapResult r = h_->Command(service_, kIpc, 3, client_.index(), 0);
  EXPECT_EQ(r.regs[1], Code(ErrorCode::kNoDevice));
  EXPECT_EQ(Read(client_, buf, 4), "ping");
}

TEST_F(IpcTest, AFullQueueIsNoMem) {
  ASSERT_EQ(h_->Subscribe(service_, kIpc, service_.index(), kFn, 0).variant(), 130u);
  TrapResult r{};
  int ok = 0;
  for (int i = 0; i < 20; ++i) {
    r = h_->Command(client_, kIpc, 2, service_.index(), 0);
    ok += r.variant() == kSuccess ? 1 : 0;
  }
  EXPECT_EQ(ok, 10);  // the upcall queue holds 10
  EXPECT_EQ(r.regs[1], Code(ErrorCode::kNoMem));
}

}  // namespace
}  // namespace tock
