"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def measure(fn: Callable[[], object], repeat: int) -> list[float]:
    """Run ``fn`` ``repeat`` times; return each run's duration in milliseconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def report(name: str, samples: list[float]) -> str:
    return f"{name}: median {median(samples):.3f} ms, p99 {p99(samples):.3f} ms (n={len(samples)})"
