"""kg.leaders: the group of leaders a title names, and the leaders its text lists."""
from kg.leaders import group_title, title_leaders
from kg.load import parse_document
from kg.pipeline import extract_document

# corpus 2022-04-29-readout-of-vice-president-harriss-meeting-with-caribbean-leaders (abridged list)
CARIBBEAN = """Vice President Kamala Harris met virtually today with 15 leaders
representing Caribbean nations.

The Leaders that participated:

-   Prime Minister Gaston Browne of Antigua and Barbuda
-   Prime Minister Mia Mottley of Barbados
-   Prime Minister Dr. Ralph Gonsalves of Saint Vincent and the
    Grenadines
-   President Chan Santokhi of Suriname
"""


def _doc(title, body, date="2022-04-29"):
    return parse_document("x.md", f"---\ntitle: \"{title}\"\ndate: '{date}'\n---\n{body}".encode())


def test_a_title_with_leaders_names_a_group(onto):
    assert group_title(onto.context, "Readout of Vice President Harris’s Meeting with Caribbean Leaders")
    assert not group_title(onto.context, "Readout of Vice President Harris’s Meeting with Prime Minister Mottley")


def test_the_listed_leaders_across_country_names_with_and_and_the(onto):
    doc = _doc("Readout of Vice President Harris’s Meeting with Caribbean Leaders", CARIBBEAN)
    result = extract_document(onto, doc)
    ents = {**onto.entities, **{e.id: e for e in result.new_entities}}
    leaders = title_leaders(onto, doc, result.mentions, ents)
    assert leaders[0] == "Kamala_Harris"
    assert {"Gaston_Browne", "Mia_Mottley", "Ralph_Gonsalves", "Chan_Santokhi"} <= set(leaders)


def test_no_group_without_a_group_title(onto):
    doc = _doc("Readout of Vice President Harris’s Meeting with Prime Minister Mottley of Barbados", CARIBBEAN)
    result = extract_document(onto, doc)
    assert title_leaders(onto, doc, result.mentions, onto.entities) == []
