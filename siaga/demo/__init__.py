"""Seeded demo generators: Kota Bekasi (kota) and the synthetic nation (nasional)."""
