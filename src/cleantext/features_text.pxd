# C types for features_text.py when Cython compiles it (setup.py); the .py file stays
# the one source of truth. _fill_text_columns writes each line's text columns straight
# into the feature matrix (about 160 lines × 14 columns per page); _sentence_counts and
# _digit_shapes read a page's or a line's code points in C loops.

cimport cython

cdef long _NARROW_END
cdef bytes _SENTENCE_TABLE

@cython.locals(i=Py_ssize_t, raw=Py_ssize_t, chars=Py_ssize_t, count=Py_ssize_t,
               total=Py_ssize_t, ellipsis_column=Py_ssize_t, end_time_column=Py_ssize_t,
               text=str, words=list, word=str, shape=long)
cpdef void _fill_text_columns(double[:, :] out, blocks, list tokens, list punct,
                              list sentences, list digits, list upper, list shapes)

@cython.locals(table='const unsigned char[:]', counts=list, line=Py_ssize_t,
               size=Py_ssize_t, i=Py_ssize_t, code=Py_UCS4, after=Py_UCS4)
cpdef list _sentence_counts(str joined, Py_ssize_t count)

@cython.locals(shapes=list, i=Py_ssize_t, bits=long, text=str)
cpdef list _line_shapes(list texts, list digits)

@cython.locals(size=Py_ssize_t, found=long, start0=Py_ssize_t, end0=Py_ssize_t,
               start1=Py_ssize_t, end1=Py_ssize_t, i=Py_ssize_t, start=Py_ssize_t,
               length=Py_ssize_t, code=Py_UCS4, joined=bint)
cpdef long _digit_shapes(str text) except? -2

@cython.locals(digits=list, line=Py_ssize_t, i=Py_ssize_t, code=Py_UCS4)
cpdef list _line_digits(str joined, Py_ssize_t count)
