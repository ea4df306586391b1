"""The redline's paragraph rewrite (ooxml.redline.replace_runs): words keep their runs' formatting, links and breaks."""

import docx
from docx.oxml.ns import qn

from briefing.render.docx.ooxml import add_hyperlink, add_link_run
from briefing.render.docx.ooxml.redline import Revisions, replace_runs

URL = "https://www.pko.go.jp/"


def accepted(p) -> str:
    return "".join(t.text for t in p.iter(qn("w:t")))


def test_a_changed_link_text_stays_a_link_with_its_change_inside():
    word = docx.Document()
    paragraph = word.add_paragraph()
    paragraph.add_run("See ")
    link = add_hyperlink(paragraph, URL)
    add_link_run(link, "the second meeting", "Hyperlink")  # the new version's paragraph
    paragraph.add_run(" online.").bold = True
    replace_runs(paragraph._p, [("=", "See the "), ("-", "first"), ("+", "second"), ("=", " meeting online.")],
                 Revisions("briefing", "2025-07-03T00:00:00Z"))
    assert accepted(paragraph._p) == "See the second meeting online."
    [kept_link] = paragraph._p.findall(qn("w:hyperlink"))
    assert paragraph.part.rels[kept_link.get(qn("r:id"))].target_ref == URL
    inside = kept_link.iter(qn("w:t"), qn("w:delText"))
    assert [(node.tag == qn("w:delText"), node.text) for node in inside] == [
        (False, "the "), (True, "first"), (False, "second"), (False, " meeting")]
    assert [mark.tag for mark in kept_link] == [qn("w:r"), qn("w:del"), qn("w:ins"), qn("w:r")]
    styles = {run.find(qn("w:t")).text: run.find(qn("w:rPr")) for run in paragraph._p.iter(qn("w:r"))
              if run.find(qn("w:t")) is not None}
    assert styles["See "] is None and styles["second"].find(qn("w:rStyle")).get(qn("w:val")) == "Hyperlink"
    assert styles[" online."].find(qn("w:b")) is not None
