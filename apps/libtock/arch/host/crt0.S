/* x32 host app entry: the launcher jumps here with Tock's crt0 arguments in the SysV
 * argument registers (hostkernel/abi/tock_channel.h): rdi = app_start (the crt0 header),
 * rsi = memory_start, rdx = memory_len, rcx = app_break, rsp = app_break. Mirrors
 * libtock-c's Cortex-M crt0: stack at the bottom of RAM, brk to the end of .bss, then C
 * start-up (crt0.c). x32 addresses are 32 bits: the 32-bit moves zero-extend.
 */
  .section .start, "ax", @progbits
  .globl _start
  .type _start, @function
  .p2align 4                  /* tockd refuses an entry that is not 4-byte aligned */
_start:
  movl %edi, %r12d            /* r12 = app_start = &crt0 header (callee-saved) */
  movl %esi, %r13d            /* r13 = memory_start */
  movl 36(%r12), %r14d        /* hdr->stack_size */
  leal 15(%r13,%r14), %r14d
  andl $-16, %r14d            /* r14 = stack_top, 16-byte aligned (SysV) */
  movl 24(%r12), %edi         /* hdr->bss_start (RAM offset) */
  addl 28(%r12), %edi         /* + hdr->bss_size */
  addl %r13d, %edi            /* edi = new app break */
  cmpl %ecx, %edi
  ja 1f                       /* growing: stay on the initial stack until brk returns */
  movl %r14d, %esp            /* shrinking or equal: stack_top is already accessible */
1:
  andl $-16, %esp
  movl %r14d, %esi            /* stack_top */
  call tock_crt0_set_break    /* memop 0, 10, 11 */
  movl %r14d, %esp            /* switch to the real stack */
  movl %r12d, %edi            /* app_start */
  movl %r13d, %esi            /* memory_start */
  call tock_crt0_start        /* copies .data, zeroes .bss, runs main; never returns */
  ud2
  .size _start, . - _start

  .section .note.GNU-stack, "", @progbits
