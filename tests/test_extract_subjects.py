"""Which words name which indicator, and how far a subject reaches: bare trade verbs, capital
in dollars, enforcement outside market control, sectors, subjects carried across a comma or
into the next sentence. One test each, in sentences written for these tests."""


import pytest

from hbetl.extract import extract_metrics
from tests.extract_helpers import NOV, OCT, facts, one


def test_bare_trade_verbs_with_dollar_levels_are_the_trade_flows() -> None:
    assert facts("10 tháng, xuất khẩu đạt 340,2 tỷ USD, tăng 14,9% so với cùng kỳ; "
                  "nhập khẩu ước đạt 318,6 tỷ USD, tăng 16,8%.") == {
        ("export_turnover", "2024-YTD10", 340_200, 14.9, None, None),
        ("import_turnover", "2024-YTD10", 318_600, 16.8, None, None)}


def test_bare_trade_verb_with_a_change_only() -> None:
    assert facts("Trong tháng 10, xuất khẩu của cả nước giảm 1,9% so với tháng trước.") == {
        ("export_turnover", "2024-M10", None, None, -1.9, None)}


def test_bare_trade_verb_after_a_breakdown_of_the_total() -> None:
    assert facts("Quý III, tổng kim ngạch xuất nhập khẩu ước đạt 960 triệu USD, trong đó xuất khẩu "
                  "640 triệu USD, nhập khẩu 320 triệu USD.") == {
        ("trade_turnover", "2024-Q3", 960, None, None, None),
        ("export_turnover", "2024-Q3", 640, None, None, None),
        ("import_turnover", "2024-Q3", 320, None, None, None)}


@pytest.mark.parametrize("text", [
    "10 tháng, xuất khẩu cà phê đạt 4,6 tỷ USD, tăng 36% so với cùng kỳ.",
    "Xuất khẩu sang Trung Quốc 10 tháng đạt 49 tỷ USD.",
    "Xuất khẩu rau quả, thủy sản 10 tháng tăng 20%.",
    "Nhập khẩu than đá đạt 52 triệu tấn, tăng 12%.",
    "Các doanh nghiệp xuất khẩu đạt doanh thu 120 tỷ đồng.",
    "Thuế nhập khẩu tăng 5% so với năm trước.",
    "Xuất khẩu lao động 10 tháng đạt 120.000 người.",
])


def test_bare_trade_verb_naming_a_product_market_or_other_noun_gives_nothing(text: str) -> None:
    assert [r for r in extract_metrics(text, NOV) if r.indicator in
            ("export_turnover", "import_turnover", "trade_turnover")] == []


def test_bare_trade_verb_with_an_absolute_dollar_increase_gives_nothing() -> None:
    assert facts("Trong đó, xuất khẩu tăng 2,1 tỷ USD so với quý trước.") == set()


def test_registered_capital_in_dollars_is_foreign_investment() -> None:
    assert facts("9 tháng, tỉnh thu hút 12 dự án FDI với tổng vốn đăng ký 415 triệu USD.") == {
        ("fdi_capital", "2024-YTD09", 415, None, None, None)}


def test_registered_capital_in_dong_stays_registered_capital() -> None:
    assert facts("9 tháng, có 310 doanh nghiệp thành lập mới, tổng vốn đăng ký 2.150 tỷ đồng.") == {
        ("new_enterprises", "2024-YTD09", 310, None, None, None),
        ("registered_capital", "2024-YTD09", 2150, None, None, None)}


def test_electricity_in_billion_kwh() -> None:
    assert facts("Năm 2023, sản lượng điện sản xuất đạt 9,1 tỷ kWh.") == {
        ("electricity_output", "2023", 9100, None, None, None)}


def test_traffic_violations_are_not_market_violations() -> None:
    assert facts("Tháng 10, lực lượng cảnh sát giao thông đã lập biên bản 380 trường hợp vi phạm, "
                  "chủ yếu vi phạm nồng độ cồn.") == set()


