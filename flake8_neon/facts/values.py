"""Names bound to strings, dicts and SSL contexts: what an expression may hold, as the module shows it.

An expression's *candidates* are the expressions its value may come from: a name's
assigned values (in its scope, then enclosing ones), both branches of a conditional (``a if
c else b``, ``a or b``) and the return values of a helper function or method of the same module.
An environment variable read with a fallback (``os.getenv("X", default)``,
``os.environ.get("X") or default``, also ``config.get(..., fallback=default)``) stands for its
fallback: that is what the code connects with unless it is configured otherwise, as every
setting may be. Whatever the module does
not decide (a parameter, an attribute, a call to elsewhere) stays an opaque candidate, so
"every candidate is weak" is a claim the code supports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from flake8_neon.drivers import ENV_GETTERS, OS_ENVIRON
from flake8_neon.facts.scopes import Binding, Scopes
from flake8_neon.literals import argument, display_items, dotted_name, literal_value
from flake8_neon.walk import Visitor

_MUTATING_METHODS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"})
_MAX_DEPTH = 16
#: Calls that return an object's fields as a dict.
_DUMP_FUNCTIONS = frozenset({"dataclasses.asdict", "attr.asdict", "attrs.asdict"})
_DUMP_METHODS = frozenset({"model_dump", "dict", "_asdict"})


@dataclass(frozen=True)
class Candidate:
    """One expression a value may come from; ``binding`` is the name it was assigned to, if any."""

    node: cst.BaseExpression
    binding: Binding | None = None


@dataclass
class LiteralDict:
    """The string-keyed items of a dict; ``complete`` is False when it may hold others.

    ``conditional`` holds the items stored only inside an ``if`` (or ``match``/``except``) block:
    on the other paths they are not there.
    """

    node: cst.CSTNode
    items: dict[str, cst.BaseExpression] = field(default_factory=dict)
    complete: bool = True
    conditional: dict[str, cst.BaseExpression] = field(default_factory=dict)


@dataclass
class _Stores:
    """What the module does to a bound object after binding it."""

    items: list[tuple[str, cst.BaseExpression, cst.CSTNode]] = field(default_factory=list)
    attributes: list[tuple[str, cst.BaseExpression, cst.CSTNode]] = field(default_factory=list)
    mutated: bool = False


class Values:
    """Answers what expressions hold; filled by :class:`ValueCollector`."""

    def __init__(self, scopes: Scopes) -> None:
        self.scopes = scopes
        self.item_stores: list[tuple[cst.Name, object, cst.BaseExpression, cst.CSTNode]] = []
        #: ``app.config["KEY"] = value``: stores into an attribute's items, by (dotted target, key).
        self.attribute_item_stores: dict[tuple[str, str], list[cst.BaseExpression]] = {}
        self.attribute_stores: list[tuple[cst.Name, str, cst.BaseExpression, cst.CSTNode]] = []
        #: ``DATABASES["default"]["OPTIONS"] = {...}``: stores under two or more literal keys, by (root name, keys).
        self.nested_item_stores: list[tuple[str, tuple[str, ...], cst.BaseExpression]] = []
        #: ``self.ctx.check_hostname = False``: stores into an attribute of an instance attribute.
        self.nested_attribute_stores: list[tuple[cst.Attribute, str, cst.BaseExpression, cst.CSTNode]] = []
        self.mutations: list[cst.Name] = []
        self.returns: dict[int, list[cst.BaseExpression]] = {}
        self.calls: list[cst.Call] = []
        self._stores: dict[int, _Stores] | None = None

    def candidates(self, node: cst.BaseExpression) -> list[Candidate]:
        """The expressions ``node``'s value may come from (opaque ones included)."""
        found: list[Candidate] = []
        self._candidates(node, None, found, set(), 0)
        return found

    def _candidates(
        self, node: cst.BaseExpression, via: Binding | None, found: list[Candidate], seen: set[int], depth: int
    ) -> None:
        if depth > _MAX_DEPTH:
            found.append(Candidate(node, via))
            return
        if isinstance(node, cst.Name) and node.value not in ("True", "False", "None"):
            bindings = self.scopes.resolve(node)
            if not bindings or any(binding.kind not in ("assign", "unpack") for binding in bindings):
                found.append(Candidate(node, None))
                return
            for binding in bindings:
                if id(binding) in seen:
                    continue
                assert binding.value is not None
                if binding.index is None:
                    self._candidates(binding.value, binding, found, seen | {id(binding)}, depth + 1)
                    continue
                wholes: list[Candidate] = []
                self._candidates(binding.value, None, wholes, seen | {id(binding)}, depth + 1)
                for whole in wholes:
                    items = display_items(whole.node)  # the tuple a helper returns: its item at the name's place
                    if items is None or binding.index >= len(items):
                        found.append(Candidate(node, None))
                    else:
                        self._candidates(items[binding.index], None, found, seen | {id(binding)}, depth + 1)
        elif isinstance(node, cst.IfExp):
            self._candidates(node.body, None, found, seen, depth + 1)
            self._candidates(node.orelse, None, found, seen, depth + 1)
        elif isinstance(node, cst.BooleanOperation):
            fallback_only = isinstance(node.operator, cst.Or) and self._env_read(node.left) and not _default(node.left)
            if not fallback_only:  # os.environ.get("X") or default: the default
                self._candidates(node.left, None, found, seen, depth + 1)
            self._candidates(node.right, None, found, seen, depth + 1)
        elif isinstance(node, cst.NamedExpr):
            self._candidates(node.value, None, found, seen, depth + 1)
        elif (member := _enum_member(node)) is not None and (assigned := self._class_attribute(member)):
            for value, attribute in assigned:  # SSLMode.REQUIRE.value: the enum member's value
                self._candidates(value, attribute, found, seen, depth + 1)
        elif isinstance(node, cst.Attribute) and (assigned := self._class_attribute(node)):
            for value, attribute in assigned:
                if attribute is None:
                    self._candidates(value, None, found, seen, depth + 1)
                elif id(attribute) not in seen:
                    self._candidates(value, attribute, found, seen | {id(attribute)}, depth + 1)
        elif self._env_read(node) and (default := _default(node)) is not None:
            self._candidates(default, None, found, seen, depth + 1)
        elif isinstance(node, cst.Call) and (function := self._called(node.func)) is not None:
            returned = self.returns.get(id(function), [])
            if not returned or id(function) in seen:
                found.append(Candidate(node, None))
            for value in returned:
                self._candidates(value, None, found, seen | {id(function)}, depth + 1)
        else:
            found.append(Candidate(node, via))

    def _called(self, func: cst.BaseExpression) -> cst.FunctionDef | None:
        """The function or method of this module a call runs, whose return values it gives."""
        return self.scopes.local_function(func) or self.scopes.method(func)

    def _class_attribute(self, node: cst.Attribute) -> list[tuple[cst.BaseExpression, Binding | None]]:
        """What ``Config.NAME``, ``self.NAME`` or ``settings.NAME`` may hold: the values the class
        (or a base) assigns to ``NAME`` and those its instances are given (``self.NAME = ...``);
        empty when the class binds the name otherwise (a method) or is not the module's."""
        owner = self.scopes.class_of(node.value)
        if owner is None:
            return []
        return self._attribute_values(node.value, owner, node.attr.value)

    def _attribute_values(
        self, instance: cst.BaseExpression, owner: cst.ClassDef, name: str
    ) -> list[tuple[cst.BaseExpression, Binding | None]]:
        """The values ``instance.name`` may hold (``instance`` is ``owner`` or one of its instances). A
        constructor keyword (``cfg = Config(sslmode="verify-full")``) replaces the class's default."""
        given, every = self._constructed_with(instance, name)
        if every:
            return [(value, None) for value in given]
        bindings = self.scopes.class_bindings(owner, name)
        if any(binding.kind != "assign" for binding in bindings):
            return []
        assigned: list[tuple[cst.BaseExpression, Binding | None]] = [(value, None) for value in given]
        assigned.extend((binding.value, binding) for binding in bindings if binding.value is not None)
        for target, attribute, value, _ in self.attribute_stores:
            if attribute == name and self.scopes.class_of(target) is owner:
                assigned.append((value, None))
        return assigned

    def _constructed_with(self, instance: cst.BaseExpression, name: str) -> tuple[list[cst.BaseExpression], bool]:
        """The keyword values for ``name`` in the constructor calls that make ``instance`` (``cfg = Config(...)``,
        ``cfg: Config = Config(...)`` as a parameter default), and whether every one of them gives it."""
        if isinstance(instance, cst.Call):
            value = argument(instance, name)
            return ([value], True) if value is not None else ([], False)
        if not isinstance(instance, cst.Name):
            return [], False
        given: list[cst.BaseExpression] = []
        every = True
        for binding in self.scopes.resolve(instance):
            made = binding.value if binding.kind == "assign" else None
            if binding.kind == "param" and isinstance(binding.node, cst.Param):
                made = binding.node.default
            value = argument(made, name) if isinstance(made, cst.Call) else None
            if value is None:
                every = False
            else:
                given.append(value)
        return given, every and bool(given)

    def _env_read(self, node: cst.BaseExpression) -> bool:
        """True for ``os.getenv(...)``, ``os.environ.get(...)``, ``os.environ[...]``, reads of
        configuration with a ``fallback=`` (``configparser``'s ``config.get("db", "sslmode", fallback=...)``)
        and reads of a setting whose name is the sslmode (``settings.get("sslmode", default)``,
        ``env.str("DB_SSLMODE", default=...)``, ``config("DB_SSLMODE", default=...)``)."""
        if isinstance(node, cst.Subscript):
            return self.scopes.qualified_name(node.value) == OS_ENVIRON
        if not isinstance(node, cst.Call):
            return False
        if self.scopes.qualified_name(node.func) in ENV_GETTERS or argument(node, "fallback") is not None:
            return True
        # settings.get("sslmode", "require"), environs' env.str("DB_SSLMODE", default="require"), decouple's
        # config("DB_SSLMODE", default="prefer"): a read of a setting that names the sslmode, with its fallback
        key = literal_value(argument(node, "key", 0))
        return isinstance(key, str) and key.lower().endswith(("sslmode", "ssl_mode"))

    def literal_dict(self, node: cst.BaseExpression) -> LiteralDict | None:
        """The items of the one dict ``node`` holds (a display or ``dict(...)``), None if unknown."""
        return self._literal_dict(node, 0)

    def _literal_dict(self, node: cst.BaseExpression, depth: int) -> LiteralDict | None:
        candidates = self.candidates(node)
        if len(candidates) != 1 or depth > _MAX_DEPTH:
            return None
        candidate = candidates[0]
        result = LiteralDict(candidate.node)
        if isinstance(candidate.node, cst.Dict):
            for element in candidate.node.elements:
                key = literal_value(element.key) if isinstance(element, cst.DictElement) else None
                if isinstance(element, cst.DictElement) and isinstance(key, str):
                    result.items[key] = element.value
                elif isinstance(element, cst.StarredDictElement):
                    self._merge(result, self._literal_dict(element.value, depth + 1))
                else:
                    result.complete = False
        elif isinstance(candidate.node, cst.Call) and (instance := self._dumped_instance(candidate.node)) is not None:
            owner = self.scopes.class_of(instance)
            if owner is None:
                return None
            result.complete = False  # fields without a default come from the constructor
            for name in self.scopes.class_attribute_names(owner):
                values = self._attribute_values(instance, owner, name)
                if len(values) == 1:
                    result.items[name] = values[0][0]
        elif isinstance(candidate.node, cst.Call) and self._is_builtin_dict(candidate.node.func):
            for arg in candidate.node.args:
                if arg.keyword is not None:
                    result.items[arg.keyword.value] = arg.value
                elif arg.star == "*":
                    result.complete = False
                else:
                    self._merge(result, self._literal_dict(arg.value, depth + 1))
        else:
            return None
        if candidate.binding is not None:
            stores = self._stores_of(candidate.binding)
            created = self.scopes.depth(candidate.binding.node)
            for key, value, statement in stores.items:
                if self.scopes.depth(statement) > created:
                    result.complete = False  # set only inside an ``if``: on other paths it is not there
                    result.conditional.setdefault(key, value)
                else:
                    result.items[key] = value
            result.complete = result.complete and not stores.mutated
        return result

    @staticmethod
    def _merge(result: LiteralDict, other: LiteralDict | None) -> None:
        if other is None:
            result.complete = False
            return
        result.items.update(other.items)
        result.conditional.update(other.conditional)
        result.complete = result.complete and other.complete

    def _dumped_instance(self, call: cst.Call) -> cst.BaseExpression | None:
        """The object whose fields a call returns as a dict: ``dataclasses.asdict(cfg)``, ``vars(cfg)``,
        pydantic's ``cfg.model_dump()``/``cfg.dict()``, a named tuple's ``cfg._asdict()``."""
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in _DUMP_METHODS and not call.args:
            return func.value
        if len(call.args) != 1:
            return None
        builtin_vars = isinstance(func, cst.Name) and func.value == "vars" and not self.scopes.resolve(func)
        return call.args[0].value if builtin_vars or self.scopes.qualified_name(func) in _DUMP_FUNCTIONS else None

    def _is_builtin_dict(self, func: cst.BaseExpression) -> bool:
        return isinstance(func, cst.Name) and func.value == "dict" and not self.scopes.resolve(func)

    def unverified_context(self, candidate: Candidate) -> str | None:
        """Why the ``ssl.SSLContext`` a candidate builds does not verify the server, None if it does or is unknown.

        The context's later ``check_hostname``/``verify_mode`` assignments count; one made
        only inside an ``if`` (deeper than the context's creation) means some path keeps
        verifying, so the answer is None.
        """
        if not isinstance(candidate.node, cst.Call):
            return None
        name = self.scopes.qualified_name(candidate.node.func)
        if name == "ssl._create_unverified_context":
            return "ssl._create_unverified_context()"
        if name == "ssl.create_default_context":
            purpose = argument(candidate.node, "purpose", 0)
            if purpose is not None and is_dotted(purpose, "CLIENT_AUTH"):
                return "Purpose.CLIENT_AUTH makes a server-side context"
            hostname, required = True, True
        elif name == "ssl.SSLContext":
            protocol = argument(candidate.node, "protocol", 0)
            hostname = required = protocol is not None and is_dotted(protocol, "PROTOCOL_TLS_CLIENT")
        else:
            return None
        weakened: list[str] = []
        for created, attributes in self._later_attribute_stores(candidate):
            for attribute, value, statement in attributes:
                if attribute == "check_hostname":
                    setting = literal_value(value)
                    if self.scopes.depth(statement) > created and setting is not True:
                        return None  # set in only some paths: one of them may verify
                    hostname = setting is True
                    if setting is False:
                        weakened.append("check_hostname = False")
                elif attribute == "verify_mode":
                    if self.scopes.depth(statement) > created and not is_dotted(value, "CERT_REQUIRED"):
                        return None
                    required = is_dotted(value, "CERT_REQUIRED")
                    if is_dotted(value, "CERT_NONE"):
                        weakened.append("verify_mode = CERT_NONE")
        if hostname and required:
            return None
        if weakened:
            return " and ".join(weakened)
        return "SSLContext() without PROTOCOL_TLS_CLIENT"

    def _later_attribute_stores(
        self, candidate: Candidate
    ) -> list[tuple[int, list[tuple[str, cst.BaseExpression, cst.CSTNode]]]]:
        """The attribute stores into the object a candidate makes, with the depth of the statement making it:
        ``ctx.check_hostname = ...`` for a name, ``self.ctx.check_hostname = ...`` for ``self.ctx = <candidate>``."""
        if candidate.binding is not None:
            return [(self.scopes.depth(candidate.binding.node), self._stores_of(candidate.binding).attributes)]
        found: list[tuple[int, list[tuple[str, cst.BaseExpression, cst.CSTNode]]]] = []
        for target, name, value, statement in self.attribute_stores:
            owner = self.scopes.class_of(target) if value is candidate.node else None
            if owner is None:
                continue
            stores = [
                (attribute, stored, where)
                for inner, attribute, stored, where in self.nested_attribute_stores
                if inner.attr.value == name and self.scopes.class_of(inner.value) is owner
            ]
            found.append((self.scopes.depth(statement), stores))
        return found

    def _stores_of(self, binding: Binding) -> _Stores:
        if self._stores is None:
            self._stores = {}
            for name, key, value, statement in self.item_stores:
                for found in self.scopes.resolve(name):
                    stores = self._stores.setdefault(id(found), _Stores())
                    if isinstance(key, str):
                        stores.items.append((key, value, statement))
                    else:
                        stores.mutated = True
            for name, attribute, value, statement in self.attribute_stores:
                for found in self.scopes.resolve(name):
                    self._stores.setdefault(id(found), _Stores()).attributes.append((attribute, value, statement))
            for name in self.mutations:
                for found in self.scopes.resolve(name):
                    self._stores.setdefault(id(found), _Stores()).mutated = True
        return self._stores.get(id(binding), _Stores())


