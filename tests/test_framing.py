"""How the reader frames each figure: a level or a change, reported, estimated or projected
(claims/framing.py). Each row is a sentence written for this table, the words of one figure in it,
and what a reader of the sentence takes that figure to be."""

from __future__ import annotations

import pytest

from factdesk.claims.figures import Modality, read_figures

REPORTED, ESTIMATED, PROJECTED = Modality.REPORTED, Modality.ESTIMATED, Modality.PROJECTED
LEVEL, CHANGE = False, True


def row(text: str, words: str, change: bool, modality: Modality = REPORTED):
    return pytest.param(text, words, change, modality, id=f"{words} in {text[:50]}")


CHANGES = [
    # a verb or adverb of change before the figure, maybe with "by" or an adverb between
    row("The index fell 2.1% on Tuesday.", "2.1%", CHANGE),
    row("Shares were up 5pc by noon.", "5pc", CHANGE),
    row("Exports dropped by more than 8 per cent in May.", "more than 8 per cent", CHANGE),
    row("The toll climbed sharply by 40 overnight.", "40", CHANGE),
    row("Fares will rise a further 3% next year.", "3%", CHANGE),
    # the amount after "by" when a verb of change stands earlier in the clause
    row("The council raised parking fees in the centre by 15 per cent.", "15 per cent", CHANGE),
    # a noun of change before ("an increase of") or after ("a 25p increase", "a four-point drop")
    row("Bus fares saw an increase of 6.5 percent.", "6.5 percent", CHANGE),
    row("Stamps cost 85p, a 10p increase on last year.", "10p", CHANGE),
    row("The party suffered a four-point drop in support.", "four-point", CHANGE),
    row("Officials confirmed an additional 312 cases.", "312", CHANGE),
    # a comparison with a reference: "higher than", "below average", "more than" + "than"
    row("Sales were 12 percent higher than a year ago.", "12 percent", CHANGE),
    row("Rainfall was 30 per cent below average in March.", "30 per cent", CHANGE),
    row("Arrivals were 4,000 more than in 2022.", "4,000", CHANGE),
    row("Retail sales grew 3.1% yoy in June.", "3.1%", CHANGE),
    row("The stock closed 45p down at 610p.", "45p", CHANGE),
    # a written sign is a change
    row("Output contracted -0.4% in the quarter.", "-0.4%", CHANGE),
    # a restatement of a change is a change: "rose $1.20, or 2 percent"
    row("Copper rose $120, or 1.4 percent, to $8,700 a tonne.", "1.4 percent", CHANGE),
    row("Wages rose 0.3 percent (9 cents) to $31.02.", "9 cents", CHANGE),
    # a multiplier is a change when it is a verb, or a noun of change follows it
    row("Cases more than doubled in a month.", "more than doubled", CHANGE),
    row("Fees saw a fourfold increase after the reform.", "fourfold", CHANGE),
    # levels: where something moved to or from, a share of a whole, a comparison of sizes
    row("The index fell 2.1% to 7,455 points.", "7,455", LEVEL),
    row("Turnout rose to 67 per cent.", "67 per cent", LEVEL),
    row("Inflation eased from 4.1% in May.", "4.1%", LEVEL),
    row("She gained about 34 per cent of the vote.", "about 34 per cent", LEVEL, ESTIMATED),
    row("The star is ten times the size of the sun.", "ten times", LEVEL),
    row("Troops shot down 18 of the drones.", "18", LEVEL),
    row("Women make up 52 percent of voters.", "52 percent", LEVEL),
    row("The floods left 30,000 more homes damaged.", "30,000", LEVEL),
    row("The wall stands 15 feet above ground level.", "15 feet", LEVEL),
    row("Average pay is £31.05 (up 80p) this year.", "£31.05", LEVEL),
    row("Storm surges of 25 feet were recorded.", "25 feet", LEVEL),
]