def test_market_control_violations_still_count() -> None:
    assert facts("Tháng 10, lực lượng quản lý thị trường đã xử lý 64 vụ vi phạm, phạt tiền 410 triệu đồng.") == {
        ("market_violations", "2024-M10", 64, None, None, None)}


def test_foreign_invested_sector_is_not_fdi_capital() -> None:
    assert facts("Xuất khẩu của khu vực có vốn đầu tư nước ngoài 10 tháng đạt 190 tỷ USD, tăng 12%.") == set()


def test_subject_without_figure_runs_on_across_a_comma() -> None:
    one("Quý III, tổng lượt khách tham quan, nghỉ dưỡng tại các khu du lịch ước đạt 310 nghìn lượt.",
         indicator="tourist_arrivals", period="2023-Q3", value=310_000, kind="estimate")


def test_next_sentence_without_subject_continues_the_last_one() -> None:
    recs = extract_metrics("Tháng 9, kim ngạch nhập khẩu đạt 41 triệu USD, tăng 3% so với tháng trước. "
                           "Tính chung 9 tháng ước đạt 352 triệu USD, tăng 6,5% so với cùng kỳ.", OCT)
    assert [(r.indicator, r.period, r.value, r.kind) for r in recs] == [
        ("import_turnover", "2023-M09", 41, "actual"), ("import_turnover", "2023-YTD09", 352, "estimate")]


def test_next_sentence_with_a_subject_of_its_own_is_not_continued() -> None:
    recs = extract_metrics("Kim ngạch nhập khẩu 9 tháng đạt 352 triệu USD. "
                           "Giá vé tàu hỏa dịp lễ tăng 12%.", OCT)
    assert [r.value for r in recs] == [352]


def test_topic_sentence_without_figure_gives_the_next_its_subject() -> None:
    one("Doanh thu du lịch tiếp tục khởi sắc. Quý III đạt 640 tỷ đồng, tăng 9% so với cùng kỳ.",
         indicator="tourism_revenue", period="2023-Q3", value=640, yoy_pct=9)


def test_sentence_without_catalogue_phrase_gives_nothing() -> None:
    assert extract_metrics("Ngày 5/10, 1.200 vận động viên tham gia giải chạy 21 km quanh hồ.", OCT) == []


def test_phrase_as_the_object_of_a_purpose_clause_is_no_subject() -> None:
    assert extract_metrics("Nhằm tăng thu ngân sách, năm nay huyện bỏ ra 45 tỷ đồng làm đường.", OCT) == []


def test_total_mobilised_is_the_deposits() -> None:
    assert facts("Đến cuối tháng 9, tổng huy động của các tổ chức tín dụng trên địa bàn đạt 41.300 tỷ đồng.") == {
        ("deposits_mobilized", "2024-M09", 41_300, None, None, None)}


def test_new_firms_in_thousands_with_the_noun_left_out() -> None:
    assert facts("10 tháng, số doanh nghiệp thành lập mới đạt 18,6 nghìn, tăng 6,4% so với cùng kỳ.") == {
        ("new_enterprises", "2024-YTD10", 18_600, 6.4, None, None)}


def test_thousands_followed_by_another_noun_are_not_new_firms() -> None:
    assert facts("10 tháng, số doanh nghiệp thành lập mới tăng 6,4% so với cùng kỳ, "
                  "thu hút 18,6 nghìn lao động.") == {("new_enterprises", "2024-YTD10", None, 6.4, None, None)}


def test_change_about_the_number_goes_to_the_one_count() -> None:
    assert facts("Quý III, tỉnh có 205 doanh nghiệp thành lập mới với tổng vốn đăng ký 1.640 tỷ đồng, "
                  "tăng 3,1% về số lượng và 22% về vốn so với cùng kỳ.") == {
        ("new_enterprises", "2024-Q3", 205, 3.1, None, None),
        ("registered_capital", "2024-Q3", 1_640, 22, None, None)}


@pytest.mark.parametrize("plan", ["kế hoạch Trung ương giao", "kế hoạch vốn Thủ tướng Chính phủ giao",
                                  "kế hoạch tỉnh giao"])
