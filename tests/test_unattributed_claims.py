"""Unattributed claims (UC): weasel attribution, unsourced "reportedly", anonymous sources
without a reason, vague sources and unsourced statistics, and the attribution that clears them."""

import json

import pytest

from editlint.kinds import voice


def codes(findings):
    return [f.code for f in findings if f.code.startswith("UC")]


FORMATS = {
    "text": "{}\n",
    "markdown": "{}\n",
    "html": "<html><body><p>{}</p></body></html>",
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("sentence, code, excerpt", [
    ("The new bridge is often seen as a symbol of revival.", "UC111", "is often seen"),
    ("The decision has been widely criticized for its secrecy.", "UC111", "has been widely criticized"),
    ("The chairman is reportedly carrying a letter to the summit.", "UC102", "reportedly"),
    ("Two sources have told the Harbour Times that the talks collapsed.", "UC103", "Two sources have told"),
    ("So Portuguese media reported that the coach had agreed terms.", "UC104", "Portuguese media reported"),
])
def test_each_kind_of_claim_is_reported_in_every_format(lint, fmt, sentence, code, excerpt):
    text = FORMATS[fmt].format(sentence)
    found = [f for f in lint(text, fmt, select="UC") if f.code == code]
    assert len(found) == 1, codes(lint(text, fmt, select="UC"))
    line = text.splitlines()[found[0].line - 1]
    assert line[found[0].column - 1:found[0].end_column - 1] == excerpt


def test_named_critics_clear_weasel(lint):
    assert codes(lint("Critics such as the economist Lena Marsh argue that rents will rise.\n", "text")) == []
    assert codes(lint("The ruling has been widely criticised by Amnesty International.\n", "text")) == []
    assert codes(lint("Critics argue that rents will rise.\n", "text")) == ["UC101"]


def test_weasel_inside_quoted_speech_is_the_speakers(lint):
    text = '"Many people believe the bridge saved the town," said the mayor, Tom Ekwueme.\n'
    assert codes(lint(text, "text")) == []


def test_nickname_is_not_a_weasel(lint):
    assert codes(lint("The drummer, often referred to as the engine of the band, joined in 1998.\n", "text")) == []


def test_reportedly_cleared_by_source_elsewhere_in_paragraph_only(lint):
    cleared = "Police said the man was arrested at the port. He allegedly carried a forged passport.\n"
    assert codes(lint(cleared, "text")) == []
    # a source in another paragraph does not clear it
    other = "Police said the man was arrested at the port.\n\nHe allegedly carried a forged passport.\n"
    assert codes(lint(other, "text")) == ["UC102"]


def test_passive_said_to_is_not_a_source(lint):
    assert codes(lint("The firm is said to be preparing a bid.\n", "text")) == ["UC102"]


def test_link_clears_reportedly_and_vague_source(lint):
    assert codes(lint("The firm is [reportedly](https://example.org/a) preparing a bid.\n", "markdown")) == []
    html = '<p>Local media <a href="https://example.org/r">reported</a> that the mayor had fled.</p>'
    assert codes(lint(html, "html")) == []


def test_anonymous_source_with_reason_is_accepted(lint):
    same = ("Two officials said the talks had stalled; they spoke on condition of anonymity because "
            "they were not authorised to discuss them. Sources said a deal was close.\n")
    # the first claim gives its reason in the same sentence; the reason is looked for in the
    # cue's sentence and the one after, never before, so "Sources said" is still reported
    found = [f for f in lint(same, "text") if f.code == "UC103"]
    assert [f.excerpt for f in found] == ["Sources said"]
    after = ("People familiar with the matter said the merger would be announced on Friday. "
             "They asked not to be named because the talks are private.\n")
    assert codes(lint(after, "text")) == []


def test_outlet_named_does_not_make_a_source_less_anonymous(lint):
    assert codes(lint("Two sources told Reuters that the plant would close.\n", "text")) == ["UC103"]


def test_vague_source_cleared_when_outlet_named(lint):
    assert codes(lint("Japanese media, including the broadcaster NHK, reported that the launch slipped.\n", "text")) == []
    assert codes(lint("According to reports in the Valley Gazette, the bridge was closed.\n", "text")) == []
    assert codes(lint("According to reports, the bridge was closed.\n", "text")) == ["UC104"]


def test_unsourced_statistic_is_narrow(lint):
    assert codes(lint("Over 80% of parents regret buying smartphones.\n", "text")) == ["UC105"]
    assert codes(lint("Over 80% of parents regret buying smartphones, a 2023 survey found.\n", "text")) == []
    assert codes(lint("Sales rose 12% to £3.4bn, the company said.\n", "text")) == []
    assert codes(lint("The attack killed 3,000 people.\n", "text")) == []


def test_one_finding_per_sentence_per_rule(lint):
    text = "Some say it failed, and many believe it was doomed.\n"
    assert codes(lint(text, "text")) == ["UC101"]


@pytest.mark.parametrize("text, expected", [
    ("Bilal Stone, a senior spokesman, said the talks went well.", True),
    ("The talks went well, said Senator Ruiz.", True),
    ("The talks went well, he said.", True),
    ("According to the Bureau of Labor Statistics, jobs grew.", True),
    ("Jobs grew, according to reports.", False),
    ("Critics said the talks went badly.", False),
    ("The firm is said to be in talks.", False),
    ("Jobs grew by 2% last year (Smith et al., 2019).", True),
    ("The bridge is often seen as a symbol.", False),
    ("A recent survey found that rents rose.", False),         # a study nobody can look up
    ("A survey by Ipsos found that rents rose.", True),
    ("One worker, who did not wish to be named, claimed the alarms were off.", False),
    ("Ministers insist the law is needed.", True),              # the government, in British usage
])
def test_named_attribution(text, expected):
    assert voice.named_attribution(text) is expected


def test_distance_markers():
    assert voice.distanced("Conspiracy theorists claim the crash was staged.")
    assert voice.distanced("He repeated what he calls the deep state.")
    assert not voice.distanced("The crash was staged by the deep state.")


@pytest.mark.parametrize("text", [
    "Experts at the Met Office say the winter will be mild.",
    "The experts said the bridge was safe.",
    "Officials said the plane landed safely.",
    "A spokesman for the ministry said the report was false.",
    "Analysts expect growth to slow, a Reuters poll showed.",
    "According to the Office for National Statistics, 4% of workers are unemployed.",
    "Sources of income include grants.",
    "The reported meeting, if confirmed, would matter.",
])
def test_well_sourced_reporting_stays_clean(lint, text):
    assert codes(lint(text + "\n", "text")) == []


def test_research_lede_is_cleared_by_the_next_paragraph_only(lint):
    sourced = ("Sales of bicycles will double by 2030, research suggests.\n\n"
               "A study by the Cycling Institute found that demand had risen in every region.\n")
    assert codes(lint(sourced, "markdown")) == []
    unsourced = "Sales of scooters will double by 2030, research suggests.\n\nDemand has risen in every region.\n"
    assert codes(lint(unsourced, "markdown")) == ["UC101"]
    # a weasel crowd is not cleared by the next paragraph
    crowd = "Critics say the scheme will fail.\n\nThe minister, Ana Ruiz, said it would succeed.\n"
    assert codes(lint(crowd, "markdown")) == ["UC101"]


def test_passive_judgement_with_an_adverb_is_not_attributed_to_its_subject(lint):
    assert codes(lint("He is often considered the best striker in the league.\n", "text")) == ["UC111"]
    assert codes(lint("The plan was believed by some to be unworkable.\n", "text")) == ["UC101"]


def test_a_modal_verb_is_not_a_source(lint):
    # "could add" is no one reporting anything: the 'reportedly' stays unsourced
    text = ("The mayor reportedly ignored warnings from her engineers about the bridge. "
            "Sources say the repairs could add months to the schedule.\n")
    assert "UC102" in [f.code for f in lint(text, select="UC102")]


def test_plural_noun_before_a_reporting_verb_is_not_a_speaker():
    # "Local reports say": "reports" is the (vague) subject, not a verb with "Local" as speaker
    assert not voice.named_attribution("Local reports say the ferry fare will double.")
    assert not voice.named_attribution("Early claims suggest the ferry fare will double.")
    assert voice.named_attribution("Ms Ferro reports that the ferry fare will double.")


def test_inverted_speaker_needs_a_clause_before_it():
    assert voice.named_attribution("The fare will double, said a spokeswoman for the operator.")
    # "wrote their safety report": an object after the verb, not a speaker
    assert not voice.named_attribution("The few who wrote their safety report were unpaid.")


@pytest.mark.parametrize("sentence, code", [
    ("Local reports say the ferry fare will double in May.", "UC104"),
    ("Everyone in the parish knows that the vicar rigged the raffle.", "UC101"),
    ("Everybody knows the mayor is hiding something.", "UC101"),
    ("The chef's restaurant empire is estimated at £25m.", "UC106"),
    ("The painting is thought to be worth more than $3 million.", "UC106"),
])
def test_new_unsourced_cues(lint, sentence, code):
    assert code in codes(lint(sentence + "\n", "text"))


@pytest.mark.parametrize("sentence", [
    "Everybody knows the words to that chorus.",
    "The crowd was estimated at 40,000 by the organisers.",
    "The painting is thought to be worth more than $3 million, the auction house Brandt & Co said.",
    "It is understood the club will pay a fee of £2m.",
])
def test_new_cues_stay_quiet_when_sourced_or_harmless(lint, sentence):
    assert "UC101" not in codes(lint(sentence + "\n", "text"))
    assert "UC106" not in codes(lint(sentence + "\n", "text"))


def test_studies_show_needs_a_study_named_next_not_any_speaker(lint):
    anecdote = ("Studies have shown that the diet cures migraines.\n\n"
                "Jo Amis, a teacher from Leeds, said she had not had a headache since June.\n")
    assert "UC101" in codes(lint(anecdote, "markdown"))
    named = ("Studies have shown that the diet cures migraines.\n\n"
             "A 2021 trial at the University of Tromsø found fewer attacks among 300 patients, the authors said.\n")
    assert "UC101" not in codes(lint(named, "markdown"))


def test_a_cue_is_not_its_own_source():
    # "Colleagues" at the head of the sentence is capitalised, but the cue names no one
    text = "Colleagues say her marriage to the musician Teo Alvarado is under strain."
    assert voice.named_attribution(text) is True               # read naively: "Colleagues" as a name
    assert voice.named_attribution(text, unnamed=(0, 14)) is False
    assert voice.named_attribution("Friends say her marriage to Teo Alvarado is over.") is False  # a vague head
    # a verb the cue was the subject of does not adopt a name further back
    lede = "Euronext is poised to bid for the London Stock Exchange, UK media reports say."
    cue = lede.index("UK media")
    assert voice.named_attribution(lede, unnamed=(cue, cue + len("UK media reports"))) is False
    # the cue's adverb is not a speaker: the named minister still is
    said = "Economics Minister Aburizal Bakrie has reportedly said so."
    cue = said.index("reportedly")
    assert voice.named_attribution(said, unnamed=(cue, cue + len("reportedly"))) is True


def test_a_hedged_reporting_verb_is_part_of_the_claim(lint):
    """In "X has reportedly told the club", X is what the report is about, not its source."""
    uc102 = lambda t: [f.code for f in lint(t + "\n", "text", select="UC") if f.code == "UC102"]
    assert uc102("Economics Minister Aburizal Bakrie has reportedly said so.") == ["UC102"]
    assert uc102("The striker Rhys Calloway has reportedly told the club he wants to leave.") == ["UC102"]
    assert uc102("The striker Rhys Calloway has reportedly told the club he wants to leave, the Courier said.") == []
    assert uc102("Rhys Calloway told the club he wants to leave. He reportedly asked for a transfer.") == []


@pytest.mark.parametrize("text, expected", [
    ("Friends say her marriage to the musician Teo Alvarado is under strain.\n", ["UC101"]),
    ("Residents on Church Lane have heard that the site will be sold to a supermarket.\n", ["UC101"]),
    # a capitalised name that only looks like a crowd: the article names the firm mid-sentence too
    ("The brewer Fosters is in talks. Fosters said it was in discussions.\n", []),
    ("But Rangers found Celtic harder to break down after the break.\n", []),
    # the cue names a specific kind of source, which the house style accepts
    ("Analysts said the deal would close in May.\n", []),
    # a few of a body's members are not the body: "the party said" names a source, "many in
    # the party believe" does not
    ("The party said the deal would close in May.\n", []),
    ("Many in the party now believe the leader must go.\n", ["UC101"]),
    ("Some at the club say the manager has lost the dressing room.\n", ["UC101"]),
])
def test_crowds_recognised_by_form_and_names_that_look_like_them(lint, text, expected):
    assert codes(lint(text, "text", select="UC")) == expected


def test_a_participle_after_a_noun_is_not_a_finding():
    # "found in" describes the noun; "found that" and "found in 2019 that" report a finding
    assert not voice.named_attribution("A preservative found in most bread may cause headaches, according to reports.")
    assert not voice.named_attribution("A heron seen on the estuary carried a tag.")
    assert voice.named_attribution("The inspector found that the alarms were off.")
    assert voice.named_attribution("The audit found in March that the accounts were incomplete.")


def test_a_speaker_who_did_not_say_it_is_not_the_source(lint):
    assert not voice.named_attribution("The mill is closing, although its owners have not confirmed this.")
    assert not voice.named_attribution("The mayor never said the budget was cut.")
    assert voice.named_attribution("Tarn Holdings confirmed that the mill is closing.")
    text = "It is understood that the Quarry Board has shut the pit, although the board has not confirmed this.\n"
    assert "UC111" in codes(lint(text, "text"))


def test_a_bare_figure_is_a_finding_only_in_the_company_of_unsourced_claims(lint):
    figure = "Turnover among cabin crew has hit one in four this year.\n"
    assert codes(lint(figure, "text")) == []
    company = "Insiders say the board has already picked a successor.\n\n"
    assert codes(lint(company + figure, "text")) == ["UC101", "UC114"]
    # sourced in its paragraph, or a capacity rather than a count: not reported
    sourced = "Turnover among cabin crew hit one in four this year, the airline's annual report shows.\n"
    assert codes(lint(company + sourced, "text")) == ["UC101"]
    capacity = "The incinerator will burn up to 200,000 tonnes of waste a year.\n"
    assert codes(lint(company + capacity, "text")) == ["UC101"]


def test_a_figure_that_needs_company_gives_way_to_a_cue_on_its_line(lint):
    text = ("Insiders say the board has already picked a successor.\n\n"
            "Sources close to the airline say turnover has hit one in four.\n")
    found = codes(lint(text, "text"))
    assert "UC114" not in found and found.count("UC103") + found.count("UC101") >= 2


def test_a_percentage_is_a_figure_whatever_follows_its_sign(lint):
    # "30%" ends in a sign: the figure is read before a space, a full stop or the line's end
    company = "Insiders say the board has already picked a successor.\n\n"
    for figure in ("Ore grades have fallen by close to 30% since 2019.\n", "Ore grades fell 30%.\n",
                   "Ore grades fell by 30%\n", "Ninety-one per cent of the fleet is idle.\n",
                   "Ore grades have fallen by a third.\n", "Nearly two thirds of every tonne is waste.\n"):
        assert codes(lint(company + figure, "text")) == ["UC101", "UC114"], figure
    assert codes(lint(company + "The crossing takes a quarter of an hour.\n", "text")) == ["UC101"]


def test_any_unnamed_crowd_is_a_finding_only_in_the_company_of_unsourced_claims(lint):
    crowd = "Most neutral pundits think the penalty was a stonewall one.\n"
    assert codes(lint(crowd, "text")) == []
    company = "Insiders say the board has already picked a successor.\n\n"
    assert codes(lint(company + crowd, "text")) == ["UC101", "UC115"]
    for line in ("Many shopkeepers on Tanner Street believe the charges are driving trade away.\n",
                 "Herbalists everywhere agree it is the best remedy there is.\n",
                 "Traders we speak to suspect the review is a smokescreen.\n",
                 "Staff right across the building agree that morale is at its lowest.\n"):
        assert codes(lint(company + line, "text")) == ["UC101", "UC115"], line
    # speech, a named member of the crowd, a poll, a quotation, "agree to": not a belief credited to nobody
    for line in ("The drivers we spoke to said the depot had been cold all winter.\n",
                 "Pundits such as Ana Lisle think the penalty was a stonewall one.\n",
                 "Most voters think the tax is too high, a poll for the Herald found.\n",
                 "\"Most pundits think it was a penalty,\" said the referee, Tom Vale.\n",
                 "The drivers agree to the rota every spring.\n"):
        assert codes(lint(company + line, "text")) == ["UC101"], line


def test_hearsay_is_a_finding_only_in_the_company_of_unsourced_claims(lint):
    rumour = "There are whispers the depot will close before Christmas.\n"
    assert codes(lint(rumour, "text")) == []
    company = "Insiders say the board has already picked a successor.\n\n"
    assert codes(lint(company + rumour, "text")) == ["UC101", "UC116"]
    for line in ("I've heard from upstairs that six beds will close in the new year.\n",
                 "We have heard from a number of people that the shelter is a drug den.\n",
                 "Market chatter has the company in talks to sell a stake.\n",
                 "The fund houses are already positioning, if the chatter on trading desks is anything to go by.\n",
                 "I read somewhere that the suppliers made two billion in extra profit.\n",
                 "The assessor apparently marked him down after the game.\n"):
        assert codes(lint(company + line, "text")) == ["UC101", "UC116"], line
    # a named source, a quotation, plain hearing, "apparently" as a description: not hearsay
    for line in ("There are whispers the depot will close, the union's Ana Lisle said.\n",
                 "\"I hear the depot will close,\" said the councillor, Tom Vale.\n",
                 "We heard the bells from the depot at noon.\n",
                 "The driver was apparently unaware of the closure.\n"):
        assert codes(lint(company + line, "text")) == ["UC101"], line


def test_two_cues_rare_in_clean_news_vouch_for_each_other(lint):
    """UC115 and UC116 need company, and vouch for it: two of their lines in one article are
    that article's company (no lexicon warning needed), one alone is not."""
    crowd = "Most parents think the head has lost the staff room.\n\n"
    rumour = "There are whispers the playing field has already been sold.\n\n"
    plain = "The school opened a new library in March, paid for by the parents' association.\n\n"
    assert codes(lint(crowd + plain, "text")) == []
    assert codes(lint(plain + rumour, "text")) == []
    assert codes(lint(crowd + plain + rumour, "text")) == ["UC115", "UC116"]
    # one line with both is one place, not two
    assert codes(lint("Most parents think there are whispers the field has been sold.\n\n" + plain, "text")) == []


def test_a_cue_that_needs_company_is_not_run_where_none_can_be_kept(linter, monkeypatch):
    """UC114 (which does not vouch) is neither prepared nor run in a document whose findings
    so far cannot make company; the vouching cues run first, since two of them may make it."""
    from editlint.config import Config
    from editlint.kinds.claims import Claim
    from editlint.parsers import parse

    rules = {r.code: r for r in linter.ruleset(Config())}
    ran = []
    original = Claim.check

    def counting(self, doc):
        ran.append(self.code)
        return original(self, doc)

    monkeypatch.setattr(Claim, "check", counting)
    chosen = [rules["UC114"], rules["UC101"], rules["UC115"], rules["UC116"]]   # the engine reorders
    figure = "Turnover among cabin crew has hit one in four this year.\n\n"
    assert linter.run(parse(figure, "a.md", "markdown"), Config(), chosen) == []
    assert ran == ["UC101", "UC115", "UC116"]
    ran.clear()
    vouched = "Most parents think the head has lost the staff room.\n\nThere are whispers the field is sold.\n\n"
    found = linter.run(parse(vouched + figure, "b.md", "markdown"), Config(), chosen)
    assert [f.code for f in found] == ["UC115", "UC116", "UC114"] and ran == ["UC101", "UC115", "UC116", "UC114"]


def severities(findings):
    return [(f.code, f.severity) for f in findings if f.code.startswith(("UC", "LL"))]


def test_a_lone_unsourced_claim_is_a_note_and_a_second_makes_both_warnings(lint):
    # clean news says "critics say" once; copy that leans on unsourced claims says more
    lone = "Critics argue that the new tariff will hurt small growers.\n"
    found = lint(lone, "text", select="UC")
    assert severities(found) == [("UC101", "info")]
    assert "nothing else in this document is an unattributed claim or loaded language" in found[0].message
    second = lone + "\nThe minister is reportedly furious about the leak.\n"
    assert severities(lint(second, "text", select="UC")) == [("UC101", "warning"), ("UC102", "warning")]
    # two places in one paragraph are two places too
    one_line = "Critics argue that the new tariff will hurt small growers. Some say it is a tax.\n"
    assert severities(lint(one_line, "text", select="UC")) == [("UC101", "warning"), ("UC101", "warning")]


def test_a_lone_claim_keeps_its_severity_beside_loaded_language_or_a_softer_finding(lint):
    claim = "Critics argue that the new tariff will hurt small growers.\n\n"
    # LL101's trope on another line: the article does more than one slip
    loaded = "The deep state wrote the tariff schedule.\n"
    assert ("UC101", "warning") in severities(lint(claim + loaded, "text", select=["UC", "LL"]))
    # an info finding of the family counts too (UC111: a passive judgement with no judge)
    passive = "The scheme has been widely criticised since its launch.\n"
    assert severities(lint(claim + passive, "text", select="UC")) == [("UC101", "warning"), ("UC111", "info")]
    # ... but not another family's (readability, hygiene)
    assert severities(lint(claim + "The council met on Tuesday.\n", "text")) == [("UC101", "info")]


def test_a_severity_set_in_the_configuration_holds_for_a_lone_claim(tmp_path, capsys, monkeypatch):
    from engine_helpers import InProcess, write
    write(tmp_path / "a.txt", "Critics argue that the new tariff will hurt small growers.\n")
    run = InProcess(capsys, monkeypatch, tmp_path)
    assert run("check", "--no-cache", "--isolated", "a.txt").code == 0
    for config in ('[rules.UC101]\nseverity = "warning"\n', '[rules.UC101]\nalone-severity = ""\n'):
        write(tmp_path / "editlint.toml", config)
        r = run("check", "--no-cache", "a.txt")
        assert r.code == 1 and "UC101" in r.out, (config, r.out)
    write(tmp_path / "editlint.toml", '[rules.UC101]\nseverity = "error"\nalone-severity = "warning"\n')
    r = run("check", "--no-cache", "--format", "json", "a.txt")
    assert r.code == 1 and json.loads(r.out)[0]["severity"] == "warning"


def test_a_capitalised_cue_word_is_looked_up_once_per_document_not_searched_per_cue():
    # "Fosters said" at a sentence's start may name a source when the article writes "Fosters"
    # with a capital mid-sentence too; the words so written are collected in one pass
    from hypothesis import given, settings
    from hypothesis import strategies as st

    import regex

    from editlint import parsers
    from editlint.kinds.claims import _mid_sentence_words

    pieces = st.sampled_from(["Fosters", "fosters", "Foster's", "Fosters’", "Fos", "ters", "a", "b1", "_",
                              "x", " ", "  ", ",", ";", ":", ".", "'", "’", "9", "\u0301", "É", "é"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=30), st.sampled_from(["Fosters", "Foster's", "Fosters’", "Fos", "É", "Fosters'"]))
    def same_as_searching(parts, word):
        text = "".join(parts)
        doc = parsers.parse(text, "t.txt", "text")
        assert doc.text == text
        searched = regex.search(rf"(?<=[\p{{Ll}}\d,;:]\s){regex.escape(word)}\b", text) is not None
        assert (word in _mid_sentence_words(doc)) == searched, (text, word)

    same_as_searching()


def test_a_link_in_a_span_is_found_by_bisection_as_by_a_scan():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from editlint import parsers
    from editlint.kinds import voice

    words = st.sampled_from(["Some say", "[this](https://a.example/x)", "[no target]()", "it", "fails.", "**bold**",
                             "[nested [x](https://b.example)](https://c.example)", "<https://d.example>", "\n"])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(words, min_size=1, max_size=25), st.integers(0, 400), st.integers(0, 60))
    def same_as_scanning(parts, start, width):
        doc = parsers.parse(" ".join(parts) + "\n", "t.md", "markdown")
        for block in doc.blocks:
            end = start + width
            scanned = any(link.start < end and start < link.end and link.href for link in block.links)
            assert voice.has_link(block, start, end) == scanned

    same_as_scanning()
