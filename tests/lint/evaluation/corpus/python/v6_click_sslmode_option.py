import click
import psycopg2


@click.command()
@click.option("--host", envvar="PGHOST", required=True)
@click.option("--dbname", default="postgres")
@click.option("--sslmode", default="prefer", show_default=True)
def dump_tables(host, dbname, sslmode):
    conn = psycopg2.connect(host=host, dbname=dbname, sslmode=sslmode)
    with conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (name,) in cur.fetchall():
            click.echo(name)


if __name__ == "__main__":
    dump_tables()
