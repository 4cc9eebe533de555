"""The indicator catalogue (data/indicators.csv) and how its phrases are found in text."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from hbetl.textscan import FastPattern, fold

CATALOGUE_PATH = Path(__file__).parent / "data" / "indicators.csv"

# Phrases that name a part of an indicator: the figure is that indicator's, with a scope.
# (phrase, indicator code, scope as the record states it)
SCOPED_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("khách quốc tế", "tourist_arrivals", "khách quốc tế"),
    ("khách du lịch quốc tế", "tourist_arrivals", "khách du lịch quốc tế"),
    ("khách nước ngoài", "tourist_arrivals", "khách nước ngoài"),
    ("khách nội địa", "tourist_arrivals", "khách nội địa"),
    ("khách trong nước", "tourist_arrivals", "khách trong nước"),
    ("khách du lịch nội địa", "tourist_arrivals", "khách du lịch nội địa"),
    ("khách du lịch trong nước", "tourist_arrivals", "khách du lịch trong nước"),
    ("du khách quốc tế", "tourist_arrivals", "du khách quốc tế"),
    ("du khách nội địa", "tourist_arrivals", "du khách nội địa"),
    ("du khách trong nước", "tourist_arrivals", "du khách trong nước"),
    # Foreign visitors called "du khách nước ngoài" as "khách nước ngoài" is: "trong đó có 401.000
    # du khách nước ngoài" (a part; the siblings "du khách quốc tế / nội địa" are read already).
    ("du khách nước ngoài", "tourist_arrivals", "du khách nước ngoài"),
    ("khách lưu trú", "tourist_arrivals", "khách lưu trú"),
    ("khách qua lưu trú", "tourist_arrivals", "khách qua lưu trú"),
    ("khách quốc tế lưu trú", "tourist_arrivals", "khách quốc tế lưu trú"),
    # Visitors to the sights, as tourism departments and papers split the arrivals beside those who
    # stay: "trong đó, khách lưu trú 310,5 nghìn lượt, khách tham quan 188,4 nghìn lượt", "khách
    # tham quan khu, điểm du lịch 412.800 lượt". With a head ("lượt khách tham quan", "tổng số lượt
    # khách tham quan") it is the whole, as the catalogue writes it.
    ("khách tham quan", "tourist_arrivals", "khách tham quan"),
    # … named by where they go, the law's "khu, điểm du lịch" (sites and spots, one coordinated noun).
    *((f"khách tham quan {the}khu, điểm du lịch", "tourist_arrivals", f"khách tham quan {the}khu, điểm du lịch")
      for the in ("", "các ")),
    # Visitors counted by whether they stay the night, as statistics offices and tourism departments
    # split them: "khách ngủ qua đêm 1.131,8 nghìn lượt", "khách lưu trú qua đêm", "khách có lưu
    # trú"; and those who leave the same day, "lượt khách trong ngày 184 nghìn lượt", "khách không
    # lưu trú" (each a part of the arrivals, not the whole nor the part named before it).
    *((f"khách {how}", "tourist_arrivals", f"khách {how}")
      for how in ("ngủ qua đêm", "nghỉ qua đêm", "lưu trú qua đêm", "có lưu trú", "trong ngày", "không lưu trú")),
    # Tourism revenue earned by the places to stay, as arrivals count their guests apart ("khách
    # lưu trú"); "doanh thu dịch vụ lưu trú, ăn uống" is a branch of retail sales, not this.
    *((f"doanh thu từ {the}cơ sở lưu trú{kind}", "tourism_revenue", f"doanh thu từ {the}cơ sở lưu trú{kind}")
      for the in ("", "các ") for kind in ("", " du lịch")),
    # FDI's parts (Conventions): capital added to projects licensed before, and capital put
    # into Vietnamese firms. The figure must be in dollars (domestic increases are no record).
    # The newly licensed part, named by its capital ("với vốn đầu tư cấp mới 243,6 triệu USD"); in
    # đồng it is domestic projects' registered capital (hbetl.extract_events).
    ("vốn đầu tư cấp mới", "fdi_capital", "cấp mới"),
    ("vốn đăng ký cấp mới", "fdi_capital", "cấp mới"),
    ("điều chỉnh tăng vốn", "fdi_capital", "điều chỉnh tăng vốn"),
    ("đăng ký tăng vốn", "fdi_capital", "đăng ký tăng vốn"),
    ("tăng thêm vốn", "fdi_capital", "tăng thêm vốn"),
    ("vốn tăng thêm", "fdi_capital", "vốn tăng thêm"),
    ("vốn đăng ký tăng thêm", "fdi_capital", "vốn đăng ký tăng thêm"),
    ("vốn điều chỉnh", "fdi_capital", "vốn điều chỉnh"),
    # The projects that adjusted their capital, named before the amount they added: "52 dự án điều
    # chỉnh vốn đầu tư, với mức tăng 310 triệu USD" (the amount "mức tăng" gives is a level: extract_changes).
    ("dự án điều chỉnh vốn", "fdi_capital", "điều chỉnh vốn"),
    # … and the projects newly licensed, named before the capital they brought in brackets: "153 dự
    # án mới (646 triệu USD), 120 lượt dự án điều chỉnh vốn (554 triệu USD)".
    ("dự án cấp mới", "fdi_capital", "cấp mới"),
    ("dự án mới", "fdi_capital", "cấp mới"),
    # Capital added is also written "bổ sung": "15 dự án FDI vốn đăng ký bổ sung 74 triệu USD",
    # "các dự án được cấp vốn bổ sung với gần 3 tỷ USD"; not a bare "vốn bổ sung" nor a donor's
    # "cấp vốn bổ sung" ("Ngân hàng Thế giới cấp vốn bổ sung …"), which may be a loan.
    ("vốn đăng ký bổ sung", "fdi_capital", "vốn đăng ký bổ sung"),
    # The projects themselves "được bổ sung vốn": "56 lượt dự án đã cấp phép từ các năm trước
    # được bổ sung vốn với 323,4 triệu USD" (the statistics office's wording).
    ("được bổ sung vốn", "fdi_capital", "bổ sung vốn"),
    # "150 lượt dự án điều chỉnh vốn, tổng vốn đầu tư tăng thêm đạt 1,3 tỷ USD".
    ("vốn đầu tư tăng thêm", "fdi_capital", "vốn đầu tư tăng thêm"),
    ("được cấp vốn bổ sung", "fdi_capital", "cấp vốn bổ sung"),
    ("vốn cấp bổ sung", "fdi_capital", "vốn cấp bổ sung"),
    ("góp vốn, mua cổ phần", "fdi_capital", "góp vốn, mua cổ phần"),
    ("góp vốn mua cổ phần", "fdi_capital", "góp vốn mua cổ phần"),
    ("góp vốn và mua cổ phần", "fdi_capital", "góp vốn và mua cổ phần"),
    # The same part by the investment law's full name, "góp vốn, mua cổ phần, mua phần vốn góp",
    # as statistics offices and investment boards write it ("góp vốn, mua cổ phần, phần vốn góp 20
    # lượt với giá trị là 6 triệu USD"): without it, "phần vốn góp" reads as a subject of its own.
    *((f"góp vốn{sep}mua cổ phần, {buy}phần vốn góp", "fdi_capital", f"góp vốn{sep}mua cổ phần, {buy}phần vốn góp")
      for sep in (", ", " ") for buy in ("", "mua ")),
    # The same part counted by contributions ("810 lượt góp vốn với tổng giá trị 1,49 tỷ USD");
    # a domestic "góp vốn" alone stays out.
    ("lượt góp vốn", "fdi_capital", "góp vốn"),
    # … and the law's third way in, buying a share of a firm's contributed capital, counted the same
    # way ("12 lượt mua phần vốn góp trong tổ chức kinh tế với tổng giá trị 0,9 triệu USD").
    ("lượt mua phần vốn góp", "fdi_capital", "mua phần vốn góp"),
    # Credit by term and by currency (Conventions): "dư nợ ngắn hạn", "dư nợ cho vay trung, dài
    # hạn", "dư nợ bằng đồng Việt Nam 103.570 tỷ đồng …; dư nợ bằng ngoại tệ 6.670 tỷ đồng".
    # The scope is the term or the currency, without "bằng".
    *((f"{head} {part}", "credit_outstanding", part.removeprefix("bằng "))
      for head in ("dư nợ", "dư nợ cho vay")
      for part in ("ngắn hạn", "trung hạn", "dài hạn", "ngoại tệ", "bằng ngoại tệ", "nội tệ", "bằng nội tệ",
                   "tiền đồng", "bằng tiền đồng", "bằng đồng Việt Nam", "VND", "bằng VND", "VNĐ", "bằng VNĐ")),
    # "trung - dài hạn" and "trung và dài hạn" are the one term "trung, dài hạn".
    *((f"{head} {term}", "credit_outstanding", "trung, dài hạn")
      for head in ("dư nợ", "dư nợ cho vay")
      for term in ("trung, dài hạn", "trung - dài hạn", "trung và dài hạn")),
    ("tín dụng ngoại tệ", "credit_outstanding", "ngoại tệ"),
    # Deposits by currency, as credit: "vốn huy động bằng VNĐ ước đạt 3.722,0 nghìn tỷ đồng …;
    # bằng ngoại tệ …", "nguồn vốn huy động ngoại tệ", "… huy động bằng tiền đồng".
    *((f"{head} {cur}", "deposits_mobilized", cur)
      for head in ("vốn huy động", "nguồn vốn huy động", "huy động vốn")
      for cur in ("bằng VNĐ", "bằng VND", "bằng đồng Việt Nam", "bằng nội tệ", "bằng ngoại tệ", "ngoại tệ", "nội tệ",
                  "bằng tiền đồng")),
    # The part under its bare verb, as "dư nợ" heads the credit parts: "Trong đó, huy động bằng đồng
    # Việt Nam …; huy động bằng ngoại tệ …" after the total. Only with "bằng" and the currency: bare
    # "huy động" is the verb of many other things ("huy động vốn đầu tư toàn xã hội").
    *((f"huy động {cur}", "deposits_mobilized", cur)
      for cur in ("bằng VNĐ", "bằng VND", "bằng đồng Việt Nam", "bằng nội tệ", "bằng ngoại tệ", "bằng tiền đồng")),
    ("thu nội địa", "budget_revenue", "thu nội địa"),
    ("thu từ dầu thô", "budget_revenue", "thu từ dầu thô"),
    ("thu từ hoạt động xuất nhập khẩu", "budget_revenue", "thu từ hoạt động xuất nhập khẩu"),
    ("thu cân đối ngân sách", "budget_revenue", "thu cân đối ngân sách"),
    # … of the state budget, in full or abbreviated ("Thu cân đối ngân sách nhà nước trên địa bàn 6
    # tháng ước đạt …", "thu cân đối NSNN"): "nhà nước" here is the budget's, no owner of a sector's.
    ("thu cân đối ngân sách nhà nước", "budget_revenue", "thu cân đối ngân sách nhà nước"),
    ("thu cân đối NSNN", "budget_revenue", "thu cân đối NSNN"),
    ("thu ngân sách nội địa", "budget_revenue", "thu nội địa"),
    ("thu từ dầu khí", "budget_revenue", "thu từ dầu khí"),
    ("thu thuế xuất, nhập khẩu", "budget_revenue", "thu thuế xuất, nhập khẩu"),
    ("thu thuế xuất nhập khẩu", "budget_revenue", "thu thuế xuất nhập khẩu"),
    ("thu từ thuế xuất nhập khẩu", "budget_revenue", "thu từ thuế xuất nhập khẩu"),
    ("thu từ hoạt động xuất, nhập khẩu", "budget_revenue", "thu từ hoạt động xuất nhập khẩu"),
    ("thu xuất nhập khẩu", "budget_revenue", "thu xuất nhập khẩu"),
    ("thu cân đối từ hoạt động xuất nhập khẩu", "budget_revenue", "thu cân đối từ hoạt động xuất nhập khẩu"),
    ("thu cân đối ngân sách từ hoạt động xuất nhập khẩu", "budget_revenue",
     "thu cân đối ngân sách từ hoạt động xuất nhập khẩu"),
    # "thu về hoạt động XNK", "thu hoạt động xuất nhập khẩu": the same part, as reports abbreviate it.
    *((f"thu{via} hoạt động {trade}", "budget_revenue", f"thu{via} hoạt động {trade}")
      for via in ("", " về") for trade in ("xuất nhập khẩu", "xuất, nhập khẩu", "XNK")),
    ("thu từ hoạt động XNK", "budget_revenue", "thu từ hoạt động XNK"),
    ("thu từ lĩnh vực xuất nhập khẩu", "budget_revenue", "thu từ lĩnh vực xuất nhập khẩu"),
    ("thu lĩnh vực xuất nhập khẩu", "budget_revenue", "thu lĩnh vực xuất nhập khẩu"),
    ("thu XNK", "budget_revenue", "thu XNK"),
    # "thu cân đối hoạt động xuất nhập khẩu" (the "từ" left out), "thu từ Hải quan" (what the
    # customs collect is the trade part), "thu viện trợ" (grants): the parts reports list after
    # "thu nội địa".
    ("thu cân đối hoạt động xuất nhập khẩu", "budget_revenue", "thu cân đối hoạt động xuất nhập khẩu"),
    ("thu từ Hải quan", "budget_revenue", "thu từ Hải quan"),
    # … and as other reports name the same collection: "thu qua hải quan đạt 1.442 tỷ đồng" (what
    # passes through the customs), "thu hải quan", "thu ngân sách qua hải quan".
    ("thu qua hải quan", "budget_revenue", "thu qua hải quan"),
    ("thu ngân sách qua hải quan", "budget_revenue", "thu ngân sách qua hải quan"),
    ("thu hải quan", "budget_revenue", "thu hải quan"),
    # … and named by the service that collects it, as national customs and tax reports write their
    # totals: "số thu ngành hải quan 5 tháng đạt 140.000 tỷ đồng", "số thu của ngành thuế …" (the whole of
    # what the service took, against "thu … do ngành thuế quản lý", a province's share by collector).
    *((f"thu{of} {service}", "budget_revenue", f"thu{of} {service}")
      for of in ("", " của") for service in ("ngành hải quan", "ngành thuế", "cơ quan hải quan", "cơ quan thuế")),
    ("thu viện trợ", "budget_revenue", "thu viện trợ"),
    # The part counted by who collects it, as provincial reports split the total: "các khoản thu
    # do ngành thuế quản lý đạt 4.936,8 tỷ đồng", "số thu do Cục Thuế quản lý", "thu ngân sách do
    # huyện quản lý 127 tỷ đồng … thu ngân sách tỉnh quản lý 108 tỷ đồng".
    *((f"thu{budget} do {collector} quản lý", "budget_revenue", f"thu{budget} do {collector} quản lý")
      for budget in ("", " ngân sách", " NSNN")
      for collector in ("ngành thuế", "cơ quan thuế", "Cục Thuế", "huyện", "tỉnh", "thành phố")),
    *((f"thu ngân sách {level} quản lý", "budget_revenue", f"thu ngân sách {level} quản lý")
      for level in ("huyện", "tỉnh", "thành phố")),
    # The revenue arising from the district's own economy, as Quảng Nam's district reports split
    # the total ("Tổng thu ngân sách là 1.513 tỷ đồng …. Trong đó, thu phát sinh kinh tế trên địa
    # bàn 425 tỷ đồng"; "thu phát sinh kinh tế trên địa bàn đạt 152/450 tỷ đồng").
    ("thu phát sinh kinh tế trên địa bàn", "budget_revenue", "thu phát sinh kinh tế trên địa bàn"),
    # … and without "trên địa bàn", as other district reports of the province write it ("Tính đến ngày
    # 30.9, tổng thu ngân sách đạt gần 446 tỷ đồng, trong đó thu phát sinh kinh tế đạt hơn 65 tỷ đồng").
    ("thu phát sinh kinh tế", "budget_revenue", "thu phát sinh kinh tế"),
    # The same parts as other papers write them: "thu dầu thô 8.097 tỷ đồng" (the "từ" left out),
    # "thu từ xuất nhập khẩu" (the "hoạt động" left out), "thu ngân sách từ hoạt động xuất nhập
    # khẩu", "thu từ hoạt động xuất - nhập khẩu".
    ("thu dầu thô", "budget_revenue", "thu dầu thô"),
    # … and with the source after "từ" or "về từ" ("what is collected from"), as provincial reports list
    # the three parts after the total: "thu từ nội địa ước 37.328 tỷ đồng", "thu về từ dầu thô ước …".
    ("thu từ nội địa", "budget_revenue", "thu từ nội địa"),
    *((f"thu về từ {part}", "budget_revenue", f"thu về từ {part}") for part in ("nội địa", "dầu thô")),
    *((f"thu{via} {trade}", "budget_revenue", f"thu{via} {trade}")
      for via in (" từ", " từ hoạt động", " ngân sách từ hoạt động", " ngân sách từ")
      for trade in ("xuất nhập khẩu", "xuất, nhập khẩu", "xuất - nhập khẩu", "xuất-nhập khẩu", "xuất/nhập khẩu")
      if f"thu{via} {trade}" not in ("thu từ hoạt động xuất nhập khẩu", "thu từ hoạt động xuất, nhập khẩu")),
    # "thu xuất, nhập khẩu 4.081 tỷ đồng", "thu xuất - nhập khẩu": "thu xuất nhập khẩu" punctuated.
    *((f"thu {trade}", "budget_revenue", "thu xuất nhập khẩu")
      for trade in ("xuất, nhập khẩu", "xuất - nhập khẩu", "xuất-nhập khẩu", "xuất/nhập khẩu")),
    ("chi đầu tư phát triển", "budget_expenditure", "chi đầu tư phát triển"),
    ("chi cho đầu tư phát triển", "budget_expenditure", "chi cho đầu tư phát triển"),
    ("chi thường xuyên", "budget_expenditure", "chi thường xuyên"),
    ("chi trả nợ và viện trợ", "budget_expenditure", "chi trả nợ và viện trợ"),
    ("chi trả nợ lãi", "budget_expenditure", "chi trả nợ lãi"),
    # The other heads of expenditure the budget law sets beside investment and regular spending, as
    # reports list them after the total: the contingency reserve ("chi dự phòng ngân sách địa phương
    # 164 tỷ đồng") and the targeted programmes ("chi cho các chương trình mục tiêu đạt 1.258 tỷ
    # đồng"). Not the functions within regular spending ("chi sự nghiệp giáo dục", "chi quản lý hành
    # chính"): a split by sector (Conventions).
    ("chi dự phòng ngân sách", "budget_expenditure", "chi dự phòng ngân sách"),
    *((f"chi{for_} {these}chương trình mục tiêu{whose}", "budget_expenditure",
       f"chi{for_} {these}chương trình mục tiêu{whose}")
      for for_ in ("", " cho") for these in ("", "các ") for whose in ("", " quốc gia")),
    # The price index by area, as statistics offices report it every month ("CPI khu vực thành
    # thị tăng 0,34% và khu vực nông thôn tăng 0,42%"): parts of the index, not the whole.
    *((f"{index} khu vực {area}", "cpi", f"khu vực {area}")
      for index in ("CPI", "chỉ số giá tiêu dùng", "chỉ số CPI") for area in ("thành thị", "nông thôn")),
)

# A part of a total is written with a head noun before it: "tổng lượng khách lưu trú",
# "lượt khách quốc tế", "số lượt khách nội địa".
_SCOPED_HEADS = ("lượt", "tổng", "lượng", "tổng lượng", "tổng lượt", "số lượt", "tổng số lượt")
# … and visitors counted by head: "Tổng số khách nội địa trong 7 tháng ước đạt 76,5 triệu lượt" (not
# money: "tổng số vốn" heads other totals).
_VISITOR_HEADS = ("tổng số",)
# … but a part that names the whole once a head is put before it: "tổng số lượt khách tham quan"
# counts every visitor, "khách tham quan" after "khách lưu trú" only those who did not stay.
_WHOLE_WITH_HEAD = frozenset({"khách tham quan", "khách tham quan khu, điểm du lịch", "khách tham quan các khu, điểm du lịch"})

# Tourism revenue named by its head words, as tourism departments, statistics offices and papers
# write it in many orders that the catalogue's list cannot hold one by one: a revenue head ("doanh
# thu", "tổng doanh thu", "tổng thu", and "thu nhập xã hội", the take of a province's whole economy
# from its visitors), what it is earned in or from ("từ", "trong", "của", or nothing), an activity
# word or none ("hoạt động", "ngành", "dịch vụ", …), and the tourism or its visitors ("du lịch",
# "du khách", "khách du lịch"): "Tổng doanh thu trong hoạt động du lịch", "Tổng doanh thu từ du
# khách", "Thu nhập xã hội từ hoạt động du lịch", "Doanh thu từ ngành du lịch". Without the tourism
# word the head is no subject of its own ("thu nhập bình quân", "doanh thu bán lẻ").
_REVENUE_HEADS = ("doanh thu", "tổng doanh thu", "tổng thu", "thu nhập xã hội")
_REVENUE_LINKS = ("", "từ ", "trong ", "của ")
# The services may be named beside the tourism, as the resorts' towns sum both ("doanh thu từ các
# hoạt động dịch vụ, du lịch", "doanh thu dịch vụ và du lịch"): the take of their visitors still.
_REVENUE_ACTIVITIES = ("", "hoạt động ", "các hoạt động ", "ngành ", "toàn ngành ", "dịch vụ ", "các dịch vụ ",
                       "hoạt động kinh doanh ", "các hoạt động kinh doanh ",
                       *(f"{activity}dịch vụ{joint} " for activity in ("", "hoạt động ", "các hoạt động ")
                         for joint in (",", " và")))
# "Thu nhập" (income) heads it too where it is earned from the tourism ("thu nhập từ du lịch ước đạt
# 440 tỷ đồng"), with "từ" only: "thu nhập du lịch" is not written, "thu nhập bình quân" is no revenue.
TOURISM_REVENUE_PHRASES: tuple[str, ...] = tuple(
    f"{head} {link}{activity}{tourism}" for head, links in (*((h, _REVENUE_LINKS) for h in _REVENUE_HEADS), ("thu nhập", ("từ ",)))
    for link in links for activity in _REVENUE_ACTIVITIES for tourism in ("du lịch", "du khách", "khách du lịch"))

# The state budget's investment named by its head words, as statistics offices write it in many
# orders that the catalogue's list cannot hold one by one: a head ("vốn đầu tư", "tổng vốn đầu tư"),
# what the investment is ("thực hiện", "phát triển", "xây dựng cơ bản" and its "sửa chữa lớn", or
# nothing), whose it is ("thuộc", "từ") and the budget as the source ("nguồn", "nguồn vốn", "vốn", or
# nothing, before "ngân sách nhà nước" / "NSNN"): "Tổng vốn đầu tư thuộc nguồn vốn ngân sách nhà nước
# do địa phương quản lý", "vốn đầu tư phát triển thuộc vốn ngân sách nhà nước", "tổng vốn đầu tư xây
# dựng cơ bản và sửa chữa lớn từ nguồn ngân sách nhà nước". It is the public investment carried out
# (as the catalogue's "vốn đầu tư thực hiện từ nguồn ngân sách nhà nước"). Without the budget the
# head is no subject of its own ("vốn đầu tư thực hiện toàn xã hội" is the total investment).
_INVESTMENT_HEADS = ("vốn đầu tư", "tổng vốn đầu tư")
_INVESTMENT_WHATS = ("", "thực hiện ", "phát triển ", "xây dựng cơ bản ", "xây dựng cơ bản và sửa chữa lớn ", "XDCB ")
_BUDGET_SOURCES = ("", "nguồn ", "nguồn vốn ", "vốn ")
BUDGET_INVESTMENT_PHRASES: tuple[str, ...] = tuple(
    f"{head} {what}{link}{source}{budget}" for head in _INVESTMENT_HEADS for what in _INVESTMENT_WHATS
    for link in ("thuộc ", "từ ") for source in _BUDGET_SOURCES for budget in ("ngân sách nhà nước", "NSNN"))

# Words that name an indicator only in a paragraph already about a related one: in a
# tourism report "tổng doanh thu đạt 1.496 tỷ đồng" is the tourism revenue. The extractor
# also asks that a figure of the indicator's unit follow with only cue words between
# (as for WEAK_PHRASES). (phrase, indicator code, the code the paragraph must be about)
CONTEXT_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("doanh thu", "tourism_revenue", "tourist_arrivals"),
    ("tổng doanh thu", "tourism_revenue", "tourist_arrivals"),
    # "Tổng thu" alone after the arrivals is the take from them, as tourism reports write it: "đón
    # hơn 7 triệu lượt du khách … Tổng thu đạt hơn 29.000 tỉ đồng", "tổng lượt khách … là 2.150.000
    # lượt …; tổng thu ước đạt 3.080 tỉ đồng" (the budget's "tổng thu ngân sách" is a longer phrase).
    ("tổng thu", "tourism_revenue", "tourist_arrivals"),
    # What the visits bring in, the revenue's noun after its figure or left out: "2,58 triệu lượt du
    # khách … mang về gần 5.000 tỷ đồng doanh thu", "đón 1,2 triệu lượt khách, thu về 950 tỷ đồng".
    *((verb, "tourism_revenue", "tourist_arrivals") for verb in ("mang về", "đem về", "thu về", "mang lại", "đem lại")),
    # "… kế hoạch vốn năm 2021 khoảng 4.500 tỷ đồng, giải ngân ước đạt 2.100 tỷ đồng"
    ("giải ngân", "public_investment_disbursed", "public_investment_disbursed"),
    # "… được giao thu ngân sách 12.400 tỷ đồng. Đến giữa tháng 12, tỉnh đã thu được 13.100 tỷ
    # đồng": the verb alone names the revenue in a paragraph about it.
    ("thu được", "budget_revenue", "budget_revenue"),
    # The spending named bare after the revenue ("Tổng thu NSNN … ước đạt 5.200 tỷ đồng; tổng chi ước
    # đạt 4.100 tỷ đồng"): it is no part of the revenue before it.
    ("tổng chi", "budget_expenditure", "budget_revenue"),
    # … and bare "chi" after the revenue, as round-ups pair the two flows in one clause ("Thu ngân
    # sách 8.600 tỷ đồng, chi 7.900 tỷ đồng", "thu hơn 3.600 tỷ đồng, chi …"): the word
    # left when "ngân sách" is written once for both; its figure must follow it ("chi phí", "chi
    # trả", "chi cục" put a word between, and stay no subject).
    ("chi", "budget_expenditure", "budget_revenue"),
    # "… 320 doanh nghiệp thành lập mới với tổng vốn điều lệ 2.150 tỷ đồng": the charter capital new
    # firms register (a bank's "vốn điều lệ" is not). Not a bare "tổng vốn": as a phrase it would
    # hide the longer ones it opens ("tổng vốn | đầu tư thực hiện toàn xã hội", "tổng số vốn | FDI").
    *((f"{head}vốn điều lệ", "registered_capital", "new_enterprises") for head in ("", "số ", "tổng ", "tổng số ")),
    # The production value named bare right after the industry's index ("… chỉ số sản xuất công
    # nghiệp tăng 58%, … . Giá trị sản xuất 6 tháng ước đạt hơn 20.400 tỷ đồng"): the industry's.
    # (Not "tổng giá trị sản xuất": district reviews total all branches under it.)
    ("giá trị sản xuất", "industrial_output_value", "iip"),
)

# Parts named bare in a paragraph already about their indicator, with their scope: "CPI khu vực
# thành thị tăng 0,34% và khu vực nông thôn tăng 0,42%" (the index left out of the second).
# (phrase, indicator code, the code the paragraph must be about, scope)
CONTEXT_PARTS: tuple[tuple[str, str, str, str], ...] = (
    ("khu vực thành thị", "cpi", "cpi", "khu vực thành thị"),
    ("khu vực nông thôn", "cpi", "cpi", "khu vực nông thôn"),
    # State-budget investment split by who manages it, as the statistics offices report it: "Trong đó,
    # vốn trung ương quản lý đạt 2.602 tỷ đồng …; vốn địa phương quản lý đạt 10.394 tỷ đồng", "vốn ngân
    # sách Nhà nước cấp tỉnh 372,6 tỷ đồng, … cấp huyện 276,3 tỷ đồng" (parts of the total, Conventions).
    *((f"{by} {level} quản lý", "public_investment_disbursed", "public_investment_disbursed", f"{by} {level} quản lý")
      for by in ("vốn", "vốn do", "vốn đầu tư thực hiện do") for level in ("trung ương", "địa phương")),
    *((f"vốn {budget} cấp {level}", "public_investment_disbursed", "public_investment_disbursed", f"vốn {budget} cấp {level}")
      for budget in ("ngân sách nhà nước", "ngân sách", "thuộc ngân sách nhà nước") for level in ("tỉnh", "huyện", "xã")),
    # A capital plan or its disbursement split by the budget that funds it, as the planning departments
    # list the parts after the total: "… trên 8.029 tỷ đồng; trong đó, vốn ngân sách Trung ương trên 3.686
    # tỷ đồng", "vốn cân đối ngân sách địa phương là 4.300 tỷ đồng, vốn nước ngoài (ODA) 202 tỷ đồng".
    *((f"{head}{source}", "public_investment_disbursed", "public_investment_disbursed", f"{head}{source}")
      for head in ("vốn ", "nguồn vốn ", "vốn cân đối ")
      for source in ("ngân sách trung ương", "ngân sách địa phương", "nước ngoài", "ODA")),
)

# A plan's amount named as such: the figure is the indicator's target ("kế hoạch vốn đầu tư
# công giao 3.580 tỷ đồng", Conventions). (phrase, indicator code)
PLAN_PHRASES: tuple[tuple[str, str], ...] = (
    ("kế hoạch vốn đầu tư công", "public_investment_disbursed"),
    ("vốn kế hoạch đầu tư công", "public_investment_disbursed"),
    ("kế hoạch đầu tư công", "public_investment_disbursed"),
    # The disbursement set as a goal, its amount or its share of the plan: "đặt mục tiêu giải ngân hơn
    # 8.900 tỷ đồng", "không hoàn thành mục tiêu giải ngân vốn đầu tư công trên 95%", "để đạt mục tiêu
    # giải ngân 95% kế hoạch năm 2023".
    *((f"mục tiêu giải ngân{what}", "public_investment_disbursed")
      for what in ("", " vốn đầu tư công", " đầu tư công", " kế hoạch vốn đầu tư công")),
    # The budget's estimate is its plan ("đạt 45% dự toán", Readings): "dự toán thu ngân sách nhà
    # nước năm 2023 là 9.500 tỷ đồng" is the revenue's target.
    *((f"dự toán {flow} {budget}", code)
      for flow, code in (("thu", "budget_revenue"), ("chi", "budget_expenditure"))
      for budget in ("ngân sách", "ngân sách nhà nước", "NSNN", "ngân sách địa phương")),
)

# The words that name a goal a figure is set against: "vượt mục tiêu đề ra", "thấp hơn kế hoạch
# 8%", "hoàn thành chỉ tiêu", "đạt mục tiêu theo kịch bản đề ra" (GOAL_WORDS_PATTERN: as a regex).
# A budget's estimate ("dự toán") and a council's resolution ("nghị quyết") are goals too where a
# share is measured against them; the patterns that read those add them.
GOAL_WORDS = ("mục tiêu", "kế hoạch", "chỉ tiêu", "kịch bản")

# The verbs that say a goal was reached or passed: "đạt và vượt kế hoạch", "hoàn thành chỉ tiêu"
# (GOAL_REACHED_VERBS_PATTERN: as a regex).
GOAL_REACHED_VERBS = ("đạt", "vượt", "hoàn thành")

# A growth named as such: its percent is the indicator's change, not a level ("tăng trưởng
# tín dụng đạt 10,73%", "định hướng tăng trưởng tín dụng 14%"). (phrase, code, scope)
GROWTH_PHRASES: tuple[tuple[str, str, str | None], ...] = (
    ("tăng trưởng tín dụng", "credit_outstanding", None),
    ("tốc độ tăng trưởng tín dụng", "credit_outstanding", None),
    ("tăng trưởng dư nợ", "credit_outstanding", None),
    ("tăng trưởng dư nợ tín dụng", "credit_outstanding", None),
    ("tăng trưởng tín dụng ngoại tệ", "credit_outstanding", "ngoại tệ"),
    ("tăng trưởng huy động vốn", "deposits_mobilized", None),
    ("tăng trưởng xuất khẩu", "export_turnover", None),
    ("tốc độ tăng trưởng xuất khẩu", "export_turnover", None),
)

# Bare trade verbs ("xuất khẩu đạt 355,5 tỷ USD", "nhập khẩu tăng 18,1%"). Each names the
# indicator only when a dollar level or a change follows in its clause with nothing but
# cue words between ("xuất khẩu gạo", "xuất khẩu sang Mỹ" are products and markets):
# the extractor checks that, a Mention here only says the phrase is weak.
WEAK_PHRASES: tuple[tuple[str, str], ...] = (
    ("xuất khẩu", "export_turnover"),
    ("nhập khẩu", "import_turnover"),
    # "xuất khẩu được 6,8 tỷ USD và nhập khoảng 7,2 tỷ USD": the imports, "khẩu" left out after
    # the exports (find_events keeps it only after "xuất" in its sentence, never "thu nhập").
    ("nhập", "import_turnover"),
    ("xuất nhập khẩu", "trade_turnover"),
    ("xuất, nhập khẩu", "trade_turnover"),
    # "các ngân hàng cho vay ước đạt 90 nghìn tỉ đồng": lending outstanding.
    ("cho vay", "credit_outstanding"),
    # "tín dụng trên địa bàn tăng 9,8% so với cuối năm": credit, when a change or a level follows.
    ("tín dụng", "credit_outstanding"),
    # "kinh tế của tỉnh 6 tháng tăng trưởng 7,82%", "nền kinh tế tăng 6,5%": the economy's growth.
    ("kinh tế", "grdp_growth"),
    ("nền kinh tế", "grdp_growth"),
    # "tốc độ tăng trưởng 6 tháng đầu năm 2021 của tỉnh đạt 7,58%": the province's growth; of
    # anything named after it ("… ngành công nghiệp", "… tín dụng") it is not.
    ("tốc độ tăng trưởng", "grdp_growth"),
    ("tăng trưởng", "grdp_growth"),
    # "Bình quân 5 tháng đầu năm giá tiêu dùng tăng 1,72% so với cùng kỳ": the CPI, its "chỉ số"
    # left out; "giá tiêu dùng nhóm …" names a group, no figure of the index.
    ("giá tiêu dùng", "cpi"),
    # "quản lý thị trường đã xử lý 340 vụ": cases handled, as violations.
    ("xử lý", "market_violations"),
    # "Ban Chỉ đạo 389 tỉnh đã phát hiện 162 vụ/161 đối tượng liên quan đến buôn lậu": cases found,
    # as violations, when the count follows the verb (as "xử lý" above).
    ("phát hiện", "market_violations"),
    # "Tính chung 2 tháng đầu năm, sản xuất công nghiệp ước tăng 14,2% so với cùng kỳ", "sản xuất
    # công nghiệp tháng 9 ước tăng 2,8%": industrial production's change, the index's (IIP), its
    # "chỉ số" left out; "giá trị sản xuất công nghiệp" is the catalogue's own longer phrase.
    ("sản xuất công nghiệp", "iip"),
    # "toàn tỉnh thành lập mới 215 doanh nghiệp": the verb before its count.
    ("thành lập mới", "new_enterprises"),
    ("đăng ký thành lập mới", "new_enterprises"),
    ("đăng ký thành lập", "new_enterprises"),  # "6 tháng, đăng ký thành lập 320 doanh nghiệp"
    # "Năm 2023, toàn tỉnh phát triển mới 1.150 doanh nghiệp, đạt 104% kế hoạch": firms founded,
    # as provinces' plans for firms count them (a count of cooperatives or customers is no firm's).
    ("phát triển mới", "new_enterprises"),
    ("thành lập thêm", "new_enterprises"),  # "toàn tỉnh thành lập thêm 250 doanh nghiệp"
    ("thành lập được", "new_enterprises"),  # "thành lập được 250 doanh nghiệp, đạt 96% kế hoạch"
    # "Đầu tư công đạt 4.300 tỷ đồng", "vốn đầu tư công 6 tháng ước đạt 2.150 tỷ đồng": the public
    # investment carried out, named bare, when its verb and an amount in đồng follow it
    # (extract_subjects.bare_public_investment_without_amount); "vốn đầu tư công đã phân bổ", "dự án
    # đầu tư công" and the plan's phrases ("kế hoạch vốn đầu tư công") are no such subject.
    ("đầu tư công", "public_investment_disbursed"),
    ("vốn đầu tư công", "public_investment_disbursed"),
)

# Old and new tone placement ("hoá"/"hóa", "thuỷ"/"thủy") are the same word; the
# matcher sees one spelling. Each pair has the same length, so offsets hold.
_TONE_PAIRS = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# One alternative per first letter ("o[áà…]|u[ýỳ…]"): the same strings as one alternative per
# pair, and the engine tries two branches per position instead of fifteen.
_TONE_BODY = r"(?<![qQ])(" + "|".join(
    first + "[" + "".join(p[1] for p in _TONE_PAIRS if p[0] == first) + "]"
    for first in dict.fromkeys(p[0] for p in _TONE_PAIRS)) + r")(?!\w)"
_TONE_RE = re.compile(_TONE_BODY, re.IGNORECASE)
# The same matches in text already lower-cased, found faster (retone was 4.9% of extracting
# the sample page; a sentence with no pair is now scanned in 2.3 µs instead of 6):
# - no IGNORECASE: every letter named is lower-case, and lower-cased text holds no upper-case
#   letter for IGNORECASE to let in;
# - "o(?<!qo)[…]" rather than "(?<!q)o[…]": the same test (the letter before the 'o' is not
#   'q'), but a pattern that opens with a letter lets the engine skip in C to the next 'o' or
#   'u' instead of trying the look-behind at every position.
# tests/test_indicators.py checks that it gives what retone() gives on lower-cased text.
_TONE_LOWER_RE = re.compile("(?:" + "|".join(
    first + f"(?<!q{first})[" + "".join(p[1] for p in _TONE_PAIRS if p[0] == first) + "]"
    for first in dict.fromkeys(p[0] for p in _TONE_PAIRS)) + r")(?!\w)")


def retone(text: str) -> str:
    """One tone placement for open syllables ('hoá' -> 'hóa'); same length as ``text``."""

    def swap(m: re.Match[str]) -> str:
        s = m.group(0)
        out = _TONE_PAIRS.get(s.lower(), s)
        return out.upper() if s.isupper() else (out[0].upper() + out[1:] if s[0].isupper() else out)

    return _TONE_RE.sub(swap, text)


def _retone_folded(low: str) -> str:
    """retone() for text that ``textscan.fold`` lower-cased: a lower-case pair has a
    lower-case replacement, so swap() reduces to the table look-up."""
    return _TONE_LOWER_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], low)


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    unit: str
    label_vi: str
    also_written: tuple[str, ...]
    description: str

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.label_vi, *self.also_written)


# The indicators of goods traded, which read a bare "kim ngạch" and refuse a product's or market's
# share alike.
TRADE_CODES = frozenset({"export_turnover", "import_turnover", "trade_turnover"})


@cache
def load_catalogue(path: Path | None = None) -> dict[str, Indicator]:
    """code -> Indicator, from data/indicators.csv."""
    with (path or CATALOGUE_PATH).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {
        r["code"]: Indicator(
            code=r["code"],
            unit=r["unit"],
            label_vi=r["label_vi"].strip(),
            also_written=tuple(v.strip() for v in r["also_written"].split(";") if v.strip()),
            description=r["description"],
        )
        for r in rows
    }


PLACES_PATH = Path(__file__).parent / "data" / "places.csv"


# The economic regions' names are made of common words, each capitalised as the writer pleases
# ("Bắc Trung bộ và duyên hải miền Trung", "vùng Đồng Bằng Sông Hồng", "Vùng đồng bằng sông Cửu
# Long"): each of these words matches in either case (written out as names, not IGNORECASE, which
# stops the engine skipping to a name's first letter: find_places ran 5x slower).
_REGION_COMMON_WORDS = frozenset({"vùng", "khu", "vực", "đồng", "bằng", "sông", "bộ", "duyên", "hải", "miền", "núi", "phía", "du"})


def _case_variants(name: str) -> set[str]:
    if not any(w in name.lower() for w in ("bộ", "sông", "tây nguyên", "trung du", "duyên hải")):
        return {name}  # a province ("Hải Phòng", "Đồng Nai"): a proper noun, as written
    variants = {""}
    for word in name.split():
        forms = {word.lower(), word[0].upper() + word[1:].lower()} if word.lower() in _REGION_COMMON_WORDS else {word}
        variants = {f"{v} {w}".lstrip() for v in variants for w in forms}
    return variants


@cache
def _place_pattern() -> re.Pattern[str]:
    # No leading (?<!\w): a pattern that opens with its names' first letters lets the engine
    # skip in C to the next capital that can start one (3x quicker); find_places checks the edge.
    with PLACES_PATH.open(encoding="utf-8", newline="") as f:
        names = [r["name"].strip() for r in csv.DictReader(f) if r["name"].strip()]
    return re.compile(phrase_alternation(sorted({v for n in names for v in _case_variants(n)}), r"\s+") + r"(?!\w)")


def find_places(text: str) -> list[re.Match[str]]:
    """The provinces, cities and economic regions of data/places.csv in ``text``, as written (capitalised): a
    place's name scopes a figure in a national report ("Bắc Giang (13,82%), Hòa Bình (12,76%)")."""
    return [m for m in _place_pattern().finditer(text) if not (m.start() and text[m.start() - 1].isalnum())]


