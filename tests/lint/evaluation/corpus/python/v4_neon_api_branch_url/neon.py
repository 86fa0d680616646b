import os

import requests

API = "https://console.neon.tech/api/v2"


def create_branch_url(project_id: str, parent: str, name: str) -> str:
    response = requests.post(
        f"{API}/projects/{project_id}/branches",
        headers={"Authorization": f"Bearer {os.environ['NEON_API_KEY']}"},
        json={"branch": {"parent_id": parent, "name": name}, "endpoints": [{"type": "read_write"}]},
        timeout=30,
    )
    response.raise_for_status()
    data = response.json()
    host = data["endpoints"][0]["host"]
    role = data["roles"][0]["name"]
    password = data["roles"][0]["password"]
    return f"postgresql://{role}:{password}@{host}/neondb?sslmode=require"
