"""What the numbers were measured on: cores, CPU, versions and how busy the machine was."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def describe_machine() -> dict[str, str]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "cores": f"{os.cpu_count()} logical, {_usable_cores()} usable",
        "cpu": _cpu_name(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "ortools": _installed_version("ortools"),
        "highspy": _installed_version("highspy"),
        "planner": _installed_version("planner"),
        "load_average_1m": f"{load[0]:.2f}",
        "bytecode_cache": "off (PYTHONDONTWRITEBYTECODE)"
        if os.environ.get("PYTHONDONTWRITEBYTECODE")
        else "on",
    }


def _cpu_name() -> str:
    # platform.processor() is often empty or just "x86_64" on Linux; /proc/cpuinfo names it
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return cpu


def _usable_cores() -> int | None:
    # a container or taskset may allow fewer cores than the machine has
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count()


def _installed_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"
