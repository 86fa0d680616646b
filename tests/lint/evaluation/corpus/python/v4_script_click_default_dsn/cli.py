import click
import psycopg


@click.group()
def cli():
    """Operations on the ops database."""


@cli.command()
@click.option(
    "--dsn",
    envvar="OPS_DSN",
    default="postgresql://ops@ops-db.example.com:5432/ops",
    show_default=True,
    help="connection string of the ops database",
)
def vacuum(dsn):
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("vacuum analyze")
    click.echo("done")


if __name__ == "__main__":
    cli()
