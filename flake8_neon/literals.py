"""Static values of libcst expressions: what the source code alone decides.

Strings built at run time (f-strings, ``%`` and ``.format`` templates, ``+``) keep their
static parts; every dynamic part becomes :data:`HOLE`, an opaque token that the rules
treat as "unknown".
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from flake8_neon.judgments import HOLE


_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")
_FORMAT_FIELD = re.compile(r"\{\{|\}\}|\{[^{}]*\}")


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


#: A value the source code does not decide.
UNKNOWN = _Unknown()

Value = str | bool | None | _Unknown


@dataclass(frozen=True)
class StaticText:
    """The text of a string expression, with :data:`HOLE` where it is dynamic.

    ``quote`` is set only for a single plain string literal whose source spells its value
    exactly (no escapes): only those can be rewritten in place.
    """

    text: str
    has_holes: bool
    prefix: str = ""
    quote: str | None = None

    def requote(self, text: str) -> str | None:
        """The source of a literal with the same prefix and quotes holding ``text``, if it can be spelled so."""
        if self.quote is None or "\\" in text or self.quote[0] in text:
            return None
        if len(self.quote) == 1 and ("\n" in text or "\r" in text):
            return None
        return f"{self.prefix}{self.quote}{text}{self.quote}"


def is_string_expression(node: cst.CSTNode) -> bool:
    """True for string literals and the template expressions :func:`static_text` reads."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(node, cst.BinaryOperation):
        return isinstance(node.operator, (cst.Modulo, cst.Add)) and _has_string_operand(node)
    return _is_format_call(node) or _is_join_call(node)


#: Gives the text a field of a template (``{HOST}``, ``%s``) holds (with holes where it is itself dynamic), or None.
Resolve = Callable[[cst.BaseExpression], "str | None"]
#: Gives the items of a sequence (``parts`` with ``parts = ["host=db", "sslmode=require"]``), or None.
Items = Callable[[cst.BaseExpression], "Sequence[cst.BaseExpression] | None"]


def static_text(node: cst.CSTNode, resolve: Resolve | None = None, items: Items | None = None) -> StaticText | None:
    """The static text of a string expression, or None if it is not one (or is bytes).

    With ``resolve``, the fields of f-strings, ``%`` and ``.format`` templates and the
    operands of ``+`` are filled in where it knows their text; the others are holes. With
    ``items``, ``" ".join(parts)`` is read from the items ``parts`` holds (a list or tuple
    display is read without it).
    """
    if isinstance(node, cst.SimpleString):
        return _simple(node)
    if _is_join_call(node):
        assert isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
        separator = _plain_text(node.func.value)
        sequence = node.args[0].value
        parts = display_items(sequence)
        if parts is None and items is not None:
            parts = items(sequence)
        if separator is None or parts is None:
            return None
        pieces = [static_text(part, resolve, items) if is_string_expression(part) else None for part in parts]
        if resolve is not None:
            pieces = [piece or _resolved(part, resolve) for piece, part in zip(pieces, parts)]
        return StaticText(
            separator.join(HOLE if piece is None else piece.text for piece in pieces),
            any(piece is None or piece.has_holes for piece in pieces),
        )
    if isinstance(node, cst.ConcatenatedString):
        return _join(_leaves(node), resolve)
    if isinstance(node, cst.FormattedString):
        return _fstring(node, resolve)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        template = _plain_text(node.left)
        if template is None:
            return None
        return _fill(template, _PERCENT_FIELD, _percent_values(node.right, resolve))
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _join(_flatten_add(node), resolve, holes_allowed=True)
    if _is_format_call(node):
        assert isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
        template = _plain_text(node.func.value)
        if template is None and resolve is not None and isinstance(node.func.value, cst.Name):
            template = resolve(node.func.value)  # URL_TEMPLATE.format(...), URL_TEMPLATE = "postgresql://{user}@..."
        if template is None or HOLE in template:
            return None
        return _fill(template, _FORMAT_FIELD, _format_values(node, resolve))
    return None


def string_parts(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The expressions a string expression is built from, at every depth (read as part of the whole)."""
    parts: list[cst.CSTNode] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, cst.ConcatenatedString) or (
            isinstance(current, cst.BinaryOperation) and isinstance(current.operator, cst.Add)
        ):
            found: list[cst.CSTNode] = [current.left, current.right]
        elif isinstance(current, cst.BinaryOperation) and isinstance(current.operator, cst.Modulo):
            found = [current.left]
        elif _is_format_call(current):
            assert isinstance(current, cst.Call) and isinstance(current.func, cst.Attribute)
            found = [current.func.value]
        elif _is_join_call(current):
            assert isinstance(current, cst.Call)
            sequence = current.args[0].value
            found = [*(display_items(sequence) or ()), sequence]
        else:
            continue
        parts.extend(found)
        pending.extend(found)
    return parts


def literal_value(node: cst.CSTNode | None) -> Value:
    """The value of a plain string, True/False/None literal, or :data:`UNKNOWN`."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        text = static_text(node)
        if text is not None and not text.has_holes:
            return text.text
        return UNKNOWN
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.value]
    return UNKNOWN


