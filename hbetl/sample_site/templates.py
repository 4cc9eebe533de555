"""HTML and RSS for the sample site, shaped like a 2010s Vietnamese provincial-paper CMS.

The class names and URL shapes are a contract: the `baohoabinh` profile in
hbetl/data/profiles.toml and docs/architecture.md describe them, and the parser and
crawler are written against that description. The page chrome (menu, sidebar, footer,
style sheet) makes a page weigh 20-60 KB like the real one, so size-sensitive code
(fetch caps, parse timing) meets realistic input.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape

from hbetl.sample_site.content import CATEGORIES, WEEKDAYS_VI, SiteArticle, vi_datetime

SITE_NAME = "Báo Hòa Bình"
VIETNAM = timezone(timedelta(hours=7))
PAGE_SIZE = 20  # articles per listing page, as on the paper
RSS_ITEMS = 50

STYLE = """
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#222;background:#f3f3f3}
#wrapper{width:1000px;margin:0 auto;background:#fff}
.header{height:110px;background:#0b5ea8 url(/images/banner.jpg) no-repeat;position:relative}
.header .logo{position:absolute;left:20px;top:18px;color:#fff;font-size:34px;font-weight:bold}
.header .slogan{position:absolute;left:22px;top:66px;color:#dfefff;font-size:13px}
.header .today{position:absolute;right:20px;top:12px;color:#fff}
.header form.search{position:absolute;right:20px;top:70px}
.menu{background:#e31e24;height:34px}.menu ul{list-style:none;margin:0;padding:0}
.menu li{float:left}.menu li a{display:block;padding:0 12px;line-height:34px;color:#fff;
text-decoration:none;font-weight:bold;text-transform:uppercase;font-size:12px}
.menu li a:hover,.menu li.active a{background:#b5151a}
.ticker{padding:6px 10px;border-bottom:1px solid #ddd;white-space:nowrap;overflow:hidden}
.main{overflow:hidden;padding:10px}.col-left{float:left;width:660px}.col-right{float:right;width:300px}
.breadcrumb{padding:4px 0 8px;border-bottom:2px solid #e31e24;margin-bottom:10px}
.breadcrumb a{color:#e31e24;font-weight:bold;text-transform:uppercase;text-decoration:none}
.article-title{font-size:22px;line-height:28px;color:#0b3c6e;margin:6px 0}
.article-date{color:#888;font-size:12px;margin-bottom:8px}
.article-sapo{font-weight:bold;line-height:20px;margin-bottom:10px}
.article-content p{line-height:20px;text-align:justify;margin:0 0 10px}
.article-content table.image{margin:10px auto;border-collapse:collapse}
.article-content table.image img{max-width:560px}
.article-content p.image-caption{font-style:italic;text-align:center;color:#444}
.other-news{margin-top:16px;border-top:1px solid #ccc}.other-news h3{color:#e31e24;font-size:15px}
.other-news ul,.list-news ul,.box ul{list-style:none;margin:0;padding:0}
.other-news li,.list-news li{overflow:hidden;padding:8px 0;border-bottom:1px dotted #ccc}
.other-news a.title,.list-news a.title{font-weight:bold;color:#0b3c6e;text-decoration:none;font-size:14px}
.teaser{margin:4px 0 0;color:#444;line-height:18px}
.archive-box{margin:14px 0;padding:8px;background:#f5f5f5;border:1px solid #ddd}
.paging{margin:12px 0;text-align:center}.paging a{padding:3px 8px;border:1px solid #ccc;margin:0 2px}
.box{margin-bottom:12px;border:1px solid #ddd}.box h4{margin:0;padding:6px 8px;background:#0b5ea8;color:#fff}
.box li{padding:6px 8px;border-bottom:1px dotted #ddd}.box li a{color:#222;text-decoration:none}
.adv{margin-bottom:12px;text-align:center}.adv img{width:300px;height:250px;background:#eee}
.footer{clear:both;background:#0b5ea8;color:#fff;padding:14px 20px;line-height:20px;font-size:12px}
.footer a{color:#fff}.footer .menu-bottom a{margin-right:10px}
""".strip()

SCRIPT = """
(function(){var d=new Date(),el=document.getElementById('clock');
if(el){el.innerHTML=d.getHours()+':'+('0'+d.getMinutes()).slice(-2);}
var f=document.getElementById('archive-form');if(!f)return;
f.onsubmit=function(){var y=f.nam.value,m=('0'+f.thang.value).slice(-2),dd=('0'+f.ngay.value).slice(-2),
c=f.querySelector('input[name=cm]:checked');window.location='/tin-theo-ngay/'+y+'-'+m+'-'+dd+'/'+
(c?c.value:'0')+'.htm';return false;};})();
""".strip()


def _e(text: str) -> str:
    return escape(text, quote=True)


def _category_link(category: int) -> str:
    return f"/{category}/trang-1.htm"


def archive_path(day: date, category: int = 0) -> str:
    return f"/tin-theo-ngay/{day:%Y-%m-%d}/{category}.htm"


def today_vietnam() -> date:
    return datetime.now(VIETNAM).date()


# ---------------------------------------------------------------- page chrome

# Sub-menus as on the paper; they lead to the parent category's listing (the sample site has
# no sub-category pages, and a menu link that 404s would only teach a crawler bad habits).
SUBMENUS: dict[int, tuple[str, ...]] = {
    11: ("Công nghiệp", "Thương mại - Dịch vụ", "Tài chính - Ngân hàng", "Doanh nghiệp", "Đầu tư"),
    12: ("Giáo dục", "Y tế", "Lao động - Việc làm", "Giao thông", "Môi trường"),
    13: ("Xây dựng Đảng", "Chính quyền", "Mặt trận - Đoàn thể", "Quốc phòng - An ninh"),
    14: ("Văn hóa", "Du lịch", "Thể thao", "Văn nghệ"),
    15: ("Nông nghiệp", "Nông thôn mới", "Lâm nghiệp", "OCOP"),
    16: ("An ninh trật tự", "Bạn đọc", "Pháp luật - Đời sống"),
}


def _menu(active: int | None) -> str:
    items = ['<li><a href="/">Trang chủ</a></li>']
    for cat, name in CATEGORIES.items():
        cls = ' class="active"' if cat == active else ""
        subs = "".join(f'<li><a href="{_category_link(cat)}" title="{_e(sub)}">{_e(sub)}</a></li>'
                       for sub in SUBMENUS.get(cat, ()))
        items.append(f'<li{cls}><a href="{_category_link(cat)}">{_e(name)}</a>'
                     f'<ul class="submenu">{subs}</ul></li>')
    items.append('<li><a href="/rss/home.rss">RSS</a></li>')
    return '<div class="menu"><ul>' + "".join(items) + "</ul></div>"


def _header() -> str:
    today = today_vietnam()
    return (
        '<div class="header"><div class="logo">BÁO HÒA BÌNH</div>'
        '<div class="slogan">Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Hòa Bình - Tiếng nói của '
        'Đảng bộ, chính quyền và nhân dân các dân tộc tỉnh Hòa Bình</div>'
        f'<div class="today">{WEEKDAYS_VI[today.weekday()]}, ngày {today:%d/%m/%Y} <span id="clock"></span></div>'
        '<form class="search" method="get" action="/tim-kiem/"><input type="text" name="q" '
        'placeholder="Tìm kiếm..."><input type="submit" value="Tìm"></form></div>'
    )


def _titles_box(heading: str, articles: Sequence[SiteArticle]) -> str:
    items = "".join(f'<li><a href="{a.path}">{_e(a.title)}</a></li>' for a in articles)
    return f'<div class="box"><h4>{_e(heading)}</h4><ul>{items}</ul></div>'


def _focus_box(articles: Sequence[SiteArticle]) -> str:
    items = "".join(f'<li><a href="{a.path}">{_e(a.title)}</a><p>{_e(a.summary)}</p></li>' for a in articles)
    return f'<div class="box focus"><h4>Tiêu điểm</h4><ul>{items}</ul></div>'


def _sidebar(latest: Sequence[SiteArticle], popular: Sequence[SiteArticle]) -> str:
    adverts = "".join(
        f'<div class="adv"><a href="/"><img src="/images/qc-{n}.jpg" alt="Quảng cáo {n}"></a></div>'
        for n in range(1, 4)
    )
    links = "".join(
        f'<li><a href="{url}">{_e(name)}</a></li>' for url, name in (
            ("/", "Cổng thông tin điện tử tỉnh Hòa Bình"), ("/", "Truyền hình Hòa Bình"),
            ("/", "Báo Hòa Bình điện tử - Phiên bản tiếng Mường"), ("/", "Bản tin Hòa Bình cuối tuần"))
    )
    return (
        '<div class="col-right">' + _titles_box("Tin mới nhất", latest) + _focus_box(popular[:5]) + adverts
        + _titles_box("Đọc nhiều nhất", popular)
        + f'<div class="box"><h4>Liên kết</h4><ul>{links}</ul></div></div>'
    )


def _footer() -> str:
    menu = " ".join(f'<a href="{_category_link(c)}">{_e(n)}</a>' for c, n in CATEGORIES.items())
    sitemap = "".join(
        f'<ul class="sitemap"><li><b>{_e(CATEGORIES[c])}</b></li>'
        + "".join(f'<li><a href="{_category_link(c)}">{_e(sub)}</a></li>' for sub in subs) + "</ul>"
        for c, subs in SUBMENUS.items() if c in CATEGORIES
    )
    return (
        '<div class="footer">'
        f'<div class="menu-bottom"><a href="/">Trang chủ</a> {menu} <a href="/rss/home.rss">RSS</a></div>'
        f'<div class="sitemaps">{sitemap}</div>'
        '<p><b>BÁO HÒA BÌNH ĐIỆN TỬ</b><br>Giấy phép số 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp.'
        '<br>Tổng Biên tập: Nguyễn Văn Mẫu - Phó Tổng Biên tập: Trần Thị Ví Dụ.'
        '<br>Tòa soạn: Số 1, đường Mẫu, phường Phương Lâm, thành phố Hòa Bình, tỉnh Hòa Bình.'
        '<br>ĐT: 0218.3852.000 - Fax: 0218.3852.001 - Email: toasoan@baohoabinh.example'
        '<br>Ghi rõ nguồn "Báo Hòa Bình điện tử" khi phát hành lại thông tin từ website này.</p>'
        '</div>'
    )


def _archive_box(day: date, category: int | None) -> str:
    days = "".join(f'<option value="{d}"{" selected" if d == day.day else ""}>{d}</option>'
                   for d in range(1, 32))
    months = "".join(f'<option value="{m}"{" selected" if m == day.month else ""}>{m}</option>'
                     for m in range(1, 13))
    years = "".join(f'<option value="{y}"{" selected" if y == day.year else ""}>{y}</option>'
                    for y in range(2010, today_vietnam().year + 1))
    this_cat = category or 0
    return (
        '<div class="archive-box"><form id="archive-form" method="get" action="/tin-theo-ngay/">'
        f'Xem các tin đã đưa ngày: <select name="ngay">{days}</select>'
        f'<select name="thang">{months}</select><select name="nam">{years}</select>'
        ' Tin trong: '
        f'<label><input type="radio" name="cm" value="{this_cat}" checked> Chuyên mục này</label> '
        '<label><input type="radio" name="cm" value="0"> Mọi chuyên mục</label> '
        '<input type="submit" value="Xem"></form></div>'
    )


def page(*, title: str, body: str, sidebar: str, active: int | None = None, og_title: str | None = None,
         description: str | None = None) -> str:
    meta = [f'<meta property="og:title" content="{_e(og_title or title)}">',
            f'<meta property="og:site_name" content="{SITE_NAME}">']
    if description:
        meta.append(f'<meta name="description" content="{_e(description)}">')
        meta.append(f'<meta property="og:description" content="{_e(description)}">')
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{_e(title)} - {SITE_NAME}</title>\n'
        '<meta name="viewport" content="width=1000">\n' + "\n".join(meta) + "\n"
        '<link rel="alternate" type="application/rss+xml" title="Báo Hòa Bình" href="/rss/home.rss">\n'
        f'<link rel="shortcut icon" href="/favicon.ico">\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n'
        f'<div id="wrapper">\n{_header()}\n{_menu(active)}\n'
        '<div class="ticker"><b>Tin nóng:</b> Chào mừng các ngày lễ lớn của đất nước</div>\n'
        f'<div class="main">\n<div class="col-left">\n{body}\n</div>\n{sidebar}\n</div>\n{_footer()}\n</div>\n'
        f'<script>\n{SCRIPT}\n</script>\n</body>\n</html>\n'
    )


# ---------------------------------------------------------------- pages

def _teaser_items(articles: Sequence[SiteArticle], with_date: bool = False) -> str:
    items = []
    for a in articles:
        when = f'<span class="date">{a.published:%d/%m/%Y %H:%M}</span>' if with_date else ""
        items.append(f'<li class="item"><a class="title" href="{a.path}">{_e(a.title)}</a>{when}'
                     f'<p class="teaser">{_e(a.summary)}</p></li>')
    return "".join(items)


def article_page(a: SiteArticle, related: Sequence[SiteArticle], sidebar: str) -> str:
    paragraphs = [f"<p>{_e(p)}</p>" for p in a.paragraphs]
    images = "".join(
        f'<table class="image" align="center"><tr><td><img src="/images/{a.id}-{n}.jpg" alt=""></td></tr>'
        f'<tr><td><p class="image-caption">{_e(caption)}</p></td></tr></table>'
        for n, caption in enumerate(a.image_captions, start=1)
    )
    if images:  # after the first paragraph, as the paper places its photos
        paragraphs.insert(min(1, len(paragraphs)), images)
    if a.author:
        paragraphs.append(f'<p class="author" style="text-align:right">{_e(a.author)}</p>')
    body = (
        f'<div class="breadcrumb"><a href="{_category_link(a.category)}">{_e(CATEGORIES[a.category])}</a></div>\n'
        '<div class="article-detail">\n'
        f'<h1 class="article-title">{_e(a.title)}</h1>\n'
        f'<div class="article-date">{vi_datetime(a.published)}</div>\n'
        f'<div class="article-sapo">{_e(a.lead)}</div>\n'
        '<div class="article-content">\n' + "\n".join(paragraphs) + "\n</div>\n</div>\n"
        '<div class="tools"><a href="javascript:window.print()">In bài viết</a> | '
        '<a href="#">Gửi cho bạn bè</a> | <a href="#">Về đầu trang</a></div>\n'
        f'<div class="other-news"><h3>Các tin khác</h3>\n<ul>{_teaser_items(related)}</ul></div>\n'
        + _archive_box(a.published.date(), a.category)
    )
    return page(title=a.title, body=body, sidebar=sidebar, active=a.category, description=a.lead)


def listing_page(category: int, page_no: int, articles: Sequence[SiteArticle], has_next: bool,
                 sidebar: str) -> str:
    name = CATEGORIES[category]
    paging = []
    if page_no > 1:
        paging.append(f'<a class="prev" href="/{category}/trang-{page_no - 1}.htm">Trang trước</a>')
    paging.append(f"<span>Trang {page_no}</span>")
    if has_next:
        paging.append(f'<a class="next" href="/{category}/trang-{page_no + 1}.htm">Trang sau</a>')
    body = (
        f'<div class="breadcrumb"><a href="{_category_link(category)}">{_e(name)}</a></div>\n'
        f'<div class="list-news"><ul>{_teaser_items(articles, with_date=True)}</ul>\n'
        f'<div class="paging">{"".join(paging)}</div></div>\n'
        + _archive_box(articles[0].published.date() if articles else today_vietnam(), category)
    )
    title = name if page_no == 1 else f"{name} - Trang {page_no}"
    return page(title=title, body=body, sidebar=sidebar, active=category)


def archive_page(day: date, category: int, articles: Sequence[SiteArticle], sidebar: str) -> str:
    scope = CATEGORIES[category] if category else "Mọi chuyên mục"
    items = (f'<ul>{_teaser_items(articles, with_date=True)}</ul>' if articles
             else '<p class="empty">Không có tin nào</p>')
    body = (
        f'<h2 class="archive-title">Tin đã đưa ngày {day:%d/%m/%Y} - {_e(scope)}</h2>\n'
        f'<div class="list-news">{items}</div>\n' + _archive_box(day, category)
    )
    return page(title=f"Tin ngày {day:%d/%m/%Y}", body=body, sidebar=sidebar, active=category or None)


def home_page(latest: Sequence[SiteArticle], sidebar: str) -> str:
    today = today_vietnam()
    sections = "".join(f'<li><a href="{_category_link(c)}">{_e(n)}</a></li>' for c, n in CATEGORIES.items())
    body = (
        f'<div class="list-news home"><h2>Tin mới</h2><ul>{_teaser_items(latest, with_date=True)}</ul></div>\n'
        f'<div class="box sections"><h4>Chuyên mục</h4><ul>{sections}</ul></div>\n'
        f'<p class="today-archive"><a href="{archive_path(today)}">Tin trong ngày {today:%d/%m/%Y}</a></p>\n'
        + _archive_box(today, None)
    )
    return page(title="Trang chủ", body=body, sidebar=sidebar)


def not_found_page(sidebar: str) -> str:
    body = ('<div class="notfound"><h2>Không tìm thấy trang</h2><p>Trang bạn yêu cầu không tồn tại '
            'hoặc đã bị xóa. Mời bạn quay lại <a href="/">trang chủ</a>.</p></div>')
    return page(title="Không tìm thấy trang", body=body, sidebar=sidebar)


def sidebar(latest: Sequence[SiteArticle], popular: Sequence[SiteArticle]) -> str:
    return _sidebar(latest, popular)


# ---------------------------------------------------------------- feeds and robots

def rfc822(when: datetime) -> str:
    """``Mon, 10 Apr 2023 08:30:00 +0700`` from naive Vietnam local time."""
    return format_datetime(when.replace(tzinfo=VIETNAM))


def rss_feed(base_url: str, category: int | None, articles: Sequence[SiteArticle]) -> str:
    name = CATEGORIES[category] if category else "Trang chủ"
    link = base_url + (_category_link(category)[1:] if category else "")
    items = []
    for a in articles:
        url = base_url + a.path[1:]
        items.append(
            f"<item><title>{_e(a.title)}</title><link>{_e(url)}</link>"
            f'<guid isPermaLink="true">{_e(url)}</guid><description>{_e(a.summary)}</description>'
            f"<category>{_e(CATEGORIES[a.category])}</category><pubDate>{rfc822(a.published)}</pubDate></item>"
        )
    last = rfc822(articles[0].published) if articles else rfc822(datetime(2023, 1, 1))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{SITE_NAME} - {_e(name)}</title><link>{_e(link)}</link>"
        f"<description>{SITE_NAME} điện tử - {_e(name)}</description><language>vi</language>"
        f"<lastBuildDate>{last}</lastBuildDate>\n" + "\n".join(items) + "\n</channel></rss>\n"
    )


def robots_txt(crawl_delay: float | None = None) -> str:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /tim-kiem/"]
    if crawl_delay is not None:
        lines.append(f"Crawl-delay: {crawl_delay:g}")
    return "\n".join(lines) + "\n"
