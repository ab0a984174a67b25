"""Languages: catalogs, the reader's formats (Babel/CLDR) and the labels of the vocabularies.

:mod:`.formatting` localises numbers, dates, countries and lists;
:mod:`.labels` holds the translatable names of every vocabulary value;
:mod:`.catalogs` extracts, updates and compiles the gettext catalogs.
Imports only :mod:`reportgen.data` (the vocabularies).
"""
