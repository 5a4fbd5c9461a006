# C types for features_page.py when Cython compiles it (setup.py); the .py file stays
# the one source of truth. The per-line page columns (about 160 lines per page) are
# written into the feature matrix by C loops instead of lists turned into arrays.

cimport cython

cdef Py_ssize_t _FW_SHARE, _DUP_PAGE, _DUP_ADJACENT, _NEAR_DUP, _TITLE_OVERLAP

@cython.locals(short=str, long=str)
cpdef bint is_prefix_pair(str a, str b) except -1

@cython.locals(n=Py_ssize_t, size=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               found=Py_ssize_t, shared=Py_ssize_t, words=list, word=str, key=str,
               after=str, same=bint, prefix=bint, previous_same=bint,
               previous_prefix=bint, own=set, overlap=double)
cpdef void _line_columns(double[:, :] out, list tokens, list norm, counts, set fw,
                         set title_tokens)

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, last=Py_ssize_t)
cpdef void _gaps(const unsigned char[:] flags, double[:] gaps)
