from langgraph.checkpoint.postgres import PostgresSaver

DB_URI = "postgresql://neondb_owner:secret@ep-autumn-scene-123456-pooler.eastus2.azure.neon.tech/neondb?sslmode=require"

with PostgresSaver.from_conn_string(DB_URI) as checkpointer:
    checkpointer.setup()
