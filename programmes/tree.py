from collections import defaultdict
from collections.abc import Callable, Iterable

from programmes.models import ProgrammeNode


def walk_tree(
    nodes: Iterable[ProgrammeNode], key: Callable[[ProgrammeNode], str] | None = None
) -> list[ProgrammeNode]:
    """The nodes in document order: each parent followed by its children in natural code order
    (or in the order of `key`, e.g. a published review's own codes).

    Sets `level` (0 for the top) and `has_children` on every node. Ordering by code alone is
    not enough, since "SM 1" would sort after its own tasks "1.1".
    """
    children: dict[int | None, list[ProgrammeNode]] = defaultdict(list)
    for node in sorted(nodes, key=key or (lambda n: n.sort_key)):
        children[node.parent_id].append(node)
    ordered: list[ProgrammeNode] = []

    def visit(parent_id: int | None, level: int) -> None:
        for node in children[parent_id]:
            node.level = level
            node.has_children = bool(children.get(node.pk))
            ordered.append(node)
            visit(node.pk, level + 1)

    visit(None, 0)
    return ordered
