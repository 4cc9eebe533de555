"""hbetl.profiles: data/profiles.toml as frozen SiteProfile objects."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from hbetl.errors import ConfigError
from hbetl.profiles import (
    SiteProfile,
    get_profile,
    load_profiles,
    parse_offset,
    profile_for_host,
)


def test_packaged_baohoabinh_profile() -> None:
    p = get_profile("baohoabinh")
    assert p.key == "baohoabinh" and p.name == "Báo Hòa Bình"
    assert p.hosts == ("baohoabinh.com.vn", "www.baohoabinh.com.vn")
    assert p.lead_prefix == "(HBĐT) -"
    assert p.tzinfo.utcoffset(None) == timedelta(hours=7)
    s = p.selectors
    assert (s.article, s.title, s.published, s.lead, s.body) == (
        "div.article-detail", "h1.article-title", "div.article-date", "div.article-sapo", "div.article-content")
    assert s.related == "div.other-news a.title"
    assert "div.other-news" in s.drop and "p.image-caption" in s.drop
    assert p.routes.rss == ("/rss/home.rss",)
    assert p.routes.archive == "/tin-theo-ngay/{date}/{category}.htm"
    assert p.routes.listing == "/{category}/trang-{page}.htm"
    assert p.routes.robots == "/robots.txt"
    assert p.categories["11"] == "Kinh tế" and len(p.categories) == 6


def test_profiles_are_frozen() -> None:
    p = get_profile()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        p.categories["99"] = "x"  # type: ignore[index]
    assert load_profiles()["baohoabinh"] is p  # loaded once


def test_unknown_profile_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="^profile nope: unknown"):
        get_profile("nope")


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:8000/11/1234/gia-tri-san-xuat.htm", True),
    ("/15/9/x.htm", True),
    ("https://baohoabinh.com.vn/11/trang-2.htm", False),
    ("https://baohoabinh.com.vn/tin-theo-ngay/2023-04-10/0.htm", False),
    ("https://baohoabinh.com.vn/11/1234/a/b.htm", False),
])
def test_is_article_url(url: str, expected: bool) -> None:
    assert get_profile().is_article_url(url) is expected


def test_host_matching() -> None:
    p = get_profile()
    assert p.matches_host("https://WWW.baohoabinh.com.vn/11/1/x.htm")
    assert p.matches_host("baohoabinh.com.vn")
    assert not p.matches_host("http://127.0.0.1:8000/")
    assert not p.matches_host(None)
    assert profile_for_host("https://baohoabinh.com.vn/") is p
    assert profile_for_host("https://example.com/") is None


def test_load_profiles_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(
        '[tinh]\nname = "Cổng tỉnh"\nhosts = ["Tinh.example.vn"]\ntimezone = "+0700"\n'
        'article_path = \'^/tin/\\d+$\'\nnote = "kept"\n'
        '[tinh.selectors]\nbody = "div.noidung"\n[tinh.routes]\nrss = "/rss.xml"\n',
        encoding="utf-8")
    p = load_profiles(path)["tinh"]
    assert isinstance(p, SiteProfile)
    assert p.hosts == ("tinh.example.vn",)
    assert p.selectors.body == "div.noidung" and p.selectors.article is None and p.selectors.drop == ()
    assert p.routes.rss == ("/rss.xml",) and p.routes.robots == "/robots.txt"
    assert p.extra == {"note": "kept"}
    assert p.is_article_url("https://tinh.example.vn/tin/42")


@pytest.mark.parametrize(("toml", "reason"), [
    ('[x]\ntimezone = "Asia/Ho_Chi_Minh"\n', "expected an offset"),
    ("[x]\narticle_path = '(unclosed'\n", "profile x"),
    ("[x\n", "profiles.toml"),
])
def test_bad_profile_files_are_config_errors(tmp_path: Path, toml: str, reason: str) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=reason):
        load_profiles(path)


def test_parse_offset() -> None:
    assert parse_offset("-05:30").utcoffset(None) == -timedelta(hours=5, minutes=30)
    assert parse_offset("+0700").utcoffset(None) == timedelta(hours=7)
