/* Collection.to_dataframe()'s raw material: every queryable field of a list
 * of collection rows as one typed buffer per field, read from the core's
 * columns (np_collection_value), never through per-row Python objects. The
 * pandas side (python/natopost/_frames.py) wraps the buffers as typed
 * columns without copying them again. */
#include "module.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "natopost/collection.h"

/* Text values dictionary-encoded by address: the collection keeps each
 * distinct text once, so equal addresses are equal texts (distinct
 * addresses with equal texts only cost an extra entry). */
typedef struct text_codes {
    const char **keys;
    size_t *lens;
    int32_t *codes;
    size_t capacity, used;
    PyObject *uniques;
} text_codes;

static size_t hash_pointer(const char *p) { return (size_t)(((uintptr_t)p >> 3) * 0x9E3779B97F4A7C15u); }

static int text_codes_grow(text_codes *t)
{
    const size_t capacity = t->capacity ? t->capacity * 2 : 1024;
    const char **keys = PyMem_Calloc(capacity, sizeof *keys);
    size_t *lens = PyMem_Calloc(capacity, sizeof *lens);
    int32_t *codes = PyMem_Calloc(capacity, sizeof *codes);
    if (!keys || !lens || !codes) {
        PyMem_Free(keys);
        PyMem_Free(lens);
        PyMem_Free(codes);
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < t->capacity; i++) {
        if (!t->keys[i]) continue;
        size_t h = hash_pointer(t->keys[i]) & (capacity - 1);
        while (keys[h]) h = (h + 1) & (capacity - 1);
        keys[h] = t->keys[i];
        lens[h] = t->lens[i];
        codes[h] = t->codes[i];
    }
    PyMem_Free(t->keys);
    PyMem_Free(t->lens);
    PyMem_Free(t->codes);
    t->keys = keys;
    t->lens = lens;
    t->codes = codes;
    t->capacity = capacity;
    return 0;
}

static void text_codes_free(text_codes *t)
{
    PyMem_Free(t->keys);
    PyMem_Free(t->lens);
    PyMem_Free(t->codes);
    Py_XDECREF(t->uniques);
}

/* The code of a text (new texts are appended to t->uniques); -1 on error. */
static int32_t text_code(text_codes *t, const char *text, size_t len)
{
    if ((t->used + 1) * 2 > t->capacity && text_codes_grow(t) < 0) return -1;
    const char *key = text ? text : "";
    size_t h = hash_pointer(key) & (t->capacity - 1);
    for (; t->keys[h]; h = (h + 1) & (t->capacity - 1))
        if (t->keys[h] == key && t->lens[h] == len) return t->codes[h];
    PyObject *s = PyUnicode_DecodeUTF8(key, (Py_ssize_t)len, "replace");
    if (!s || PyList_Append(t->uniques, s) < 0) {
        Py_XDECREF(s);
        return -1;
    }
    Py_DECREF(s);
    t->keys[h] = key;
    t->lens[h] = len;
    t->codes[h] = (int32_t)t->used++;
    return t->codes[h];
}

/* One field of the rows: (name, type, data[, uniques]). Numbers: float64
 * (NaN = null); dates: int64 day numbers (NaT = null); grades, levels,
 * clearances: int32 rank (0 = null); booleans: int8 (-1 = null); text:
 * int32 codes into `uniques` (-1 = null). */
static PyObject *field_column(const np_collection *c, const uint32_t *rows, size_t n,
                              const np_qfield *field)
{
    static const size_t item_size[] = {
        [NP_QTYPE_TEXT] = 4, [NP_QTYPE_NUMBER] = 8,   [NP_QTYPE_DATE] = 8, [NP_QTYPE_GRADE] = 4,
        [NP_QTYPE_LEVEL] = 4, [NP_QTYPE_CLEARANCE] = 4, [NP_QTYPE_BOOL] = 1,
    };
    PyObject *data = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(n * item_size[field->type]));
    if (!data) return NULL;
    char *out = PyByteArray_AS_STRING(data);
    text_codes texts = {NULL, NULL, NULL, 0, 0, NULL};
    if (field->type == NP_QTYPE_TEXT && !(texts.uniques = PyList_New(0))) goto fail;
    for (size_t i = 0; i < n; i++) {
        np_qvalue v;
        np_collection_value(c, rows ? rows[i] : i, field, &v);
        switch (field->type) {
        case NP_QTYPE_TEXT: {
            const int32_t code = v.is_null ? -1 : text_code(&texts, v.text, v.text_len);
            if (code < 0 && !v.is_null) goto fail;
            memcpy(out + i * 4, &code, 4);
            break;
        }
        case NP_QTYPE_NUMBER: {
            const double x = v.is_null ? NAN : v.number;
            memcpy(out + i * 8, &x, 8);
            break;
        }
        case NP_QTYPE_DATE: {
            const int64_t d = v.is_null ? INT64_MIN : (int64_t)v.ordinal;
            memcpy(out + i * 8, &d, 8);
            break;
        }
        case NP_QTYPE_GRADE:
        case NP_QTYPE_LEVEL:
        case NP_QTYPE_CLEARANCE: {
            const int32_t rank = v.is_null ? 0 : v.ordinal;
            memcpy(out + i * 4, &rank, 4);
            break;
        }
        case NP_QTYPE_BOOL: out[i] = (char)(v.is_null ? -1 : v.ordinal != 0); break;
        }
    }
    PyObject *tuple = field->type == NP_QTYPE_TEXT
                          ? Py_BuildValue("(ssOO)", field->name, np_qtype_name(field->type), data,
                                          texts.uniques)
                          : Py_BuildValue("(ssO)", field->name, np_qtype_name(field->type), data);
    Py_DECREF(data);
    text_codes_free(&texts);
    return tuple;
fail:
    Py_DECREF(data);
    text_codes_free(&texts);
    return NULL;
}

PyObject *np_py_collection_columns(const np_collection *c, const uint32_t *rows, size_t n,
                                   const char *only)
{
    size_t field_count;
    const np_qfield *fields = np_collection_fields(c, &field_count);
    PyObject *list = PyList_New(0);
    for (size_t f = 0; list && f < field_count; f++) {
        if (only && strcmp(fields[f].name, only) != 0) continue;
        PyObject *column = field_column(c, rows, n, &fields[f]);
        if (!column || PyList_Append(list, column) < 0) Py_CLEAR(list);
        Py_XDECREF(column);
    }
    return list;
}
