// QEMU MPS2-AN386 board: the same kernel and capsules as the host board, for what QEMU 7.2's
// mps2-an386 can back, wired as statics in parts-list style: console, low-level debug and the
// process console (off unless linked in: see below) on UART0; alarm on the CMSDK timers; LEDs 0-1
// (SCC); buttons 0-1 (FPGA IO); GPIO pins 0-7 and nonvolatile storage with no hardware behind them
// (QEMU leaves the CMSDK GPIO blocks unimplemented and has no writable flash): pins driven from the
// host link, storage in PSRAM (layout.ld). Further drivers wire themselves from their own file
// beside this one (board_context.h; temperature.cc: a simulated sensor). No RNG: the MPS2 has no
// TRNG. UART1 is the host link (platforms/boards/common/host_link.h): `press N`/`release N`/
// `switch N on|off` in, `led N on|off`, `ready`, `button N pressed|released` out. Apps are TBFs
// in the apps flash region (layout.ld `_sapps`).
// Each capsule is wired by its component (capsules/components), as on the other boards.
// Boot: runtime init -> chip -> drivers -> load apps -> KernelLoop (platforms/arch/cortex_m).
#include <cstddef>
#include <cstdint>

#include "capsules/components/button_component.h"
#include "capsules/components/gpio_component.h"
#include "capsules/components/led_component.h"
#include "capsules/components/nonvolatile_storage_component.h"
#include "hil/button.h"
#include "kernel/deferred_call.h"
#include "kernel/fault_policy.h"
#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/arch/cortex_m/kernel_loop.h"
#include "platforms/arch/cortex_m/mpu.h"
#include "platforms/arch/cortex_m/nvic.h"
#include "platforms/arch/cortex_m/startup.h"
#include "platforms/arch/cortex_m/vector_table.h"
#include "platforms/boards/common/core_parts.h"
#include "platforms/boards/common/driven_pin.h"
#include "platforms/boards/common/host_link.h"
#include "platforms/boards/common/process_console_parts.h"
#include "platforms/boards/common/ram_flash.h"
#include "platforms/boards/qemu_mps2_an386/board_context.h"
#include "platforms/chips/mps2_an386/chip.h"
#include "platforms/chips/mps2_an386/cmsdk_uart.h"
#include "platforms/chips/mps2_an386/fpga_io.h"
#include "platforms/chips/mps2_an386/scc_led.h"

extern "C" {
extern uint8_t _sapps[], _eapps[], _sappmem[], _eappmem[];
extern uint8_t _snvstorage[], _envstorage[];
// Whether the process console starts at boot; process_console_active.cc overrides it.
[[gnu::weak]] bool tockpp_process_console_active = false;
}

namespace {

namespace comp = tock::capsules::components;
namespace cm = tock::cortex_m;
namespace mps2 = tock::mps2;
using tock::hil::button::ActivationMode;
using tock::hil::gpio::FloatingState;

// UART1 (QEMU's second -serial): RX IRQ 2, TX IRQ 3.
constexpr uintptr_t kUart1Base = 0x4000'5000;
constexpr unsigned kUart1RxIrq = 2;
constexpr unsigned kUart1TxIrq = 3;
constexpr unsigned kUart1Irqs[] = {kUart1RxIrq, kUart1TxIrq};

// The chip plus UART1 for the host link, for the kernel loop: the chip services its own lines,
// this adds UART1's the same way (mask-and-pend by exceptions.S, serviced here, re-enabled).
class BoardChip {
 public:
  explicit BoardChip(mps2::Mps2An386& chip) : chip_(chip) {}

