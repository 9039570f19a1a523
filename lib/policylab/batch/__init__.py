"""Batch production of a workshop's material: workshop files, planning, execution, export.

Every module here imports ``nbformat`` (through papermill or nbconvert). ``nbformat``
imports ``jsonschema``, which imports the optional ``rfc3987_syntax`` validator; that import
builds a grammar parser (~1-2 s) in every process, and nbformat never validates IRIs. We
block the optional module before anything imports ``jsonschema``; jsonschema already treats
it as absent (its import sits in ``suppress(ImportError)``). Kernels get the same guard in
``engine``.
"""

import sys

SLOW_OPTIONAL_MODULES = ("rfc3987_syntax",)

for _name in SLOW_OPTIONAL_MODULES:
    sys.modules.setdefault(_name, None)
