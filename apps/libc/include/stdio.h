/* stdio for Tock apps (apps/libc): formatted output to the console driver, stdout
 * line-buffered, stderr unbuffered, stdin byte reads. No files: stdin/stdout/stderr only.
 */
#ifndef TOCKPP_APPS_LIBC_INCLUDE_STDIO_H_
#define TOCKPP_APPS_LIBC_INCLUDE_STDIO_H_

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct __tock_file FILE;
typedef long fpos_t;

extern FILE* const stdin;
extern FILE* const stdout;
extern FILE* const stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr

#define EOF (-1)
#define BUFSIZ 128
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define __TOCK_PRINTF(f, a) __attribute__((format(printf, f, a)))

int printf(const char* fmt, ...) __TOCK_PRINTF(1, 2);
int vprintf(const char* fmt, va_list ap) __TOCK_PRINTF(1, 0);
int fprintf(FILE* stream, const char* fmt, ...) __TOCK_PRINTF(2, 3);
int vfprintf(FILE* stream, const char* fmt, va_list ap) __TOCK_PRINTF(2, 0);
int sprintf(char* buf, const char* fmt, ...) __TOCK_PRINTF(2, 3);
int vsprintf(char* buf, const char* fmt, va_list ap) __TOCK_PRINTF(2, 0);
int snprintf(char* buf, size_t size, const char* fmt, ...) __TOCK_PRINTF(3, 4);
int vsnprintf(char* buf, size_t size, const char* fmt, va_list ap) __TOCK_PRINTF(3, 0);
/* newlib's integer-only names, same formatter. */
int iprintf(const char* fmt, ...) __TOCK_PRINTF(1, 2);
int siprintf(char* buf, const char* fmt, ...) __TOCK_PRINTF(2, 3);
int sniprintf(char* buf, size_t size, const char* fmt, ...) __TOCK_PRINTF(3, 4);

int puts(const char* s);
int fputs(const char* s, FILE* stream);
int putchar(int c);
int fputc(int c, FILE* stream);
int putc(int c, FILE* stream);
size_t fwrite(const void* ptr, size_t size, size_t count, FILE* stream);
int fflush(FILE* stream);
int setvbuf(FILE* stream, char* buf, int mode, size_t size);
void setbuf(FILE* stream, char* buf);
void perror(const char* s);

/* Blocking console reads (stdout is flushed first). */
int getchar(void);
int fgetc(FILE* stream);
int getc(FILE* stream);
char* fgets(char* buf, int size, FILE* stream);
size_t fread(void* ptr, size_t size, size_t count, FILE* stream);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBC_INCLUDE_STDIO_H_
