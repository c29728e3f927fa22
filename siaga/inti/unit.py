"""Units that own follow-up tasks and meeting decisions: a kecamatan (its camat) or a kelurahan (its
lurah) by Kemendagri code, or a desk unit (Kesbangpol, Satpol PP, Dinas Kesehatan…) named by a short
id. A region lists its own desk units in ``wilayah.toml``::

    [unit]
    desk = "Sekretariat Desk Pilkada"
    satpol_pp = "Satpol PP"

Without that section the defaults of :data:`siaga.inti.kontrak.UNIT_DESK` apply."""

from __future__ import annotations

import re
from collections.abc import Mapping

from siaga.inti.config import Wilayah
from siaga.inti.kontrak import POLA, UNIT_DESK


def unit_desk(wil: Wilayah) -> dict[str, str]:
    """Desk unit id -> name, from ``wilayah.toml [unit]`` (ids that do not fit the pattern are left
    out) or the defaults."""
    raw = wil.extra.get("unit") if isinstance(wil.extra, Mapping) else None
    if isinstance(raw, Mapping) and raw:
        return {str(k): str(v) for k, v in raw.items() if re.fullmatch(POLA["unit_desk"], str(k)) and v}
    return dict(UNIT_DESK)


def label_unit(kode: str | None, wil: Wilayah, nama_kecamatan: Mapping[str, str],
               nama_kelurahan: Mapping[str, str]) -> str:
    """``Kecamatan Bantargebang``, ``Kelurahan Ciketingudik`` or the desk unit's name (the code when unknown)."""
    if not kode:
        return "–"
    if kode in nama_kecamatan:
        return f"Kecamatan {nama_kecamatan[kode]}"
    if kode in nama_kelurahan:
        return f"Kelurahan {nama_kelurahan[kode]}"
    return unit_desk(wil).get(kode, kode)