  void Init() {
    chip_.Init();
    uart1_.Init(115200);
    for (unsigned irq : kUart1Irqs) {
      cm::Nvic::ClearPending(irq);
      cm::Nvic::Enable(irq);
    }
  }
  bool ServicePendingInterrupts() {
    bool any = chip_.ServicePendingInterrupts();
    for (unsigned irq : kUart1Irqs) {
      if (!cm::Nvic::IsPending(irq)) {
        continue;
      }
      any = true;
      cm::Nvic::ClearPending(irq);
      uart1_.HandleInterrupt();
      cm::Nvic::Enable(irq);
    }
    return any;
  }
  [[nodiscard]] bool HasPendingInterrupts() const {
    return chip_.HasPendingInterrupts() || cm::Nvic::IsPending(kUart1RxIrq) ||
           cm::Nvic::IsPending(kUart1TxIrq);
  }
  void Sleep() {
    // As Mps2An386::Sleep, over every line this board services.
    asm volatile("cpsid i" ::: "memory");
    if (!HasPendingInterrupts()) {
      asm volatile("wfi" ::: "memory");
    }
    asm volatile("cpsie i" ::: "memory");
  }
  mps2::CmsdkUart& uart1() { return uart1_; }

 private:
  mps2::Mps2An386& chip_;
  mps2::CmsdkUart uart1_{kUart1Base, mps2::kSysClockHz, kUart1RxIrq, kUart1TxIrq};
};

uint32_t Addr(const uint8_t* p) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p)); }

// ---- Parts list ----
mps2::Mps2An386 chip;
BoardChip board_chip(chip);
// Kernel, 8 process slots, console + low-level debug on UART0, alarm on the CMSDK timers.
tock::boards::CoreParts<tock::hil::time::Ticks32, 8, tock::boards::qemu_mps2_an386::kNumDrivers>
    core(chip.uart0(), chip.alarm());
// A faulting app is restarted once, then stopped; the kernel and the other apps keep running.
const tock::ThresholdRestartFaultPolicy fault_policy(1);

// The SCC user LEDs, logged on UART0 and reported on the host link (QEMU -nographic shows none).
mps2::SccLed led0(0), led1(1);
tock::hil::led::Led* const leds[] = {&led0, &led1};

// The FPGA IO user buttons, pressed by the FPGA or the host link (active high).
mps2::FpgaIoButtonPin button_pins[mps2::kFpgaIoButtons] = {mps2::FpgaIoButtonPin(0),
                                                           mps2::FpgaIoButtonPin(1)};
const tock::hil::button::ButtonPin buttons[] = {
    {&button_pins[0], ActivationMode::kActiveHigh, FloatingState::kPullNone},
    {&button_pins[1], ActivationMode::kActiveHigh, FloatingState::kPullNone},
};
comp::ButtonComponent<mps2::kFpgaIoButtons> button_driver(buttons, core.kernel(), core.mem_cap());

// GPIO pins 0-7: inputs are the host link's switches 0-7.
tock::boards::DrivenPin gpio_pins[8];
tock::hil::gpio::InterruptPin* const gpio_list[] = {&gpio_pins[0], &gpio_pins[1], &gpio_pins[2],
                                                    &gpio_pins[3], &gpio_pins[4], &gpio_pins[5],
                                                    &gpio_pins[6], &gpio_pins[7]};
comp::GpioComponent<8> gpio_driver(gpio_list, core.kernel(), core.mem_cap());

// Nonvolatile storage for apps: 64 KiB of RAM-backed "flash" in 4 KiB pages (layout.ld).
constexpr size_t kStoragePage = 4096;
tock::boards::RamFlash ram_flash(_snvstorage, static_cast<size_t>(_envstorage - _snvstorage),
                                 kStoragePage);
comp::NonvolatileStorageComponent<kStoragePage> nv_driver(ram_flash, core.kernel(), core.mem_cap(),
                                                          /*userspace_start=*/0,
                                                          static_cast<uint32_t>(_envstorage -
                                                                                _snvstorage));

