import typer
import psycopg

app = typer.Typer()


@app.command()
def report(
    dsn: str = typer.Option("postgresql://reporter@analytics.example.com/reports", envvar="REPORT_DSN"),
    days: int = 7,
):
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT day, signups FROM daily_signups WHERE day > now() - make_interval(days => %s)", (days,)
        ).fetchall()
    for day, signups in rows:
        typer.echo(f"{day:%Y-%m-%d} {signups}")


if __name__ == "__main__":
    app()