# A named tuple, not a frozen dataclass: find_mentions builds one per phrase found (~1,300 a
# run of the bench's fixtures), and a frozen dataclass's __init__ (one object.__setattr__ a
# field) took 0.91 us against 0.21 us here: ~1.1% of extraction.
class Mention(NamedTuple):
    start: int
    end: int
    code: str
    scope: str | None
    weak: bool = False  # a WEAK_PHRASES entry: a subject only if its clause confirms it
    needs: str | None = None  # a CONTEXT_PHRASES entry: the code the paragraph must be about
    plan: bool = False  # a PLAN_PHRASES entry: its figure is a target
    growth: bool = False  # a GROWTH_PHRASES entry: its percent is a change


@cache
def _phrase_table() -> tuple[FastPattern, dict[str, Mention]]:
    """The pattern of every phrase, and each phrase's key -> a Mention template (no span)."""
    table: dict[str, Mention] = {}
    for ind in load_catalogue().values():
        for phrase in ind.phrases:
            table.setdefault(_key(phrase), Mention(0, 0, ind.code, None))
    for phrases, code in ((TOURISM_REVENUE_PHRASES, "tourism_revenue"),
                          (BUDGET_INVESTMENT_PHRASES, "public_investment_disbursed")):
        for phrase in phrases:  # (generated from head words: see their definitions)
            table.setdefault(_key(phrase), Mention(0, 0, code, None))
    for phrase, code, scope in SCOPED_PHRASES:
        table[_key(phrase)] = Mention(0, 0, code, scope)
        if phrase in _WHOLE_WITH_HEAD:
            continue
        for head in _SCOPED_HEADS + _VISITOR_HEADS if code == "tourist_arrivals" else _SCOPED_HEADS:
            table.setdefault(_key(f"{head} {phrase}"), Mention(0, 0, code, scope))
    for phrase, code in WEAK_PHRASES:
        table.setdefault(_key(phrase), Mention(0, 0, code, None, weak=True))
    for phrase, code, needs in CONTEXT_PHRASES:
        table.setdefault(_key(phrase), Mention(0, 0, code, None, needs=needs))
    for phrase, code, needs, scope in CONTEXT_PARTS:
        table.setdefault(_key(phrase), Mention(0, 0, code, scope, needs=needs))
    for phrase, code in PLAN_PHRASES:
        table.setdefault(_key(phrase), Mention(0, 0, code, None, plan=True))
    for phrase, code, scope in GROWTH_PHRASES:
        table[_key(phrase)] = Mention(0, 0, code, scope, growth=True)
    return FastPattern(phrase_alternation(table) + r"(?!\w)", word_start=True, opens_with_letters=True), table


