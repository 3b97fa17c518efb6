"""pytest at the repository root: what collection must never import.

``--doctest-modules`` (see ``pyproject.toml``) imports every module it collects:
``app.py`` and ``app_pages/`` are Streamlit scripts that draw a page when imported,
and ``benchmarks/`` are scripts that print figures, never tests.
"""

collect_ignore = ["app.py", "app_pages", "benchmarks"]
