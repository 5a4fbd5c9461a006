# C types for html_walker.py when Cython compiles it (setup.py); the .py file stays the
# one source of truth. HtmlWalker becomes an extension type: its counters are C
# integers and its attributes C struct fields, which is most of what start/end/_text
# cost in Python (about 1,000 events of each per page). Every attribute the .py file
# sets must be declared here, all public so Python code reads them: Cython compiles a
# missing one without a word and the walker then fails with AttributeError, so setup.py
# checks (cleantext._compiled.undeclared_attributes) and leaves html_walker pure Python
# when one is missing; tests/test_compiled.py fails on it too.
# max_depth and max_elements stay Python ints: Options puts no upper bound on them.

cimport cython
# C calls into the modules the walker calls most (about 2,000 calls per page).
from cleantext.blocks cimport cut_line, make_block, make_element, nonspace_chars
from cleantext.html_shape cimport LineShape

# The tag flags (html_tags) as C longs, and start/end with C-typed locals: the flag
# tests and counters of the ~1,000 elements per page stay C arithmetic. Small (the
# walk's own code is 2.4 ms per page over the parse, mostly CPython object work:
# Element/Block/LineKind objects, dict lookups and the garbage collector).
cdef long IS_BLOCK, IS_BREAK, IS_LINK, IS_SECOND, IS_SHAPE, IS_SKIP

cdef class HtmlWalker:
    cdef public object options
    cdef public object max_depth
    cdef public object max_elements
    cdef public bint check_hidden
    cdef public dict token_cache
    cdef public dict kinds
    cdef public Py_ssize_t seen_chars
    cdef public Py_ssize_t unseen_chars
    cdef public list unseen_texts
    cdef public list blocks
    cdef public list elements
    cdef public list stack
    cdef public list blocks_open
    cdef public Py_ssize_t overflow
    cdef public Py_ssize_t link_depth
    cdef public list pieces
    cdef public Py_ssize_t link_chars
    cdef public Py_ssize_t links
    cdef public Py_ssize_t line_element
    cdef public bint truncated
    cdef public Py_ssize_t count
    cdef public list texts
    cdef public object data
    cdef public Py_ssize_t depth
    cdef public Py_ssize_t skip_to
    cdef public bint started
    cdef public bint collect
    cdef public list heads
    cdef public list title
    cdef public list meta_title
    cdef public Py_ssize_t title_at
    cdef public LineShape shape
    cdef public object head
    cdef public list captures

    @cython.locals(flags=long, level=Py_ssize_t, index=Py_ssize_t)
    cpdef start(self, tag, attrib)
    @cython.locals(flags=long, depth=Py_ssize_t, skip_to=Py_ssize_t, marker=Py_ssize_t)
    cpdef end(self, tag)
    cpdef release(self)
    cpdef _stop(self)
    cpdef _text(self)
    cpdef _metadata(self, str tag, attrib)
    cpdef _metadata_end(self, str tag, Py_ssize_t depth)
    cpdef tuple _tokens(self, attrib)
    cpdef bint _invisible(self, long flags, attrib)
    cpdef Py_ssize_t _parent(self)
    cpdef _add(self, str text)
    cpdef _flush(self)
