"""robots.txt parsing and matching (RFC 9309), pure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hbetl.errors import RobotsUnavailable
from hbetl.robots import RobotsPolicy, parse_robots, policy_for_response, product_token

UA = "hbetl/0.1 (+https://github.com/hbetl/hbetl; economic-news research crawler)"

ROBOTS = """\
# comments and blank lines are ignored
User-agent: *
Disallow: /admin/
Disallow: /*.php$
Allow: /admin/public/
Crawl-delay: 2

User-agent: otherbot
Disallow: /

Sitemap: http://example.com/sitemap.xml
"""


def test_product_token_is_the_name_before_the_slash():
    assert product_token(UA) == "hbetl"
    assert product_token("Googlebot") == "googlebot"


def test_star_group_applies_when_no_group_names_us():
    policy = parse_robots(ROBOTS, UA)
    assert policy.allowed("/11/123/bai-viet.htm")
    assert not policy.allowed("/admin/settings")
    assert policy.allowed("/admin/public/logo.png")  # longer Allow wins
    assert not policy.allowed("/search.php")
    assert policy.allowed("/search.php?q=1")  # '$' anchors the end
    assert policy.crawl_delay == 2.0
    assert policy.sitemaps == ["http://example.com/sitemap.xml"]


def test_our_own_group_wins_over_star_and_groups_merge():
    text = "User-agent: *\nDisallow: /\n\nUser-agent: HBETL\nDisallow: /private\n\nuser-agent: hbetl\nDisallow: /tmp\n"
    policy = parse_robots(text, UA)
    assert policy.allowed("/11/trang-1.htm")
    assert not policy.allowed("/private/x")
    assert not policy.allowed("/tmp/x")


def test_consecutive_user_agent_lines_share_one_group():
    policy = parse_robots("User-agent: a\nUser-agent: hbetl\nDisallow: /x\n", UA)
    assert not policy.allowed("/x")


def test_tie_goes_to_allow_and_empty_disallow_is_no_rule():
    assert parse_robots("User-agent: *\nDisallow: /page\nAllow: /page\n", UA).allowed("/page")
    assert parse_robots("User-agent: *\nDisallow:\n", UA).allowed("/anything")


def test_wildcards_and_percent_encoding():
    policy = parse_robots("User-agent: *\nDisallow: /tin-theo-ngay/*/0.htm\nDisallow: /tìm kiếm\n", UA)
    assert not policy.allowed("/tin-theo-ngay/2023-04-10/0.htm")
    assert policy.allowed("/tin-theo-ngay/2023-04-10/11.htm")
    assert not policy.allowed("/t%C3%ACm%20ki%E1%BA%BFm?q=1")
    assert not policy.allowed("http://example.com/tin-theo-ngay/2023-04-10/0.htm")  # full URLs too


def test_robots_txt_itself_is_always_allowed():
    assert parse_robots("User-agent: *\nDisallow: /\n", UA).allowed("/robots.txt")


def test_rules_before_any_user_agent_and_garbage_are_ignored():
    policy = parse_robots("Disallow: /\nthis is not a rule\nUser-agent: *\nCrawl-delay: soon\n", UA)
    assert policy.allowed("/x") and policy.crawl_delay is None


def test_status_rules():
    assert policy_for_response(200, b"User-agent: *\nDisallow: /x\n", UA).allowed("/x") is False
    assert policy_for_response(404, None, UA).allowed("/x")  # 4xx: no rules at all
    assert policy_for_response(301, None, UA).allowed("/x")  # redirects ran out: "unavailable"
    with pytest.raises(RobotsUnavailable) as exc:
        policy_for_response(503, None, UA, host="example.com")
    assert exc.value.transient and "503" in str(exc.value)
    with pytest.raises(RobotsUnavailable):
        policy_for_response(None, None, UA)
    assert not RobotsPolicy.disallowing_all().allowed("/x")


@given(st.text(max_size=300), st.text(alphabet="/abc*$?=%.-", max_size=30))
def test_parser_never_crashes(text, path):
    policy = parse_robots(text, UA)
    assert isinstance(policy.allowed("/" + path), bool)


@given(st.text(alphabet="abcxyz/-.", min_size=1, max_size=20))
def test_disallow_prefix_blocks_every_extension(prefix):
    policy = parse_robots(f"User-agent: *\nDisallow: /{prefix}\n", UA)
    assert not policy.allowed(f"/{prefix}")
    assert not policy.allowed(f"/{prefix}more")
