"""Link spam: unrelated link blocks (LS101), spam anchors (LS102), scraped debris (LS103), link farms (LS104)."""

BODY = ("Volunteers spent three summers removing weirs along the Lyndle river, and this autumn salmon "
        "returned to spawning gravel upstream for the first time in decades. Ecologists counted more than "
        "forty redds along the upper reaches, where the water runs cold over the stones.")
MORE = ("The trust now plans to restore a second tributary, where an old mill dam still blocks the fish. "
        "Funding comes from a lottery grant and local donations, and the salmon count will be repeated next year.")


def ls(findings, code=None):
    return [f for f in findings if f.code.startswith(code or "LS")]


def test_unrelated_block_in_text(lint):
    text = f"""Salmon Return To The Lyndle

{BODY}

- Grandview Marriott Suites
- Mandy Brightwater Age
- Velvet Harbour Whiskey
- Weir Removal On The Lyndle

{MORE}
"""
    found = ls(lint(text, "text"))
    assert [f.code for f in found] == ["LS101"]
    assert found[0].line == 5 and found[0].end_line == 8
    assert "3 of which" in found[0].message and "Grandview Marriott Suites" in found[0].message


def test_unrelated_block_of_anchors_in_html(lint):
    html = f"""<html><head><title>Salmon return to the Lyndle</title></head><body>
<nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav>
<article><h1>Salmon return to the Lyndle</h1>
<p>{BODY}</p>
<ul><li><a href="https://a.example/1">Grandview Marriott Suites</a></li>
<li><a href="https://b.example/2">Mandy Brightwater Age</a></li>
<li><a href="https://c.example/3">Velvet Harbour Whiskey</a></li></ul>
<p>{MORE}</p></article></body></html>
"""
    found = ls(lint(html, "html"))
    assert [f.code for f in found] == ["LS101"]


def test_on_topic_related_list_passes(lint):
    md = f"""# Salmon return to the Lyndle

{BODY}

## Related coverage

- [Salmon numbers fall across northern rivers](https://news.example/salmon)
- [Why weirs are coming down](https://news.example/weirs)
- [Lyndle volunteers win conservation award](https://news.example/award)

{MORE}
"""
    assert ls(lint(md)) == []


def test_spam_anchor_inline_and_in_list(lint):
    md = f"""# Salmon return to the Lyndle

{BODY} See also [cheap cialis online](https://spam.example/c).

- [Kerry Dane net worth](https://spam.example/n)

{MORE}
"""
    found = ls(lint(md), "LS102")
    assert sorted(f.line for f in found) == [3, 5]
    assert any("cialis" in f.message for f in found)
    assert any("net worth" in f.message for f in found)


def test_topic_word_in_anchor_is_not_spam(lint):
    md = """# The town that bet on a casino

The casino opened in 2019 and promised four hundred jobs. Five years on, the casino employs ninety people, and the council is asking whether it was worth the land. Read the [casino licence decision](https://council.example/licence).
"""
    assert ls(lint(md)) == []


def test_single_sponsor_disclosure_and_citations_pass(lint):
    md = f"""# Salmon return to the Lyndle

{BODY} The figures come from the [river trust's survey](https://trust.example/survey) and [the Environment Agency](https://gov.example/ea).

This article was sponsored by [Lyndle Outdoor Supplies](https://shop.example).

{MORE}
"""
    assert ls(lint(md)) == []


def test_scraped_debris_after_the_article(lint):
    text = f"""Salmon Return To The Lyndle

{BODY}

{MORE}

Download River, Salmon, Weir. Royalty-Free Stock

Salmon Return To The Lyndle - River Weekly

Anglers Welcome Cleaner Water
"""
    found = ls(lint(text, "text"))
    # the debris after the article is one finding, its other lines related
    assert [(f.code, f.line, [r.line for r in f.related]) for f in found] == [("LS103", 7, [9, 11])]
    assert "River Weekly" in found[0].related[0].message


def test_results_list_and_credit_line_after_the_article_pass(lint):
    text = f"""Cup Draw Made

{BODY}

Northbury v Eastfield

Westham Rovers v Southport

Kingsley v Dunmore

Additional reporting by Sam Okoro
"""
    assert ls(lint(text, "text")) == []


def test_keyword_link_footer(lint):
    md = f"""# Salmon return to the Lyndle

{BODY}

[salmon fishing](https://x.example/1) [fly rods](https://x.example/2) [cheap waders](https://x.example/3) [river cottages](https://x.example/4)
"""
    found = ls(lint(md), "LS104")
    assert len(found) == 1 and found[0].line == 5
    assert "4 links" in found[0].message


def test_many_links_to_one_domain(lint):
    links = " ".join(f"See [page {i}](https://farm.example/p{i})." for i in range(9))
    md = f"# Salmon\n\n{BODY}\n\n{MORE} {links}\n"
    found = ls(lint(md), "LS104")
    assert any("farm.example" in f.message for f in found)
