# C types for html_tags.py when Cython compiles it (setup.py); the .py file stays the
# one source of truth. _ascii_words, the class/id tokeniser's common path, becomes a C
# loop over the value's code points (about 160 distinct class/id values per page).

cimport cython

@cython.locals(count=Py_ssize_t, start=Py_ssize_t, i=Py_ssize_t, code=Py_UCS4, letter=bint,
               capital=bint, lower=bint, is_lower=bint, is_upper=bint)
cpdef dict _ascii_words(str value)
