"""Alerts and report delivery (*kirim*): rules evaluated at an as-of moment, sent once per
recipient by e-mail (SMTP) or a generic webhook (HTTP POST, JSON), batched, aggregate only.

- :mod:`siaga.kirim.setelan`    the ``[kirim]`` section of wilayah.toml, SMTP credentials from
  ``.streamlit/secrets.toml`` or the environment
- :mod:`siaga.kirim.aturan`     the alert rules: what fired at a moment (:class:`Peristiwa`)
- :mod:`siaga.kirim.saluran`    the channels: e-mail through ``smtplib``, webhook through ``urllib``
- :mod:`siaga.kirim.catatan`    what was sent to whom (``SIAGA_DATA/.kirim/terkirim.json``), under a lock
- :mod:`siaga.kirim.antar`      a run: evaluate, keep what is new per recipient, batch, send, record, audit

Nothing here carries personal data: messages are composed from place names and codes, counts,
categories and times only (never the PIC, summaries, task titles or notes, names, NIP, phones).
"""
