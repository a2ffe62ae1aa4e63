/* ctype.h for Tock apps (apps/libc): the "C" locale's ASCII classes. */
#ifndef TOCKPP_APPS_LIBC_INCLUDE_CTYPE_H_
#define TOCKPP_APPS_LIBC_INCLUDE_CTYPE_H_

#ifdef __cplusplus
extern "C" {
#endif

int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int isascii(int c);
int tolower(int c);
int toupper(int c);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBC_INCLUDE_CTYPE_H_
