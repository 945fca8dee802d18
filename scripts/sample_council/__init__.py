"""A deterministic, fictional English council for demos, tests and benchmarks.

``generate(seed, addresses)`` grows the council in memory; ``writer.write`` saves it.
Everything is synthetic: no real address, street or person is in it.
"""

from __future__ import annotations

from .council import DEFAULT_ADDRESSES, DEFAULT_SEED, Council, generate

__all__ = ["DEFAULT_ADDRESSES", "DEFAULT_SEED", "Council", "generate"]