class ValueCollector(Visitor):
    """Records what the module does with bound names: item and attribute stores, mutations, returns."""

    def __init__(self, values: Values) -> None:
        self.values = values

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._store(target.target, node.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._store(node.target, node.value, node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Subscript) and isinstance(node.target.value, cst.Name):
            self.values.mutations.append(node.target.value)

    def visit_Del(self, node: cst.Del) -> None:
        if isinstance(node.target, cst.Subscript) and isinstance(node.target.value, cst.Name):
            self.values.mutations.append(node.target.value)

    def _store(self, target: cst.BaseExpression, value: cst.BaseExpression, statement: cst.CSTNode) -> None:
        if isinstance(target, cst.Subscript):
            key = None
            if len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
                key = literal_value(target.slice[0].slice.value)
            if isinstance(target.value, cst.Name):
                self.values.item_stores.append((target.value, key, value, statement))
            elif (path := _key_path(target)) is not None:
                self.values.nested_item_stores.append(path + (value,))
            elif isinstance(key, str) and (owner := dotted_name(target.value)) is not None:
                self.values.attribute_item_stores.setdefault((owner, key), []).append(value)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
            self.values.attribute_stores.append((target.value, target.attr.value, value, statement))
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Attribute):
            if isinstance(target.value.value, cst.Name):
                self.values.nested_attribute_stores.append((target.value, target.attr.value, value, statement))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                if isinstance(element.value, cst.Subscript) and isinstance(element.value.value, cst.Name):
                    self.values.mutations.append(element.value.value)

    def visit_Call(self, node: cst.Call) -> None:
        self.values.calls.append(node)
        func = node.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            if func.attr.value in _MUTATING_METHODS:
                self.values.mutations.append(func.value)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            owner = self.values.scopes.of(node).node
            self.values.returns.setdefault(id(owner), []).append(node.value)


