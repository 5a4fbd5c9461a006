# C declarations for blocks.py when Cython compiles it (setup.py); the .py file stays
# the one source of truth. make_element and make_block untrack the objects they make
# from the cycle collector (see _gc_untrack in blocks.py): they hold no reference that
# can lead back to themselves, so no cycle can pass through them.

cdef extern from "Python.h":
    void _gc_untrack "PyObject_GC_UnTrack" (object op)

cdef bint _UNTRACK
