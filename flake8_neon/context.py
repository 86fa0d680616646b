"""What the rules share while one file is checked: findings, settings and facts about the code.

:class:`FactsCollector` runs first in the batch of visitors (libcst visits parents before
children) and records what later visits need: which strings are messages or parts of a
larger string, which literal dicts names hold, which connection strings a call overrides.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import libcst as cst

from flake8_neon.drivers import (
    CONNECT_APIS,
    MAKE_URL,
    URL_CREATE,
    ConnectApi,
    Family,
    drivername_family,
)
from flake8_neon.judgments import HOLE, ConnectionString
from flake8_neon.literals import (
    StaticText,
    dotted_name,
    is_message_call,
    is_string_expression,
    literal_value,
    rewrite_concatenation,
    static_text,
    string_parts,
)
from flake8_neon.settings import Settings

#: Keys that choose TLS for each family; a call setting one overrides its connection string.
TLS_KEYS: dict[Family, frozenset[str]] = {
    "libpq": frozenset({"sslmode", "requiressl", "sslrootcert"}),
    "asyncpg": frozenset({"ssl"}),
    "pg8000": frozenset({"ssl_context"}),
    "sqlalchemy": frozenset(),
}
_MUTATING_METHODS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__"})


@dataclass(frozen=True)
class Finding:
    """One problem at one place; ``replacement`` is the node that fixes it, if any."""

    line: int
    column: int
    end_line: int
    code: str
    message: str
    node: cst.CSTNode = field(repr=False, compare=False)
    replacement: cst.CSTNode | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """``NEO101 message``, as flake8 prints it."""
        return f"{self.code} {self.message}"


@dataclass(frozen=True)
class Report:
    """A finding before its position is known (positions are computed only when needed)."""

    code: str
    message: str
    node: cst.CSTNode
    replacement: cst.CSTNode | None


@dataclass(frozen=True)
class ConninfoLiteral:
    """A string expression that parses as a connection string."""

    node: cst.CSTNode
    static: StaticText
    string: ConnectionString

    def fixed(self) -> cst.BaseExpression | None:
        """The same literal demanding verify-full, if it is plain literals that can be rewritten."""
        if not isinstance(self.node, (cst.SimpleString, cst.ConcatenatedString)):
            return None
        text = self.string.rewritten()
        if text is None:
            return None
        if isinstance(self.node, cst.ConcatenatedString):
            return rewrite_concatenation(self.node, text)
        return self.static.requote(text)


@dataclass
class CallSettings:
    """The connection settings one call passes, as far as the source shows them.

    ``values`` maps a setting to the expression giving it (keyword arguments, literal dicts
    passed with ``**``, ``kwargs=`` or ``connect_args=``); ``complete`` is False when some
    settings come from somewhere the rules cannot read.
    """

    api: ConnectApi
    family: Family | None
    conninfo: cst.BaseExpression | None = None
    values: dict[str, cst.BaseExpression] = field(default_factory=dict)
    complete: bool = True


@dataclass
class LiteralDict:
    """The string-keyed items of a dict display; ``complete`` is False if it has others."""

    node: cst.Dict
    items: dict[str, cst.BaseExpression]
    complete: bool


class FileContext:
    """Per-file state shared by the rules of one run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.findings: list[Report] = []
        self.ignored_strings: set[int] = set()
        self.overridden_strings: set[int] = set()
        self.covered_strings: set[int] = set()
        self.dicts: dict[tuple[int, str], LiteralDict | None] = {}
        self.dict_hosts: dict[int, tuple[str, ...] | None] = {}
        self.unverified_contexts: dict[tuple[int, str], str] = {}
        self.strong_pgsslmode = False
        self.imports: dict[str, str] = {}
        self.scopes: list[int] = [0]
        self._literals: dict[int, ConninfoLiteral | None] = {}

    def conninfo_literal(self, node: cst.CSTNode) -> ConninfoLiteral | None:
        """The connection string this expression holds, None if it holds none (or is a message)."""
        key = id(node)
        if key not in self._literals:
            self._literals[key] = None if key in self.ignored_strings else _read_conninfo(node)
        return self._literals[key]


