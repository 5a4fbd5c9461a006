# C types for features_dom.py when Cython compiles it (setup.py); the .py file stays the
# one source of truth. The compiled path's loops over the element table (about 550
# elements per page) and the lines become C loops over the numpy arrays' memory.

cimport cython
from libc.stdint cimport int64_t

cdef extern from *:
    """
    /* A new reference to the object in the slot at offset of obj (what a member
       descriptor's __get__ does), or NULL with AttributeError for an empty slot. */
    static CYTHON_INLINE PyObject *__pyx_cleantext_slot(PyObject *obj, Py_ssize_t offset) {
        PyObject *value = *(PyObject **)((char *)obj + offset);
        if (value == NULL) {
            PyErr_SetString(PyExc_AttributeError, "an Element field is not set");
            return NULL;
        }
        Py_INCREF(value);
        return value;
    }
    """
    object _slot "__pyx_cleantext_slot" (object obj, Py_ssize_t offset)

cdef Py_ssize_t _HINT_FIRST, _HINT_COUNT
cdef bint _SLOTS
cdef Py_ssize_t _TAG_AT, _TOKENS_AT, _PARENT_AT, _DEPTH_AT
cdef dict _WORD_BITS, _TAG_BITS
cdef frozenset _FRAME_TAGS
cdef dict _TAG_COLUMN

@cython.locals(i=Py_ssize_t)
cpdef void tag_columns(double[:, :] out, blocks)

@cython.locals(mask=int64_t, token=str)
cpdef int64_t _token_bits(tuple tokens) except? -1

@cython.locals(index=Py_ssize_t, deepest=long, depth=long, bits=int64_t, tag=str,
               tokens=tuple, by_tokens=dict, tag_bits=list, frames=list,
               number=Py_ssize_t)
cpdef long _read_elements(elements, int64_t[:] parent, int64_t[:] own,
                          unsigned char[:] frame, int64_t[:] tag_id, dict tags) except? -1

@cython.locals(index=Py_ssize_t, up=int64_t, inherited=int64_t)
cpdef void _inherit_masks(const int64_t[:] parent, const int64_t[:] own,
                          const unsigned char[:] skip, int64_t[:] masks)

@cython.locals(count=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, j=Py_ssize_t)
cpdef void _run_counts(const int64_t[:] keys, const int64_t[:] order, double[:] repeat)

@cython.locals(line=Py_ssize_t, current=int64_t, _step=Py_ssize_t)
cpdef void _climb(const int64_t[:] parent, const int64_t[:] counts, Py_ssize_t limit,
                  int64_t[:] container)

@cython.locals(line=Py_ssize_t, mask=int64_t, bit=Py_ssize_t)
cpdef void _hint_columns(double[:, :] out, const int64_t[:] masks, const int64_t[:] owner,
                         Py_ssize_t first)

@cython.locals(i=Py_ssize_t, p=int64_t)
cpdef void _mark_under(const int64_t[:] parent, Py_ssize_t ancestor, unsigned char[:] under)

@cython.locals(i=Py_ssize_t, p=int64_t)
cpdef void _add_up(const int64_t[:] parent, double[:, :] sums, int64_t[:] counts)

@cython.locals(line=Py_ssize_t, current=int64_t, _level=Py_ssize_t)
cpdef void _card_walk(const int64_t[:] owner, const int64_t[:] parent,
                      const unsigned char[:] fits, int64_t[:] cards)
