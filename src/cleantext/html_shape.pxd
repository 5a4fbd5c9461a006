# C types for html_shape.py when Cython compiles it (setup.py); the .py file stays the
# one source of truth. LineShape becomes an extension type: its attributes are C struct
# fields and its methods C calls from the walker (html_walker.pxd types the walker's
# shape as LineShape), instead of instance-dict lookups and Python calls for each of
# the ~300 structural elements and ~160 lines of a page. Every attribute the .py file
# sets must be declared here (setup.py checks, see cleantext._compiled).

cdef class LineShape:
    cdef public list blocks
    cdef public object max_chars
    cdef public list stack
    cdef public Py_ssize_t lists
    cdef public Py_ssize_t quotes
    cdef public list pres
    cdef public list open_spans
    cdef public list spans
    cdef public Py_ssize_t groups
    cdef public Py_ssize_t rows
    cdef public Py_ssize_t thead

    cpdef open(self, str name, attrib, Py_ssize_t piece)
    cpdef close(self, str name, Py_ssize_t piece)
    cpdef kind(self, str joined, str line, list pieces)
    cpdef skip_line(self)

from cleantext.blocks cimport fill_slots

cdef tuple _SPAN_AT
cdef tuple _KIND_AT
cdef bint _COMPILED

cpdef _make_kind(block, level, ordered, number, group, row, column, raw, spans, item_depth=*)
cpdef _paragraph(spans)
cpdef _span(kind, start, end, href)
cpdef _number(value, default)
