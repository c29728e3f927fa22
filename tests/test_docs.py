"""Documentation that must not drift from the code."""

from siaga.inti import dokumen
from siaga.inti.kontrak import INPUTS
from tests.conftest import ROOT


def test_data_contract_doc_is_generated_from_the_contract():
    assert (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8") == dokumen.teks_kontrak(), \
        "run: python -m siaga kontrak"


def test_every_column_is_documented():
    text = (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8")
    for inp in INPUTS.values():
        assert f"## `{inp.berkas}`" in text
        for k in inp.kolom:
            assert f"| `{k.nama}` |" in text


def test_readme_keeps_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "streamlit run dashboard.py" in readme
    assert "scripts/uji" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/uji" in ci
