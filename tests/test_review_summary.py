"""The review's summary sentence agrees in number, as Latvian requires."""

import pytest
from django.utils import translation

from reports.summary import summary_sentence


@pytest.fixture(autouse=True)
def latvian():
    with translation.override("lv"):
        yield


def test_it_reads_like_the_zemgale_review():
    sentence = summary_sentence({"implemented": 12, "unchanged": 1, "no_information": 9})
    assert sentence == (
        "12 pašvaldībās izpildīts; 1 pašvaldībā situācija nav mainījusies; "
        "9 pašvaldības nav sniegušas informāciju."
    )


@pytest.mark.parametrize(
    "count, expected",
    [
        (1, "1 pašvaldībā izpildīts."),
        (21, "21 pašvaldībā izpildīts."),
        (2, "2 pašvaldībās izpildīts."),
        (11, "11 pašvaldībās izpildīts."),
        (12, "12 pašvaldībās izpildīts."),
        (111, "111 pašvaldībās izpildīts."),
    ],
)
def test_number_agreement_in_the_locative(count, expected):
    assert summary_sentence({"implemented": count}) == expected


@pytest.mark.parametrize(
    "count, expected",
    [
        (1, "1 pašvaldība nav sniegusi informāciju."),
        (21, "21 pašvaldība nav sniegusi informāciju."),
        (11, "11 pašvaldības nav sniegušas informāciju."),
        (22, "22 pašvaldības nav sniegušas informāciju."),
    ],
)
def test_number_agreement_in_the_nominative(count, expected):
    assert summary_sentence({"no_information": count}) == expected


def test_zero_counts_are_left_out_and_order_is_the_reviews():
    sentence = summary_sentence({"no_information": 2, "partial": 0, "improved": 3})
    assert sentence == "3 pašvaldībās uzlabojies; 2 pašvaldības nav sniegušas informāciju."


def test_nothing_to_say_is_empty():
    assert summary_sentence({}) == ""


def test_english_too():
    with translation.override("en"):
        assert summary_sentence({"implemented": 1, "no_information": 2}) == (
            "Implemented in 1 municipality; 2 municipalities gave no information."
        )
