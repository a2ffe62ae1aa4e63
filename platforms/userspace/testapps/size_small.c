/* size_small: an app whose TBF is 1 KiB. No crt0 or libc (those alone pass 1 KiB): _start
 * makes one low-level debug print of 0x5a11 with raw system calls, then yields forever so the
 * print is sent. Packed in an image before size_big (8 KiB) to check that both are placed where
 * the MPU can protect them and both run. It uses no RAM variables, so needs no GOT setup. */
__attribute__((naked, section(".start"), used)) void _start(void) {
  __asm__ volatile(
      "movs r0, #8\n"      /* driver: low-level debug */
      "movs r1, #2\n"      /* command 2: print one number */
      "movw r2, #0x5a11\n" /* the number */
      "movs r3, #0\n"
      "svc 2\n"          /* Command */
      "1: movs r0, #1\n" /* yield-wait: no upcall ever comes */
      "svc 0\n"
      "b 1b\n"
      ".space 640, 0xa5\n"); /* filler: takes the TBF past 512 bytes, to 1 KiB */
}
