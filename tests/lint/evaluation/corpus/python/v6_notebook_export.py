#!/usr/bin/env python
# coding: utf-8

# In[1]:


import pandas as pd
from sqlalchemy import create_engine


# In[2]:


user = "analyst"
password = "changeme"
host = "analytics-db.example.com"
db = "sales"
engine = create_engine(f"postgresql://{user}:{password}@{host}:5432/{db}")


# In[3]:


df = pd.read_sql("SELECT * FROM orders LIMIT 100", engine)
df.head()


# In[4]:


df2 = pd.read_sql("SELECT count(*) FROM customers", "postgresql://analyst:changeme@analytics-db.example.com/sales?sslmode=require")
