/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * COM1 (16550 UART at I/O port 0x3f8): the console. Polled, no interrupts:
 * output waits for the transmit holding register, input is read when the
 * line status says a byte is ready. "\n" goes out as "\r\n" because QEMU's
 * stdio backend puts the terminal in raw mode (tests strip the \r).
 */
#include <errno.h>
#include <km/plat/console.h>
#include <x86/cpu.h>
#include "kvm.h"

#define COM1	      KVM_COM1
#define UART_DATA     0 /* THR/RBR, DLL when DLAB=1 */
#define UART_IER      1 /* DLM when DLAB=1 */
#define UART_FCR      2
#define UART_LCR      3
#define UART_MCR      4
#define UART_LSR      5
#define UART_LCR_DLAB 0x80
#define UART_LCR_8N1  0x03
#define UART_LSR_DR   0x01 /* data ready */
#define UART_LSR_THRE 0x20 /* transmit holding register empty */

static int serial_ready;

void kvm_serial_init(void)
{
	x86_outb(COM1 + UART_IER, 0); /* no interrupts */
	x86_outb(COM1 + UART_LCR, UART_LCR_DLAB);
	x86_outb(COM1 + UART_DATA, 1); /* 115200 baud */
	x86_outb(COM1 + UART_IER, 0);
	x86_outb(COM1 + UART_LCR, UART_LCR_8N1);
	x86_outb(COM1 + UART_FCR, 0x07); /* FIFO on, cleared */
	x86_outb(COM1 + UART_MCR, 0x03); /* DTR, RTS */
	serial_ready = 1;
}

static void serial_putc(char c)
{
	unsigned int spins = 0;

	/* A missing UART reads 0xff: THRE set, so this never hangs. */
	while (!(x86_inb(COM1 + UART_LSR) & UART_LSR_THRE) && ++spins < 100000)
		x86_pause();
	x86_outb(COM1 + UART_DATA, (uint8_t)c);
}

int km_plat_console_write(const char *buf, size_t len)
{
	if (!serial_ready)
		kvm_serial_init();
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			serial_putc('\r');
		serial_putc(buf[i]);
	}
	return 0;
}

long km_plat_console_read(char *buf, size_t len)
{
	size_t n = 0;

	if (!serial_ready)
		kvm_serial_init();
	while (n < len) {
		uint8_t lsr = x86_inb(COM1 + UART_LSR);

		if (lsr == 0xff || !(lsr & UART_LSR_DR))
			break;
		buf[n++] = (char)x86_inb(COM1 + UART_DATA);
	}
	/* A serial line has no end of input: nothing now is -EAGAIN. */
	return n ? (long)n : -EAGAIN;
}

/* A serial line is a terminal for whoever is at its other end. */
int km_plat_console_is_terminal(void)
{
	return 1;
}

void kvm_early_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	km_plat_console_write(s, n);
}
