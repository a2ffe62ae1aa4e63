// What libtock_selftest.c prints under FakeKernel (shared by the unconfined and confined
// runs, which must agree byte for byte).
#ifndef TOCKPP_APPS_TESTING_SELFTEST_TRANSCRIPT_H_
#define TOCKPP_APPS_TESTING_SELFTEST_TRANSCRIPT_H_

namespace tock::apps::testing {

inline constexpr char kSelftestTranscript[] =
    "data: 42 from .data\n"
    "format: [-42|    7|3   |-0012|4000000000|beef|BEEF|00001234|z|ok|%]\n"
    "truncate: 8 abcd\n"
    "pointer: 0x20000010\n"
    "exists: console=1 missing=0\n"
    "command nodevice: type=0 rc=-11\n"
    "u32 on novalue: -1024\n"
    "subscribe nodevice: success=0 status=11 echoed=1\n"
    "subscribe previous: first=1 second=1\n"
    "allow outside ram: success=0 rc=-6 ptr=0x40000000 size=16\n"
    "allow swap: 1 1\n"
    "allow userspace: 0 rc=-10\n"
    "yield_no_wait idle: 0\n"
    "yield ran alarm upcall: rc=0 upcalls=3\n"
    "yield_wait_for alarm: rc=0 fired_at_expiration=1 upcalls=3\n"
    "sbrk: grew=256\n"
    "sbrk huge: 1\n"
    "brk back: 0\n"
    "memop unknown: Operation or command is unsupported\n"
    "flash/ram: 0x10000000 0x20000000\n"
    "strrcode: Invalid SyscallReturn variant | Invalid error number\n";

}  // namespace tock::apps::testing

#endif  // TOCKPP_APPS_TESTING_SELFTEST_TRANSCRIPT_H_