MODALITIES = [
    # a projection: a modal verb, an expectation, a forecast, a model, a plan to reach a figure
    row("The storm could bring 300 mm of rain.", "300 mm", LEVEL, PROJECTED),
    row("Growth is expected to reach 2.8 per cent.", "2.8 per cent", LEVEL, PROJECTED),
    row("Economists forecast a deficit of $40 billion.", "$40 billion", LEVEL, PROJECTED),
    row("Modelling suggests deaths may reach 1,200.", "1,200", LEVEL, PROJECTED),
    row("The party is on track to win 210 seats.", "210", LEVEL, PROJECTED),
    row("Prices were 3.1% against the 2.9% forecast by analysts.", "2.9%", LEVEL, PROJECTED),
    row("A surplus of 4 billion pounds was expected.", "4 billion pounds", LEVEL, PROJECTED),
    # a projection wins over a hedge of "about", and a conversion follows the figure it converts
    row("The rock will pass within about 4.5 million miles (7.2 million km), NASA said, and could "
        "come closer.", "about 4.5 million miles", LEVEL, ESTIMATED),
    row("Forecasters said gusts could top about 110 km/h (68 mph).", "68 mph", LEVEL, PROJECTED),
    # an estimate: a hedge of "about", or a word of estimating in the clause
    row("About 5,400 homes lost power.", "About 5,400", LEVEL, ESTIMATED),
    row("Losses are estimated at 2.1 billion yuan.", "2.1 billion yuan", LEVEL, ESTIMATED),
    row("At least 40 are feared dead, and 12 people are thought to be missing.", "12", LEVEL, REPORTED),
    row("Rescuers said 12 people are thought to be missing.", "12", LEVEL, REPORTED),
    row("The group is thought to hold 3,000 fighters.", "3,000", LEVEL, ESTIMATED),
    # reported: the words of another figure, another clause, a month, an earlier level
    row("An estimated 20,000 died in the quake of magnitude 7.7 that struck at dawn.", "magnitude 7.7",
        LEVEL, REPORTED),
    row("The bank expects a rebound of 40%, after a fall of 7.1% in the first half.", "7.1%", CHANGE, REPORTED),
    row("Markets expect cuts from the current rate of 5.25%.", "5.25%", LEVEL, REPORTED),
    row("Voting ended on May 29 with 16 parties in the race.", "16", LEVEL, REPORTED),
    row("The tariff will rise from £9.65, officials said.", "£9.65", LEVEL, REPORTED),
    row("Police arrested 75 people on Monday.", "75", LEVEL, REPORTED),
    row("Prices rose 5%, and analysts predict a further rise.", "5%", CHANGE, REPORTED),
]


@pytest.mark.parametrize(("text", "words", "change", "modality"), CHANGES + MODALITIES)
def test_a_figure_is_framed_as_its_sentence_puts_it(text, words, change, modality):
    figures = {f.text: f for f in read_figures(text, framed=True)}
    assert words in figures, f"{words!r} not read: {list(figures)}"
    figure = figures[words]
    assert (figure.change, figure.modality) == (change, modality)


def test_a_conversion_takes_the_hedge_of_the_figure_it_converts():
    """'about 20 kilometers (12.4 miles)': the miles are about 12.4 too, and an estimate."""
    first, second = read_figures("It struck about 20 kilometers (12.4 miles) below the surface.", framed=True)
    assert (second.text, second.hedge, second.modality) == ("12.4 miles", first.hedge, ESTIMATED)
    low, high = second.interval.low / 1.609344, second.interval.high / 1.609344
    assert (round(low, 2), round(high, 2)) == (11.16, 13.64)
    [_, bound] = read_figures("Winds of up to 185 kph (115 mph) hit the coast.")
    assert (bound.interval.low, round(bound.interval.high / 1.609344, 6)) == (0.0, 115.0)
    # a restatement in the same unit is not a conversion: "between 5,000 (or 6,000)" stays exact
    [one, other] = read_figures("Police counted 5,000 people (6,000 by other counts).")
    assert other.hedge is one.hedge and other.interval.low == other.interval.high == 6000
