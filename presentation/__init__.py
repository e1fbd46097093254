"""Presentation: how answers look. Terminal tables, JSON and CSV (`render`, `answer_tables`,
`change_tables`), the offline pages (`pages`) and the local web app (`web`). The faces (cli.py,
`accountable serve`) call this; this calls the Python API and queries/, never the stores."""