# Between the words of a phrase: "kim  ngạch", an abbreviation in brackets after a word ("337
# doanh nghiệp (DN) thành lập mới"), and a comma only after the words the phrases write one
# after ("xuất, nhập khẩu", "trung, dài hạn", "góp vốn, mua cổ phần", "tổng mức bán lẻ hàng
# hóa, dịch vụ", "mua cổ phần, phần vốn góp", "khu, điểm du lịch", "doanh thu từ các hoạt động dịch
# vụ, du lịch"): elsewhere a comma ends a list's item ("310 nghìn lượt, khách tham quan 188 nghìn
# lượt"). "hoá" too: may_mention looks in text not yet retoned.
_COMMA_AFTER = ("xuất", "trung", "vốn", "hóa", "hoá", "phần", "khu", "vụ")
_GAP = r"(?:\s|\s*\([^\s()\d]{1,8}\))\s*"
_GAP_OR_COMMA = r"(?:\s|,|\s*\([^\s()\d]{1,8}\))\s*"


def _word_gap(word: str) -> str:
    """The gap after ``word`` in a catalogue phrase. Chosen as the trie is built, where the word is
    known, rather than written once with a lookbehind for each of _COMMA_AFTER (the same matches):
    the gap stands in the pattern ~5,000 times, and the catalogue's two patterns took 3.3 s to
    compile, on a process's first extraction, at 585K characters each; ~0.7 s at 195K."""
    return _GAP_OR_COMMA if word.endswith(_COMMA_AFTER) else _GAP


