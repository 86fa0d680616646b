"""String roles: where each expression's value goes, and which values are not settings at all.

Every expression in a position that matters gets a :class:`Use`: an argument of a call, the
value of an assignment, an item of a dict, a branch of a conditional... Some positions make
a value *inert*, never a connection setting: docstrings, operands of comparisons (``assert
url == "postgresql://..."``), dict keys, the arguments of messages (``print``, logging,
``raise``, ``assert``), of test assertions (``assertEqual``, ``assert_called_with``) and of
string methods and regular expressions (``url.startswith(...)``), decorators (test
parametrization) and ``help=``-like keywords. A value that is only part of a larger string
is judged as part of the whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import libcst as cst

from flake8_neon.literals import is_string_expression, literal_value, string_parts
from flake8_neon.walk import Visitor

UseKind = Literal[
    "arg",
    "assign",
    "return",
    "item",
    "spread",
    "element",
    "branch",
    "attribute",
    "subscript",
    "part",
    "default",
    "callee",
    "augment",
]

#: Calls whose arguments are messages, never connection settings.
_MESSAGE_FUNCTIONS = frozenset(
    {"print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log", "echo", "secho", "fail"}
    | {"skip", "xfail", "eq_", "ne_"}  # pytest's and SQLAlchemy's test helpers
)
#: String methods and regular-expression functions: their arguments are text, not settings.
_TEXT_FUNCTIONS = frozenset(
    {"startswith", "endswith", "replace", "find", "rfind", "index", "rindex", "count", "split", "rsplit", "strip"}
    | {"lstrip", "rstrip", "removeprefix", "removesuffix", "partition", "rpartition"}
    | {"compile", "match", "fullmatch", "search", "sub", "subn", "findall", "finditer"}
)
#: Keyword arguments that hold documentation (argparse, pydantic, click, pytest.raises).
_TEXT_KEYWORDS = frozenset({"help", "description", "example", "examples", "title", "msg", "message", "doc", "match"})


@dataclass(frozen=True)
class Use:
    """Where a value goes: ``owner`` is the call, assignment, dict, conditional... that takes it.

    For ``arg``: ``position`` among the positional arguments, or ``keyword``, and ``star``
    (``*``/``**``). For ``item``: ``keyword`` is the literal key. For ``default``: ``keyword``
    is the parameter's name. ``augment``: the right side of ``name += ...``.
    """

    kind: UseKind
    owner: cst.CSTNode
    position: int | None = None
    keyword: str | None = None
    star: str = ""


class Uses:
    """The use of every expression in a position that matters (filled by :class:`RoleCollector`)."""

    def __init__(self) -> None:
        self.of_node: dict[int, Use] = {}
        self.inert: set[int] = set()
        self.decorating: set[int] = set()  # arguments of decorators: test parametrization and other metadata

    def of(self, node: cst.CSTNode) -> Use | None:
        """How ``node``'s value is used, None when it stands somewhere no rule follows."""
        return self.of_node.get(id(node))

    def is_inert(self, node: cst.CSTNode) -> bool:
        """True when the value is a message, a compared value, a key or documentation, never a setting."""
        return self._marked(node, self.inert)

    def in_decorator(self, node: cst.CSTNode) -> bool:
        """True for a value given to a decorator (``@pytest.mark.parametrize("url", [...])``)."""
        return self._marked(node, self.decorating)

    def _marked(self, node: cst.CSTNode, marked: set[int]) -> bool:
        for _ in range(64):  # containers nest; a bound keeps pathological code cheap
            if id(node) in marked:
                return True
            use = self.of_node.get(id(node))
            if use is None or use.kind not in ("item", "element", "branch", "part", "spread"):
                return False
            node = use.owner
        return False

    def is_part(self, node: cst.CSTNode) -> bool:
        """True when the string is read only as part of a larger string expression."""
        use = self.of_node.get(id(node))
        return use is not None and use.kind == "part"


def _declares_option(decorator: cst.BaseExpression) -> bool:
    """``@click.option("--dsn", default=...)`` (also ``argument``): a command-line option with a default."""
    return (
        isinstance(decorator, cst.Call)
        and _callee_name(decorator) in ("option", "argument")
        and any(arg.keyword is not None and arg.keyword.value == "default" for arg in decorator.args)
    )


def _callee_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else None