def argument(call: cst.Call, name: str, position: int | None = None) -> cst.BaseExpression | None:
    """The expression passed for parameter ``name`` of ``call`` (by keyword, or at ``position``)."""
    for index, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
        if arg.keyword is None and not arg.star and index == position:
            return arg.value
    return None


def dotted_name(node: cst.CSTNode) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else None."""
    names: list[str] = []
    while isinstance(node, cst.Attribute):
        names.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    names.append(node.value)
    return ".".join(reversed(names))


def _simple(node: cst.SimpleString) -> StaticText | None:
    prefix = node.prefix.lower()
    if "b" in prefix:
        return None
    raw = node.raw_value
    if "\\" not in raw and "\r" not in raw and "\0" not in raw:  # spelled as it is: no need to evaluate it
        return StaticText(raw, False, node.prefix, node.quote)
    try:
        value = node.evaluated_value
    except (ValueError, SyntaxError):
        return None
    if not isinstance(value, str):
        return None
    exact = raw == value
    return StaticText(value, False, node.prefix, node.quote if exact else None)


def _fstring(node: cst.FormattedString, resolve: Resolve | None) -> StaticText | None:
    if "b" in node.prefix.lower():
        return None
    raw = "r" in node.prefix.lower()
    pieces: list[str] = []
    holes = False
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            text = part.value.replace("{{", "{").replace("}}", "}")
            if not raw and "\\" in text:
                try:
                    text = ast.literal_eval('"""' + text.replace('"', '\\"') + '"""')
                except (ValueError, SyntaxError):
                    return None
            pieces.append(text)
            continue
        known = None
        if resolve is not None and isinstance(part, cst.FormattedStringExpression):
            if part.conversion is None and part.format_spec is None:
                known = resolve(part.expression)
        pieces.append(HOLE if known is None else known)
        holes = holes or known is None or HOLE in known
    return StaticText("".join(pieces), holes)


def _resolved(node: cst.CSTNode, resolve: Resolve) -> StaticText | None:
    known = resolve(node) if isinstance(node, cst.BaseExpression) else None
    return StaticText(known, HOLE in known) if known is not None else None


def _join(parts: list[cst.CSTNode], resolve: Resolve | None, holes_allowed: bool = False) -> StaticText | None:
    pieces: list[str] = []
    holes = False
    for part in parts:
        text = static_text(part, resolve) if is_string_expression(part) else None
        if text is None and holes_allowed and resolve is not None:
            text = _resolved(part, resolve)
        if text is None:
            if not holes_allowed:
                return None
            pieces.append(HOLE)
            holes = True
        else:
            pieces.append(text.text)
            holes = holes or text.has_holes
    return StaticText("".join(pieces), holes)


def _fill(template: str, fields: re.Pattern[str], values: _FieldValues) -> StaticText:
    """The template with each field replaced by its known text, or a hole."""
    holes = False
    automatic = iter(range(len(template)))

    def field(match: re.Match[str]) -> str:
        nonlocal holes
        spelled = match.group()
        if spelled in ("%%", "{{", "}}"):
            return spelled[0]
        known = values(spelled, automatic)
        holes = holes or known is None or HOLE in known
        return HOLE if known is None else known

    return StaticText(fields.sub(field, template), holes)


_FieldValues = Callable[[str, Iterator[int]], "str | None"]
_PERCENT_NAME = re.compile(r"%\((?P<name>[^)]*)\)s")
_FORMAT_NAME = re.compile(r"\{(?P<name>[A-Za-z_][A-Za-z0-9_]*|[0-9]*)\}")


def _percent_values(right: cst.BaseExpression, resolve: Resolve | None) -> _FieldValues:
    """``%s`` fields from a tuple or a single value, ``%(name)s`` from a dict display."""
    positional = [element.value for element in right.elements] if isinstance(right, cst.Tuple) else [right]
    named = {}
    if isinstance(right, cst.Dict):
        named = {
            key: element.value
            for element in right.elements
            if isinstance(element, cst.DictElement) and isinstance(key := literal_value(element.key), str)
        }

    def value(spelled: str, automatic: Iterator[int]) -> str | None:
        if resolve is None:
            return None
        match = _PERCENT_NAME.fullmatch(spelled)
        if match is not None:
            node = named.get(match["name"])
        else:
            index = next(automatic)
            node = positional[index] if spelled == "%s" and not named and index < len(positional) else None
        return resolve(node) if node is not None else None

    return value


def _format_values(call: cst.Call, resolve: Resolve | None) -> _FieldValues:
    """``{}``, ``{0}`` and ``{name}`` fields from the arguments of ``.format(...)``."""
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    named = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    unpacked = any(arg.star for arg in call.args)

    def value(spelled: str, automatic: Iterator[int]) -> str | None:
        match = _FORMAT_NAME.fullmatch(spelled)
        if resolve is None or match is None or unpacked:
            return None
        name = match["name"]
        if not name or name.isdigit():
            index = next(automatic) if not name else int(name)
            node = positional[index] if index < len(positional) else None
        else:
            node = named.get(name)
        return resolve(node) if node is not None else None

    return value


def _plain_text(node: cst.CSTNode) -> str | None:
    if not isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return None
    text = static_text(node)
    return None if text is None or text.has_holes else text.text


def _flatten_add(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The operands of ``a + b + c``, left to right (iteratively: chains can be long)."""
    operands: list[cst.CSTNode] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, cst.BinaryOperation) and isinstance(current.operator, cst.Add):
            pending.extend((current.right, current.left))
        else:
            operands.append(current)
    return operands


