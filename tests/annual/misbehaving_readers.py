"""What the worker tests have a worker run on each path: `parse.read`, misbehaving for some file
names. Module-level functions in a light module (no pytest): the worker imports them by name."""

from __future__ import annotations

import os
import time

from gongkai.annual.model import Report
from gongkai.annual.parse import read


def misbehaving_read(path: str) -> Report:
    """`read`, except that a file named ``sleep…`` hangs, ``spin…`` loops on the CPU, ``crash…``
    kills its process and ``hog…`` asks for more memory than a worker may have."""
    name = os.path.basename(path)
    if name.startswith("sleep"):
        time.sleep(600)
    elif name.startswith("spin"):
        while True:
            pass
    elif name.startswith("crash"):
        os._exit(7)
    elif name.startswith("hog"):
        bytearray(4 * 1024 * 1024 * 1024)
    return read(path)


def process_of(path: str) -> int:
    """The id of the process that got this path."""
    return os.getpid()


def print_and_read(path: str) -> Report:
    """`read`, after printing to stdout (which must not reach the answers)."""
    print("a reader that prints", path)
    return read(path)


class Unrebuildable(Exception):
    """An exception that pickles but cannot be unpickled (its constructor wants two arguments)."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(f"{a} {b}")


def raise_unrebuildable(path: str) -> Report:
    raise Unrebuildable("no", path)
