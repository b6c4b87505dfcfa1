"""Keyword stuffing: query-shaped n-grams (KS101), keyphrase density (KS102), keyword lists (KS103)."""

import pytest

STUFFED_TEXT = """\
Lena Moor & Chile: A Mining Partnership?

Lena Moor has run a lithium start-up for six years. Her reported talks with Chile could change the market, and the Lena Moor Chile deal is what investors are watching.

Chile holds the largest reserves in the region. The relationship between Lena Moor and Chile began with a visit to the salt flats, where Lena Moor toured the brine pools.

Lena Moor Chile: What We Know

The Lena Moor Chile agreement has not been signed. Chile wants a share of the profits, and Lena Moor has asked for more time.

Analysts expect the Lena Moor Chile partnership to be announced in spring, if Chile's congress approves it.
"""


def ks(findings, code=None):
    return [f for f in findings if f.code.startswith(code or "KS")]


def places(findings):
    """Lines of the findings and of their related locations (one finding per problem)."""
    return sorted(ln for f in findings for ln in [f.line, *(r.line for r in f.related)])


def test_juxtaposed_entities_flag_every_occurrence_in_text(lint):
    found = ks(lint(STUFFED_TEXT, "text"), "KS101")
    assert len(found) == 1, "one finding for one query, its other uses related"
    assert places(found) == [3, 7, 9, 11]
    first = found[0]
    assert first.line == 3
    src = STUFFED_TEXT.splitlines()[2]
    assert src[first.column - 1:first.end_column - 1] == "Lena Moor Chile"
    assert "Lena Moor and Chile" in first.message or "Lena Moor & Chile" in first.message


def test_juxtaposed_entities_in_markdown_heading_and_toc(lint):
    md = """# Lena Moor and Chile

- [Lena Moor Chile: What We Know](#what)
- [Who is Lena Moor](#who)

Lena Moor has run a lithium start-up for six years, and Chile has the reserves she wants. Watch the Lena Moor Chile deal closely.

## Lena Moor Chile: What We Know

The Lena Moor Chile agreement has not been signed. Chile wants a share of the profits, and Lena Moor has asked for more time.

## Who is Lena Moor

Lena Moor studied chemistry. Chile's officials praise Lena Moor in public.
"""
    found = ks(lint(md), "KS101")
    assert len(found) == 1 and places(found) == [3, 6, 8, 10]


def test_juxtaposed_entities_in_html(lint):
    html = """<html><head><title>Lena Moor and Chile</title></head><body><article>
<h1>Lena Moor and Chile</h1>
<p>Lena Moor has run a lithium start-up for six years. The Lena Moor Chile deal is what investors watch, and Chile wants it.</p>
<h2>Lena Moor Chile timeline</h2>
<p>The Lena Moor Chile agreement has not been signed. Chile wants a share, and Lena Moor wants time.</p>
<p>Nobody knows when the Lena Moor Chile talks resume; Lena Moor is in Chile this week.</p>
</article></body></html>
"""
    found = ks(lint(html, "html"), "KS101")
    assert len(found) == 1 and len(found[0].related) == 3
    assert "Lena Moor Chile" in found[0].message


def test_profile_repeating_its_subject_is_not_stuffing(lint):
    text = """Tom Hale Turns Eighty

Tom Hale was born in a mining town and left it at sixteen. Tom Hale Senior, his father, worked underground for forty years.

In Wales, Tom Hale found work as a printer. Hale says Wales made him. Tom Hale later bought the print shop, and Tom Hale still opens it every morning.

Wales honoured Tom Hale last year. Tom Hale said the medal belonged to his staff.
"""
    assert ks(lint(text, "text")) == []


def test_product_review_naming_its_product_is_not_stuffing(lint):
    md = """# Review: the Quill X2 e-reader

The Quill X2 is the lightest e-reader we have tested. The Quill X2 screen is sharp, and the Quill X2 battery lasted three weeks. Amazon and Kobo both sell rivals, but the Quill X2 is cheaper than either.

## Verdict

Buy the Quill X2 if you read in bed; the Quill X2 front light is the best we have seen.
"""
    assert ks(lint(md)) == []


