"""Industrial Policy Learning Lab: the shared library behind the training notebooks."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policylab")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

__all__ = ["__version__"]
