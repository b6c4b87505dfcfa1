"""Loaded language (LL): tropes and smears in the writer's own voice are reported; the same
words quoted from a named speaker, reported with distance, or used literally are not."""

import pytest

from editlint.kinds import voice
from editlint.packs import build_rule
from editlint.rule import RuleError


def codes(findings, prefix="LL"):
    return [f.code for f in findings if f.code.startswith(prefix)]


FORMATS = {
    "text": "{}\n",
    "markdown": "{}\n",
    "html": "<html><body><p>{}</p></body></html>",
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_trope_in_writers_voice_is_reported_in_every_format(lint, fmt):
    text = FORMATS[fmt].format("The blackout was a false flag staged to justify new powers.")
    found = [f for f in lint(text, fmt, select="LL") if f.code == "LL101"]
    assert len(found) == 1
    assert found[0].line == 1
    assert text.splitlines()[0][found[0].column - 1:found[0].end_column - 1] == "false flag"
    assert found[0].suggestion  # the pack's neutral alternative


def test_quoted_named_speaker_is_not_reported(lint):
    text = '"The deep state is coming for us," said Marla Quint, a candidate for the county board.\n'
    assert codes(lint(text, "text")) == []


def test_partial_quote_inside_reported_speech_is_not_reported(lint):
    text = 'Councillor Ames said the fire was "an inside job" but offered no details.\n'
    assert codes(lint(text, "text")) == []


def test_named_speaker_without_quotes_is_not_reported(lint):
    text = "The deep state was behind the leak, the former adviser Cole Vetter told supporters on Sunday.\n"
    assert codes(lint(text, "text")) == []


def test_distanced_reporting_is_not_reported(lint):
    for text in (
        "Conspiracy theorists claim the crash was an inside job.\n",
        "The idea of a deep state, which researchers describe as unfounded, spread quickly online.\n",
        "Without evidence, the posts called the shooting a false flag.\n",
    ):
        assert codes(lint(text, "text")) == [], text


def test_blockquote_is_someone_elses_words(lint):
    text = "Intro paragraph.\n\n> The flood was a false flag.\n"
    assert codes(lint(text, "markdown")) == []


def test_link_in_sentence_does_not_clear_loaded_words(lint):
    text = "The vote was rigged by the deep state, as [this video](https://example.org/v) shows.\n"
    assert "LL101" in codes(lint(text, "markdown"))


def test_smear_label_before_a_name_is_reported(lint):
    text = "The march was organised by the nephew of CIA asset Teodor Vance.\n"
    found = [f for f in lint(text, "text") if f.code == "LL102"]
    assert [f.excerpt for f in found] == ["CIA asset"]


def test_smear_label_with_source_in_paragraph_is_not_reported(lint):
    text = ("The archive files were released in 2017, the National Archives said. "
            "They show that the colonel was a CIA asset from 1962.\n")
    assert "LL102" not in codes(lint(text, "text"))


def test_antisemitic_code_needs_control_wording(lint):
    assert codes(lint("The Rothschild family opened a bank in Naples in 1821.\n", "text")) == []
    assert codes(lint("Zionist groups held a rally in the capital on Sunday.\n", "text")) == []
    found = codes(lint("The markets are controlled by the Rothschilds, pulling the strings of every government.\n", "text"))
    assert "LL103" in found


def test_dehumanising_term_needs_a_group_of_people(lint):
    assert codes(lint("The hotel kitchen had a cockroach infestation, inspectors found.\n", "text")) == []
    assert codes(lint("Rats and other vermin were found in the cellar.\n", "text")) == []
    assert "LL104" in codes(lint("An infestation of migrants has ruined the town.\n", "text"))


def test_so_called_is_reported_only_as_a_sneer(lint):
    assert codes(lint("The firm uses so-called grid computing to share the load.\n", "text")) == []
    assert codes(lint("It lets viewers build a so-called media world of their own.\n", "text")) == []
    assert "LL105" in codes(lint("The so-called experts were wrong again.\n", "text"))


def test_scare_quotes_around_credentials(lint):
    assert "LL105" in codes(lint('Their "scientists" never visited the site.\n', "text"))
    # a term introduced neutrally, and a quoted speaker, are not scare quotes
    assert codes(lint('Engineers call the effect "ghosting" in the trade.\n', "text")) == []
    assert codes(lint('"Our scientists are the best," said Ivo Lind.\n', "text")) == []


def test_everyday_wake_up_is_not_a_trope(lint):
    assert codes(lint("I wake up at six and walk the dog.\n", "text")) == []
    assert "LL101" in codes(lint("Wake up, people, the truth is out there.\n", "text"))



def test_loaded_kind_reads_its_lexicon_from_yaml(linter):
    from editlint.kinds.loaded import Loaded
    from editlint.config import Config
    from editlint.parsers import parse

    spec = {"code": "ZZ950", "name": "house-trope", "family": "house-style", "kind": "loaded",
            "message": "{match}: {note} (use {instead})",
            "terms": [{"term": "moon hoax", "note": "a trope", "instead": "the Apollo landings"}]}
    rule = build_rule(spec, {"loaded": Loaded}, "test")
    doc = parse("Everyone knows about the moon hoax by now.\n", "x.txt", "text")
    found = linter.run(doc, Config(), [rule])
    assert [f.message for f in found] == ["moon hoax: a trope (use the Apollo landings)"]
    assert found[0].suggestion == "the Apollo landings"
    doc = parse("Conspiracy theorists still push the moon hoax.\n", "x.txt", "text")
    assert linter.run(doc, Config(), [rule]) == []


def test_loaded_kind_rejects_malformed_entries():
    from editlint.kinds.loaded import Loaded

    base = {"code": "ZZ951", "name": "bad", "family": "house-style", "kind": "loaded"}
    with pytest.raises(RuleError):
        build_rule({**base, "terms": [{"word": "x"}]}, {"loaded": Loaded}, "test")
    with pytest.raises(RuleError):
        build_rule({**base, "terms": []}, {"loaded": Loaded}, "test")
    with pytest.raises(RuleError):
        build_rule({**base, "terms": [{"pattern": "(unclosed"}]}, {"loaded": Loaded}, "test")


@pytest.mark.parametrize("text", [
    "In 1667 the king's ministers, known to their enemies as the Cabal, lost power.",
    "Trump has repeatedly blamed what he calls the deep state for his legal troubles.",
    "The senator told reporters the deep state was real.",
    "Supporters of the theory believe the attack was an inside job.",
    "He spent years as a CIA asset in Havana, according to declassified cables.",
    "Rats infested the camp where refugees were housed.",
    "The so-called Islamic State group claimed the attack.",
])
def test_hard_negatives(lint, text):
    assert codes(lint(text + "\n", "text")) == []


def test_noun_state_is_not_a_reporting_verb(lint):
    # "the deep state" must not read as someone "stating" something, which would clear it
    assert "LL101" in codes(lint("Behind the resignations stands the deep state.\n", "text"))


def test_so_called_distances_only_the_term_it_precedes(lint):
    found = codes(lint("The so-called pandemic was a plandemic from the start.\n", "text"))
    assert sorted(found) == ["LL101", "LL105"]
    assert codes(lint("He railed against the so-called deep state.\n", "text")) == []


# -- the sneered-at people are not the source of the sneer -------------------------
def test_so_called_target_is_not_its_own_attribution(lint):
    # the target's own verb ("insist", "wrote") must not clear the sneer as a "named source"
    assert "LL105" in codes(lint("The so-called experts at the county lab insist the dye is harmless.\n", "text"))
    assert "LL105" in codes(lint('Yet the "scientists" who wrote the glowing review were paid by the maker.\n', "text"))
    # someone else who says it still clears it
    assert codes(lint("The so-called experts at the county lab got it wrong, said Mira Holt.\n", "text")) == []


def test_relative_clause_verb_belongs_to_its_noun():
    assert voice.named_attribution("The inspector who wrote the report was unpaid.")
    assert not voice.named_attribution("The           who wrote their annual report were unpaid.")


def test_scare_quotes_around_civic_nouns(lint):
    assert "LL105" in codes(lint('For the mayor, the new car park is all about "transparency".\n', "text"))
    assert "LL105" in codes(lint("The 'listening exercise' lasted a single afternoon.\n", "text"))
    # a named speaker's partial quotation is reporting, not a sneer
    assert codes(lint('Mr Obi said the plan was about "road safety", not revenue.\n', "text")) == []


def test_cover_up_asserted_in_the_writers_voice(lint):
    assert "LL101" in codes(lint("Nobody should go on believing this cover-up about the mine.\n", "text"))
    assert codes(lint("Residents accused the mine's owners of a cover-up, a charge the company denied.\n", "text")) == []
    assert codes(lint("The senator said voters were tired of the cover-up.\n", "text")) == []


def test_puppet_of_a_group_is_a_smear_label(lint):
    assert "LL102" in codes(lint("Both MPs are mere mouthpieces for the gambling industry.\n", "text"))
    assert codes(lint("The marionette museum shows puppets of the 18th century.\n", "text")) == []


@pytest.mark.parametrize("sentence, code", [
    ("Bankers are parasites who feed on the savings of the poor.", "LL104"),
    ("The council estate suffers an infestation of squatters.", "LL104"),
    ("The fans poured into the square like a plague of cockroaches.", "LL106"),
])
def test_pest_words_for_people(lint, sentence, code):
    assert code in codes(lint(sentence + "\n", "text"))


@pytest.mark.parametrize("sentence", [
    "Gardeners fought an infestation of aphids on the allotments this summer.",
    "The fungus spreads through the roots like parasites through a host.",
    "Students found that ticks are parasites that can carry Lyme disease.",
])
def test_pest_words_for_pests(lint, sentence):
    assert codes(lint(sentence + "\n", "text")) == []


def test_one_smear_seen_by_two_rules_is_one_finding(lint):
    # "is a puppet" (a trope) and "puppet of the developers" (a smear label) overlap: one problem
    found = [f for f in lint("The new mayor is a puppet of the developers.\n", "text", select="LL")]
    assert len(found) == 1, found
    # two smears side by side are two problems
    found = [f for f in lint("The Zionist deep state runs the bank.\n", "text", select="LL")]
    assert sorted(f.code for f in found) == ["LL101", "LL103"]


def test_spreading_done_by_the_flagged_people_is_no_distance(lint):
    # the flagged term is the subject of "spreading": the writer's own accusation
    hit = lint("The far-right thugs marched through the market spreading their lies.", select=["LL"])
    assert [f.code for f in hit] == ["LL107"]
    # the term is what was spread, in the passive or as the object: reporting about it
    assert not lint("The deep state myth was spread by fringe websites.", select=["LL"])
    assert not lint("Fringe websites have been spreading the deep state myth.", select=["LL"])


def test_the_match_does_not_join_its_neighbours_into_a_speaker(lint):
    # blanking "too spineless to" once left "They are ... say no", read as "They say": the
    # pronoun became a speaker and cleared the label it is the subject of
    for text in ("They are too spineless to say no.\n", "The board is too gutless to tell the truth.\n"):
        assert codes(lint(text, "text")) == ["LL107"], text
    assert codes(lint("Ms Diaz said the board was too spineless to act.\n", "text")) == []


def test_a_claim_the_writer_calls_wrong_is_reported_with_distance(lint):
    text = "Some posts even suggest, incorrectly, that the virus was made in a lab.\n"
    assert codes(lint(text, "text")) == []
    assert codes(lint("The virus was made in a lab.\n", "text")) == ["LL101"]


def test_a_vague_source_near_a_named_body_clears_nothing(lint):
    # "sources close to the harbour board say": the board is where the sources are, not who speaks
    text = "Sources close to the harbour board say the levy was stitched up in a back-room deal.\n"
    assert "LL108" in codes(lint(text, "text"))
    assert codes(lint("The harbour board said the levy was agreed in a back-room deal.\n", "text")) == []


@pytest.mark.parametrize("text", [
    "After the council said the plan was safe, the greedy developers moved in.\n",
    "The spokesman insisted the process was fair, but the cronies in the cabinet know better.\n",
    "He told reporters he was proud of the scheme, which is nothing but daylight robbery.\n",
    "The mayor, who is too spineless to resign, said the cuts were fair.\n",
])
def test_a_named_speaker_clears_only_what_he_is_reported_as_saying(lint, text):
    assert codes(lint(text, "text")), text


@pytest.mark.parametrize("text", [
    "Ms Diaz said the greedy developers had moved in.\n",
    "The greedy developers moved in, said Mara Velt, who lost her seat by eleven votes.\n",
    "The cronies, the mayor told the meeting, had run the council for years.\n",
])
def test_what_a_named_speaker_is_reported_as_saying_stays_clear(lint, text):
    assert codes(lint(text, "text")) == [], text


@pytest.mark.parametrize("text, reported", [
    # a subject's appositive, then its verb: the label is the writer's
    ("The mayor, a spineless puppet of the developers, says the plan is fine.", True),
    ("The treasurer, whom our readers have christened Captain Spreadsheet, says the cuts are unavoidable.", True),
    # an inverted attribution: the words before the comma are the speaker's
    ("The mayor is a spineless puppet of the developers, said Ola Berg.", False),
    ("The mayor is a spineless puppet of the developers, says the opposition leader, Ola Berg.", False),
])
def test_an_appositive_before_the_verb_is_the_writers_an_inverted_attribution_is_not(lint, text, reported):
    found = [f.code for f in lint(text, fmt="text") if f.family == "loaded-language"]
    assert bool(found) == reported, found


def test_scare_quotes_around_any_term_need_the_company_of_loaded_wording(lint):
    sneer = "His 'consultancy' arrangement with his brother-in-law's firm deserves a closer look.\n"
    assert codes(lint(sneer, "text")) == []
    company = "The so-called experts have been wrong about every forecast.\n\n"
    assert codes(lint(company + sneer, "text")) == ["LL105", "LL113"]
    for line in ("So-called regulators would rather you stayed sick.\n",
                 "The Alliance's so-called advice service is a recruiting office.\n",
                 "The Hub's 'youth workers' have offered nothing but leaflets.\n"):
        assert codes(lint(company + line, "text")) == ["LL105", "LL113"], line
    # a naming verb, a named speaker, a quotation, a capitalised title: not the writer's sneer
    for line in ("Engineers call the effect 'ghosting', and it fades after a few seconds.\n",
                 "The firm's 'consultancy' work is a success, its chair, Ana Lisle, said on Monday.\n",
                 "\"The 'review' is a sham,\" said the councillor, Tom Vale.\n",
                 "The band's 'Summer Nights' tour starts in May.\n"):
        assert codes(lint(company + line, "text")) == ["LL105"], line


def test_a_scare_quote_rule_without_targets_needs_any_target():
    from editlint.kinds.loaded import ScareQuotes

    base = {"code": "ZZ952", "name": "sneer", "family": "house-style", "kind": "scare-quotes", "message": "{match}"}
    with pytest.raises(RuleError, match="any-target"):
        build_rule({**base, "targets": []}, {"scare-quotes": ScareQuotes}, "test").prepare()
    build_rule({**base, "any_target": True}, {"scare-quotes": ScareQuotes}, "test").prepare()
