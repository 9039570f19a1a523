"""Learner-facing helpers: ``mode`` (static vs live), ``exercises`` (questions with
feedback) and ``widgets`` (live explorers).

Notebooks import from the submodules and never test the mode themselves: in JupyterLab
they get widgets, in the headless batch (``POLICYLAB_STATIC=1``) plain, widget-free output.
The package itself imports nothing, so ``policylab.display`` can depend on ``mode``
without an import cycle.
"""