def test_quoted_speech_is_not_reported(lint):
    text = """Ana Ruiz And Peru

"The Ana Ruiz Peru story is invented," said the minister. "Nobody believes the Ana Ruiz Peru rumour."

Ana Ruiz lives in Lima, the capital of Peru. Ana Ruiz and Peru's government have never met, officials say.

"Ana Ruiz Peru is a search term, not a fact," he added. Peru has denied it, and Ana Ruiz declined to comment.
"""
    assert ks(lint(text, "text"), "KS101") == []


def test_search_box_noun_stacks(lint):
    text = """Help At Night

Finding an emergency dentist near me took an hour.

An emergency dentist near me opened at nine.

Ask for an emergency dentist near me at the pharmacy.
"""
    found = ks(lint(text, "text"), "KS101")
    assert len(found) == 1 and places(found) == [3, 5, 7]
    assert "near me" in found[0].message


def test_natural_noun_compound_is_not_a_query(lint):
    text = """Rates Rise Again

The interest rate rise surprised markets. Economists had not expected an interest rate rise before summer.

Another interest rate rise is possible in May, the bank said.
"""
    assert ks(lint(text, "text"), "KS101") == []


DENSE = """---
title: Choosing a road bike
keyphrase: carbon road bike
---
# Choosing a road bike

A carbon road bike is light. Every carbon road bike flexes a little. The carbon road bike frame absorbs bumps. Buy a carbon road bike from a shop that fits it.

Steel frames last for decades and can be repaired by any welder, which is why touring riders still choose them. Aluminium is cheaper, stiff and light enough for most people who ride to work or at weekends with a club.

Whatever the frame, the fit matters most: a saddle at the right height, bars within reach, and tyres wide enough for the roads you ride.
"""


def test_keyphrase_density_reports_the_cluster(lint):
    found = ks(lint(DENSE), "KS102")
    assert found, "density above 3% in consecutive sentences should be reported"
    assert len(found) == 1 and set(places(found)) == {7}
    assert "carbon road bike" in found[0].message and "%" in found[0].message
    assert "in a row" in found[0].message


def test_keyphrase_density_without_keyphrase_is_silent(lint):
    text = DENSE.replace("keyphrase: carbon road bike\n", "")
    assert ks(lint(text), "KS102") == []


def test_keyphrase_named_once_in_title_is_fine(lint):
    md = """---
keyphrase: carbon road bike
---
# The carbon road bike I kept for ten years

I bought it second-hand from a club mate, and it has carried me over three mountain ranges and through a lot of rain.
Steel frames last for decades and can be repaired by any welder, which is why touring riders still choose them. Aluminium is cheaper, stiff and light enough for most people who ride to work or at weekends with a club.
"""
    assert ks(lint(md), "KS102") == []


@pytest.mark.parametrize("fmt,doc", [
    ("markdown", "# Flights\n\n![cheap flights, flights to rome, rome flight deals](a.jpg)\n\nRome's airports are busy all year.\n"),
    ("html", "<html><body><article><h1>Flights</h1><figure><img src='a.jpg' alt='cheap flights, flights to rome, rome flight deals'></figure><p>Rome's airports are busy all year.</p></article></body></html>"),
])
def test_keyword_list_in_alt_text(lint, fmt, doc):
    found = ks(lint(doc, fmt), "KS103")
    assert len(found) == 1
    assert "alt text" in found[0].message


def test_descriptive_alt_and_name_list_pass(lint):
    md = "# Team\n\n![Ada Lee, Bo Chan, Cy Park](team.jpg)\n\n![A plane over Rome at dusk, from the Pincio](a.jpg)\n\nText.\n"
    assert ks(lint(md), "KS103") == []


