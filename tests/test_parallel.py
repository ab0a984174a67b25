"""The forked half of a search: same sums with or without the helper, and a failed helper is covered."""

from __future__ import annotations

import os

import numpy as np
import pytest

from reportgen.analysis import parallel
from reportgen.analysis.parallel import in_two


def squares(items: list[int]) -> np.ndarray:
    return np.array([sum(i * i for i in items), len(items), os.getpid()])


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the helper runs on two cores only")
def test_the_second_half_runs_in_a_helper_with_the_same_result(monkeypatch):
    items = list(range(100))
    first, second = in_two(squares, items)
    assert first[:2].tolist() == [sum(i * i for i in range(50)), 50]
    assert second[:2].tolist() == [sum(i * i for i in range(50, 100)), 50]
    assert first[2] == os.getpid() != second[2]  # the second half was searched elsewhere
    monkeypatch.setattr(parallel, "_may_fork", lambda: False)
    alone = in_two(squares, items)
    assert [a[:2].tolist() for a in alone] == [first[:2].tolist(), second[:2].tolist()]
    assert alone[1][2] == os.getpid()


def test_a_failed_helper_leaves_its_half_to_this_process(monkeypatch, capfd):
    parent = os.getpid()

    def fails_in_child(items: list[int]) -> np.ndarray:
        if os.getpid() != parent:
            raise RuntimeError("helper crashed")
        return squares(items)

    monkeypatch.setattr(parallel, "_may_fork", lambda: True)
    _first, second = in_two(fails_in_child, list(range(40)))
    assert second[:2].tolist() == [sum(i * i for i in range(20, 40)), 20] and second[2] == parent
    assert "Traceback" not in capfd.readouterr().err