def _key_path(target: cst.Subscript) -> tuple[str, tuple[str, ...]] | None:
    """``("DATABASES", ("default", "OPTIONS"))`` for ``DATABASES["default"]["OPTIONS"]``; None unless every key
    is a literal string."""
    keys: list[str] = []
    node: cst.BaseExpression = target
    while isinstance(node, cst.Subscript):
        index = node.slice[0].slice if len(node.slice) == 1 else None
        key = literal_value(index.value) if isinstance(index, cst.Index) else None
        if not isinstance(key, str):
            return None
        keys.insert(0, key)
        node = node.value
    return (node.value, tuple(keys)) if isinstance(node, cst.Name) else None


def _enum_member(node: cst.BaseExpression) -> cst.Attribute | None:
    """``Class.MEMBER`` of ``Class.MEMBER.value`` (the value of an enum member), else None."""
    if isinstance(node, cst.Attribute) and node.attr.value == "value" and isinstance(node.value, cst.Attribute):
        return node.value
    return None


def _default(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """The fallback of ``os.getenv(name, default)`` (or of ``fallback=``); None without one (``None``, ``""``,
    ``os.environ[name]``)."""
    if not isinstance(node, cst.Call):
        return None
    default = argument(node, "fallback") or argument(node, "default", 1)  # config.get(..., fallback=), os.getenv
    if default is None or (isinstance(default, cst.Name) and default.value == "None") or literal_value(default) == "":
        return None  # no fallback: the variable must be set
    return default


def is_dotted(node: cst.CSTNode, suffix: str) -> bool:
    """True for a name or attribute chain ending in ``suffix`` (``ssl.CERT_NONE``, ``CERT_NONE``)."""
    name = dotted_name(node)
    return name is not None and (name == suffix or name.endswith("." + suffix))