def _read_conninfo(node: cst.CSTNode) -> ConninfoLiteral | None:
    if not is_string_expression(node):
        return None
    text = static_text(node)
    string = ConnectionString.read(text.text) if text is not None else None
    return ConninfoLiteral(node, text, string) if text is not None and string is not None else None


class ContextVisitor(cst.BatchableCSTVisitor):
    """A visitor that reads and writes the shared :class:`FileContext`."""

    def __init__(self, context: FileContext) -> None:
        super().__init__()
        self.context = context

    def get_visitors(self) -> dict[str, Callable[[cst.CSTNode], None]]:
        """libcst's own lookup inspects every member again for every file; the names are per class."""
        return {name: getattr(self, name) for name in _visitor_names(type(self))}

    def qualified_name(self, node: cst.CSTNode) -> str | None:
        """The imported name an expression refers to (``psycopg.connect``), if any."""
        name = dotted_name(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        imported = self.context.imports.get(head)
        if imported is None:
            return None
        return f"{imported}.{rest}" if rest else imported

    def connect_api(self, call: cst.Call) -> ConnectApi | None:
        """The known connection API this call goes to, if any."""
        name = self.qualified_name(call.func)
        return CONNECT_APIS.get(name) if name else None

    def literal_dict(self, node: cst.CSTNode) -> LiteralDict | None:
        """The string-keyed items of a dict display, or of the literal dict a name holds."""
        if isinstance(node, cst.Dict):
            return read_dict(node)
        if isinstance(node, cst.Name):
            for scope in self._scopes(node):
                key = (scope, node.value)
                if key in self.context.dicts:
                    return self.context.dicts[key]
        return None

    def call_settings(self, call: cst.Call, api: ConnectApi) -> CallSettings:
        """Collect the settings a connection call passes."""
        settings = CallSettings(api, api.family if api.family != "sqlalchemy" else None)
        for index, arg in enumerate(call.args):
            if arg.star == "*":
                settings.complete = False
            elif arg.star == "**":
                self._merge(settings, arg.value)
            elif arg.keyword is None:
                if api.conninfo and index == api.conninfo[1]:
                    settings.conninfo = arg.value
                elif api.host and index == api.host[1]:
                    settings.values["host"] = arg.value
            elif api.conninfo and arg.keyword.value == api.conninfo[0]:
                settings.conninfo = arg.value
            elif arg.keyword.value in api.option_dicts:
                self._merge(settings, arg.value)
            elif api.takes_settings_as_kwargs:
                settings.values[arg.keyword.value] = arg.value
        if api.family == "sqlalchemy":
            settings.family = self._engine_family(settings)
        return settings

    def call_hosts(self, settings: CallSettings) -> tuple[str, ...] | None:
        """The hosts a connection call dials, None when the source does not decide them."""
        if "host" in settings.values:
            return literal_hosts(settings.values["host"])
        if settings.conninfo is None:
            return ("",) if settings.complete else None
        literal = self.context.conninfo_literal(settings.conninfo)
        return literal.string.hosts if literal is not None else None

    def unverified_reason(self, node: cst.BaseExpression) -> str | None:
        """Why an ``ssl.SSLContext`` expression does not verify the server, None if unknown."""
        if isinstance(node, cst.Name):
            for scope in self._scopes(node):
                reason = self.context.unverified_contexts.get((scope, node.value))
                if reason:
                    return reason
            return None
        if not isinstance(node, cst.Call):
            return None
        name = self.qualified_name(node.func)
        if name == "ssl._create_unverified_context":
            return "ssl._create_unverified_context() verifies nothing"
        if name == "ssl.SSLContext":
            protocol = dotted_name(node.args[0].value) if node.args else "ssl.PROTOCOL_TLS"
            if protocol is not None and not protocol.endswith("PROTOCOL_TLS_CLIENT"):
                return f"ssl.SSLContext({protocol.rsplit('.', 1)[-1]}) starts with CERT_NONE and no host check"
        return None

    def _engine_family(self, settings: CallSettings) -> Family | None:
        url = settings.conninfo
        if isinstance(url, cst.Call) and self.qualified_name(url.func) in URL_CREATE:
            drivername = argument(url, "drivername", 0)
            value = literal_value(drivername)
            return drivername_family(value) if isinstance(value, str) else None
        literal = self.context.conninfo_literal(url) if url is not None else None
        if literal is None:
            return None
        conninfo = literal.string.conninfo
        if conninfo.form != "uri" or HOLE in conninfo.text.split("://")[0]:
            return None
        return literal.string.family

    def _merge(self, settings: CallSettings, node: cst.BaseExpression) -> None:
        tracked = self.literal_dict(node)
        if tracked is None:
            settings.complete = False
            return
        settings.values.update(tracked.items)
        settings.complete = settings.complete and tracked.complete

    def _scopes(self, node: cst.CSTNode) -> Iterator[int]:
        """The scopes a name used here may come from: the current one, then the module."""
        yield self.context.scopes[-1]
        if len(self.context.scopes) > 1:
            yield self.context.scopes[0]


@functools.cache
def _visitor_names(visitor_class: type[ContextVisitor]) -> tuple[str, ...]:
    """The ``visit_*``/``leave_*`` methods a visitor class defines (libcst's no-op stubs excluded)."""
    return tuple(
        name
        for name in dir(visitor_class)
        if name.startswith(("visit_", "leave_"))
        and callable(getattr(visitor_class, name))
        and not getattr(getattr(visitor_class, name), "_is_no_op", False)
    )


class FactsCollector(ContextVisitor):
    """Records facts the rules need before they visit the nodes concerned."""

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            module = dotted_name(alias.name)
            if module is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.context.imports[alias.asname.name.value] = module
            else:
                head = module.split(".")[0]
                self.context.imports[head] = head

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = dotted_name(node.module) if node.module is not None else None
        if module is None or node.relative or isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted_name(alias.name)
            if name is None:
                continue
            local = (
                alias.asname.name.value
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
                else name
            )
            self.context.imports[local] = f"{module}.{name}"

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.context.scopes.append(id(node))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.context.scopes.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.context.scopes.append(id(node))

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.context.scopes.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.context.scopes.append(id(node))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.context.scopes.pop()

    def visit_Expr(self, node: cst.Expr) -> None:
        if is_string_expression(node.value):  # docstrings and other bare strings
            self.context.ignored_strings.add(id(node.value))

    def visit_Call(self, node: cst.Call) -> None:
        self._read_as_whole(node)
        if is_message_call(node):
            for arg in node.args:
                self.context.ignored_strings.add(id(arg.value))
        self._track_mutation(node)
        self._track_url_query(node)
        api = self.connect_api(node)
        if api is None:
            return
        settings = self.call_settings(node, api)
        hosts = self.call_hosts(settings)
        for arg in node.args:
            if isinstance(arg.value, cst.Dict) and (arg.star == "**" or arg.keyword is not None):
                self.context.dict_hosts[id(arg.value)] = hosts
        if settings.conninfo is None or settings.family is None:
            return
        keys = TLS_KEYS[settings.family]
        if keys & settings.values.keys():
            self.context.overridden_strings.add(id(settings.conninfo))
            self.context.covered_strings.add(id(settings.conninfo))
        if not settings.complete:
            self.context.covered_strings.add(id(settings.conninfo))

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._read_as_whole(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        self._read_as_whole(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._read_as_whole(node)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self._read_as_whole(node)

    def _track_url_query(self, node: cst.Call) -> None:
        """``make_url(URL).set(query=...)`` replaces the URL's whole query: the URL's TLS settings are void."""
        func = node.func
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value == "set"
            and isinstance(func.value, cst.Call)
            and self.qualified_name(func.value.func) in MAKE_URL
        ):
            return
        url = argument(func.value, "name_or_url", 0)
        if url is not None and argument(node, "query") is not None:
            self.context.covered_strings.add(id(url))
            self.context.overridden_strings.add(id(url))

    def _read_as_whole(self, node: cst.CSTNode) -> None:
        """The parts of a string expression are read only as part of the whole."""
        if is_string_expression(node):
            self.context.ignored_strings.update(map(id, string_parts(node)))

    def visit_Dict(self, node: cst.Dict) -> None:
        items = read_dict(node).items
        options = items.get("OPTIONS")
        if isinstance(options, cst.Dict) and "ENGINE" in items:  # a Django DATABASES entry
            self.context.dict_hosts[id(options)] = literal_hosts(items["HOST"]) if "HOST" in items else ("",)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._assign(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._assign(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name):
            self._forget(node.target)

    def _assign(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self._forget(target)
            reason = self.unverified_reason(value)
            if reason:
                self._remember_context(target, reason)
            if isinstance(value, cst.Dict):
                self.context.dicts[(self.context.scopes[-1], target.value)] = read_dict(value)
        elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            tracked = self.literal_dict(target.value)
            if tracked is None:
                return
            key = _subscript_key(target)
            if isinstance(key, str):
                tracked.items[key] = value
            else:
                tracked.complete = False
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
            attribute, setting = target.attr.value, dotted_name(value) or ""
            if attribute == "check_hostname" and literal_value(value) is False:
                self._remember_context(target.value, "check_hostname = False")
            elif attribute == "verify_mode" and setting.endswith("CERT_NONE"):
                self._remember_context(target.value, "verify_mode = CERT_NONE")
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                if isinstance(element.value, cst.Name):
                    self._forget(element.value)

    def _remember_context(self, name: cst.Name, reason: str) -> None:
        self.context.unverified_contexts[(self.context.scopes[-1], name.value)] = reason

    def _forget(self, name: cst.Name) -> None:
        for scope in self._scopes(name):
            key = (scope, name.value)
            if key in self.context.dicts:
                self.context.dicts[key] = None
                return

    def _track_mutation(self, node: cst.Call) -> None:
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.attr.value in _MUTATING_METHODS
        ):
            tracked = self.literal_dict(func.value)
            if tracked is not None:
                tracked.complete = False


def read_dict(node: cst.Dict) -> LiteralDict:
    """Read the string-keyed items of a dict display."""
    items: dict[str, cst.BaseExpression] = {}
    complete = True
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = literal_value(element.key)
            if isinstance(key, str):
                items[key] = element.value
                continue
        complete = False
    return LiteralDict(node, items, complete)


def _subscript_key(node: cst.Subscript) -> object:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    return literal_value(node.slice[0].slice.value)


def argument(call: cst.Call, name: str, position: int | None = None) -> cst.BaseExpression | None:
    """The expression passed for parameter ``name`` (by keyword, or at ``position``)."""
    for index, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
        if arg.keyword is None and not arg.star and index == position:
            return arg.value
    return None


@dataclass(frozen=True)
class LibpqSettings:
    """libpq keywords given as separate values (keyword arguments, dict items).

    ``params`` holds the TLS-relevant keywords whose values the source decides,
    ``nodes`` the expression that gave each; ``dynamic`` is True when one of them is not
    a literal, so the outcome is unknown.
    """

    params: dict[str, str]
    nodes: dict[str, cst.BaseExpression]
    dynamic: bool

    @property
    def sslmode_node(self) -> cst.BaseExpression | None:
        """The expression that sets the sslmode (``sslmode`` wins over ``requiressl``)."""
        return self.nodes.get("sslmode", self.nodes.get("requiressl"))


_LIBPQ_TLS_KEYWORDS = ("sslmode", "requiressl", "sslrootcert", "sslnegotiation")


def libpq_settings(values: dict[str, cst.BaseExpression]) -> LibpqSettings:
    """Read the TLS keywords out of keyword arguments or dict items, as libpq would hold them."""
    params: dict[str, str] = {}
    nodes: dict[str, cst.BaseExpression] = {}
    dynamic = False
    for keyword in _LIBPQ_TLS_KEYWORDS:
        if keyword not in values:
            continue
        nodes[keyword] = values[keyword]
        value = literal_value(values[keyword])
        if not isinstance(value, str):
            dynamic = True
        elif keyword == "requiressl":
            params.setdefault("sslmode", "require" if value.startswith("1") else "prefer")
        else:
            params[keyword] = value
    return LibpqSettings(params, nodes, dynamic)


def literal_hosts(node: cst.BaseExpression | None) -> tuple[str, ...] | None:
    """The hosts a literal ``host=`` value names (comma-separated, as libpq reads it)."""
    value = literal_value(node)
    return tuple(value.split(",")) if isinstance(value, str) else None
