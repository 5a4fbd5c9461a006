# C types for features_dom.py when Cython compiles it (setup.py); the .py file stays the
# one source of truth. _add_up, the per-element subtree sums (about 750 elements per
# page), becomes a C loop over the numpy arrays' memory.

cimport cython
from libc.stdint cimport int64_t

@cython.locals(i=Py_ssize_t, p=int64_t)
cpdef void _add_up(const int64_t[:] parent, double[:, :] sums, int64_t[:] counts)

@cython.locals(line=Py_ssize_t, current=int64_t, _level=Py_ssize_t)
cpdef void _card_walk(const int64_t[:] owner, const int64_t[:] parent,
                      const unsigned char[:] fits, int64_t[:] cards)
