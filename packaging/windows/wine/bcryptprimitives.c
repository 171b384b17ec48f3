#include <windows.h>
#include <ntsecapi.h>
/* Test-only stand-in for Windows 10's bcryptprimitives.dll, which Wine 8 lacks. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!RtlGenRandom(data, n)) return FALSE;
		data += n; len -= n;
	}
	return TRUE;
}
