"""Redaction in the connection-string model: ``redact``, reprs and errors never show a secret."""

from __future__ import annotations

from urllib.parse import quote, quote_plus

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flake8_neon.conninfo import ConninfoError, parse, redact


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("postgresql://alice:s3cr3t@h/db", "postgresql://alice:****@h/db"),
        ("postgresql://alice:p@ss@h/db", "postgresql://alice:****@h/db"),
        ("host=h password='a b' user=u", "host=h password=**** user=u"),
        ("postgresql://h/db?password=s3cr3t&sslmode=require", "postgresql://h/db?password=****&sslmode=require"),
        ("host=h password='unterminated", "host=h password=****"),
        ("host=h password=it''s", "host=h password=****"),
        # spellings libpq rejects but a human or another driver reads as a password
        ("host=h PASSWORD=s3cr3t", "host=h PASSWORD=****"),
        ("postgresql://h/db?Password=s3cr3t&sslmode=require", "postgresql://h/db?Password=****"),
        ("host=h passwd=s3cr3t", "host=h passwd=****"),
        ("host=h pwd = s3cr3t sslmode=require", "host=h pwd = ****"),
        ("host=h password s3cr3t", "host=h password ****"),
        ("postgresql://h/db?pass%77ord=s3cr3t&x", "postgresql://h/db?pass%77ord=****"),
        ("jdbc:postgresql://h/db?user=u&password=s3cr3t", "jdbc:postgresql://h/db?user=u&password=****"),
        ("POSTGRESQL://alice:s3cr3t@h/db", "POSTGRESQL://alice:****@h/db"),
        ("mysql://alice:s3cr3t@h/db", "mysql://alice:****@h/db"),
        ("postgresql://alice:s3 cr3t@h/db", "postgresql://alice:****@h/db"),
        # another driver's URL: whatever it calls its password
        ("postgresql+asyncpg://h/db?Password=s3cr3t&ssl=true", "postgresql+asyncpg://h/db?Password=****&ssl=true"),
        ("postgresql+pg8000://h/db?api_key=s3cr3t", "postgresql+pg8000://h/db?api_key=****"),
        # libpq's other secrets
        ("host=h scram_client_key=s3cr3t scram_server_key=k3y", "host=h scram_client_key=**** scram_server_key=****"),
        ("host=h oauth_client_secret=s3cr3t", "host=h oauth_client_secret=****"),
        # libpq never sees what follows a NUL: it may be anything, so none of it is shown
        ("host=h\0password=s3cr3t", "host=h\0****"),
        ("postgresql://h/db\0?password=s3cr3t", "postgresql://h/db\0****"),
    ],
)
def test_redaction(text: str, shown: str) -> None:
    assert redact(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        'connection to server at "127.0.0.1", port 5432 failed: FATAL:  password authentication failed for user "u"',
        "the password is checked by the server",
        "host=h sslmode=require",
        "postgresql://alice@h:5432/db",
    ],
)
def test_text_without_a_secret_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_a_url_inside_a_message_is_masked_up_to_its_end() -> None:
    message = "could not connect to postgresql://alice:s3cr3t@db.example/app: refused; ask ops@example.com"
    assert (
        redact(message) == "could not connect to postgresql://alice:****@db.example/app: refused; ask ops@example.com"
    )


def test_errors_name_the_problem_but_never_the_password() -> None:
    with pytest.raises(ConninfoError, match='unknown connection keyword "SSLMODE"'):
        parse("host=h SSLMODE=require")
    with pytest.raises(ConninfoError) as raised:
        parse("host=h password=hunter2 secret=1")
    assert "hunter2" not in str(raised.value)
    assert "secret" not in str(raised.value)
    assert repr(parse("postgresql://u:hunter2@h")) == "Conninfo('postgresql://u:****@h')"
    assert "hunter2" not in repr(parse("password=hunter2").entries)


@pytest.mark.parametrize(
    "text",
    [
        "hunter2",  # a DSN setting that holds only the password
        "host=h hunter2",
        "host=h hunter2 sslmode=require",
        "host=h PASSWORD=hunter2",
        "host=h password hunter2",
        "postgresql://h/db?Password=hunter2",
        "POSTGRESQL://u:hunter2@h/db",
    ],
)
def test_a_stray_word_may_be_a_password_and_is_never_quoted(text: str) -> None:
    with pytest.raises(ConninfoError) as raised:
        parse(text)
    assert "hunter2" not in str(raised.value)


def test_secrets_lists_every_secret_value() -> None:
    conninfo = parse("postgresql://u:pw1@h/db?sslpassword=pw2")
    assert conninfo.secrets == ("pw1", "pw2")
    assert parse("host=h").secrets == ()
    assert parse("postgresql+asyncpg://h/db?Password=pw3").secrets == ("pw3",)


# The "zZ" prefix keeps a generated password from matching the text around it by chance.
_password = st.text(alphabet=st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)), min_size=4).map(
    lambda p: "zZ" + p.strip()
)


def _forms(password: str) -> list[str]:
    """Every way a user may write ``password`` into a connection string, valid or not."""
    escaped = password.replace("\\", "\\\\").replace("'", "\\'")
    encoded = quote(password, safe="")
    return [
        f"postgresql://user:{password}@db.example.com/app",
        f"postgresql://user:{encoded}@db.example.com/app",
        f"postgresql://user:{encoded.lower()}@db.example.com/app",
        f"postgresql://:{encoded}@db.example.com/app",
        f"postgresql://user@db.example.com/app?password={password}&sslmode=require",
        f"postgresql://user@db.example.com/app?password={quote_plus(password)}&sslmode=require",
        f"postgresql://user@db.example.com/app?Password={encoded}&sslmode=require",
        f"POSTGRESQL://user:{encoded}@db.example.com/app",
        f"postgresql+asyncpg://user@db.example.com/app?pwd={encoded}",
        f"host=db.example.com password='{escaped}' sslmode=require",
        f"host=db.example.com password={password} sslmode=require",
        f"host=db.example.com password='{password}",
        f"host=db.example.com password={password} Bad=1",
        f"host=db.example.com PASSWORD='{escaped}' sslmode=require",
        f"host=db.example.com passwd={password}",
        f"host=db.example.com pwd='{escaped}'",
        f"host=db.example.com password {password}",
        f"host=db.example.com\0password='{escaped}'",
    ]


def _stray_forms(password: str) -> list[str]:
    """A password pasted without its keyword: nothing marks it as one, but an error never quotes it."""
    return [password, f"host=db.example.com {password}", f"host=db.example.com sslmode=require {password}"]


@settings(max_examples=1000, deadline=None)
@given(_password)
def test_a_password_never_survives_redaction_or_errors(password: str) -> None:
    encoded = quote(password, safe="")
    for text in _forms(password) + _stray_forms(password):
        shown = [] if text in _stray_forms(password) else [redact(text)]
        try:
            shown.append(repr(parse(text)))
        except ConninfoError as error:
            shown.append(str(error))
        for output in shown:
            assert password not in output, text
            assert encoded not in output, text
