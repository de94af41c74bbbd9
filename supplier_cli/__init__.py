"""supplier: a supplier's master record across its customers' procurement portals."""

__version__ = "0.1.0"
