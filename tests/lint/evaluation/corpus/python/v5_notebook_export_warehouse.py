#!/usr/bin/env python
# coding: utf-8

# In[1]:


import pandas as pd
from sqlalchemy import create_engine


# In[2]:


engine = create_engine("postgresql://analyst:secret@redshift-cluster.abc123.us-east-1.redshift.amazonaws.com:5439/dev")


# In[3]:


df = pd.read_sql("SELECT event, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC", engine)
df.head()


# In[4]:


get_ipython().run_line_magic("sql", "postgresql://analyst@warehouse.example.com/dev?sslmode=require")
