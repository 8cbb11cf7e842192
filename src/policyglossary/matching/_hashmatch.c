/*
 * policyglossary.matching._hashmatch: leftmost-longest matching of many short patterns.
 *
 * The source side of a check looks for some 100,000 Chinese terms (every term of a large
 * term base in every script) in every segment. An Aho-Corasick automaton over that many
 * patterns is bound by cache misses (one state lookup per character, scattered over many
 * megabytes). Chinese terms come in few lengths (2 to 20 characters), so this matcher
 * slides over the text and, at each position, looks up the substrings of those lengths in
 * one open-addressing hash table: a 64-bit polynomial hash over code points, the table
 * compared in code points on a hit. A bitmap of the patterns' first two characters rejects
 * most positions before any hashing.
 *
 * Semantics are those of a leftmost-longest automaton (ahocorasick-rs MatchKind
 * LeftmostLongest): the match starting leftmost wins, the longest pattern among those
 * starting there, and the search continues after its end. `find_overlapping` reports every
 * occurrence of every pattern instead. Offsets are in code points, as Python indexes str.
 *
 * The pure-Python fallback (no compiler at install time, or POLICYGLOSSARY_PURE=1) is the
 * ahocorasick-rs automaton; tests compare the two on random term sets and texts.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define HASH_MUL 0x100000001b3ULL
#define HASH_SEED 0xcbf29ce484222325ULL
#define BIGRAM_BITS 20
#define BIGRAM_MASK ((1u << BIGRAM_BITS) - 1)
#define SHAPE_BITS 21
#define SHAPE_MASK ((1u << SHAPE_BITS) - 1)
#define FIRST_BITS 16
#define FIRST_MASK ((1u << FIRST_BITS) - 1)

typedef struct {
    uint64_t hash;
    uint32_t offset;   /* into the code point pool */
    uint32_t length;   /* 0: empty slot */
    int32_t pattern;
} Slot;

typedef struct {
    PyObject_HEAD
    Py_UCS4 *pool;
    Slot *slots;
    uint64_t mask;           /* slots - 1 */
    uint8_t *is_length;      /* is_length[k]: some pattern has k code points */
    uint32_t *lengths;       /* distinct lengths, longest first */
    uint32_t length_count;
    uint32_t max_length;
    uint8_t *bigrams;        /* bitmap over a hash of each pattern's first two code points */
    uint8_t *firsts;         /* bitmap over each one-character pattern's code point */
    uint8_t *shapes;         /* bitmap over (first two, last code point, length) of each */
    Py_ssize_t patterns;
    int32_t *values;         /* what a match of each pattern reports (see `values` below) */
    uint32_t *value_start;   /* pattern -> first of its values */
    uint32_t *value_count;   /* pattern -> how many */
    Py_UCS4 *buffer;         /* the text being searched, widened to UCS4 */
    Py_ssize_t buffer_size;
    uint64_t *hashes;        /* prefix hashes at one position, by length */
} HashMatcher;

static inline uint32_t bigram_of(Py_UCS4 a, Py_UCS4 b) {
    uint64_t h = ((uint64_t)a * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)b * 0xC2B2AE3D27D4EB4FULL);
    return (uint32_t)(h >> 40) & BIGRAM_MASK;
}

/* A pattern's shape: its first two code points, its last one and its length. Most
   substrings that pass the bigram test fail this one, without touching the table. */
static inline uint32_t shape_of(uint32_t bigram, Py_UCS4 last, uint32_t length) {
    uint64_t h = ((uint64_t)bigram * 0xD6E8FEB86659FD93ULL) ^
        ((uint64_t)last * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)length * 0xC2B2AE3D27D4EB4FULL);
    return (uint32_t)(h >> 41) & SHAPE_MASK;
}

static inline uint32_t first_of(Py_UCS4 a) {
    return (uint32_t)(((uint64_t)a * 0x9E3779B97F4A7C15ULL) >> 44) & FIRST_MASK;
}

static inline int bit(const uint8_t *map, uint32_t index) {
    return (map[index >> 3] >> (index & 7)) & 1;
}

static inline void set_bit(uint8_t *map, uint32_t index) {
    map[index >> 3] |= (uint8_t)(1u << (index & 7));
}

static void HashMatcher_dealloc(HashMatcher *self) {
    PyMem_Free(self->pool);
    PyMem_Free(self->slots);
    PyMem_Free(self->is_length);
    PyMem_Free(self->lengths);
    PyMem_Free(self->bigrams);
    PyMem_Free(self->firsts);
    PyMem_Free(self->shapes);
    PyMem_Free(self->buffer);
    PyMem_Free(self->hashes);
    PyMem_Free(self->values);
    PyMem_Free(self->value_start);
    PyMem_Free(self->value_count);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int compare_lengths(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x < y) - (x > y);  /* longest first */
}