def _has_string_operand(node: cst.BinaryOperation) -> bool:
    operands = _flatten_add(node) if isinstance(node.operator, cst.Add) else [node.left]
    return any(
        isinstance(op, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)) and static_text(op) is not None
        for op in operands
    )


def display_items(node: cst.BaseExpression) -> Sequence[cst.BaseExpression] | None:
    """The items of a list or tuple display (None for anything else, or one with ``*rest``)."""
    if not isinstance(node, (cst.List, cst.Tuple)) or any(isinstance(e, cst.StarredElement) for e in node.elements):
        return None
    return [element.value for element in node.elements]


def _is_join_call(node: cst.CSTNode) -> bool:
    """``" ".join(parts)``, ``"&".join([...])``: one sequence joined by a plain string."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "join"
        and isinstance(node.func.value, cst.SimpleString)
        and len(node.args) == 1
        and not node.args[0].keyword
        and not node.args[0].star
    )


def _is_format_call(node: cst.CSTNode) -> bool:
    """``"...".format(...)``, also a template held in a name (``TEMPLATE.format(...)``)."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "format"
        and isinstance(node.func.value, (cst.SimpleString, cst.ConcatenatedString, cst.Name))
    )


#: A fix as new source text for leaf nodes (string literals, names) of the tree.
LeafFix = tuple[tuple[cst.CSTNode, str], ...]


def replace_text(node: cst.CSTNode, text: str) -> LeafFix | None:
    """Make the plain string literal ``node`` hold ``text`` (same prefix and quotes), if it can."""
    if not isinstance(node, cst.SimpleString):
        return None
    static = static_text(node)
    literal = None if static is None else static.requote(text)
    return None if literal is None else ((node, literal),)


def rewrite_string(node: cst.CSTNode, text: str) -> LeafFix | None:
    """Make a plain or implicitly concatenated literal hold ``text``, if it can (see below)."""
    if isinstance(node, cst.ConcatenatedString):
        return rewrite_concatenation(node, text)
    return replace_text(node, text)


def rewrite_concatenation(node: cst.ConcatenatedString, text: str) -> LeafFix | None:
    """Make ``node`` (``"a" "b"``) hold ``text``, each change made inside the literal it falls in.

    None when a change straddles two literals or a changed literal cannot be spelled plainly,
    so a fix never reflows the user's line breaks.
    """
    leaves = _leaves(node)
    statics = [static for static in map(static_text, leaves) if static is not None and static.quote is not None]
    if len(statics) != len(leaves):
        return None
    texts = [static.text for static in statics]
    bounds = [0]
    for piece in texts:
        bounds.append(bounds[-1] + len(piece))
    edits: dict[int, list[tuple[int, int, str]]] = {}
    matcher = difflib.SequenceMatcher(None, "".join(texts), text, autojunk=False)
    for tag, start, end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        index = next(i for i in range(len(texts)) if start < bounds[i + 1] or i == len(texts) - 1)
        if end > bounds[index + 1]:
            return None
        edits.setdefault(index, []).append((start - bounds[index], end - bounds[index], text[new_start:new_end]))
    fix: list[tuple[cst.CSTNode, str]] = []
    for index, changes in sorted(edits.items()):
        piece = texts[index]
        for start, end, new in reversed(changes):
            piece = piece[:start] + new + piece[end:]
        literal = statics[index].requote(piece)
        if literal is None:
            return None
        fix.append((leaves[index], literal))
    return tuple(fix)


def _leaves(node: cst.ConcatenatedString) -> list[cst.CSTNode]:
    """The literals of ``"a" "b" f"c"``, left to right."""
    leaves: list[cst.CSTNode] = []
    pending: list[cst.CSTNode] = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, cst.ConcatenatedString):
            pending.extend((current.right, current.left))
        else:
            leaves.append(current)
    return leaves
