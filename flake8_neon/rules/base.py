"""The base classes of the rules, and the example types each rule carries for its tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, NamedTuple

import libcst as cst

from flake8_neon import drivers
from flake8_neon.calls import SSLMODE_KEYS, ConnectCall, ConninfoLiteral
from flake8_neon.context import FileContext
from flake8_neon.findings import Report
from flake8_neon.literals import LeafFix, argument, literal_value
from flake8_neon.tls_values import Problem
from flake8_neon.walk import Visitor


class Invalid(NamedTuple):
    """Code the rule must flag; ``fixed`` is the code after ``--fix`` (None: no fix offered)."""

    code: str
    fixed: str | None = None


class Rule(Visitor):
    """One lint rule: one code, one problem. The class docstring is its documentation.

    ``VALID`` snippets must give no finding at all; every ``INVALID`` snippet must give
    this rule's code, and ``--fix`` must turn it into ``Invalid.fixed``. A rule with
    ``MISSING_SSLMODE`` reports connections that set no TLS at all: it is off with
    ``check-missing-sslmode = false``, and silent in a module that sets
    ``PGSSLMODE=verify-full`` itself.
    """

    CODE: ClassVar[str]
    MISSING_SSLMODE: ClassVar[bool] = False
    VALID: ClassVar[tuple[str, ...]]
    INVALID: ClassVar[tuple[Invalid, ...]]

    def __init__(self, context: FileContext) -> None:
        self.context = context
        self.settings = context.settings
        self.calls = context.calls

    def report(self, node: cst.CSTNode, message: str, fix: LeafFix | None = None) -> None:
        """Record a finding at ``node``; ``fix`` gives the new text of the leaves it changes."""
        self.context.reports.append(Report(self.CODE, message, node, fix))

    def ignores(self, hosts: tuple[str, ...] | None) -> bool:
        """True when every host is known and local, and local hosts are not checked."""
        return hosts is not None and self.settings.ignores_hosts(hosts)

    def setting(self, node: cst.CSTNode) -> bool:
        """True when a value may be a setting: it goes somewhere other than comparisons, messages
        and functions of this module that never connect with it."""
        return bool(self.calls.destinations(node))

    def finish(self) -> None:
        """Called once after the walk, for rules that decide at the end of the module."""


class ConninfoStringRule(Rule):
    """A rule about connection strings: :meth:`check` gets every string that parses as one and is a setting.

    A string is judged where it is written, unless every place it flows to is a connection
    call that sets the same thing itself (see :meth:`overridden`), or it is only an
    alternative to a string that demands verify-full (``A if prod else B``).
    """

    def check(self, literal: ConninfoLiteral) -> None:
        raise NotImplementedError

    def _visit_string(self, node: cst.CSTNode) -> None:
        uses = self.context.uses
        if uses.is_part(node) or uses.is_inert(node) or self.calls.joined_item(node):
            return
        literal = self.calls.conninfo_literal(node)
        if literal is None or self._alternative_verifies(node):
            return
        template = self.calls.format_template(node)
        if template is not None and not _fills_in_tls(literal, template):
            return  # TEMPLATE.format(...) that changes no host or TLS setting: the template is judged where written
        if self.calls.destinations(node) == []:
            return  # compared, logged or handed to a function that does not connect: test data
        self.check(literal)

    visit_SimpleString = visit_ConcatenatedString = visit_FormattedString = visit_BinaryOperation = _visit_string

    def visit_Call(self, node: cst.Call) -> None:
        self._visit_string(node)  # "...{}".format(...)

    def for_encode_databases(self, literal: ConninfoLiteral) -> bool:
        """True when the string only reaches encode/databases' ``Database(url)`` with its asyncpg backend,
        which reads the URL its own way (:func:`~flake8_neon.judgments.encode_databases_url`)."""
        if literal.string.conninfo.form != "uri" or literal.string.conninfo.driver not in (None, "asyncpg"):
            return False
        destinations = self.calls.destinations(literal.node)
        return bool(destinations) and all(
            destination is not None
            and destination.role == "conninfo"
            and self.context.scopes.qualified_name(destination.call.node.func) in drivers.ENCODE_DATABASES
            for destination in destinations
        )

    def overridden(self, literal: ConninfoLiteral, *, or_unknown: bool = False) -> bool:
        """True when the string only reaches connection calls that choose the sslmode themselves.

        With ``or_unknown``, calls that pass settings the module does not show (``**options``)
        count too: they may set it.
        """
        configured = self.calls.configured_connect_args(literal.node)
        if configured is not None:  # Flask-SQLAlchemy: its engine options' connect_args override the URI
            keys = SSLMODE_KEYS[literal.string.family or "libpq"]
            return bool(keys & configured.items.keys()) or (or_unknown and not configured.complete)
        if literal.string.family == "libpq" and self.calls.django_options_set_sslmode(literal.node):
            return True  # DATABASES["default"]["OPTIONS"] = {"sslmode": ...} later replaces the URL's
        destinations = self.calls.destinations(literal.node)
        if not destinations:
            return False
        for destination in destinations:
            if destination is None or destination.role != "conninfo":
                return False
            call = destination.call
            if not (call.sets_sslmode or (or_unknown and (not call.complete or _system_roots(call)))):
                return False
        return True

    def _alternative_verifies(self, node: cst.CSTNode) -> bool:
        """True when another branch of the conditional (or assignment) that chose this string demands verify-full."""
        return any(_verifies(literal) for literal in self._alternatives(node))

    def _alternatives(self, node: cst.CSTNode) -> Iterator[ConninfoLiteral]:
        use = self.context.uses.of(node)
        others: list[cst.BaseExpression] = []
        if use is not None and use.kind == "branch":
            owner = use.owner
            if isinstance(owner, cst.IfExp):
                others = [owner.body, owner.orelse]
            elif isinstance(owner, cst.BooleanOperation):
                others = [owner.left, owner.right]
        elif use is not None and use.kind == "assign" and isinstance(use.owner, cst.Assign):
            targets = use.owner.targets
            if len(targets) == 1 and isinstance(targets[0].target, cst.Name):
                scopes = self.context.scopes
                scope = scopes.of(use.owner)
                name = targets[0].target.value
                conditional = scopes.depth(use.owner) > 0
                others = [  # if/else branches; two plain assignments are not alternatives: the later wins
                    binding.value
                    for binding in scope.bindings.get(name, [])
                    if binding.kind == "assign"
                    and binding.value is not None
                    and (conditional or scopes.depth(binding.node) > 0)
                ]
        for other in others:
            if other is node:
                continue
            for candidate in self.context.values.candidates(other):
                literal = self.calls.conninfo_literal(candidate.node)
                if literal is not None:
                    yield literal


class SettingRule(Rule):
    """A rule about TLS settings given as values rather than inside a connection string.

    Where they are found: connection calls (their keyword arguments and the dicts they are
    given, followed through names), keyword arguments named ``sslmode`` of other calls,
    dict displays with an ``sslmode`` key (Django ``OPTIONS``, ``connect_args``...),
    ``params["sslmode"] = ...``, parameter defaults, and Tortoise ORM connections
    (``{"engine": "tortoise.backends.asyncpg", "credentials": {...}}``). Each rule reports
    the problems of its own code (:mod:`flake8_neon.tls_values`).
    """

    def report_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            if problem.code == self.CODE:
                self.report(problem.node, problem.message, problem.fix)

    def visit_Call(self, node: cst.Call) -> None:
        tls = self.context.tls
        call = self.calls.call(node)
        if call is None:
            if self.calls.conninfo_literal(node) is not None:
                return  # "...sslmode={sslmode}".format(sslmode=...): a field of the string, judged with it
            keywords = {arg.keyword.value: arg.value for arg in node.args if arg.keyword is not None}
            mode = keywords.get("sslmode", keywords.get("requiressl"))
            host = keywords.get("host")
            if mode is not None and self.setting(mode) and not self.ignores(self._hosts(host)):
                self.report_problems(tls.libpq(keywords))
            if "connect_args" in keywords:
                self._engine_options(keywords["connect_args"])
            self._setdefault(node)
            if "default" in keywords and _declares_sslmode_option(node) and not self.context.scopes.in_test(node):
                self.report_problems(tls.libpq({"sslmode": keywords["default"]}))  # argparse, click: used unless given
            return
        if self.ignores(self.calls.hosts(call)):
            return
        if call.family in ("libpq", None):
            self.report_problems(tls.libpq(call.values))
        elif call.family == "asyncpg" and "ssl" in call.values:
            self.report_problems(tls.asyncpg(call.values["ssl"]))
        elif call.family == "pg8000" and "ssl_context" in call.values:
            self.report_problems(tls.pg8000(call.values["ssl_context"]))

    def _setdefault(self, node: cst.Call) -> None:
        """``kwargs.setdefault("sslmode", "prefer")`` on settings that reach a connection: used unless given."""
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value != "setdefault":
            return
        key, value = literal_value(argument(node, "key", 0)), argument(node, "default", 1)
        if key in ("sslmode", "requiressl") and value is not None and self.setting(func.value):
            if not self._set_in_some_paths(node, func.value):
                self.report_problems(self.context.tls.libpq({str(key): value}))

    def _engine_options(self, node: cst.BaseExpression) -> None:
        """``connect_args=`` of a call that builds a SQLAlchemy engine elsewhere (``async_engine_from_config``,
        Advanced Alchemy's ``EngineConfig``): only asyncpg takes ``ssl``, only pg8000 ``ssl_context``."""
        tracked = self.context.values.literal_dict(node)
        if tracked is None or not self.setting(node):
            return
        if "ssl" in tracked.items:
            self.report_problems(self.context.tls.asyncpg(tracked.items["ssl"]))
        if "ssl_context" in tracked.items:
            self.report_problems(self.context.tls.pg8000(tracked.items["ssl_context"]))

    def visit_Dict(self, node: cst.Dict) -> None:
        tracked = self.context.values.literal_dict(node)
        if tracked is None:
            return
        family = drivers.DICT_ENGINES.get(str(literal_value(tracked.items.get("engine"))))
        if family == "asyncpg" and "credentials" in tracked.items:  # Tortoise ORM: asyncpg's keyword arguments
            credentials = self.context.values.literal_dict(tracked.items["credentials"])
            if credentials is not None and "ssl" in credentials.items:
                if not self.ignores(self._hosts(credentials.items.get("host"))):
                    self.report_problems(self.context.tls.asyncpg(credentials.items["ssl"]))
        if _CONNECT_ARGS in tracked.items and isinstance(tracked.items[_CONNECT_ARGS], cst.Dict):
            self._engine_options(tracked.items[_CONNECT_ARGS])  # {"connect_args": {...}}: options of an engine
        if not ({"sslmode", "requiressl"} & tracked.items.keys()) or not self.setting(node):
            return
        if not self.ignores(self._dict_hosts(node, tracked.items)):
            self.report_problems(self.context.tls.libpq(tracked.items))

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            subscript = target.target
            if isinstance(subscript, cst.Subscript) and len(subscript.slice) == 1:
                index = subscript.slice[0].slice
                key = literal_value(index.value) if isinstance(index, cst.Index) else None
                if key in ("sslmode", "requiressl") and not self._set_in_some_paths(node, subscript):
                    self.report_problems(self.context.tls.libpq({str(key): node.value}))
                elif key == _CONNECT_ARGS:  # engine_kwargs["connect_args"] = {"ssl": ctx}: an engine's options
                    self._engine_options(node.value)

    def _set_in_some_paths(self, statement: cst.CSTNode, target: cst.BaseExpression) -> bool:
        """True when ``options["sslmode"] = ...`` (or ``options.setdefault(...)``) is made only inside an
        ``if`` (deeper than the dict's creation): on the other paths the connection string decides."""
        root: cst.BaseExpression = target
        while isinstance(root, cst.Subscript):
            root = root.value
        scopes = self.context.scopes
        created = 0
        if isinstance(root, cst.Name):
            created = max((scopes.depth(binding.node) for binding in scopes.resolve(root)), default=0)
        return scopes.depth(statement) > created

    def visit_Param(self, node: cst.Param) -> None:
        if node.default is None:
            return
        default = self._cli_default(node.default)
        destinations = self.calls.destinations(node.default)
        if node.name.value.lower() in _SSLMODE_OPTIONS and destinations:  # sslmode=..., ssl_mode=..., db_sslmode=...
            self.report_problems(self.context.tls.libpq({"sslmode": default}))
        elif node.name.value == "ssl" and destinations and all(
            destination is not None and destination.call.family == "asyncpg" and destination.role == "setting"
            for destination in destinations
        ):  # def main(ssl="require"): ... asyncpg.connect(dsn, ssl=ssl)
            self.report_problems(self.context.tls.asyncpg(default))

    def _cli_default(self, node: cst.BaseExpression) -> cst.BaseExpression:
        """The value of a parameter default, unwrapped from Typer's ``typer.Option("require", ...)``."""
        if isinstance(node, cst.Call) and self.context.scopes.qualified_name(node.func) in _TYPER_PARAMETERS:
            value = argument(node, "default", 0)
            if value is not None:
                return value
        return node

    def _hosts(self, node: cst.BaseExpression | None) -> tuple[str, ...] | None:
        return self.calls.literal_hosts(node) if node is not None else None

    def _dict_hosts(self, node: cst.Dict, items: dict[str, cst.BaseExpression]) -> tuple[str, ...] | None:
        """The hosts a dict of settings is for: its own ``host``, its Django entry's, or the calls it is given to."""
        host = items.get("host", items.get("HOST"))
        if host is not None:
            return self._hosts(host)
        use = self.context.uses.of(node)
        if use is not None and use.kind == "item" and use.keyword == "OPTIONS" and isinstance(use.owner, cst.Dict):
            entry = self.context.values.literal_dict(use.owner)  # a Django entry, or the items that update one
            if entry is not None and "HOST" in entry.items:
                return self._hosts(entry.items["HOST"])
            if entry is not None and "ENGINE" in entry.items:
                return ("",)
        hosts: list[str] = []
        for destination in self.calls.destinations(node):
            found = self.calls.hosts(destination.call) if destination is not None else None
            if found is None:
                return None
            hosts.extend(found)
        return tuple(hosts) or None


#: Names of command-line options (``--sslmode``, ``--db-ssl-mode``) and parameters (``ssl_mode=``) holding an sslmode.
_SSLMODE_OPTIONS = frozenset({"sslmode", "ssl_mode", "db_sslmode", "db_ssl_mode", "pg_sslmode", "pgsslmode"})


#: Typer's parameter declarations, whose first argument is the parameter's default.
_TYPER_PARAMETERS = frozenset({"typer.Option", "typer.Argument", "typer.params.Option", "typer.params.Argument"})


def _declares_sslmode_option(node: cst.Call) -> bool:
    """``parser.add_argument("--sslmode", default=...)``, ``@click.option("--ssl-mode", default=...)``."""
    for arg in node.args:
        name = literal_value(arg.value) if arg.keyword is None else None
        if isinstance(name, str) and name.startswith("-"):
            if name.lstrip("-").replace("-", "_").lower() in _SSLMODE_OPTIONS:
                return True
    return False


#: The keyword, and dict key, of a SQLAlchemy engine's driver options.
_CONNECT_ARGS = "connect_args"
#: The settings of a connection string that decide its TLS.
_TLS_KEYS = ("sslmode", "requiressl", "ssl", "sslrootcert", "service")


def _fills_in_tls(whole: ConninfoLiteral, template: ConninfoLiteral) -> bool:
    """True when filling a template decides a host or TLS setting that the template alone leaves open."""
    params, own = whole.string.conninfo.params, template.string.conninfo.params
    return any(params.get(key) != own.get(key) for key in _TLS_KEYS) or (
        template.string.hosts is None and whole.string.hosts is not None
    )


def _verifies(literal: ConninfoLiteral) -> bool:
    string = literal.string
    if string.family == "libpq":
        return not string.has_holes and string.conninfo.tls({}).verify_full
    return string.family == "asyncpg" and string.known("ssl") == "verify-full"


def _system_roots(call: ConnectCall) -> bool:
    """``sslrootcert="system"`` among a libpq call's settings: libpq 16+ then defaults to verify-full."""
    return call.family == "libpq" and literal_value(call.values.get("sslrootcert")) == "system"
