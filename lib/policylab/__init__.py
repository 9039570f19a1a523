"""Industrial Policy Learning Lab: the shared library behind the training notebooks."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policylab")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

__all__ = ["Dataset", "__version__", "load"]


def __getattr__(name: str):
    """``policylab.load`` and ``policylab.Dataset`` are imported on first use, so that the
    CLI (``policylab --version``) starts without pandas and pyarrow."""
    if name in ("load", "Dataset"):
        from policylab.pack import dataset

        return getattr(dataset, name)
    raise AttributeError(f"module 'policylab' has no attribute {name!r}")