def test_disbursed_against_the_assigned_plan_is_public_investment(plan: str) -> None:
    assert facts(f"Đến hết tháng 10, toàn tỉnh giải ngân được 1.905 tỷ đồng, đạt 48,3% {plan}.") == {
        ("public_investment_disbursed", "2024-YTD10", 1_905, None, None, 48.3)}


def test_bank_disbursement_against_a_plan_is_no_public_investment() -> None:
    assert facts("Đến hết tháng 10, các ngân hàng đã giải ngân được 400 tỷ đồng cho vay, đạt 35% kế hoạch.") == set()


def test_contributions_counted_are_the_fdi_part() -> None:
    one("Tháng 9, có 230 lượt góp vốn của nhà đầu tư nước ngoài với tổng giá trị 410 triệu USD.",
        indicator="fdi_capital", period="2023-M09", value=410, scope="góp vốn")


def test_parts_of_one_indicator_listed_respectively_each_keep_their_scope() -> None:
    recs = extract_metrics("Đến cuối tháng 9, dư nợ ngắn hạn và dư nợ trung, dài hạn lần lượt đạt "
                           "30.500 tỷ đồng và 21.700 tỷ đồng.", OCT)
    assert [(r.indicator, r.value, r.scope) for r in recs] == [
        ("credit_outstanding", 30_500, "ngắn hạn"), ("credit_outstanding", 21_700, "trung, dài hạn")]


def test_investment_capital_registered_in_dollars_is_fdi() -> None:
    assert facts("Tháng 10, tỉnh cấp mới 6 dự án FDI với tổng vốn đầu tư đăng ký 95 triệu USD.") == {
        ("fdi_capital", "2024-M10", 95, None, None, None)}


def test_investment_capital_registered_in_dong_is_registered_capital() -> None:
    assert facts("Tháng 10, tỉnh cấp mới 9 dự án trong nước với tổng vốn đầu tư đăng ký 1.120 tỷ đồng.") == {
        ("registered_capital", "2024-M10", 1_120, None, None, None)}


def _scoped(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(r.indicator, r.value, r.scope) for r in extract_metrics(text, NOV)]


def test_the_place_that_leads_a_round_up_scopes_its_first_record() -> None:
    assert _scoped("Trong 10 tháng, Bình Dương dẫn đầu cả nước về vốn FDI đăng ký với 3,3 tỷ USD, "
                   "đứng thứ hai là Hải Phòng với 2,8 tỷ USD, Quảng Ninh xếp thứ ba với 2,1 tỷ USD.") == [
        ("fdi_capital", 3_300, "Bình Dương"), ("fdi_capital", 2_800, "Hải Phòng"), ("fdi_capital", 2_100, "Quảng Ninh")]


def test_a_place_in_another_clause_before_the_subject_heads_no_list() -> None:
    assert _scoped("Theo Cục Thống kê Hà Nội, trong 10 tháng vốn FDI cả nước đạt 27 tỷ USD, "
                   "trong đó TP.HCM 3,5 tỷ USD.") == [("fdi_capital", 27_000, None), ("fdi_capital", 3_500, "TP.HCM")]


def test_the_economic_regions_are_places_of_a_round_up() -> None:
    assert _scoped("Trong 10 tháng, vùng Đồng bằng sông Hồng có 31.000 doanh nghiệp thành lập mới, tăng 3,2%; "
                   "vùng Đông Nam Bộ 44.000 doanh nghiệp, tăng 5,5%; đồng bằng sông Cửu Long 8.700 doanh nghiệp.") == [
        ("new_enterprises", 31_000, "vùng Đồng bằng sông Hồng"), ("new_enterprises", 44_000, "vùng Đông Nam Bộ"),
        ("new_enterprises", 8_700, "đồng bằng sông Cửu Long")]