def phrase_alternation(phrases: Iterable[str], word_gap: str | Callable[[str], str] = _word_gap) -> str:
    """Lower-case phrases (words of letters split by white space) as one regex body that matches
    what their longest-first alternation matches (words apart by ``word_gap``, a pattern, or a
    function of the word before the gap that gives one), faster."""
    return _trie_pattern(_trie(phrases, word_gap))


def _trie(phrases: Iterable[str], word_gap: str | Callable[[str], str]) -> dict:
    """Phrases as a trie of tokens (a letter, or the gap between two words: a 1-tuple of its
    pattern); "" marks an end."""
    root: dict = {}
    for phrase in phrases:
        node = root
        words = phrase.split()  # a doubled space is one gap, as in the plain alternation
        for i, word in enumerate(words):
            gap = [(word_gap if isinstance(word_gap, str) else word_gap(words[i - 1]),)] if i else []
            for token in gap + list(word):
                node = node.setdefault(token, {})
        node[""] = {}
    return root


def _trie_pattern(node: dict) -> str:
    """The trie as one regex that matches what the longest-first alternation of its phrases
    matches, ~6x faster (measured on the labelled fixtures): siblings differ in their first
    token (distinct lower-case letters, or a gap, which opens with white space, a comma or a
    bracket), so at most one branch fits the text, and trying a node's children before ending
    there makes the longest phrase win, as longest-first did."""
    branches = [(t[0] if isinstance(t, tuple) else re.escape(t)) + _trie_pattern(child)
                for t, child in node.items() if t]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# The goal tables as regex bodies (any white space between words), for the patterns built on them.
