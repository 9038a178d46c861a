/*
 * natopost/export.h -- which declarations are the library's public API.
 *
 * libnatopost is built with hidden visibility by default: only functions
 * declared with NP_API are exported from libnatopost.so, so the core's
 * internal helpers (npi_*, npj_*, nt_*) cannot be linked against by accident
 * and can change without breaking the ABI. tests/boundary checks that the
 * exported symbols are exactly the NP_API declarations of these headers.
 * Every public header includes this one.
 */
#ifndef NATOPOST_EXPORT_H
#define NATOPOST_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define NP_API __attribute__((visibility("default")))
#else
#define NP_API
#endif

#endif
