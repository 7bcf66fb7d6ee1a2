"""Programme codes sort naturally and the tree is shown parent first."""

from types import SimpleNamespace

from programmes.models import code_sort_key
from programmes.tree import walk_tree


def test_1_10_sorts_after_1_9():
    codes = ["1.10", "1.9", "1.1", "2", "1", "10.1", "1.2.10", "1.2.9"]
    assert sorted(codes, key=code_sort_key) == [
        "1",
        "1.1",
        "1.2.9",
        "1.2.10",
        "1.9",
        "1.10",
        "2",
        "10.1",
    ]


def test_prefixed_codes_sort_by_their_numbers():
    codes = ["SM2.2 1.1", "SM 2", "SM2.1 1.10", "SM2.1 1.9", "SM 1"]
    assert sorted(codes, key=code_sort_key) == [
        "SM 1",
        "SM 2",
        "SM2.1 1.9",
        "SM2.1 1.10",
        "SM2.2 1.1",
    ]


def _node(pk, code, parent_id=None):
    return SimpleNamespace(pk=pk, code=code, parent_id=parent_id, sort_key=code_sort_key(code))


def test_the_tree_lists_each_parent_before_its_children():
    goal_one = _node(1, "SM 1")
    goal_two = _node(2, "SM 2")
    nodes = [
        goal_two,
        _node(3, "1.10", parent_id=1),
        _node(4, "1.9", parent_id=1),
        _node(5, "2.1", parent_id=2),
        goal_one,
        _node(6, "1.9.1", parent_id=4),
    ]
    ordered = walk_tree(nodes)
    assert [n.code for n in ordered] == ["SM 1", "1.9", "1.9.1", "1.10", "SM 2", "2.1"]
    assert [n.level for n in ordered] == [0, 1, 2, 1, 0, 1]
