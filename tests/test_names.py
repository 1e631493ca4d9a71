"""kg.names: people the gazetteer does not know, found after or before a title."""
from kg.names import PersonFinder, slug


def _names(onto, text):
    return [hit[4] for hit in PersonFinder(onto).find(text, 0, len(text))]


def test_a_title_before_a_name(onto):
    assert _names(onto, "He met Foreign Minister Retno Marsudi today.") == ["Retno Marsudi"]


def test_a_long_office_name_between_title_and_name(onto):
    text = ("National Security Advisor Jake Sullivan spoke over the phone today with Coordinating Minister for "
            "Maritime Affairs and Investment Luhut Pandjaitan of Indonesia.")
    assert "Luhut Pandjaitan" in _names(onto, text)
    text = "They met Secretary of Finance and Public Credit Rogelio Ramírez in Mexico City."
    assert "Rogelio Ramírez" in _names(onto, text)


def test_a_body_after_a_title_is_no_name(onto):
    text = "She thanked the Chair of the Maryland Science Center Board for the tour."
    assert not any(n.endswith("Board") or n.startswith("Center") for n in _names(onto, text))


def test_a_name_before_its_title(onto):
    text = "We welcomed Luigi Mattiolo, Diplomatic Advisor to the Prime Minister, to the White House."
    assert "Luigi Mattiolo" in _names(onto, text)


def test_slug_is_ascii_and_distinct():
    assert slug("Zoë Núñez-Ørsted") == "Zoe_Nunez_Orsted"
    assert slug("Ли Цян") != slug("Ван И") and slug("Ли Цян").isascii()
