# C declarations for blocks.py when Cython compiles it (setup.py); the .py file stays
# the one source of truth. make_element and make_block store each field straight into
# its slot and untrack the object from the cycle collector (see the comment above
# slot_offsets in blocks.py): three C functions with no Python value.

cdef extern from "Python.h":
    void _gc_untrack "PyObject_GC_UnTrack" (object op)

cdef extern from *:
    """
    #include <structmember.h>
    /* The offset of a plain object slot (T_OBJECT_EX, writable) from its member
       descriptor, else -1. */
    static Py_ssize_t __pyx_cleantext_slot_offset(PyObject *descr) {
        PyMemberDef *member;
        if (Py_TYPE(descr) != &PyMemberDescr_Type) return -1;
        member = ((PyMemberDescrObject *)descr)->d_member;
        if (member->type != T_OBJECT_EX || (member->flags & READONLY)) return -1;
        return member->offset;
    }
    /* What the member descriptor's __set__ does for such a slot: store a new
       reference to value, release the old one (none in a new object). */
    static CYTHON_INLINE void __pyx_cleantext_fill(PyObject *obj, Py_ssize_t offset,
                                                   PyObject *value) {
        PyObject **slot = (PyObject **)((char *)obj + offset);
        PyObject *old = *slot;
        Py_INCREF(value);
        *slot = value;
        Py_XDECREF(old);
    }
    """
    Py_ssize_t _slot_offset "__pyx_cleantext_slot_offset" (object descr)
    void _fill "__pyx_cleantext_fill" (object obj, Py_ssize_t offset, object value)

cdef tuple _ELEMENT_AT
cdef tuple _BLOCK_AT
cdef bint _COMPILED

# The walker (html_walker.pxd) cimports these: C calls instead of Python calls, about
# a thousand per page.
cpdef void fill_slots(object obj, tuple at, tuple values)
cpdef make_element(str tag, tuple tokens, parent, depth)
cpdef make_block(str text, chars, link_chars, links, str tag, element, kind)
cpdef tuple cut_line(str text, limit)
cpdef nonspace_chars(str text)