/* `values[p]`: an int, or a tuple of ints, that a match of pattern p reports instead of p
   (the concepts a term belongs to), one match per value. */
static int read_values(HashMatcher *self, PyObject *given, Py_ssize_t count) {
    PyObject *sequence = PySequence_Fast(given, "values must be a sequence");
    if (sequence == NULL) return -1;
    if (PySequence_Fast_GET_SIZE(sequence) != count) {
        PyErr_SetString(PyExc_ValueError, "one value (or tuple of values) per pattern");
        goto fail;
    }
    PyObject **items = PySequence_Fast_ITEMS(sequence);
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < count; i++)
        total += PyTuple_Check(items[i]) ? PyTuple_GET_SIZE(items[i]) : 1;
    self->values = PyMem_Malloc((size_t)(total ? total : 1) * sizeof(int32_t));
    self->value_start = PyMem_Malloc((size_t)(count ? count : 1) * sizeof(uint32_t));
    self->value_count = PyMem_Malloc((size_t)(count ? count : 1) * sizeof(uint32_t));
    if (!self->values || !self->value_start || !self->value_count) {
        PyErr_NoMemory();
        goto fail;
    }
    uint32_t at = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = items[i];
        Py_ssize_t n = PyTuple_Check(item) ? PyTuple_GET_SIZE(item) : 1;
        self->value_start[i] = at;
        self->value_count[i] = (uint32_t)n;
        for (Py_ssize_t k = 0; k < n; k++) {
            long value = PyLong_AsLong(PyTuple_Check(item) ? PyTuple_GET_ITEM(item, k) : item);
            if (value == -1 && PyErr_Occurred()) goto fail;
            if (value < INT32_MIN || value > INT32_MAX) {
                PyErr_SetString(PyExc_OverflowError, "values must fit in 32 bits");
                goto fail;
            }
            self->values[at++] = (int32_t)value;
        }
    }
    Py_DECREF(sequence);
    return 0;
fail:
    Py_DECREF(sequence);
    return -1;
}

static int HashMatcher_init(HashMatcher *self, PyObject *args, PyObject *kwds) {
    static char *keywords[] = {"patterns", "values", NULL};
    PyObject *given, *values = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O", keywords, &given, &values)) return -1;
    PyObject *sequence = PySequence_Fast(given, "patterns must be a sequence of str");
    if (sequence == NULL) return -1;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(sequence);
    PyObject **items = PySequence_Fast_ITEMS(sequence);
    Py_ssize_t total = 0;
    uint32_t max_length = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (!PyUnicode_Check(items[i])) {
            PyErr_SetString(PyExc_TypeError, "patterns must be str");
            goto fail;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(items[i]);
        if (length == 0 || length > 0x7fffffff) {
            PyErr_SetString(PyExc_ValueError, "patterns must be non-empty");
            goto fail;
        }
        total += length;
        if ((uint32_t)length > max_length) max_length = (uint32_t)length;
    }
    if (total > 0xffffffffLL || count > 0x7fffffffLL) {
        PyErr_SetString(PyExc_OverflowError, "too many patterns");
        goto fail;
    }
    uint64_t capacity = 16;
    while (capacity < (uint64_t)count * 2 + 1) capacity <<= 1;
    self->pool = PyMem_Malloc((size_t)(total ? total : 1) * sizeof(Py_UCS4));
    self->slots = PyMem_Calloc((size_t)capacity, sizeof(Slot));
    self->is_length = PyMem_Calloc((size_t)max_length + 1, 1);
    self->lengths = PyMem_Malloc(((size_t)max_length + 1) * sizeof(uint32_t));
    self->bigrams = PyMem_Calloc((1u << BIGRAM_BITS) / 8, 1);
    self->firsts = PyMem_Calloc((1u << FIRST_BITS) / 8, 1);
    self->shapes = PyMem_Calloc((1u << SHAPE_BITS) / 8, 1);
    self->hashes = PyMem_Malloc(((size_t)max_length + 1) * sizeof(uint64_t));
    if (!self->pool || !self->slots || !self->is_length || !self->lengths || !self->bigrams ||
            !self->firsts || !self->shapes || !self->hashes) {
        PyErr_NoMemory();
        goto fail;
    }
    self->mask = capacity - 1;
    self->max_length = max_length;
    self->patterns = count;
    uint32_t offset = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_ssize_t length = PyUnicode_GET_LENGTH(items[i]);
        if (PyUnicode_AsUCS4(items[i], self->pool + offset, length, 0) == NULL) goto fail;
        const Py_UCS4 *text = self->pool + offset;
        uint64_t h = HASH_SEED;
        for (Py_ssize_t k = 0; k < length; k++) h = (h ^ text[k]) * HASH_MUL;
        uint64_t at = h & self->mask;
        int duplicate = 0;
        while (self->slots[at].length) {
            Slot *slot = &self->slots[at];
            if (slot->hash == h && slot->length == (uint32_t)length &&
                    memcmp(self->pool + slot->offset, text, length * sizeof(Py_UCS4)) == 0) {
                duplicate = 1;  /* the first pattern keeps the text, as an automaton does */
                break;
            }
            at = (at + 1) & self->mask;
        }
        if (!duplicate) {
            Slot *slot = &self->slots[at];
            slot->hash = h;
            slot->offset = offset;
            slot->length = (uint32_t)length;
            slot->pattern = (int32_t)i;
            offset += (uint32_t)length;
        }
        self->is_length[length] = 1;
        if (length == 1) set_bit(self->firsts, first_of(text[0]));
        else {
            uint32_t bigram = bigram_of(text[0], text[1]);
            set_bit(self->bigrams, bigram);
            set_bit(self->shapes, shape_of(bigram, text[length - 1], (uint32_t)length));
        }
    }
    self->length_count = 0;
    for (uint32_t k = 1; k <= max_length; k++)
        if (self->is_length[k]) self->lengths[self->length_count++] = k;
    qsort(self->lengths, self->length_count, sizeof(uint32_t), compare_lengths);
    if (values != Py_None && read_values(self, values, count) < 0) goto fail;
    Py_DECREF(sequence);
    return 0;