TAGGED = """---
title: Repairing a kayak hull
tags: [kayak hull repair, paddling, Wenna Trask]
---
# Repairing a kayak hull

Kayak hull repair is simpler than most paddlers think. Our kayak hull repair guide starts with the tools you need.

## Kayak Hull Repair Tools

You need sandpaper, epoxy and a roll of glass cloth. Work in a dry shed, and wear gloves.

## Patching the crack

Clean the crack and sand it back to bare plastic. Lay the cloth over the wet epoxy and smooth out every bubble with a card.

Let it cure overnight before you paddle again. No kayak hull repair lasts for ever, so check the patch each season and sand it back if the edge lifts.

Wenna Trask, who builds boats in a shed by the harbour, says most cracks start where a boat is dragged over shingle.
"""


def test_density_uses_multiword_tags_and_locates_body_uses(lint):
    found = ks(lint(TAGGED), "KS102")
    # one finding: two sentences in a row, the heading right after them, and the later body use
    assert len(found) == 1 and sorted(set(places(found))) == [7, 9, 17]
    assert "kayak hull repair" in found[0].message.lower()


def test_density_ignores_tags_that_are_names(lint):
    profile = """---
tags: [Wenna Trask, boat building]
---
# A boatbuilder's year

Wenna Trask builds wooden boats in a shed by the harbour. Wenna Trask learned the trade from her uncle. Wenna Trask now employs two apprentices, and Wenna Trask says the order book is full until next spring.

She works mostly in larch and oak, steamed and bent over moulds that her uncle made forty years ago. A small rowing boat takes about three months, and a sailing dinghy twice as long, because every plank is shaped by hand and fitted dry before it is fastened.

Customers come from all along the coast, and some wait two years. She would rather keep the waiting list than hire more hands and lose track of the work.
"""
    assert ks(lint(profile), "KS102") == []


def test_density_prefers_keyphrase_field_over_tags(lint):
    text = TAGGED.replace("tags: [kayak hull repair, paddling, Wenna Trask]", "keyphrase: glass cloth\ntags: [kayak hull repair]")
    assert ks(lint(text), "KS102") == []


PERSON_CLUB = """# Tomas Erlund Harwich Rovers Transfer: What We Know

The Tomas Erlund Harwich Rovers transfer is the story of the summer. Erlund, 24, scored eleven goals last season, and the Tomas Erlund Harwich Rovers transfer fee is said to be large.

## The Tomas Erlund Harwich Rovers Transfer Timeline

Harwich Rovers first asked about the winger in March. Erlund met the coaching staff in May.

Supporters following the Tomas Erlund Harwich Rovers transfer will hear more next week, when Harwich Rovers return from their tour.
"""


def test_person_glued_to_a_club_with_a_query_noun(lint):
    found = ks(lint(PERSON_CLUB), "KS101")
    assert len(found) == 1 and sorted(set(places(found))) == [1, 3, 5, 9]
    first = found[0]
    assert "Tomas Erlund" in first.message and "Harwich Rovers" in first.message


def test_person_club_needs_the_query_noun_or_a_heading(lint):
    # the same juxtaposition in two paragraphs with no query noun and no heading: left alone
    text = """# A busy summer

Erlund, 24, scored eleven goals last season. The Tomas Erlund Harwich Rovers story began in a car park, and Tomas Erlund Harwich Rovers fans still tell it.

Harwich Rovers first asked about him in March, and the Tomas Erlund Harwich Rovers era began in May. Erlund met the staff then.
"""
    assert ks(lint(text), "KS101") == []


def test_entity_followed_by_role_and_name_is_english(lint):
    text = """# Harwich Rovers manager signs new deal

Harwich Rovers manager Ilse Brandt has signed a new contract. Brandt joined in 2021.

## The season so far

Harwich Rovers manager Ilse Brandt said the squad had earned it, and Harwich Rovers chairman Olav Teig agreed.

Teig said Harwich Rovers would keep Brandt. Harwich Rovers manager Ilse Brandt contract talks took a week.

Quarry Tech chief executive Dana Holm praised her; Quarry Tech sponsors the club, and Holm watches most games.
"""
    assert ks(lint(text), "KS101") == []


