"""kg.speakers: who speaks in a turn, and the authors of a document without turns."""
from kg.coref import PeopleRegistry, find_named
from kg.load import parse_document
from kg.segment import segment


def _named(onto, body: str, title: str, date: str = "2022-03-25"):
    doc = parse_document("x.md", f"---\ntitle: \"{title}\"\ndate: '{date}'\n---\n{body}\n".encode())
    turns, sentences = segment(doc, onto.text, "The White House")
    return find_named(onto, doc, turns, sentences, "United_States", PeopleRegistry())


def test_a_joint_statement_by_two_leaders_speaks_for_both_governments(onto):
    named = _named(onto, "We share the objective of ensuring energy supply for Ukraine.",
                   "Joint Statement by President Biden and President von der Leyen on U.S.-EU Cooperation on Energy Security")
    group = named.speakers[0].group
    assert group[0] == "United_States" and "European_Union" in group


def test_a_statement_by_one_leader_has_no_group(onto):
    named = _named(onto, "We will hold Russia accountable.", "Statement by President Biden on Russia")
    assert named.speakers[0].group == ()
    assert named.speakers[0].person == "Joe_Biden"


def test_an_officials_turn_speaks_for_the_issuer(onto):
    named = _named(onto, "SENIOR ADMINISTRATION OFFICIAL:  We will impose costs.\n\nQ    Will you?",
                   "Background Press Call by a Senior Administration Official")
    official, reporter = named.speakers[0], named.speakers[1]
    assert official.government == "United_States" and reporter.government is None
    assert reporter.addressee == "United_States"


def test_in_joint_remarks_you_is_the_government_spoken_to(onto):
    body = ("PRESIDENT BIDEN:  Mr. Prime Minister, thank you for coming. You have been a great friend.\n\n"
            "PRIME MINISTER MARTIN:  Thank you, Mr. President. You have stood with us.")
    named = _named(onto, body, "Remarks by President Biden and Prime Minister Martin of Ireland Before Bilateral Meeting")
    host, guest = named.speakers[0], named.speakers[1]
    assert host.addressees == ("Ireland",) and guest.addressees == ("United_States",)


def test_a_speaker_label_names_the_person_the_title_names_by_surname(onto):
    body = ("MS. PSAKI:  Jake is here to take your questions.\n\n"
            "MR. SULLIVAN:  Thank you, Jen. We have been clear with the Chinese side.")
    named = _named(onto, body, "Press Briefing by Press Secretary Jen Psaki and National Security Advisor Jake Sullivan",
                   "2022-03-22")
    assert named.speakers[1].person == "Jake_Sullivan"


def test_a_leaders_label_gives_her_turn_her_government(onto):
    body = ("PRESIDENT BIDEN:  Thank you, Ursula.\n\n"
            "PRESIDENT VON DER LEYEN:  We will support Ukraine.")
    named = _named(onto, body, "Remarks by President Biden and European Commission President Ursula von der Leyen "
                   "in Joint Press Statement")
    assert named.speakers[1].person == "Ursula_von_der_Leyen"
    assert named.speakers[1].government != "United_States"


def test_a_national_security_advisors_i_is_theirs_in_meetings_only(onto):
    body = "MS. JEAN-PIERRE:  Good afternoon.\n\nMR. SULLIVAN:  I spoke with my Turkish counterpart."
    named = _named(onto, body, "Press Gaggle by Press Secretary Karine Jean-Pierre and National Security Advisor Jake Sullivan")
    secretary, advisor = named.speakers[0], named.speakers[1]
    assert advisor.person == "Jake_Sullivan" and advisor.meeting_voice == "Jake_Sullivan" and advisor.voice is None
    assert secretary.meeting_voice is None
