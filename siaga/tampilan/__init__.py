"""Per-page view builders: query results -> display tables, chart specs and sentences.

One module per page (``ringkasan``, ``kesiapan``, ``logistik``, ``insiden``, ``netralitas``), so
``pages/*.py`` stay layout only. Everything here is a pure function of DataFrames and is unit
tested without Streamlit.
"""
