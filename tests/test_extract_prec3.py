"""prec3: foreign visitors named "du khách nước ngoài" are a part of the arrivals, as "khách nước ngoài" is."""

from datetime import date

from hbetl.extract import extract_metrics


def test_du_khach_nuoc_ngoai_is_a_part_of_the_arrivals():
    text = ("Năm 2018, tỉnh đón 2,9 triệu lượt khách tham quan, tăng 8,2% so với năm 2017; "
            "trong đó có 315.000 du khách nước ngoài, tăng 11%.")
    records = extract_metrics(text, date(2019, 1, 15))
    assert [(r.value, r.scope) for r in records] == [(2900000.0, None), (315000.0, "du khách nước ngoài")]
