import click
import psycopg


@click.command()
@click.option("--host", envvar="PGHOST", required=True)
@click.option("--dbname", envvar="PGDATABASE", default="postgres")
@click.option("--user", envvar="PGUSER", default="postgres")
@click.option("--sslmode", default="prefer", show_default=True, help="libpq sslmode")
def vacuum(host, dbname, user, sslmode):
    """Run VACUUM ANALYZE on every table."""
    with psycopg.connect(host=host, dbname=dbname, user=user, sslmode=sslmode, autocommit=True) as conn:
        for (table,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall():
            click.echo(f"vacuum {table}")
            conn.execute(f'VACUUM ANALYZE "{table}"')


if __name__ == "__main__":
    vacuum()
