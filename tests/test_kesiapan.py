import pytest

from siaga.model import level

ROW = dict(w_logistik=0.35, w_checklist=0.35, w_insiden=0.15, w_netralitas=0.15, skor_logistik=60.0,
           skor_checklist=95.0, skor_insiden=70.0, skor_netralitas=100.0, insiden_terbuka=3, insiden_serius=1,
           netralitas_terbuka=0)


def test_shortfalls_are_ordered_by_points_lost():
    ks = level.kekurangan(ROW)
    assert [k.komponen for k in ks] == ["logistik", "insiden", "checklist"]   # 14 > 4.5 > 1.75 points
    assert ks[0].poin == pytest.approx(14.0)
    assert "netralitas" not in [k.komponen for k in ks]                      # nothing lost there


def test_penyebab_reads_like_a_sentence():
    text = level.penyebab(ROW)
    assert text == "logistik 60% (−14 poin); 3 insiden terbuka, 1 serius (−5 poin)"   # 4,5 rounds half up
    full = dict(ROW, skor_logistik=100.0, skor_checklist=100.0, skor_insiden=100.0, insiden_terbuka=0, insiden_serius=0)
    assert level.penyebab(full) == "tidak ada kekurangan berarti"


def test_levels_have_names_and_colours():
    assert level.label("perlu_perhatian") == "Perlu perhatian"
    assert level.rgb("siap") == [0x45, 0x75, 0xB4, 255]
    assert level.label(None) == "Tanpa data"
    assert len({level.warna(lv) for lv in level.LEVEL}) == 3