class RoleCollector(Visitor):
    """Records the :class:`Use` of each expression, and which expressions are inert."""

    def __init__(self, uses: Uses) -> None:
        self.uses = uses
        self.raised: set[int] = set()

    def _use(self, node: cst.CSTNode, kind: UseKind, owner: cst.CSTNode, **details: object) -> None:
        self.uses.of_node[id(node)] = Use(kind, owner, **details)  # type: ignore[arg-type]

    def _inert(self, node: cst.CSTNode | None) -> None:
        if node is not None:
            self.uses.inert.add(id(node))

    def visit_Expr(self, node: cst.Expr) -> None:
        if is_string_expression(node.value):  # docstrings and other bare strings
            self._inert(node.value)

    def visit_Raise(self, node: cst.Raise) -> None:
        if isinstance(node.exc, cst.Call):
            self.raised.add(id(node.exc))
        else:
            self._inert(node.exc)

    def visit_Decorator(self, node: cst.Decorator) -> None:
        decorator = node.decorator
        if _declares_option(decorator):  # @click.option("--dsn", default=...): the default is used unless given
            assert isinstance(decorator, cst.Call)
            for arg in decorator.args:
                if arg.keyword is None or arg.keyword.value != "default":
                    self._inert(arg.value)
            return
        self._inert(decorator)  # test parametrization and other metadata, not the module's connections
        if isinstance(decorator, cst.Call):
            for arg in decorator.args:  # @pytest.mark.parametrize("url", [...]): the cases are data
                self._inert(arg.value)
                self.uses.decorating.add(id(arg.value))

    def visit_Assert(self, node: cst.Assert) -> None:
        self._inert(node.msg)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        for operand in (node.left, *(target.comparator for target in node.comparisons)):
            self._inert(operand)

    def visit_Call(self, node: cst.Call) -> None:
        name = _callee_name(node)
        inert = (
            id(node) in self.raised
            or name in _MESSAGE_FUNCTIONS
            or name in _TEXT_FUNCTIONS
            or (name is not None and name.startswith("assert"))
        )
        self._use(node.func, "callee", node)
        if is_string_expression(node):  # "...".format(...): the arguments are parts of the string
            self._parts(node)
            return
        position = 0
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if inert or keyword in _TEXT_KEYWORDS:
                self._inert(arg.value)
            elif keyword is not None:
                self._use(arg.value, "arg", node, keyword=keyword)
            else:
                self._use(arg.value, "arg", node, position=position, star=arg.star)
                if not arg.star:
                    position += 1

    def visit_Dict(self, node: cst.Dict) -> None:
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                self._inert(element.key)
                key = literal_value(element.key)
                self._use(element.value, "item", node, keyword=key if isinstance(key, str) else None)
            else:
                self._use(element.value, "spread", node)

    def _elements(self, node: cst.List | cst.Tuple | cst.Set) -> None:
        for element in node.elements:
            if not self.uses.is_part(element.value):  # " ".join([...]) marked its items already
                self._use(element.value, "element", node)

    visit_List = visit_Tuple = visit_Set = _elements

    def visit_IfExp(self, node: cst.IfExp) -> None:
        self._inert(node.test)
        self._use(node.body, "branch", node)
        self._use(node.orelse, "branch", node)

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        self._use(node.left, "branch", node)
        self._use(node.right, "branch", node)

    def visit_Assign(self, node: cst.Assign) -> None:
        self._use(node.value, "assign", node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._use(node.value, "assign", node)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._use(node.value, "assign", node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.operator, cst.AddAssign):  # url += "?sslmode=require": the end of a longer string
            self._use(node.value, "augment", node)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self._use(node.value, "return", node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._use(node.value, "attribute", node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._use(node.value, "subscript", node)

    def visit_Param(self, node: cst.Param) -> None:
        if node.default is not None:
            self._use(node.default, "default", node, keyword=node.name.value)

    def _parts(self, node: cst.CSTNode) -> None:
        if self.uses.is_part(node) or not is_string_expression(node):  # the whole marks every part, once
            return
        for part in string_parts(node):
            self._use(part, "part", node)
        for field in _template_fields(node):
            self._use(field, "part", node)

    visit_ConcatenatedString = visit_BinaryOperation = visit_FormattedString = _parts


def _template_fields(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The values a template fills in: f-string fields, ``%`` operands, ``.format()`` arguments."""
    if isinstance(node, cst.FormattedString):
        return [part.expression for part in node.parts if isinstance(part, cst.FormattedStringExpression)]
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        right = node.right
        if isinstance(right, (cst.Tuple, cst.Dict)):
            return [element.value for element in right.elements]
        return [right]
    if isinstance(node, cst.Call):
        return [arg.value for arg in node.args]
    return []
