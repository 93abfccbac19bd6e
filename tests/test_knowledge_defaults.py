"""Every default template passes the reply checker: no warnings and no typos."""

import pytest

from knowledge.checking import checker_warnings
from knowledge.defaults import default_document
from knowledge.placeholders import fill

checker = pytest.importorskip("nlp.checker")

ROWS = default_document().rows


@pytest.mark.parametrize("row", ROWS, ids=[row["key"] for row in ROWS])
def test_default_template_passes_the_reply_checker(row):
    assert checker_warnings(row["text"], checker.check_reply) == []
    assert not [f for f in checker.check_reply(fill(row["text"], {})).findings if f.rule == "typo"]