GOAL_WORDS_PATTERN = phrase_alternation(GOAL_WORDS, r"\s+")
GOAL_REACHED_VERBS_PATTERN = phrase_alternation(GOAL_REACHED_VERBS, r"\s+")


# Cached: find_mentions keys every phrase it finds, and the spellings of the catalogue's
# phrases are few; the key is a pure function of the text (saved ~2% on the sample page).
@lru_cache(maxsize=4096)
def _key(phrase: str) -> str:
    return " ".join(_BRACKETED_RE.sub(" ", retone(phrase).lower().replace(",", " ")).split())


_BRACKETED_RE = re.compile(r"\([^()]*\)")


def _old_tone_spellings(key: str) -> set[str]:
    """A retoned phrase as it may be written: each new-style pair ("hóa") either way ("hoá")."""
    spellings = {key}
    for old, new in _TONE_PAIRS.items():
        if new in key:  # (most keys hold no pair: ~15x fewer startswith calls, a process's first extraction)
            spellings |= {s[:i] + old + s[i + 2:] for s in spellings for i in range(len(s)) if s.startswith(new, i)}
    return spellings


@cache
def _loose_phrases() -> re.Pattern[str]:
    """The catalogue phrases in either tone placement, with no word boundaries."""
    return re.compile(phrase_alternation({s for key in _phrase_table()[1] for s in _old_tone_spellings(key)}))


