# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""A conversation on a text written for this test (fake models, a real index): "and the other
clinic?" after a sentence that gives both clinics' figures ("the Pellow clinic treats 62 a day,
while the smaller one at Brisk sees 41") is answered from that sentence, which holds the other
one's figure too, not declined because the sentence was already cited.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from pathlib import Path

from rag.answer import Turn
from tests.support import fake_engine

TEXT = """Island Clinics Stretched
By Imre Sollis
Published June 3, 2031

PELLOW - The island's two clinics are turning patients away as winter arrives, the health board said on Monday.

The clinic at Pellow Harbour treats about 62 patients a day and has a waiting list of five weeks, while the smaller clinic at Brisk sees around 41 patients a day and has a waiting list of three weeks.

Neither clinic has a scanner, and patients who need one are sent to the mainland.

The board's chair, Oda Brenn, said a third clinic would open in 2033.
"""


def test_the_other_ones_figure_in_the_sentence_already_cited(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    engine, _ = fake_engine(tmp_path, index={"article_path": article})
    first = engine.ask("How many patients a day does the clinic at Pellow Harbour treat?")
    assert "62 patients" in first.text and not first.abstained
    second = engine.ask("And the other clinic?", history=[Turn(first.question, first.text)])
    assert not second.abstained, second.abstain_reason
    assert "41 patients" in second.text
