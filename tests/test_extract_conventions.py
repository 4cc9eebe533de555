"""The readings the extractor gives where metric-record.md is silent.

docs/extraction-quality.md ("Where metric-record.md is silent") lists them for analysts; each is
run here on a sentence of our own, so the list and the extractor cannot drift apart. Records are
compared as (indicator, period, kind, value, yoy_pct, mom_pct, plan_pct).
"""

from datetime import date

import pytest

from hbetl.extract import extract_metrics

READINGS = [
    # National GDP is the growth indicator.
    ("2024-04-02", "Theo Tổng cục Thống kê, GDP cả nước quý I/2024 tăng 5,66% so với cùng kỳ năm trước.",
     {("grdp_growth", "2024-Q1", "actual", 5.66, None, None, None)}),
    # A growth index is the change it implies.
    ("2024-04-02", "Quý I/2024, tốc độ phát triển giá trị sản xuất công nghiệp đạt 109,48% so với cùng kỳ.",
     {("industrial_output_value", "2024-Q1", "actual", None, 9.48, None, None)}),
    # Not records: growth net of prices, core inflation, a bar a group passes, a yearly average.
    ("2024-04-02", "Quý I/2024, nếu loại trừ yếu tố giá, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ "
                   "tiêu dùng tăng 6,1%.", set()),
    ("2024-04-02", "Lạm phát cơ bản quý I/2024 tăng 2,81% so với cùng kỳ.", set()),
    ("2024-04-02", "Quý I/2024, cả nước có 6 tỉnh đạt kim ngạch xuất khẩu trên 10 tỷ USD.", set()),
    ("2024-04-02", "Giai đoạn 2016-2020, GRDP của tỉnh tăng bình quân 7,1%/năm.", set()),
    # A change against a multi-year average is no yoy.
    ("2024-04-02", "Quý I/2024, thu hút FDI đạt 120 triệu USD, gấp 1,2 lần so với bình quân giai đoạn 2019-2023.",
     {("fdi_capital", "2024-Q1", "actual", 120.0, None, None, None)}),
    # Central transfers are no revenue of the province.
    ("2024-01-20", "Dự toán thu ngân sách năm 2024 là 10.600 tỷ đồng, trong đó thu bổ sung từ ngân sách "
                   "trung ương 5.900 tỷ đồng.",
     {("budget_revenue", "2024", "target", 10600.0, None, None, None)}),
    # A year's "ước đạt" written early in that year is its plan.
    ("2024-03-10", "Năm 2024, GRDP của tỉnh ước đạt 8,5%.",
     {("grdp_growth", "2024", "target", 8.5, None, None, None)}),
    # A forecast compared with, once its period is over, is an estimate of that period.
    ("2022-07-08", "Sáu tháng đầu năm 2022, tăng trưởng kinh tế của tỉnh đạt 6,4%, thấp hơn so với mức dự báo 6,7%.",
     {("grdp_growth", "2022-H1", "actual", 6.4, None, None, None),
      ("grdp_growth", "2022-H1", "estimate", 6.7, None, None, None)}),
    # A scenario's rate is a target.
    ("2024-07-05", "Theo kịch bản tăng trưởng, năm 2024 kinh tế của tỉnh tăng 8%.",
     {("grdp_growth", "2024", "target", 8.0, None, None, None)}),
    # A disbursement written as a rate alone is its share of the plan.
    ("2024-09-05", "Đến hết tháng 8/2024, vốn đầu tư công của tỉnh mới giải ngân được khoảng 26%.",
     {("public_investment_disbursed", "2024-YTD08", "actual", None, None, None, 26.0)}),
    # Not records: the deficit, loans of policy programmes.
    ("2024-07-05", "6 tháng đầu năm 2024, bội chi ngân sách nhà nước ước 53.600 tỷ đồng.", set()),
    ("2024-07-05", "Đến cuối tháng 6/2024, dư nợ các chương trình tín dụng chính sách đạt 5.200 tỷ đồng.", set()),
    # Done over plan: the level done and the year's plan.
    ("2024-07-05", "Kết quả giải ngân vốn đầu tư công 6 tháng đầu năm 2024 đạt 1.250/4.000 tỷ đồng.",
     {("public_investment_disbursed", "2024-H1", "actual", 1250.0, None, None, None),
      ("public_investment_disbursed", "2024", "target", 4000.0, None, None, None)}),
    # Banks: a balance with no date is the month before publication, its growth from the year's start.
    ("2024-07-05", "Tổng dư nợ cho vay trên địa bàn đạt 56.000 tỷ đồng, tăng 4,2% so với cuối năm 2023.",
     {("credit_outstanding", "2024-M06", "actual", 56000.0, None, 4.2, None)}),
    ("2024-07-05", "6 tháng đầu năm 2024, tăng trưởng tín dụng đạt 4,2%.",
     {("credit_outstanding", "2024-H1", "actual", None, None, 4.2, None)}),
    # Where the labellers split: realised FDI, retail without "hàng hóa".
    ("2024-04-02", "Quý I/2024, vốn FDI thực hiện đạt 4,63 tỷ USD, tăng 7,1% so với cùng kỳ.",
     {("fdi_capital", "2024-Q1", "actual", 4630.0, 7.1, None, None)}),
    # A part of a month (the customs' half months) is no month: no period of ours, no record.
    ("2024-09-02", "15 ngày đầu tháng 8/2024, kim ngạch xuất khẩu của tỉnh đạt 120 triệu USD.", set()),
    ("2024-04-02", "Tổng doanh thu bán lẻ quý I/2024 đạt 5.120 tỷ đồng, tăng 9,2% so với cùng kỳ.", set()),
    # A holiday's few days are a part of a month too: no record.
    ("2024-09-06", "Trong 4 ngày nghỉ lễ (từ 31/8 đến 3/9/2024), tỉnh đón 152.000 lượt khách du lịch, doanh thu "
                   "du lịch đạt 410 tỷ đồng.", set()),
    # The council's resolution is the plan a share is measured against.
    ("2024-12-20", "Năm 2024, thu ngân sách trên địa bàn huyện ước đạt 312 tỷ đồng, bằng 128,6% Nghị quyết HĐND "
                   "huyện giao.",
     {("budget_revenue", "2024", "estimate", 312.0, None, None, 128.6)}),
    # GRDP at current prices and its nominal change are no growth rate.
    ("2024-07-05", "6 tháng đầu năm 2024, quy mô GRDP theo giá hiện hành của tỉnh đạt 61.200 tỷ đồng, tăng 11,2% "
                   "so với cùng kỳ.", set()),
    # One bank's balance is no credit or deposits of the area; loans for one purpose are a split.
    ("2024-07-05", "Đến cuối tháng 6/2024, Agribank chi nhánh tỉnh có tổng dư nợ đạt 12.400 tỷ đồng, tăng 3,1% "
                   "so với cuối năm 2023.", set()),
    ("2024-07-05", "Đến cuối tháng 6/2024, tổng dư nợ cho vay trên địa bàn tỉnh đạt 56.000 tỷ đồng; trong đó dư nợ "
                   "cho vay nhằm hỗ trợ doanh nghiệp nhỏ và vừa đạt 9.800 tỷ đồng.",
     {("credit_outstanding", "2024-M06", "actual", 56000.0, None, None, None)}),
    # Industry with trade or services is a wider aggregate than industrial output.
    ("2024-07-05", "6 tháng đầu năm 2024, giá trị sản xuất công nghiệp - thương mại - dịch vụ của huyện ước đạt "
                   "2.150 tỷ đồng, tăng 8,4% so với cùng kỳ.", set()),
    # An absolute rise with its rate in brackets: the rate is the change.
    ("2024-07-05", "Đến ngày 30/6/2024, tổng nguồn vốn huy động trên địa bàn tỉnh đạt 61.500 tỷ đồng, tăng 2.960 "
                   "tỷ đồng (bằng 5,1%) so với cuối năm 2023.",
     {("deposits_mobilized", "2024-M06", "actual", 61500.0, None, 5.1, None)}),
    # Raised by the 2026-12-07 labellers: electricity among a list of products is the indicator's change;
    # a zone's projects split FDI by place; a forecast is a target; a running total to late December is the
    # year; "vượt N lần" the plan is N times it; numbers half in words; a dot before two digits is a decimal
    # point; capital carried out from the state budget is public investment disbursed.
    ("2024-10-05", "Tháng 9/2024, một số sản phẩm công nghiệp chủ yếu tăng so với cùng kỳ: điện sản xuất tăng 12%, "
                   "xi măng tăng 5%.",
     {("electricity_output", "2024-M09", "actual", None, 12.0, None, None)}),
    ("2024-04-05", "Quý I/2024, tỉnh thu hút 20 dự án FDI với tổng vốn đăng ký 310 triệu USD, trong đó 12 dự án "
                   "trong khu công nghiệp với tổng vốn 150 triệu USD.",
     {("fdi_capital", "2024-Q1", "actual", 310.0, None, None, None)}),
    ("2025-10-05", "Dự báo tăng trưởng kinh tế năm 2025 của tỉnh sẽ đạt 8,5%.",
     {("grdp_growth", "2025", "target", 8.5, None, None, None)}),
    ("2024-12-30", "Tính đến ngày 28/12/2024, thu ngân sách nhà nước trên địa bàn đạt 12.259 tỷ đồng.",
     {("budget_revenue", "2024", "actual", 12259.0, None, None, None)}),
    ("2024-12-30", "Năm 2024, thu ngân sách nhà nước trên địa bàn đạt 12.259 tỷ đồng, vượt 2,6 lần dự toán.",
     {("budget_revenue", "2024", "actual", 12259.0, None, None, 260.0)}),
    ("2024-01-05", "Năm 2023, doanh thu du lịch đạt 3 nghìn 550 tỷ đồng.",
     {("tourism_revenue", "2023", "actual", 3550.0, None, None, None)}),
    ("2024-01-05", "Năm 2023, kim ngạch xuất khẩu của tỉnh đạt 1.05 tỷ USD.",
     {("export_turnover", "2023", "actual", 1050.0, None, None, None)}),
    ("2025-01-05", "Năm 2024, vốn đầu tư thực hiện từ ngân sách nhà nước do địa phương quản lý đạt 5.000 tỷ đồng.",
     {("public_investment_disbursed", "2024", "actual", 5000.0, None, None, None)}),
]


@pytest.mark.parametrize(("published", "text", "expected"), READINGS, ids=[r[1][:40] for r in READINGS])
def test_reading_where_the_contract_is_silent(published: str, text: str, expected: set) -> None:
    got = {(m.indicator, m.period, m.kind, m.value, m.yoy_pct, m.mom_pct, m.plan_pct)
           for m in extract_metrics(text, date.fromisoformat(published))}
    assert got == expected
