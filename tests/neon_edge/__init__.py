"""A local stand-in for Neon's edge: what a client observes of Neon, on 127.0.0.1 only.

Build it yourself, or use the session-scoped ``neon_edge`` fixture (registered for every test
directory by ``tests/conftest.py``)::

    def test_reaches_neon(neon_edge, neon_endpoint):
        dsn = neon_edge.console_dsn(neon_endpoint.id)   # as Neon's console shows it, + port and hostaddr
        # postgresql://neon_tls:...@ep-cool-river-1a2b3c4d.us-east-2.aws.neon.tech:PORT/neondb
        #     ?sslmode=require&channel_binding=require&hostaddr=127.0.0.1
        with psycopg.connect(dsn, sslmode="verify-full", sslrootcert=str(neon_edge.root_cert)) as conn:
            ...

``hostaddr=127.0.0.1`` makes libpq connect without DNS while still sending the host name as SNI
and checking the certificate against it, so nothing reaches the internet. ``neon_edge.dsn(id)``
gives a ready verify-full key/value string; ``pooled=True`` gives the ``-pooler`` route of either.

- ``neon_edge`` (session): the edge in front of its own embedded server, with PgBouncer when
  installed (``neon_edge.pooler``); its default endpoint is ``neon_edge.endpoint(DEFAULT_ENDPOINT)``.
- ``neon_endpoint`` (function): a fresh endpoint on the default database, removed after the test,
  so a test may suspend it, disable it or queue failures without touching other tests.
- ``neon_pooled_endpoint`` (function): the same with a ``-pooler`` route; skips when PgBouncer is
  missing, naming the install command.

Driving it: ``neon_edge.suspend(id)`` (sessions end as when Neon suspends an idle compute; the
next client waits ``wake_delay`` seconds while it starts), ``set_state(id, "disabled")``,
``fail_next(id, facts.COMPUTE_UNREACHABLE, times=2)`` (transient), ``fail_next(id,
facts.ENDPOINT_UNAVAILABLE, times=None)`` (permanent), ``add_endpoint(Endpoint(...))`` for
another database or role (a branch), ``remove_endpoint(id)``. Watching it: ``endpoint.wakes``,
``endpoint.mechanism`` (``SCRAM-SHA-256-PLUS`` when the client bound the channel),
``neon_edge.startups`` (connection attempts so far), ``neon_edge.sessions(id)``. The texts are in :mod:`.facts`,
recorded from Neon's proxy source; :mod:`.proxy` says how much of the protocol the stand-in
speaks and why.
"""

from .edge import DEFAULT_REGION, Endpoint, NeonEdge, new_endpoint_id

__all__ = ["DEFAULT_REGION", "Endpoint", "NeonEdge", "new_endpoint_id"]
