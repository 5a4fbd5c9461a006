# C types for features_text.py when Cython compiles it (setup.py); the .py file stays
# the one source of truth. _fill_text_columns writes each line's text columns straight
# into the feature matrix (about 160 lines × 14 columns per page).

cimport cython

@cython.locals(i=Py_ssize_t, raw=Py_ssize_t, chars=Py_ssize_t, count=Py_ssize_t,
               total=Py_ssize_t, ellipsis_column=Py_ssize_t, end_time_column=Py_ssize_t,
               text=str, words=list, word=str, end_time=list, time=list, date=list)
cpdef void _fill_text_columns(double[:, :] out, blocks, list tokens, list punct,
                              list sentences, list digits, list upper, list matched)
