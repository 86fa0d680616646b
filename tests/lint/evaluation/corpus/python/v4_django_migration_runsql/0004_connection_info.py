from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0003_auto")]

    operations = [
        migrations.RunSQL(
            "COMMENT ON DATABASE app IS 'connect with sslmode=verify-full only'",
            reverse_sql="COMMENT ON DATABASE app IS NULL",
        ),
    ]
