"""The Neon API stand-in's endpoints served by the Neon-shaped edge (``tests/neon_edge``).

:class:`EdgeRouter` is the stand-in's :class:`~neon_api_standin.EndpointRouter`: each endpoint a
branch gets becomes an endpoint of the edge, whose clients dial the branch's ``ep-...neon.tech``
name (SNI, verify-full against the edge's certificate, SCRAM with channel binding) and reach the
embedded server's database that holds the branch. With PgBouncer on the edge, the ``-pooler``
route is served too.
"""

from __future__ import annotations

from neon_api_standin import EndpointRoute
from neon_edge import Endpoint, NeonEdge


class EdgeRouter:
    def __init__(self, edge: NeonEdge) -> None:
        self.edge = edge

    def __repr__(self) -> str:
        return f"<EdgeRouter {self.edge!r}>"

    def add_route(self, route: EndpointRoute) -> None:
        self.edge.add_endpoint(
            Endpoint(
                route.endpoint_id,
                role=route.role,
                password=route.password,
                database=route.backend_database,
                dbname=route.database,
                region=route.host.split(".", 1)[1],
                pooled=self.edge.pooler is not None,
            )
        )

    def remove_route(self, route: EndpointRoute) -> None:
        self.edge.remove_endpoint(route.endpoint_id)