fail:
    Py_DECREF(sequence);
    return -1;
}

/* The text as UCS4 code points, in the matcher's reusable buffer (or the str's own). */
static const Py_UCS4 *widen(HashMatcher *self, PyObject *text, Py_ssize_t *size) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "texts must be str");
        return NULL;
    }
    static const Py_UCS4 empty[1] = {0};
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    *size = length;
    if (length == 0) return empty;
    if (PyUnicode_KIND(text) == PyUnicode_4BYTE_KIND) return PyUnicode_4BYTE_DATA(text);
    if (length > self->buffer_size) {
        Py_UCS4 *grown = PyMem_Realloc(self->buffer, (size_t)(length + 1) * sizeof(Py_UCS4));
        if (grown == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        self->buffer = grown;
        self->buffer_size = length;
    }
    Py_ssize_t kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *from = data;
        for (Py_ssize_t i = 0; i < length; i++) self->buffer[i] = from[i];
    } else {
        const Py_UCS2 *from = data;
        for (Py_ssize_t i = 0; i < length; i++) self->buffer[i] = from[i];
    }
    return self->buffer;
}

static inline int32_t lookup(HashMatcher *self, const Py_UCS4 *text, uint32_t length,
                             uint64_t h) {
    uint64_t at = h & self->mask;
    while (self->slots[at].length) {
        const Slot *slot = &self->slots[at];
        if (slot->hash == h && slot->length == length &&
                memcmp(self->pool + slot->offset, text, length * sizeof(Py_UCS4)) == 0)
            return slot->pattern;
        at = (at + 1) & self->mask;
    }
    return -1;
}

static int append_one(PyObject *list, int32_t value, Py_ssize_t start, Py_ssize_t end) {
    PyObject *item = Py_BuildValue("(inn)", value, start, end);
    if (item == NULL) return -1;
    int failed = PyList_Append(list, item);
    Py_DECREF(item);
    return failed;
}

/* A match as (pattern, start, end), or one (value, start, end) per value of the pattern. */
static int append_match(HashMatcher *self, PyObject *list, int32_t pattern, Py_ssize_t start,
                        Py_ssize_t end, int use_values) {
    if (!use_values || self->values == NULL) return append_one(list, pattern, start, end);
    uint32_t first = self->value_start[pattern], count = self->value_count[pattern];
    for (uint32_t k = 0; k < count; k++)
        if (append_one(list, self->values[first + k], start, end) < 0) return -1;
    return 0;
}

/* Matches in `text` appended to `out` as (pattern or value, start, end); `overlapping`:
   every occurrence of every pattern (always by pattern). */
