/* Cortex-M exception entry and the kernel<->process switch (ARMv7-M, Thumb-2).
 *
 * The kernel runs privileged in Thread mode on MSP; a process runs unprivileged in Thread mode
 * on PSP. tockpp_cm_switch_to_user loads the process's r4-r11 and PSP, then `svc 0xff`: the
 * SVC handler sees the call came from MSP, drops to unprivileged and returns onto PSP. Any
 * later exception taken from the process (its own `svc N`, SysTick, an interrupt, a fault)
 * records why in tockpp_cm_switch_reason, restores privilege and returns with EXC_RETURN
 * "Thread, MSP", which pops the frame the kernel's `svc 0xff` left on MSP: the kernel resumes
 * right after that svc with the process's r4-r11 still in registers and saves them.
 * Handlers taken from the process touch only r0-r3 (the caller-saved, hardware-stacked ones).
 */
    .syntax unified
    .thumb

    .equ EXC_RETURN_THREAD_MSP, 0xFFFFFFF9
    .equ EXC_RETURN_THREAD_PSP, 0xFFFFFFFD
    .equ SYST_CSR,  0xE000E010
    .equ NVIC_ICER, 0xE000E180
    .equ NVIC_ISPR, 0xE000E200
    .equ SCB_CFSR,  0xE000ED28

    .equ REASON_SYSCALL,   1
    .equ REASON_PREEMPTED, 2
    .equ REASON_FAULT,     3

    .text

/* uint32_t tockpp_cm_switch_to_user(uint32_t psp, uint32_t regs[8]);
 * Runs the process until it traps back; returns its new PSP, regs[] updated. */
    .global tockpp_cm_switch_to_user
    .type tockpp_cm_switch_to_user, %function
    .thumb_func
tockpp_cm_switch_to_user:
    push {r1, r4-r11, lr}       /* 10 words: keeps MSP 8-byte aligned */
    msr psp, r0
    ldmia r1, {r4-r11}
    svc 0xff
    /* Back from the process: its r4-r11 are live. */
    ldr r1, [sp]
    stmia r1, {r4-r11}
    mrs r0, psp
    pop {r1, r4-r11, pc}
    .size tockpp_cm_switch_to_user, . - tockpp_cm_switch_to_user

/* Shared tail: leave the process, become privileged, resume the kernel with reason in r1. */
    .type back_to_kernel, %function
    .thumb_func
back_to_kernel:
    ldr r0, =tockpp_cm_switch_reason
    str r1, [r0]
    movs r0, #0
    msr control, r0             /* nPRIV = 0 for the kernel's Thread mode */
    isb
    ldr lr, =EXC_RETURN_THREAD_MSP
    bx lr
    .size back_to_kernel, . - back_to_kernel

    .global tockpp_cm_svc_handler
    .type tockpp_cm_svc_handler, %function
    .thumb_func
tockpp_cm_svc_handler:
    tst lr, #4                  /* EXC_RETURN bit 2: frame on PSP = came from a process */
    bne 1f
    /* The kernel's `svc 0xff`: enter the process unprivileged. */
    movs r0, #1
    msr control, r0
    isb
    ldr lr, =EXC_RETURN_THREAD_PSP
    bx lr
1:  movs r1, #REASON_SYSCALL
    b back_to_kernel
    .size tockpp_cm_svc_handler, . - tockpp_cm_svc_handler

/* SysTick ends the timeslice: stop the counter (SysTick::HasExpired reads ENABLE == 0). */
    .global tockpp_cm_systick_handler
    .type tockpp_cm_systick_handler, %function
    .thumb_func
tockpp_cm_systick_handler:
    ldr r0, =SYST_CSR
    movs r1, #0
    str r1, [r0]
    b leave_if_process
    .size tockpp_cm_systick_handler, . - tockpp_cm_systick_handler

/* Every external interrupt: mask it in the NVIC and leave it pending; the kernel loop services
 * it (the chip's bottom half) and unmasks it. */
    .global tockpp_cm_generic_isr
    .type tockpp_cm_generic_isr, %function
    .thumb_func
tockpp_cm_generic_isr:
    mrs r0, ipsr
    subs r0, r0, #16            /* IRQ number */
    and r2, r0, #31
    movs r3, #1
    lsl r2, r3, r2              /* bit within the word */
    lsr r0, r0, #5
    lsl r0, r0, #2              /* byte offset of the word */
    ldr r1, =NVIC_ICER
    str r2, [r1, r0]
    ldr r1, =NVIC_ISPR
    str r2, [r1, r0]
    .thumb_func
leave_if_process:
    tst lr, #4
    it eq
    bxeq lr                     /* interrupted the kernel: plain return */
    movs r1, #REASON_PREEMPTED
    b back_to_kernel
    .size tockpp_cm_generic_isr, . - tockpp_cm_generic_isr

/* HardFault, MemManage, BusFault, UsageFault. From a process: record the fault registers
 * (clearing them) and return to the kernel, which faults the process. From the kernel: hand the
 * stacked frame and r4-r11 to tockpp_cm_kernel_fault, which panics. */
    .global tockpp_cm_fault_handler
    .type tockpp_cm_fault_handler, %function
    .thumb_func
tockpp_cm_fault_handler:
    tst lr, #4
    beq 2f
    ldr r0, =tockpp_cm_fault_info
    mrs r1, ipsr
    str r1, [r0, #0]            /* exception number */
    ldr r2, =SCB_CFSR
    ldr r1, [r2, #0]            /* CFSR */
    str r1, [r0, #4]
    str r1, [r2, #0]            /* write-one-to-clear */
    ldr r1, [r2, #4]            /* HFSR */
    str r1, [r0, #8]
    str r1, [r2, #4]
    ldr r1, [r2, #12]           /* MMFAR */
    str r1, [r0, #12]
    ldr r1, [r2, #16]           /* BFAR */
    str r1, [r0, #16]
    movs r1, #REASON_FAULT
    b back_to_kernel
2:  mrs r0, msp                 /* stacked r0-r3, r12, lr, pc, xpsr */
    mov r1, lr
    push {r4-r11}
    mov r2, sp
    bl tockpp_cm_kernel_fault   /* does not return */
3:  b 3b
    .size tockpp_cm_fault_handler, . - tockpp_cm_fault_handler

    .ltorg