def test_match_report_full_of_team_names_is_clean(lint):
    text = """# Harwich Rovers 2-1 Stoke Albion

Harwich Rovers came from behind to beat Stoke Albion on Saturday. Stoke Albion led through Pell Danso, but Rovers equalised before the break.

Rovers striker Tomas Erlund scored the winner, and Stoke Albion keeper Arno Vries was booked. Erlund has now scored in four games in a row.

Stoke Albion manager Kai Moss said his side deserved a point. Harwich Rovers play Stoke Albion again in the cup next month, and Stoke Albion news will follow.
"""
    assert ks(lint(text), "KS101") == []


def test_profile_repeating_its_subject_and_employer_is_clean(lint):
    text = """# Dana Holm at twenty years

Dana Holm joined Quarry Tech as an engineer in 2005. Holm ran the plant for a decade, and Quarry Tech made her chief executive in 2019.

## The deal that made her

Dana Holm signed the first export deal herself. Holm says Quarry Tech still runs on that contract.

Dana Holm lives near the works, and Quarry Tech staff see Dana Holm at the gate most mornings.
"""
    assert ks(lint(text), "KS101") == []


STACK_HTML = """<html><head><title>Visiting Lake Ohrid</title></head><body>
<h1>Visiting Lake Ohrid</h1>
<p>The lake is one of the oldest in Europe, and the old town climbs the hill above it.</p>
<h2>Best Boat Tours Lake Ohrid Family Cheap</h2>
<p>Small wooden boats leave the harbour every hour. Best boat tours Lake Ohrid family cheap options include the sunset trip to the springs.</p>
<h2>Where to stay</h2>
<p>Guesthouses in the old town are quiet outside July and August.</p>
</body></html>
"""


def test_noun_stack_heading_and_its_body_echo(lint):
    found = ks(lint(STACK_HTML, "html"), "KS101")
    assert len(found) == 1 and places(found) == [4, 5]
    src = STACK_HTML.splitlines()[4]
    body = found[0]
    assert body.line == 5, "the finding sits at the body sentence, the heading is related"
    assert src[body.column - 1:body.end_column - 1] == "Best boat tours Lake Ohrid family cheap"


def test_noun_stack_heading_with_a_year_in_markdown(lint):
    md = """# Lake Ohrid Boat Tours 2026 Guide Prices Tips

Our Lake Ohrid boat tours 2026 guide lists every operator on the north shore, with prices checked in spring.

## The harbour

Boats leave the harbour every hour between nine and six.
"""
    found = ks(lint(md), "KS101")
    assert len(found) == 1 and places(found) == [1, 3]


def test_noun_stack_heading_alone_is_not_enough(lint):
    # the heading is a stack, but the body writes English
    md = STACK_HTML.replace("Best boat tours Lake Ohrid family cheap options include the sunset trip",
                            "The cheapest trip for a family is the sunset tour")
    assert ks(lint(md, "html"), "KS101") == []


def test_title_case_news_headline_with_a_name_is_clean(lint):
    md = """# Best Actor Winner Arno Vries Retires From Stage

Best Actor winner Arno Vries has retired at 71. Vries said he wanted to spend more time at his farm.

## A long career

Top drama school graduate Arno Vries first appeared on stage in 1974, and the Best Actor award came in 2011.
"""
    assert ks(lint(md), "KS101") == []


def test_title_case_headline_with_a_year_is_clean(lint):
    md = """# World Cup 2026 Qualifier Harwich Stoke Preview

The World Cup 2026 qualifier in Harwich kicks off at eight. Harwich need a win, and Stoke have not lost since March.
"""
    assert ks(lint(md), "KS101") == []
