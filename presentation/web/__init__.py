"""The local web app (`accountable serve`): Starlette routes over the Python API, Jinja2 templates
and the scripts and styles it serves itself, nothing from elsewhere."""
