# C types for textutil.py when Cython compiles it (setup.py); the .py file stays the
# one source of truth. The loops of narrow_passes (_tokens_and_norms, _punct_counts),
# narrow_line_counts and link_chars become C loops over a page's code points (about
# 8,000 per page), the class bits read from a C byte table.

cimport cython

cdef long _NARROW_LIMIT
cdef long _IS_DIGIT, _IS_WORD, _IS_TOKEN, _IS_ONE, _IS_PUNCT, _IS_LETTER, _IS_DIGIT_CHAR

@cython.locals(table='const unsigned char[:]', out='unsigned int[:]', count=Py_ssize_t,
               used=Py_ssize_t, line_start=Py_ssize_t, token_start=Py_ssize_t,
               space=bint, digits=bint, i=Py_ssize_t, code=Py_UCS4, bits=int,
               tokens=list, line=list)
cpdef tuple _tokens_and_norms(str folded)

@cython.locals(table='const unsigned char[:]', counts=list, found=Py_ssize_t,
               i=Py_ssize_t, code=Py_UCS4)
cpdef list _punct_counts(str joined)

@cython.locals(table='const unsigned char[:]', digits=list, upper=list, found=Py_ssize_t,
               first=bint, capital=bint, i=Py_ssize_t, code=Py_UCS4, bits=int)
cpdef tuple narrow_line_counts(str joined)

@cython.locals(found=Py_ssize_t, i=Py_ssize_t, code=Py_UCS4)
cpdef Py_ssize_t link_chars(str text)