static int scan(HashMatcher *self, PyObject *text, PyObject *out, int overlapping) {
    Py_ssize_t n;
    const Py_UCS4 *t = widen(self, text, &n);
    if (t == NULL) return -1;
    if (self->patterns == 0) return 0;
    const uint8_t *is_length = self->is_length;
    const uint32_t max_length = self->max_length;
    uint64_t *hashes = self->hashes;
    Py_ssize_t i = 0;
    while (i < n) {
        Py_ssize_t room = n - i;
        int found_long = 0;
        uint32_t bigram;
        if (room >= 2 && bit(self->bigrams, bigram = bigram_of(t[i], t[i + 1]))) {
            uint32_t reach = room < (Py_ssize_t)max_length ? (uint32_t)room : max_length;
            uint32_t hashed = 0;  /* prefix hashes are computed as far as a shape passes */
            uint64_t h = HASH_SEED;
            for (uint32_t j = 0; j < self->length_count; j++) {
                uint32_t length = self->lengths[j];
                if (length > reach || length < 2 ||
                        !bit(self->shapes, shape_of(bigram, t[i + length - 1], length)))
                    continue;
                if (hashed < length) {
                    if (hashed == 0) h = HASH_SEED;
                    for (uint32_t k = hashed; k < reach; k++) {
                        h = (h ^ t[i + k]) * HASH_MUL;
                        hashes[k + 1] = h;
                    }
                    hashed = reach;
                }
                int32_t pattern = lookup(self, t + i, length, hashes[length]);
                if (pattern < 0) continue;
                if (append_match(self, out, pattern, i, i + length, !overlapping) < 0)
                    return -1;
                if (!overlapping) {
                    i += length;
                    found_long = 1;
                    break;
                }
            }
            if (found_long) continue;
        }
        if (is_length[1] && bit(self->firsts, first_of(t[i]))) {
            int32_t pattern = lookup(self, t + i, 1, (HASH_SEED ^ t[i]) * HASH_MUL);
            if (pattern >= 0 && append_match(self, out, pattern, i, i + 1, !overlapping) < 0)
                return -1;
        }
        i++;
    }
    return 0;
}

static PyObject *scan_to_list(HashMatcher *self, PyObject *text, int overlapping) {
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    if (scan(self, text, out, overlapping) < 0) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyObject *HashMatcher_find(HashMatcher *self, PyObject *text) {
    return scan_to_list(self, text, 0);
}

static PyObject *HashMatcher_find_overlapping(HashMatcher *self, PyObject *text) {
    return scan_to_list(self, text, 1);
}

static PyObject *HashMatcher_find_many(HashMatcher *self, PyObject *texts) {
    PyObject *sequence = PySequence_Fast(texts, "texts must be a sequence of str");
    if (sequence == NULL) return NULL;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(sequence);
    PyObject **items = PySequence_Fast_ITEMS(sequence);
    PyObject *result = PyList_New(count);
    if (result == NULL) goto fail;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *out = PyList_New(0);
        if (out == NULL) goto fail;
        PyList_SET_ITEM(result, i, out);
        if (scan(self, items[i], out, 0) < 0) goto fail;
    }
    Py_DECREF(sequence);
    return result;
fail:
    Py_XDECREF(result);
    Py_DECREF(sequence);
    return NULL;
}

static PyObject *HashMatcher_len(HashMatcher *self, PyObject *Py_UNUSED(ignored)) {
    return PyLong_FromSsize_t(self->patterns);
}

static PyMethodDef HashMatcher_methods[] = {
    {"find", (PyCFunction)HashMatcher_find, METH_O,
     "find(text) -> [(pattern, start, end)]: leftmost-longest, non-overlapping matches;\n"
     "with `values`, one (value, start, end) for each value of the matched pattern."},
    {"find_many", (PyCFunction)HashMatcher_find_many, METH_O,
     "find_many(texts) -> [[(pattern, start, end)]]: `find` for each text."},
    {"find_overlapping", (PyCFunction)HashMatcher_find_overlapping, METH_O,
     "find_overlapping(text) -> [(pattern, start, end)]: every occurrence of every pattern."},
    {"pattern_count", (PyCFunction)HashMatcher_len, METH_NOARGS, "The number of patterns."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject HashMatcherType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "policyglossary.matching._hashmatch.HashMatcher",
    .tp_doc = "HashMatcher(patterns, values=None): leftmost-longest matching of many short\n"
              "str patterns; values[p] (an int or a tuple of ints) is reported for pattern p.",
    .tp_basicsize = sizeof(HashMatcher),
    .tp_itemsize = 0,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)HashMatcher_init,
    .tp_dealloc = (destructor)HashMatcher_dealloc,
    .tp_methods = HashMatcher_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_hashmatch",
    "Leftmost-longest matching of many short patterns with a hash table (see the source).",
    -1, NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__hashmatch(void) {
    if (PyType_Ready(&HashMatcherType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&HashMatcherType);
    if (PyModule_AddObject(m, "HashMatcher", (PyObject *)&HashMatcherType) < 0) {
        Py_DECREF(&HashMatcherType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
