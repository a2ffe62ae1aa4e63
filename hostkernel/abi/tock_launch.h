/* How tockd hands an app process's layout to the launcher: the launch block.
 *
 * Plain C, 32-bit fields: written by tockd, read by the freestanding launcher
 * (both x86-64). The block sits at offset 0 of the "launch" memfd, followed by
 * `bpf_insn_count` classic-BPF instructions (struct sock_filter, 8 bytes each):
 * the exported seccomp filter the launcher installs before the app runs.
 *
 * Inherited fds (fixed numbers, everything else is closed by the launcher):
 *   3 = TOCK_CHANNEL_EVENTFD (the app writes it to wake tockd; stays open)
 *   4 = launch memfd, 5 = flash memfd, 6 = RAM memfd, 7 = channel memfd
 *       (closed again once mapped).
 *
 * Launch handshake: after installing the filter the launcher posts one request
 * on the channel with class TOCK_LAUNCH_READY and arg[0] = its seccomp listener
 * fd number, then waits for the kernel's reply like any syscall. Only then does
 * it jump to the app entry, so the app first runs when the kernel schedules it.
 * arg[1]/arg[2] = low/high half of the vDSO address the launcher was given
 * (AT_SYSINFO_EHDR, 0 if none) and arg[3] = TOCK_LAUNCH_HOST_* bits: what it did
 * to keep host time from the app (diagnostic: tockd names faults with it).
 */
#ifndef TOCKPP_HOSTKERNEL_ABI_TOCK_LAUNCH_H_
#define TOCKPP_HOSTKERNEL_ABI_TOCK_LAUNCH_H_

#include <stdint.h>

#define TOCK_LAUNCH_MAGIC 0x4c4b4354u /* "TCKL" */
#define TOCK_LAUNCH_VERSION 1u

#define TOCK_LAUNCH_FD_LAUNCH 4
#define TOCK_LAUNCH_FD_FLASH 5
#define TOCK_LAUNCH_FD_RAM 6
#define TOCK_LAUNCH_FD_CHANNEL 7

/* Request class of the launcher's handshake (never a TRD104 class). */
#define TOCK_LAUNCH_READY 0x4c41554eu /* "LAUN" */

/* arg[3] of the handshake: the pages removed below the vDSO address (vvar,
 * vvar_vclock) and from it (the vDSO's code), and whether PR_SET_TSC was
 * accepted (rdtsc/rdtscp fault, where the CPU or hypervisor enforces it). */
#define TOCK_LAUNCH_HOST_PAGES_BELOW(a3) ((a3)&0xffu)
#define TOCK_LAUNCH_HOST_PAGES_FROM(a3) (((a3) >> 8) & 0xffu)
#define TOCK_LAUNCH_HOST_TSC_FAULTS 0x10000u

/* Host page size: the granule of the host "MPU". */
#define TOCK_HOST_PAGE_SIZE 4096u

/* Launcher exit codes when setup fails before the app runs (the launcher exits
 * with exit_group(code)); tockd reports them as launch failures. */
#define TOCK_LAUNCH_EXIT_BAD_PARAMS 120
#define TOCK_LAUNCH_EXIT_MAP_FLASH 121
#define TOCK_LAUNCH_EXIT_MAP_RAM 122
#define TOCK_LAUNCH_EXIT_MAP_CHANNEL 123
#define TOCK_LAUNCH_EXIT_SIGNALS 124
#define TOCK_LAUNCH_EXIT_SECCOMP 125

/* C names on purpose: this ABI header is shared with the C launcher. */
/* NOLINTBEGIN(readability-identifier-naming) */
struct tock_launch_params {
  uint32_t magic;   /* TOCK_LAUNCH_MAGIC */
  uint32_t version; /* TOCK_LAUNCH_VERSION */
  /* Flash: mapped read+execute at flash_map_addr (page aligned) from offset 0
   * of the flash memfd, flash_map_len bytes (page multiple). */
  uint32_t flash_map_addr;
  uint32_t flash_map_len;
  /* RAM: the whole RAM memfd is mapped at ram_addr (page aligned), ram_len
   * bytes; the first ram_rw_len bytes read+write, the rest PROT_NONE. */
  uint32_t ram_addr;
  uint32_t ram_len;
  uint32_t ram_rw_len;
  /* Entry: rip, and rdi/rsi/rdx/rcx = Tock's crt0 r0..r3; rsp = initial_sp. */
  uint32_t entry;
  uint32_t app_start;    /* r0 */
  uint32_t memory_start; /* r1 */
  uint32_t memory_len;   /* r2 */
  uint32_t app_break;    /* r3 */
  uint32_t initial_sp;
  uint32_t bpf_insn_count; /* instructions following this block */
  char name[16];           /* process name for ps/top (PR_SET_NAME), NUL padded */
};
/* NOLINTEND(readability-identifier-naming) */

#endif /* TOCKPP_HOSTKERNEL_ABI_TOCK_LAUNCH_H_ */
