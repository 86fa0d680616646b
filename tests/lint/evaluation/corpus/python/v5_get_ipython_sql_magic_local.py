# coding: utf-8
get_ipython().run_line_magic("load_ext", "sql")
get_ipython().run_line_magic("sql", "postgresql://postgres:postgres@localhost:5432/postgres")
