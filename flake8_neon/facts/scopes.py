"""Imports and scopes: which names each scope binds, and what a name used somewhere refers to.

Python's rules, flow-insensitively: a name bound anywhere in a function is local to it
(unless declared ``global``), class bodies are not visible from their methods, and a
module-level name is whatever any of its bindings made it. A name bound by both an
import and something else (``def connect(...)`` after ``from psycopg import connect``)
no longer refers to the import; ``name = None`` (the ``except ImportError`` fallback)
does not count.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

import libcst as cst

from flake8_neon.literals import dotted_name
from flake8_neon.walk import Visitor

BindingKind = Literal["import", "assign", "unpack", "def", "class", "param", "other"]


@dataclass(eq=False)
class Scope:
    """A module, function (or lambda) or class body."""

    node: cst.CSTNode
    kind: Literal["module", "function", "class"]
    parent: Scope | None
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    declared_global: set[str] = field(default_factory=set)


@dataclass(frozen=True, eq=False)
class Binding:
    """One way a scope binds a name.

    ``value`` is the assigned expression (``assign``; for ``unpack``, ``a, b = value``, the
    whole of it, and ``index`` the position of the name), ``imported`` the qualified name
    (``import``), ``node`` the statement, definition or parameter.
    """

    name: str
    scope: Scope
    kind: BindingKind
    node: cst.CSTNode
    value: cst.BaseExpression | None = None
    imported: str | None = None
    index: int | None = None


class Scopes:
    """The scopes of one module and name resolution over them (filled by :class:`ScopeCollector`)."""

    def __init__(self, module: cst.Module) -> None:
        self.module = Scope(module, "module", None)
        self.of_node: dict[int, Scope] = {}
        self.depth_of_node: dict[int, int] = {}
        self.names: list[tuple[cst.Name, Scope]] = []
        self.attributes: list[cst.Attribute] = []  # attribute reads, for class attributes
        self.class_scopes: dict[int, Scope] = {}  # by ClassDef
        self._resolved: dict[int, list[cst.Name]] | None = None

    def of(self, node: cst.CSTNode) -> Scope:
        """The scope ``node`` is evaluated in (recorded for expressions and statements)."""
        return self.of_node.get(id(node), self.module)

    def depth(self, node: cst.CSTNode) -> int:
        """How many ``if``/``match``/``except`` blocks of its own scope ``node`` stands in."""
        return self.depth_of_node.get(id(node), 0)

    def lookup(self, name: str, scope: Scope) -> list[Binding]:
        """The bindings a use of ``name`` in ``scope`` may refer to (empty: a builtin or unknown)."""
        current: Scope | None = scope
        while current is not None:
            if name in current.declared_global:
                current = self.module
            if name in current.bindings and (current is scope or current.kind != "class"):
                return current.bindings[name]
            current = current.parent
        return []

    def resolve(self, name: cst.Name) -> list[Binding]:
        """The bindings the name ``name`` (as used where it stands) may refer to."""
        return self.lookup(name.value, self.of(name))

    def qualified_name(self, node: cst.CSTNode) -> str | None:
        """The imported name an expression refers to (``psycopg.connect``), if it refers to one."""
        name = dotted_name(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        head_node = node
        while isinstance(head_node, cst.Attribute):
            head_node = head_node.value
        imported = _imported(self.lookup(head, self.of(head_node)))
        if imported is None:
            return None
        return f"{imported}.{rest}" if rest else imported

    def in_test(self, node: cst.CSTNode) -> bool:
        """True for code of a test: a function or method named ``test*``, a pytest fixture, or
        the body of a test class (``Test*`` with ``test*`` methods, or a subclass of a
        ``*TestCase``/``TestBase``; not Flask's ``TestingConfig``)."""
        scope: Scope | None = self.of(node)
        while scope is not None:
            owner = scope.node
            if isinstance(owner, cst.FunctionDef) and (owner.name.value.startswith("test") or _is_fixture(owner)):
                return True
            if isinstance(owner, cst.ClassDef) and _is_test_class(owner):
                return True
            scope = scope.parent
        return False

    def local_function(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        """The function of this module a called name refers to (also when it shadows an import)."""
        if not isinstance(node, cst.Name):
            return None
        bindings = self.resolve(node)
        defs = [binding.node for binding in bindings if binding.kind == "def"]
        others = [binding for binding in bindings if binding.kind not in ("def", "import") and not _is_none(binding)]
        if len(defs) == 1 and not others and isinstance(defs[0], cst.FunctionDef):
            return defs[0]
        return None

    def method(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        """The method of a class of this module a called attribute refers to (``self._context()``,
        ``Config.build()``, ``settings.dsn()`` with ``settings = Config()``)."""
        if not isinstance(node, cst.Attribute):
            return None
        owner = self.class_of(node.value)
        bindings = self.class_bindings(owner, node.attr.value) if owner is not None else []
        if len(bindings) == 1 and bindings[0].kind == "def" and isinstance(bindings[0].node, cst.FunctionDef):
            return bindings[0].node
        return None

    def reads_of(self, binding: Binding) -> list[cst.BaseExpression]:
        """Every use that may read this binding: the name, and for a class attribute also
        ``Config.NAME``, ``self.NAME``/``cls.NAME`` in its methods and ``settings.NAME`` with
        ``settings = Config()``."""
        if self._resolved is None:
            self._resolved = {}
            for name, scope in self.names:
                for found in self.lookup(name.value, scope):
                    self._resolved.setdefault(id(found), []).append(name)
        reads: list[cst.BaseExpression] = list(self._resolved.get(id(binding), []))
        if binding.scope.kind == "class":
            owner = binding.scope.node
            reads.extend(
                attribute
                for attribute in self.attributes
                if attribute.attr.value == binding.name and self._is_class_or_instance(attribute.value, owner)
            )
        return reads

    def class_bindings(self, owner: cst.ClassDef, name: str) -> list[Binding]:
        """How the class ``owner`` binds ``name`` in its body, or the first of its bases
        (classes of this module) that does; empty when none does."""
        for scope in self._class_chain(owner):
            if name in scope.bindings:
                return scope.bindings[name]
        return []

    def class_attribute_names(self, owner: cst.ClassDef) -> list[str]:
        """The names the class ``owner`` and its bases (classes of this module) assign in their bodies."""
        names: dict[str, None] = {}
        for scope in self._class_chain(owner):
            for name, bindings in scope.bindings.items():
                if all(binding.kind == "assign" for binding in bindings):
                    names[name] = None
        return list(names)

    def _class_chain(self, owner: cst.ClassDef) -> Iterator[Scope]:
        """The bodies of ``owner`` and of its bases that are classes of this module, nearest first."""
        pending, visited = [owner], set()
        while pending:
            current = pending.pop(0)
            if id(current) in visited:
                continue
            visited.add(id(current))
            scope = self.class_scopes.get(id(current))
            if scope is not None:
                yield scope
            for base in current.bases:
                pending.extend(found for found in self._classes_denoted(base.value) if isinstance(found, cst.ClassDef))

    def class_of(self, node: cst.BaseExpression) -> cst.ClassDef | None:
        """The one class of this module a name is, holds an instance of (``settings = Config()``),
        or is ``self``/``cls`` of in its methods; None if not exactly one."""
        owners = self._classes_denoted(node)
        first = owners[0] if owners else None
        if isinstance(first, cst.ClassDef) and all(owner is first for owner in owners):
            return first
        return None

    def _is_class_or_instance(self, node: cst.BaseExpression, owner: cst.CSTNode) -> bool:
        return any(found is owner for found in self._classes_denoted(node))

    def _classes_denoted(self, node: cst.BaseExpression) -> list[cst.CSTNode | None]:
        """For each binding of a name, the class it is, holds an instance of, or is ``self``/``cls`` of (or None);
        for a call (``Config()``), the class it makes."""
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
            return [found.node if found.kind == "class" else None for found in self.resolve(node.func)]
        if not isinstance(node, cst.Name):
            return []
        owners: list[cst.CSTNode | None] = []
        for binding in self.resolve(node):
            owner: cst.CSTNode | None = None
            if binding.kind == "class":
                owner = binding.node
            elif binding.kind == "assign" and isinstance(binding.value, cst.Call):
                func = binding.value.func
                found = self.resolve(func) if isinstance(func, cst.Name) else []
                classes = [class_binding.node for class_binding in found if class_binding.kind == "class"]
                owner = classes[0] if len(classes) == 1 else self._returned_class(self.local_function(func))
            elif binding.kind == "param" and node.value in ("self", "cls"):
                method = binding.scope
                owner = method.parent.node if method.parent is not None and method.parent.kind == "class" else None
            elif binding.kind == "param" and isinstance(binding.node, cst.Param):
                owner = self._parameter_class(binding.node)
            owners.append(owner)
        return owners

    def _returned_class(self, function: cst.FunctionDef | None) -> cst.ClassDef | None:
        """The class of this module a factory function returns an instance of, by its return annotation
        (``def get_settings() -> Settings``, often cached with ``@lru_cache``)."""
        if function is None or function.returns is None:
            return None
        annotation = function.returns.annotation
        if not isinstance(annotation, cst.Name):
            return None
        classes = [found.node for found in self.resolve(annotation) if found.kind == "class"]
        return classes[0] if len(classes) == 1 and isinstance(classes[0], cst.ClassDef) else None

    def _parameter_class(self, param: cst.Param) -> cst.ClassDef | None:
        """The class of this module a parameter holds an instance of: its annotation (``cfg: DBConfig``)
        or its default (``cfg=DBConfig()``); the class's defaults are what it holds unless the caller says."""
        denoted: cst.BaseExpression | None = param.annotation.annotation if param.annotation is not None else None
        if denoted is None and param.default is not None and isinstance(param.default, cst.Call):
            denoted = param.default.func
        if not isinstance(denoted, cst.Name):
            return None
        classes = [found.node for found in self.resolve(denoted) if found.kind == "class"]
        return classes[0] if len(classes) == 1 and isinstance(classes[0], cst.ClassDef) else None


def _is_fixture(function: cst.FunctionDef) -> bool:
    """``@pytest.fixture``, ``@pytest.fixture(scope=...)``, ``@pytest_asyncio.fixture``..."""
    for decorator in function.decorators:
        expression = decorator.decorator
        name = dotted_name(expression.func if isinstance(expression, cst.Call) else expression) or ""
        if name.rpartition(".")[2] == "fixture":
            return True
    return False


def _is_test_class(owner: cst.ClassDef) -> bool:
    for base in owner.bases:
        name = (dotted_name(base.value) or "").rpartition(".")[2]
        if name.endswith("TestCase") or name == "TestBase":
            return True
    body = owner.body.body if isinstance(owner.body, cst.IndentedBlock) else ()
    return owner.name.value.startswith("Test") and any(
        isinstance(statement, cst.FunctionDef) and statement.name.value.startswith("test") for statement in body
    )


def _imported(bindings: list[Binding]) -> str | None:
    imports = [binding.imported for binding in bindings if binding.kind == "import"]
    others = [binding for binding in bindings if binding.kind != "import" and not _is_none(binding)]
    return imports[0] if imports and not others else None


def _is_none(binding: Binding) -> bool:
    """``name = None``: the usual fallback when an optional import fails."""
    return isinstance(binding.value, cst.Name) and binding.value.value == "None"


class ScopeCollector(Visitor):
    """Builds :class:`Scopes`: bindings per scope, the scope of each node, every name read."""

    def __init__(self, scopes: Scopes) -> None:
        self.scopes = scopes
        self.stack: list[Scope] = [scopes.module]
        self.entering: dict[int, Scope] = {}
        self.not_read: set[int] = set()
        self.conditional_depth: dict[int, int] = {}

    def _here(self, node: cst.CSTNode) -> None:
        """Remember the scope ``node`` is evaluated in, and how conditionally."""
        scope = self.stack[-1]
        self.scopes.of_node[id(node)] = scope
        depth = self.conditional_depth.get(id(scope), 0)
        if depth:
            self.scopes.depth_of_node[id(node)] = depth

    visit_Call = visit_Dict = visit_Subscript = visit_IfExp = visit_BooleanOperation = visit_Return = _here
    visit_Expr = _here
    visit_SimpleString = visit_ConcatenatedString = visit_FormattedString = visit_BinaryOperation = _here

    def visit_Name(self, node: cst.Name) -> None:
        self._here(node)
        if id(node) not in self.not_read and node.value not in ("True", "False", "None"):
            self.scopes.names.append((node, self.stack[-1]))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._here(node)
        self.not_read.add(id(node.attr))
        if id(node) not in self.not_read:
            self.scopes.attributes.append(node)

    # Scopes.

    def _enter(self, node: cst.CSTNode) -> None:
        scope = self.entering.get(id(node))
        if scope is not None:
            self.stack.append(scope)

    def _leave(self, node: cst.CSTNode) -> None:
        if id(node) in self.entering:
            self.stack.pop()

    visit_IndentedBlock = visit_SimpleStatementSuite = visit_Parameters = _enter
    leave_IndentedBlock = leave_SimpleStatementSuite = leave_Parameters = _leave

    def _new_scope(self, owner: cst.CSTNode, kind: Literal["function", "class"], *parts: cst.CSTNode) -> Scope:
        scope = Scope(owner, kind, self.stack[-1])
        for part in parts:
            self.entering[id(part)] = scope
        if kind == "class":
            self.scopes.class_scopes[id(owner)] = scope
        return scope

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._here(node)
        self.not_read.add(id(node.name))
        self._bind(node.name.value, "def", node)
        self._new_scope(node, "function", node.params, node.body)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._here(node)
        self.not_read.add(id(node.name))
        self._bind(node.name.value, "class", node)
        self._new_scope(node, "class", node.body)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._here(node)
        self.stack.append(self._new_scope(node, "function"))

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.stack.pop()

    # Conditional code.

    def _deeper(self, node: cst.CSTNode) -> None:
        key = id(self.stack[-1])
        self.conditional_depth[key] = self.conditional_depth.get(key, 0) + 1

    def _shallower(self, node: cst.CSTNode) -> None:
        self.conditional_depth[id(self.stack[-1])] -= 1

    visit_If = visit_MatchCase = _deeper
    leave_If = leave_MatchCase = _shallower

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._deeper(node)
        if node.name is not None:
            self._bind_targets(node.name.name, node, None)

    leave_ExceptHandler = _shallower

    # Bindings.

    def _bind(
        self,
        name: str,
        kind: BindingKind,
        node: cst.CSTNode,
        value: cst.BaseExpression | None = None,
        imported: str | None = None,
        index: int | None = None,
    ) -> None:
        scope = self.stack[-1]
        if name in scope.declared_global:
            scope = self.scopes.module
        binding = Binding(name, scope, kind, node, value, imported, index)
        scope.bindings.setdefault(name, []).append(binding)

    def _bind_targets(self, target: cst.CSTNode, node: cst.CSTNode, value: cst.BaseExpression | None) -> None:
        if isinstance(target, cst.Attribute):
            self.not_read.add(id(target))  # a store, not a read
        elif isinstance(target, cst.Name):
            self.not_read.add(id(target))
            self._bind(target.value, "assign" if value is not None else "other", node, value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            unpacked = value is not None and not any(isinstance(e, cst.StarredElement) for e in target.elements)
            for index, element in enumerate(target.elements):
                if unpacked and isinstance(element.value, cst.Name):  # url, args = helper(): the helper's items
                    self.not_read.add(id(element.value))
                    self._bind(element.value.value, "unpack", node, value, index=index)
                else:
                    self._bind_targets(element.value, node, None)
        elif isinstance(target, cst.StarredElement):
            self._bind_targets(target.value, node, None)

    def visit_Assign(self, node: cst.Assign) -> None:
        self._here(node)
        for target in node.targets:
            self._bind_targets(target.target, node, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._here(node)
        if node.value is not None:
            self._bind_targets(node.target, node, node.value)
        elif isinstance(node.target, cst.Name):
            self.not_read.add(id(node.target))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._here(node)
        self._bind_targets(node.target, node, None)

    def visit_Param(self, node: cst.Param) -> None:
        self._here(node)
        self.not_read.add(id(node.name))
        self._bind(node.name.value, "param", node)

    def visit_For(self, node: cst.For) -> None:
        self._bind_targets(node.target, node, None)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_targets(node.target, node, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_targets(node.asname.name, node, None)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_targets(node.target, node, node.value)

    def visit_Del(self, node: cst.Del) -> None:
        self._here(node)
        self._bind_targets(node.target, node, None)

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self._bind_targets(node.name, node, None)

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self._bind_targets(node.name, node, None)

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        if node.rest is not None:
            self._bind_targets(node.rest, node, None)

    def visit_MatchKeywordElement(self, node: cst.MatchKeywordElement) -> None:
        self.not_read.add(id(node.key))

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            module = dotted_name(alias.name)
            self._not_read_tree(alias.name)
            if module is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.not_read.add(id(alias.asname.name))
                self._bind(alias.asname.name.value, "import", node, imported=module)
            else:
                head = module.split(".")[0]
                self._bind(head, "import", node, imported=head)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.module is not None:
            self._not_read_tree(node.module)
        module = dotted_name(node.module) if node.module is not None else None
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            self._not_read_tree(alias.name)
            name = dotted_name(alias.name)
            if name is None:
                continue
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.not_read.add(id(alias.asname.name))
                local = alias.asname.name.value
            qualified = f"{module}.{name}" if module is not None and not node.relative else None
            self._bind(local, "import" if qualified else "other", node, imported=qualified)

    def _not_read_tree(self, node: cst.CSTNode) -> None:
        while isinstance(node, cst.Attribute):
            self.not_read.add(id(node.attr))
            node = node.value
        self.not_read.add(id(node))

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.not_read.add(id(item.name))
            self.stack[-1].declared_global.add(item.name.value)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        for item in node.names:
            self.not_read.add(id(item.name))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.not_read.add(id(node.keyword))