def may_mention(text: str, folded: str | None = None) -> bool:
    """False only when :func:`find_mentions` finds nothing in ``text`` nor in any part of it
    (a sentence, a table cell), at ~1/20 of the cost of looking sentence by sentence.

    A mention in a part is a catalogue phrase in the part lower-cased and retoned, with no
    letter right before or after it; retone() rewrites only old-style pairs ("oá" -> "óa"),
    and only ones the mention holds whole (a pair across its edge would put a letter next
    to it). So ``text`` lower-cased holds the phrase with some of its pairs old-style, which
    ``_loose_phrases`` matches: lower-casing is letter by letter but for the Greek final
    sigma, which no phrase holds. Text whose lower case changes length ("İ") is searched
    the slow way, so is let through. ``folded``: ``fold(text)`` when the caller has it.
    """
    low = fold(text) if folded is None else folded
    return low is None or _loose_phrases().search(low) is not None


_new_tuple = tuple.__new__


def find_mentions(text: str, folded: str | None = None) -> list[Mention]:
    """Catalogue phrases in ``text`` (already normalised), leftmost-longest, in order.
    ``folded``: ``textscan.fold(text)`` when the caller has it."""
    pattern, table = _phrase_table()
    found = []
    low = fold(text) if folded is None else folded
    tails = _TEMPLATE_TAILS
    for m in pattern.finditer(retone(text)) if low is None else pattern.finditer(low, _retone_folded(low)):
        # The phrase's template with this span: Mention(start, end, *template[2:]), built the
        # quicker way (tuple.__new__ skips the named tuple's Python-level __new__). The template's
        # fields after the span, by the phrase as matched: looked up once per spelling, not keyed
        # and sliced at each match (a round of the labelled fixtures: 509.3M -> 505.4M instructions).
        tail = tails.get(phrase := m.group(0))
        if tail is None:
            tail = tails[phrase] = table[_key(phrase)][2:]
        found.append(_new_tuple(Mention, m.span() + tail))
    return found


# A matched phrase (lower-case, retoned) -> its Mention template's fields after the span; the
# spellings met are few (cf. _key's cache), and each maps to one template for the process's life.
_TEMPLATE_TAILS: dict[str, tuple] = {}
