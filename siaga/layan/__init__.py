"""Serving many viewers: several app processes behind nginx, fed by one loader.

- :mod:`siaga.layan.nginx` writes the nginx configuration (sticky routing for the websocket, the
  big screen on processes of its own, passive health checks, retries on another process);
- :mod:`siaga.layan.proses` runs ``python -m siaga layani``: the loader, N Streamlit processes and
  nginx, restarts a process that dies and stops them all together.
"""
