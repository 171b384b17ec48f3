package main

// Fyne reads the locale in a package initialiser and logs an error on stderr when it is "C"
// or "POSIX" (common in scripts and services), which would spoil the one-line error contract
// of the command line. The app speaks Chinese only, so before the Go runtime starts, a C
// constructor points such locale variables at zh_CN.UTF-8. It swaps pointers in the
// process's environment array, which the Go runtime reads when it starts.

/*
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int plainLocale(const char *v) {
	return strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "C.", 2) == 0;
}

__attribute__((constructor)) static void zhibuLocale(void) {
	static const char *names[] = {"LC_ALL=", "LC_MESSAGES=", "LANG=", "LANGUAGE="};
	static char *repl[] = {"LC_ALL=zh_CN.UTF-8", "LC_MESSAGES=zh_CN.UTF-8", "LANG=zh_CN.UTF-8", "LANGUAGE=zh_CN"};
	for (char **e = environ; e && *e; e++) {
		for (int i = 0; i < 4; i++) {
			size_t n = strlen(names[i]);
			if (strncmp(*e, names[i], n) == 0 && plainLocale(*e + n)) {
				*e = repl[i];
			}
		}
	}
}
*/
import "C"
