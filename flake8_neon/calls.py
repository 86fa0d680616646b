"""The connect-call model: what settings one call passes, computed once per call node.

A :class:`ConnectCall` holds a call to a known connection API (``psycopg.connect``, a pool,
an engine...) with its connection string and the settings it passes as values: keyword
arguments, and the items of dicts given with ``**`` or as ``kwargs=``/``connect_args=``,
followed through names and helper functions (:mod:`flake8_neon.facts.values`).
:class:`CallModel` caches the model of each call and says where a value flows: into which
calls, as their connection string or as a setting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import libcst as cst

from flake8_neon.drivers import (
    CONNECT_APIS,
    ENV_GETTERS,
    MAKE_URL,
    URL_CREATE,
    ConnectApi,
    Family,
    creator_family,
    drivername_family,
)
from flake8_neon.facts.roles import Use, Uses
from flake8_neon.facts.scopes import Binding, Scopes
from flake8_neon.facts.values import LiteralDict, Values
from flake8_neon.judgments import HOLE, ConnectionString
from flake8_neon.literals import (
    LeafFix,
    argument,
    display_items,
    is_string_expression,
    dotted_name,
    literal_value,
    rewrite_string,
    static_text,
)

#: Keys that choose the sslmode for each family: a call setting one overrides its connection string.
SSLMODE_KEYS: dict[Family, frozenset[str]] = {
    "libpq": frozenset({"sslmode", "requiressl"}),
    "asyncpg": frozenset({"ssl"}),
    "pg8000": frozenset({"ssl_context"}),
}
_ENGINE_KEY_FAMILIES: tuple[tuple[str, Family], ...] = (
    ("ssl", "asyncpg"),
    ("ssl_context", "pg8000"),
    ("sslmode", "libpq"),
    ("sslrootcert", "libpq"),
)
#: The scheme of a URL (``mysql+pymysql://``, ``sqlite:///``).
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
#: Flask-SQLAlchemy builds its engine from the URI setting with ``**`` the engine options setting.
_FLASK_URI = "SQLALCHEMY_DATABASE_URI"
_DJANGO_DATABASES = "DATABASES"
_FLASK_ENGINE_OPTIONS = "SQLALCHEMY_ENGINE_OPTIONS"
_MAX_FLOW_DEPTH = 12
_MAX_FLOW_STEPS = 400  # per question: a value read in many places is followed this far, then assumed to go anywhere


@dataclass(frozen=True)
class ConninfoLiteral:
    """A string expression that parses as a connection string."""

    node: cst.CSTNode
    string: ConnectionString

    def fixed(self) -> LeafFix | None:
        """The edits that make this literal demand verify-full, if it is plain literals that can be rewritten."""
        text = self.string.rewritten()
        return None if text is None else rewrite_string(self.node, text)


@dataclass
class ConnectCall:
    """The connection settings one call passes, as far as the module shows them.

    ``values`` maps a setting to the expression giving it; ``complete`` is False when
    some settings come from somewhere the module does not show (``**options``).
    """

    node: cst.Call
    api: ConnectApi
    family: Family | None = None
    conninfo: cst.BaseExpression | None = None
    values: dict[str, cst.BaseExpression] = field(default_factory=dict)
    complete: bool = True

    @property
    def sets_sslmode(self) -> bool:
        """True when the call itself chooses the sslmode (overriding its connection string)."""
        return self.family is not None and bool(SSLMODE_KEYS[self.family] & self.values.keys())


@dataclass(frozen=True)
class Destination:
    """A connection call a value flows into: as its connection string, as a dict of settings
    (``**d``, ``connect_args=d``), or as one setting."""

    call: ConnectCall
    role: Literal["conninfo", "options", "setting"]


#: Where a value may go that the module does not follow: the value may be used anywhere.
ELSEWHERE = None


class CallModel:
    """The connect calls of one module, each modelled once."""

    def __init__(self, scopes: Scopes, uses: Uses, values: Values) -> None:
        self.scopes = scopes
        self.uses = uses
        self.values = values
        self._calls: dict[int, ConnectCall | None] = {}
        self._literals: dict[int, ConninfoLiteral | None] = {}
        self._resolving: set[int] = set()
        self._callers: dict[int, list[cst.Call]] | None = None
        self._destinations: dict[int, list[Destination | None]] = {}
        self._steps = 0

    def call(self, node: cst.Call) -> ConnectCall | None:
        """The model of ``node`` if it calls a known connection API, else None."""
        key = id(node)
        if key not in self._calls:
            name = self.scopes.qualified_name(node.func) or self._method_name(node.func)
            api = CONNECT_APIS.get(name) if name else None
            if api is not None and api.provider is not None:
                keyword, position, expected = api.provider
                if literal_value(argument(node, keyword, position)) != expected:
                    api = None  # another database (Pony's sqlite), or chosen at run time
            self._calls[key] = self._model(node, api) if api is not None else None
        return self._calls[key]

    def _method_name(self, func: cst.BaseExpression) -> str | None:
        """``pony.orm.Database.bind`` for ``db.bind`` with ``db = Database()``: a method of an imported
        class's instance."""
        if not isinstance(func, cst.Attribute):
            return None
        candidates = self.values.candidates(func.value)
        if len(candidates) != 1 or not isinstance(candidates[0].node, cst.Call):
            return None
        owner = self.scopes.qualified_name(candidates[0].node.func)
        return f"{owner}.{func.attr.value}" if owner else None

    def conninfo_literal(self, node: cst.CSTNode) -> ConninfoLiteral | None:
        """The connection string a string expression holds, None if it holds none.

        The end of a string built up with ``+=`` is read after an unknown start.
        """
        key = id(node)
        if key not in self._literals:
            text = static_text(node, self._known_text, self._known_items)
            use = self.uses.of(node)
            start = HOLE if use is not None and use.kind == "augment" else ""
            string = ConnectionString.read(start + text.text) if text is not None else None
            self._literals[key] = ConninfoLiteral(node, string) if string is not None else None
        return self._literals[key]

    def format_template(self, node: cst.CSTNode) -> ConninfoLiteral | None:
        """The connection string of the template a ``TEMPLATE.format(...)`` call fills, if a name holds it."""
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
            return None
        if node.func.attr.value != "format" or not isinstance(node.func.value, cst.Name):
            return None
        candidates = self.values.candidates(node.func.value)
        return self.conninfo_literal(candidates[0].node) if len(candidates) == 1 else None

    def _known_text(self, node: cst.BaseExpression) -> str | None:
        """The text a template field holds (``{HOST}`` with ``HOST = "db.example.com"``), if the module
        decides it; its own unknown parts stay holes (``HOST = "host=" + os.environ["PGHOST"]``)."""
        if id(node) in self._resolving:
            return None
        self._resolving.add(id(node))
        try:
            candidates = self.values.candidates(node)
            if len(candidates) != 1:
                return None
            value = candidates[0].node
            if isinstance(value, cst.Integer):
                return value.value
            text = static_text(value, self._known_text, self._known_items) if is_string_expression(value) else None
            return text.text if text is not None else None
        finally:
            self._resolving.discard(id(node))

    def _known_items(self, node: cst.BaseExpression) -> Sequence[cst.BaseExpression] | None:
        """The items of the one list or tuple display ``node`` holds (``parts`` in ``" ".join(parts)``)."""
        candidates = self.values.candidates(node)
        return display_items(candidates[0].node) if len(candidates) == 1 else None

    def joined_item(self, node: cst.CSTNode) -> bool:
        """True for an item of a list or tuple only ever joined into a string (``" ".join(parts)``):
        a piece of that string, judged as part of it."""
        use = self.uses.of(node)
        if use is None or use.kind != "element":
            return False
        container = self.uses.of(use.owner)
        if container is None or container.kind != "assign" or not (bindings := self._assigned(container.owner)):
            return False
        reads = [read for binding in bindings for read in self.scopes.reads_of(binding)]
        return bool(reads) and all(self.uses.is_part(read) for read in reads)

    def conninfo_strings(self, node: cst.BaseExpression) -> list[ConninfoLiteral] | None:
        """The connection strings ``node`` may hold; None when one candidate is not a literal one."""
        found = []
        for candidate in self.values.candidates(node):
            literal = self.conninfo_literal(candidate.node)
            if literal is None:
                return None
            found.append(literal)
        return found

    def hosts(self, call: ConnectCall) -> tuple[str, ...] | None:
        """Every host the call may dial, None when the module does not decide them (a ``service=``
        without a host takes its host from the service file)."""
        for key in ("host", "hostaddr"):
            if key in call.values:
                return self.literal_hosts(call.values[key])
        if "service" in call.values:
            return None
        if call.conninfo is None:
            return ("",) if call.complete else None
        strings = self.conninfo_strings(call.conninfo)
        if not strings:
            return None
        hosts: list[str] = []
        for literal in strings:
            found = literal.string.hosts
            if found is None:
                return None
            hosts.extend(found)
        return tuple(hosts)

    def literal_hosts(self, node: cst.BaseExpression) -> tuple[str, ...] | None:
        """The hosts a ``host=`` value names (comma-separated, as libpq reads it), None if unknown."""
        hosts: list[str] = []
        for candidate in self.values.candidates(node):
            value = literal_value(candidate.node)
            if not isinstance(value, str):
                return None
            hosts.extend(value.split(","))
        return tuple(hosts)

    def _model(self, node: cst.Call, api: ConnectApi) -> ConnectCall:
        call = ConnectCall(node, api, api.family)
        conditional: dict[str, cst.BaseExpression] = {}
        position = 0
        for arg in node.args:
            if arg.star == "*":
                call.complete = False
            elif arg.star == "**":
                self._merge(call, arg.value, conditional)
            elif arg.keyword is None:
                if api.conninfo and position == api.conninfo[1]:
                    call.conninfo = arg.value
                elif api.host and position == api.host[1]:
                    call.values["host"] = arg.value
                position += 1
            elif api.conninfo and arg.keyword.value == api.conninfo[0]:
                call.conninfo = arg.value
            elif arg.keyword.value in api.option_dicts:
                self._merge(call, arg.value, conditional)
            elif api.takes_settings_as_kwargs and (api.creator is None or arg.keyword.value != api.creator[0]):
                call.values[arg.keyword.value] = arg.value
        if call.conninfo is None:
            # Settings a dict gets only inside an ``if`` count when no connection string could
            # decide on the other paths: there libpq's defaults apply, as weak as any choice.
            for key, value in conditional.items():
                call.values.setdefault(key, value)
        if api.creator is not None:
            creator = argument(node, *api.creator)
            call.family = creator_family(self.scopes.qualified_name(creator)) if creator is not None else None
        elif api.is_engine:
            call.family = self._engine_family(call)
        return call

    def _merge(
        self, call: ConnectCall, node: cst.BaseExpression, conditional: dict[str, cst.BaseExpression]
    ) -> None:
        """Add the items of a dict of settings (``**d``, ``kwargs=d``...); it may also hold the connection
        string. Its items stored only inside an ``if`` go to ``conditional``."""
        tracked = self.values.literal_dict(node)
        if tracked is None:
            call.complete = False
            return
        conditional.update(tracked.conditional)
        items = dict(tracked.items)
        if call.api.conninfo is not None and call.api.conninfo[0] in items:
            call.conninfo = items.pop(call.api.conninfo[0])
        call.values.update(items)
        call.complete = call.complete and tracked.complete

    def _engine_family(self, call: ConnectCall) -> Family | None:
        """The family of an engine: its URL's driver, else what ``connect_args`` can only mean."""
        families = set()
        for candidate in self.values.candidates(call.conninfo) if call.conninfo is not None else []:
            url = candidate.node
            if isinstance(url, cst.Call) and self.scopes.qualified_name(url.func) in URL_CREATE:
                drivername = literal_value(argument(url, "drivername", 0))
                families.add(drivername_family(drivername) if isinstance(drivername, str) else None)
                continue
            literal = self.conninfo_literal(url)
            if literal is None and _other_database_url(url):
                return None  # mysql+pymysql://, sqlite:///...: its connect_args are another driver's
            if literal is None or literal.string.conninfo.form != "uri" or HOLE in _scheme(literal):
                families.add(None)
            else:
                families.add(literal.string.family)
        if len(families) == 1 and None not in families:
            return families.pop()
        for key, family in _ENGINE_KEY_FAMILIES:  # only asyncpg takes ssl=, only pg8000 ssl_context=
            if key in call.values:
                return family
        return None

    def configured_connect_args(self, node: cst.CSTNode) -> LiteralDict | None:
        """The ``connect_args`` Flask-SQLAlchemy gives the engine it builds from the ``SQLALCHEMY_DATABASE_URI``
        that ``node`` is (or is the fallback of), from the ``SQLALCHEMY_ENGINE_OPTIONS`` set beside it (same
        class or module, same ``config.from_mapping(...)``, same ``app.config``); None when there are none."""
        use = self.uses.of(node)
        while use is not None and (use.kind == "branch" or self._is_fallback(use)):
            use = self.uses.of(use.owner)
        options: cst.BaseExpression | None = None
        if use is not None and use.kind == "arg" and use.keyword == _FLASK_URI and isinstance(use.owner, cst.Call):
            options = argument(use.owner, _FLASK_ENGINE_OPTIONS)
        elif use is not None and use.kind == "assign":
            options = self._engine_options_beside(use.owner)
        if options is None:
            return None
        engine = self.values.literal_dict(options)
        connect_args = engine.items.get("connect_args") if engine is not None else None
        if connect_args is None:
            return LiteralDict(options, complete=engine is not None and engine.complete)
        return self.values.literal_dict(connect_args) or LiteralDict(connect_args, complete=False)

    def django_options_set_sslmode(self, node: cst.CSTNode) -> bool:
        """True when ``node`` makes an entry of Django's ``DATABASES`` (``"default": env.db(default=<node>)``,
        ``dj_database_url.parse(<node>)``) whose ``OPTIONS`` the module gives an sslmode later
        (``DATABASES["default"]["OPTIONS"] = {"sslmode": ...}`` or ``...["OPTIONS"]["sslmode"] = ...``):
        psycopg gets that sslmode, whatever the URL says."""
        use = self.uses.of(node)
        while use is not None and use.kind in ("branch", "arg"):
            use = self.uses.of(use.owner)
        if use is None or use.kind != "item" or use.keyword is None:
            return False
        entry = self.uses.of(use.owner)
        if entry is None or entry.kind != "assign" or not isinstance(entry.owner, cst.Assign):
            return False
        names = [target.target.value for target in entry.owner.targets if isinstance(target.target, cst.Name)]
        if names != [_DJANGO_DATABASES]:
            return False
        for root, keys, value in self.values.nested_item_stores:
            if root != _DJANGO_DATABASES or keys[:2] != (use.keyword, "OPTIONS"):
                continue
            if keys[2:] == ("sslmode",):
                return True
            options = self.values.literal_dict(value) if len(keys) == 2 else None
            if options is not None and "sslmode" in options.items:
                return True
        return False

    def _is_fallback(self, use: Use) -> bool:
        """``os.getenv("DATABASE_URL", <this>)``."""
        return (
            use.kind == "arg"
            and isinstance(use.owner, cst.Call)
            and self.scopes.qualified_name(use.owner.func) in ENV_GETTERS
            and (use.keyword == "default" or use.position == 1)
        )

    def _engine_options_beside(self, statement: cst.CSTNode) -> cst.BaseExpression | None:
        targets = [target.target for target in statement.targets] if isinstance(statement, cst.Assign) else []
        if len(targets) != 1:
            return None
        target = targets[0]
        if isinstance(target, cst.Name) and target.value == _FLASK_URI:
            scope = self.scopes.of(statement)
            if isinstance(scope.node, cst.ClassDef):
                bindings = self.scopes.class_bindings(scope.node, _FLASK_ENGINE_OPTIONS)
            else:
                bindings = scope.bindings.get(_FLASK_ENGINE_OPTIONS, [])
            values = [binding.value for binding in bindings if binding.value is not None]
            return values[0] if len(values) == 1 and len(bindings) == 1 else None
        if isinstance(target, cst.Subscript) and len(target.slice) == 1:
            index = target.slice[0].slice
            owner = dotted_name(target.value)
            if owner is None or not isinstance(index, cst.Index) or literal_value(index.value) != _FLASK_URI:
                return None
            stored = self.values.attribute_item_stores.get((owner, _FLASK_ENGINE_OPTIONS), [])
            return stored[0] if len(stored) == 1 else None
        return None

    # Where values go.

    def destinations(self, node: cst.CSTNode) -> list[Destination | None]:
        """The connection calls ``node``'s value flows into; :data:`ELSEWHERE` for any use not followed.

        Inert uses (comparisons, messages) are no destination at all. A value passed to a
        function of this module goes wherever that parameter goes, and nowhere when the
        parameter never reaches a connection (the function is not a connection).
        """
        key = id(node)
        if key not in self._destinations:
            found: list[Destination | None] = []
            self._steps = 0
            self._flow(node, found, set(), 0)
            self._destinations[key] = found
        return self._destinations[key]

    def _flow(self, node: cst.CSTNode, found: list[Destination | None], seen: set[int], depth: int) -> None:
        self._steps += 1
        if depth > _MAX_FLOW_DEPTH or id(node) in seen or self._steps > _MAX_FLOW_STEPS:
            found.append(ELSEWHERE)
            return
        seen = seen | {id(node)}
        if self.uses.is_inert(node):
            return
        use = self.uses.of(node)
        if use is None:
            self._elsewhere(node, found)
        elif use.kind == "arg":
            self._flow_into_call(use, found, seen, depth)
        elif use.kind == "branch":
            self._flow(use.owner, found, seen, depth + 1)
        elif use.kind == "assign" and (bindings := self._assigned(use.owner)):
            for binding in bindings:
                self._flow_binding(binding, found, seen, depth)
        elif use.kind == "augment" and (bindings := self._assigned(use.owner)):
            for binding in bindings:
                self._flow_binding(binding, found, seen, depth)
        elif use.kind == "default" and (parameter := self._parameter(use.owner)) is not None:
            self._flow_binding(parameter, found, seen, depth)
        elif use.kind == "return":
            function = self.scopes.of(use.owner).node
            callers = self._callers_of(function)
            if not callers:
                self._elsewhere(node, found)
            for caller in callers:
                self._flow(caller, found, seen, depth + 1)
        elif use.kind == "item" and use.keyword is not None:
            self._flow_item(use.owner, use.keyword, found, seen, depth)
        elif use.kind == "part":  # goes where the whole string goes (the whole is judged as one string)
            self._flow(use.owner, found, seen, depth + 1)
        else:
            self._elsewhere(node, found)

    def _elsewhere(self, node: cst.CSTNode, found: list[Destination | None]) -> None:
        """The value goes somewhere the module does not follow: anywhere, except in a test, where
        such values are data for the code under test (only known connection calls count there)."""
        if not self.scopes.in_test(node):
            found.append(ELSEWHERE)

    def _flow_binding(self, binding: Binding, found: list[Destination | None], seen: set[int], depth: int) -> None:
        reads = self.scopes.reads_of(binding)
        if not reads:
            found.append(ELSEWHERE)  # never read here: perhaps imported by another module
        elif binding.scope.kind == "module" and all(self.uses.is_inert(read) for read in reads):
            if not all(self.scopes.in_test(read) or self.uses.in_decorator(read) for read in reads):
                found.append(ELSEWHERE)  # a module's constant only printed or compared here: others may import it
        for read in reads:
            self._flow(read, found, seen, depth + 1)

    def _flow_into_call(self, use: Use, found: list[Destination | None], seen: set[int], depth: int) -> None:
        call_node = use.owner
        assert isinstance(call_node, cst.Call)
        call = self.call(call_node)
        if call is not None:
            found.append(self._role(call, use))
            return
        if self._replaces_url_query(call_node, use):
            return  # make_url(url).set(query=...): the URL's own TLS settings are void
        if self.scopes.qualified_name(call_node.func) in MAKE_URL or self._is_fallback(use):
            self._flow(call_node, found, seen, depth + 1)  # the URL object, the variable's fallback
            return
        function = self.scopes.local_function(call_node.func)
        if function is None:  # unknown: unless its result is only compared or logged (a test of a parser)
            if self._flows_somewhere(call_node, seen, depth):
                self._elsewhere(call_node, found)
            return
        parameter = _parameter_for(function, use)
        binding = self._parameter(parameter) if parameter is not None else None
        if binding is None:
            found.append(ELSEWHERE)
            return
        inner: list[Destination | None] = []
        for read in self.scopes.reads_of(binding):
            self._flow(read, inner, seen, depth + 1)
        if any(destination is not None for destination in inner):
            found.extend(inner)

    def _flows_somewhere(self, node: cst.CSTNode, seen: set[int], depth: int) -> bool:
        """True when ``node``'s value may be used as a setting: it is not only compared or logged."""
        inner: list[Destination | None] = []
        self._flow(node, inner, seen, depth + 1)
        return bool(inner)

    def _flow_item(
        self, owner: cst.CSTNode, key: str, found: list[Destination | None], seen: set[int], depth: int
    ) -> None:
        """An item of a dict display: where the dict goes as a whole (``**d``, ``connect_args=d``)."""
        outer: list[Destination | None] = []
        self._flow(owner, outer, seen, depth + 1)
        for destination in outer:
            if destination is None or destination.role != "options":
                found.append(ELSEWHERE if destination is None else destination)
                continue
            call = destination.call
            is_conninfo = call.api.conninfo is not None and key == call.api.conninfo[0]
            found.append(Destination(call, "conninfo" if is_conninfo else "setting"))

    def _role(self, call: ConnectCall, use: Use) -> Destination:
        api = call.api
        if use.star == "**" or (use.keyword is not None and use.keyword in api.option_dicts):
            return Destination(call, "options")
        if api.conninfo is not None and (
            use.keyword == api.conninfo[0] or (use.keyword is None and use.position == api.conninfo[1])
        ):
            return Destination(call, "conninfo")
        return Destination(call, "setting")

    def _replaces_url_query(self, call: cst.Call, use: Use) -> bool:
        """``make_url(URL).set(query=...)`` replaces the URL's whole query."""
        if self.scopes.qualified_name(call.func) not in MAKE_URL or use.position != 0:
            return False
        setter = self.uses.of(call)
        if setter is None or setter.kind != "attribute" or not isinstance(setter.owner, cst.Attribute):
            return False
        if setter.owner.attr.value != "set":
            return False
        applied = self.uses.of(setter.owner)
        return (
            applied is not None
            and isinstance(applied.owner, cst.Call)
            and applied.kind == "callee"
            and argument(applied.owner, "query") is not None
        )

    def _assigned(self, statement: cst.CSTNode) -> list[Binding] | None:
        """The names an assignment binds (``a = b = v``, ``a, b = v``), None if it also stores elsewhere."""
        targets: list[cst.BaseExpression] = []
        if isinstance(statement, cst.Assign):
            targets = [target.target for target in statement.targets]
        elif isinstance(statement, (cst.AnnAssign, cst.NamedExpr, cst.AugAssign)):
            targets = [statement.target]
        names: list[cst.Name] = []
        while targets:
            target = targets.pop()
            if isinstance(target, (cst.Tuple, cst.List)):
                targets.extend(element.value for element in target.elements)
            elif isinstance(target, cst.StarredElement):
                targets.append(target.value)
            elif isinstance(target, cst.Name):
                names.append(target)
            else:
                return None
        scope = self.scopes.of(statement)
        return [
            binding
            for name in names
            for binding in self.scopes.lookup(name.value, scope)
            if binding.node is statement and binding.name == name.value
        ]

    def _parameter(self, parameter: cst.CSTNode) -> Binding | None:
        if not isinstance(parameter, cst.Param):
            return None
        for binding in self.scopes.lookup(parameter.name.value, self.scopes.of(parameter)):
            if binding.node is parameter:
                return binding
        return None

    def _callers_of(self, function: cst.CSTNode) -> list[cst.Call]:
        if self._callers is None:
            self._callers = {}
            for call in self.values.calls:
                target = self.scopes.local_function(call.func) or self.scopes.method(call.func)
                if target is not None:
                    self._callers.setdefault(id(target), []).append(call)
        return self._callers.get(id(function), [])


def _parameter_for(function: cst.FunctionDef, use: Use) -> cst.Param | None:
    """The parameter of ``function`` that receives an argument (``**kwargs`` for unknown keywords)."""
    params = function.params
    positional = [*params.posonly_params, *params.params]
    if use.star:
        return None
    if use.keyword is not None:
        for param in (*params.params, *params.kwonly_params):
            if param.name.value == use.keyword:
                return param
        return params.star_kwarg
    if use.position is not None and use.position < len(positional):
        return positional[use.position]
    star = params.star_arg
    return star if isinstance(star, cst.Param) else None


def _scheme(literal: ConninfoLiteral) -> str:
    return literal.string.conninfo.text.split("://")[0]


def _other_database_url(node: cst.BaseExpression) -> bool:
    """True for a string that is a URL of another database than PostgreSQL."""
    text = static_text(node) if is_string_expression(node) else None
    scheme = _URL_SCHEME.match(text.text) if text is not None else None
    return scheme is not None and not scheme.group().lower().startswith("postgres")
