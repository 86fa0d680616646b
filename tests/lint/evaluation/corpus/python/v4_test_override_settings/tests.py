from django.db import connections
from django.test import SimpleTestCase, override_settings

from reports.db import reporting_dsn

REMOTE = {
    "ENGINE": "django.db.backends.postgresql",
    "HOST": "reports.example.com",
    "NAME": "reports",
    "OPTIONS": {"sslmode": "require"},
}


class ReportingDsnTests(SimpleTestCase):
    @override_settings(DATABASES={"default": REMOTE})
    def test_dsn_uses_options(self):
        self.assertIn("sslmode=require", reporting_dsn(connections["default"].settings_dict))

    def test_host_is_kept(self):
        self.assertEqual(reporting_dsn(REMOTE)["host"], "reports.example.com")