@pytest.mark.parametrize("rank", ["đứng thứ hai", "dẫn đầu", "cao nhất"])
def test_the_area_a_province_is_ranked_within_has_no_record(rank: str) -> None:
    assert _scoped(f"Trong 10 tháng, tỉnh có 1.100 doanh nghiệp thành lập mới, {rank} vùng Tây Nguyên.") == [
        ("new_enterprises", 1_100, None)]


def test_a_ranked_place_scopes_the_records_after_it() -> None:
    assert _scoped("Trong 10 tháng, Bình Dương dẫn đầu với tổng vốn đầu tư đăng ký đạt gần 2,9 tỷ USD, chiếm 14% "
                   "tổng vốn đầu tư cả nước. Đứng ở vị trí thứ hai là Hải Phòng với gần 2,4 tỷ USD, tăng 30% so với "
                   "cùng kỳ. Hà Nội xếp thứ ba với tổng vốn đầu tư đăng ký 2,2 tỷ USD; Đồng Nai xếp thứ tư với tổng "
                   "vốn FDI đăng ký đạt 1,6 tỷ USD.") == [
        ("fdi_capital", 2_900, "Bình Dương"), ("fdi_capital", 2_400, "Hải Phòng"), ("fdi_capital", 2_200, "Hà Nội"),
        ("fdi_capital", 1_600, "Đồng Nai")]


def test_a_region_that_leads_scopes_each_of_its_figures() -> None:
    assert _scoped("Trong 10 tháng, xét theo vùng, Đông Nam Bộ dẫn đầu về số doanh nghiệp thành lập mới với "
                   "40,2 nghìn doanh nghiệp, tăng 6,1%, vốn đăng ký đạt 410 nghìn tỷ đồng, tăng 12%.") == [
        ("new_enterprises", 40_200, "Đông Nam Bộ"), ("registered_capital", 410_000, "Đông Nam Bộ")]


def test_a_figure_before_the_ranked_place_is_not_its_own() -> None:
    assert _scoped("Trong 10 tháng, vốn FDI cả nước đạt 27 tỷ USD, Bắc Ninh dẫn đầu với 4,1 tỷ USD.") == [
        ("fdi_capital", 27_000, None), ("fdi_capital", 4_100, "Bắc Ninh")]


def test_a_whole_named_after_the_ranked_place_takes_the_figures_after_it() -> None:
    assert _scoped("Trong 10 tháng, Hà Nội đứng thứ hai về số doanh nghiệp thành lập mới với 25.000 doanh nghiệp, "
                   "cả nước có 150.000 doanh nghiệp.") == [
        ("new_enterprises", 25_000, "Hà Nội"), ("new_enterprises", 150_000, None)]


@pytest.mark.parametrize("sector", [
    "GRDP khu vực công nghiệp và xây dựng tăng 9,1%, đóng góp 2,6 điểm phần trăm.",
    "GRDP khu vực dịch vụ tăng 6,8%.",
    "tăng trưởng GRDP khu vực công nghiệp - xây dựng đạt 9,1%.",
    "GRDP ngành công nghiệp tăng 6,2%.",
    "GRDP của khu vực dịch vụ tăng 6,8%.",
    "tổng sản phẩm trên địa bàn (GRDP) khu vực dịch vụ tăng 6,8%.",
    "GRDP lĩnh vực dịch vụ tăng 6,8%.",
    "tăng trưởng GRDP ngành du lịch đạt 11%.",
])
def test_a_sector_right_after_the_growth_phrase_is_no_record(sector: str) -> None:
    # The economy's growth first, then a sector's own written after the same phrase: a split.
    assert facts(f"Năm 2024, GRDP của tỉnh ước tăng 7,3% so với năm 2023. Trong năm, {sector}") == {
        ("grdp_growth", "2024", 7.3, None, None, None)}


def test_the_growth_phrase_before_a_region_is_still_the_growth() -> None:
    assert facts("Năm 2024, tăng trưởng kinh tế khu vực Đông Nam Bộ đạt 6,5%.") == {
        ("grdp_growth", "2024", 6.5, None, None, None)}
