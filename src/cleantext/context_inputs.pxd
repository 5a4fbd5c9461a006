# C types for context_inputs.py when Cython compiles it (setup.py); the .py file stays
# the one source of truth. _window_loop, the moving mean and max of a page's first-pass
# log-odds, becomes a C loop over the arrays (instead of 2·half+1 shifted copies).

cimport cython
from libc.stdint cimport int64_t

cdef double _EDGE

@cython.locals(count=Py_ssize_t, width=Py_ssize_t, i=Py_ssize_t, k=Py_ssize_t,
               j=Py_ssize_t, total=double, largest=double, value=double)
cpdef void _window_loop(const double[:] values, Py_ssize_t half, double[:] mean,
                        double[:] top)

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, group=int64_t, weight=double)
cpdef void _context_rows(double[:, :] out, const double[:] logits, const int64_t[:] groups,
                         const double[:] group_sum, const double[:] group_chars,
                         const double[:] group_log, const double[:] before,
                         const double[:] mass, double total, const double[:] short,
                         double page_body, const unsigned char[:] prose)