// The host link on UART1: presses and switches in, LEDs and readiness out.
class HostInputs final : public tock::boards::HostLink::Listener {
 public:
  bool OnButton(unsigned index, bool pressed) override {
    if (index >= mps2::kFpgaIoButtons) {
      return false;
    }
    button_pins[index].SetExternalPress(pressed);
    return true;
  }
  bool OnSwitch(unsigned index, bool on) override {
    if (index >= sizeof gpio_pins / sizeof gpio_pins[0]) {
      return false;
    }
    gpio_pins[index].Drive(on);
    return true;
  }
};
HostInputs host_inputs;
tock::boards::HostLink host_link(board_chip.uart1(), host_inputs);

// Upstream's process console, sharing UART0 with the console through the UART mux. While it
// listens, it keeps a receive outstanding, so (as with upstream's mux) a byte reaches an app only
// if the app's read was already posted when it arrived; without it the UART holds input until
// an app reads. The QEMU tests type into apps right after a prompt line, so, as tockd's test
// harness does (--process-console=off), these images leave it off: it starts (active, as
// upstream boards and tockd start it) only in images linking process_console_active.cc
// (tockpp_process_console_active, above).
tock::boards::ProcessConsoleParts process_console(core.mux_uart(), core.kernel(),
                                                  "tockpp qemu_mps2_an386");

// ---- Debug output (polled, also used for panics) ----
void DebugWrite(const char* data, size_t len) { chip.uart0().WriteBlocking(data, len); }

void LogLed(unsigned index, bool on) {
  char line[] = "[led] LED0 off\r\n";
  line[9] = static_cast<char>('0' + index);
  if (on) {  // "off\r\n" -> "on\r\n"
    line[12] = 'n';
    line[13] = '\r';
    line[14] = '\n';
    line[15] = '\0';
  }
  cm::PanicPrint(line);
  host_link.SendLed(index, on);
}

[[noreturn]] void Main() {
  board_chip.Init();
  cm::SetPanicOutput(&DebugWrite);
  cm::PanicPrint("tockpp: qemu_mps2_an386 kernel booting\r\n");
  if (cm::Mpu::NumRegions() < cm::kMpuRegions) {
    cm::Panic("no PMSAv7 MPU with 8 regions");
  }

  led0.SetObserver(&LogLed);
  led1.SetObserver(&LogLed);
  static comp::LedComponent<2> led_driver(leds);  // turns the LEDs off (logged)
  ram_flash.Init();
  core.RegisterCoreDrivers();
  core.Register(led_driver);
  core.Register(button_driver);
  core.Register(gpio_driver);
  core.Register(nv_driver);
  // The drivers linked in as extensions (board_context.h; e.g. temperature.cc), by name.
  tock::boards::qemu_mps2_an386::QemuBoardContext context{core.kernel(), core.mem_cap(),
                                                          core.registrar()};
  tock::boards::qemu_mps2_an386::QemuBoardExtension::WireAll(context);
  core.CheckWiring();
  if (!tock::DeferredCall::AllRegistered()) {
    cm::Panic("too many deferred calls");
  }

  auto report = core.LoadApps(Addr(_sapps), Addr(_eapps), Addr(_sappmem), Addr(_eappmem),
                              fault_policy, &DebugWrite);
  char count[] = "tockpp: 0 processes loaded, entering main loop\r\n";
  count[8] = static_cast<char>('0' + report.loaded % 10);
  cm::PanicPrint(count);

  // Interrupt-driven output starts only now: the polled lines above never interleave with it.
  if (tockpp_process_console_active) {
    process_console.Start();
  }
  host_link.Start();
  host_link.SendReady();

  static cm::KernelLoop<BoardChip> loop(core.kernel(), board_chip, mps2::kSysClockHz);
  loop.Run();
}

}  // namespace

extern "C" [[noreturn]] void tockpp_reset_handler() {
  cm::InitializeRuntime();
  Main();
}

extern "C" [[gnu::section(".vectors"), gnu::used]] const cm::VectorTable<mps2::kNumIrqs>
    tockpp_vectors = cm::MakeVectorTable<mps2::kNumIrqs>(&tockpp_reset_handler);
