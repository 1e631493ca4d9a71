from kg.load import parse_document
from kg.segment import segment, split_sentences


def _doc(body: str, title: str = "T"):
    return parse_document("x.md", f"---\ntitle: {title}\ndate: '2022-01-08'\n---\n{body}\n".encode())


def test_speaker_turns_and_roles_for_every_label_style(onto):
    body = ("MODERATOR:  Thanks.\n\nSENIOR ADMINISTRATION OFFICIAL ONE:  Great.\n\nQ    A question?\n\n"
            "MS. PSAKI:  Hi.\n\nTHE PRESIDENT:  Well.\n\nOPERATOR:  Next line.\n\nAUDIENCE MEMBER:  Yes!\n\n"
            "SUBJECT:  not a speaker")
    turns, _ = segment(_doc(body), onto.text)
    assert [(t.speaker, t.role) for t in turns] == [
        ("MODERATOR", "host"), ("SENIOR ADMINISTRATION OFFICIAL ONE", "official"), ("Q", "reporter"),
        ("MS. PSAKI", "official"), ("THE PRESIDENT", "official"), ("OPERATOR", "operator"),
        ("AUDIENCE MEMBER", "audience")]
    assert "SUBJECT:" in _doc(body).text[turns[-1].start:turns[-1].end]


def test_document_without_turns_is_one_turn_of_the_office(onto):
    doc = _doc("President Biden spoke today with President Zelenskyy of Ukraine.")
    turns, sentences = segment(doc, onto.text, "The White House")
    assert len(turns) == 1 and turns[0].speaker == "The White House" and turns[0].role == "official"
    assert sentences[0].turn == -1 and sentences[0].text == "T"      # the title is sentence 0


def test_sentences_survive_abbreviations_quotes_and_dashes():
    text = ("The U.S. is ready. Mr. Putin said at 11:20 A.M. EST that “they’re on our doorstep.” "
            "Gen. Milley agreed — mostly. Joseph R. Biden spoke. Is that accurate? Yes.")
    spans = split_sentences(text, 0, len(text), frozenset(["U.S.", "Mr.", "A.M.", "Gen."]))
    assert [text[s:e] for s, e in spans] == [
        "The U.S. is ready.", "Mr. Putin said at 11:20 A.M. EST that “they’re on our doorstep.”",
        "Gen. Milley agreed — mostly.", "Joseph R. Biden spoke.", "Is that accurate?", "Yes."]


def test_lower_case_abbreviation_holds_where_a_plain_word_ends_the_sentence():
    # "etc." and "approx." are abbreviations; "box." and "stories." end in the same
    # letters and are plain words
    text = "We sent a box. Then we spoke etc. The rest was approx. Ten stories. Then\nmore."
    spans = split_sentences(text, 0, len(text), frozenset(["etc.", "approx."]))
    assert [text[s:e] for s, e in spans] == [
        "We sent a box.", "Then we spoke etc. The rest was approx. Ten stories.", "Then", "more."]


def test_punctuation_before_a_newline_ends_one_sentence():
    text = "First point.\n\nSecond point.\nThird point"
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text), frozenset())] == [
        "First point.", "Second point.", "Third point"]


def test_sentence_offsets_point_into_the_text(seed_paths, onto):
    doc = parse_document(str(seed_paths[0]), seed_paths[0].read_bytes())
    _, sentences = segment(doc, onto.text)
    for s in sentences[1:]:
        assert doc.text[s.start:s.end] == s.text
    assert any(s.text.startswith("The U.S. is ready to engage in diplomacy") for s in sentences)


def test_a_speaker_label_with_accented_letters_opens_a_turn(onto):
    body = "PRESIDENT BIDEN:  Welcome.\n\nPRESIDENT NIINISTÖ:  Thank you.\n\nPRESIDENT LÓPEZ OBRADOR:  Gracias."
    turns, _ = segment(_doc(body), onto.text)
    assert [t.speaker for t in turns] == ["PRESIDENT BIDEN", "PRESIDENT NIINISTÖ", "PRESIDENT LÓPEZ OBRADOR"]


def _sentences(onto, text: str) -> list[str]:
    cfg = onto.text
    spans = split_sentences(text, 0, len(text), cfg.abbreviations, cfg.name_abbreviations, cfg.sentence_openers)
    return [text[s:e] for s, e in spans]


def test_a_name_that_ends_like_an_abbreviation_ends_the_sentence_before_a_sentence_opener(onto):
    # "Sen." of "Hun Sen", "Jr." and "Inc." end a name; before "Then", "He", "She" (words that
    # open sentences and are no names) they end the sentence
    text = ("He met the Prime Minister of Cambodia, Hun Sen. Then he will go on. I thank Gov. Thanks, Gov. "
            "He was named by President Joseph R. Biden, Jr. He served at Palantir Technologies Inc. She "
            "left.")
    assert _sentences(onto, text) == [
        "He met the Prime Minister of Cambodia, Hun Sen.", "Then he will go on.", "I thank Gov. Thanks, Gov.",
        "He was named by President Joseph R. Biden, Jr.", "He served at Palantir Technologies Inc.", "She left."]


def test_a_title_before_a_name_still_holds_the_sentence_together(onto):
    # a name (not a sentence opener) after the title ("Sen. Schumer", "Lt. Gen. Smith", "Inc.
    # Ajay"), a name's word after "Jr.", an initial that is also an opener ("Dr. A. Smith"), a
    # title after a title ("Lt. Gen. He") or after a lower-case word: one sentence each
    text = ("Majority Leader Sen. Schumer spoke. He met Lt. Gen. Smith later. "
            "Martin Luther King Jr. Day is a holiday. Prime Minister Dr. A. Smith came. "
            "We thank the Gen. The rest stayed. The Lt. Gen. He came. Dow Inc. Ajay worked there.")
    assert _sentences(onto, text) == [
        "Majority Leader Sen. Schumer spoke.", "He met Lt. Gen. Smith later.",
        "Martin Luther King Jr. Day is a holiday.", "Prime Minister Dr. A. Smith came.",
        "We thank the Gen. The rest stayed.", "The Lt. Gen. He came.", "Dow Inc. Ajay worked there."]


def test_segment_splits_after_a_name_that_ends_like_an_abbreviation(onto):
    doc = _doc("He will meet Prime Minister Hun Sen. On Sunday, he will attend the East Asia Summit.")
    _, sentences = segment(doc, onto.text)
    assert [s.text for s in sentences[1:]] == [
        "He will meet Prime Minister Hun Sen.", "On Sunday, he will attend the East Asia Summit."]
