"""The rule registry: one module per rule, named after the problem it finds."""

from __future__ import annotations

from flake8_neon.rules.base import Rule
from flake8_neon.rules.dj_database_url_ssl_require import DjDatabaseUrlSslRequire
from flake8_neon.rules.missing_sslmode_call import MissingSslmodeCall
from flake8_neon.rules.missing_sslmode_string import MissingSslmodeString
from flake8_neon.rules.pg8000_missing_ssl_context import Pg8000MissingSslContext
from flake8_neon.rules.rejected_tls_settings import RejectedTlsSettings
from flake8_neon.rules.unverified_ssl_context import UnverifiedSslContext
from flake8_neon.rules.weak_pgsslmode_env import WeakPgsslmodeEnv
from flake8_neon.rules.weak_sslmode_setting import WeakSslmodeSetting
from flake8_neon.rules.weak_sslmode_string import WeakSslmodeString

#: Every rule, in code order (``tests/lint/test_rule_registry.py`` checks that every module is here).
RULES: tuple[type[Rule], ...] = (
    WeakSslmodeString,
    MissingSslmodeString,
    WeakSslmodeSetting,
    UnverifiedSslContext,
    RejectedTlsSettings,
    MissingSslmodeCall,
    Pg8000MissingSslContext,
    WeakPgsslmodeEnv,
    DjDatabaseUrlSslRequire,
)

#: Codes about a connection with no TLS setting at all (``check-missing-sslmode``).
MISSING_SSLMODE_CODES = frozenset(rule.CODE for rule in RULES if rule.MISSING_SSLMODE)
