"""Page flow of the PDF: no page holds only the closing mark （以上）; labels stay with what follows them."""

from __future__ import annotations

import io

from conftest import REPO
from pypdf import PdfReader

TEMPLATES = REPO / "templates"


def last_pages(paragraphs: int, css: str) -> list[str]:
    import weasyprint

    body = "".join(f'<p class="body">段落{i}。これは本文の段落です。これは本文の段落です。</p>' for i in range(paragraphs))
    html = f'<html lang="ja"><body>{body}<p class="closing">(以上)</p></body></html>'
    out = io.BytesIO()
    base = TEMPLATES.as_uri() + "/"
    weasyprint.HTML(string=html, base_url=base).write_pdf(out, stylesheets=[weasyprint.CSS(string=css, base_url=base)])
    return [page.extract_text().strip() for page in PdfReader(out).pages]


def test_closing_mark_never_alone_on_a_page():
    css = (TEMPLATES / "print.css").read_text(encoding="utf-8")
    without_rule = css.replace(".closing { text-align: right; margin-top: 9pt; break-before: avoid; }",
                               ".closing { text-align: right; margin-top: 9pt; }")
    assert without_rule != css
    # the length at which, without the rule, the closing mark would fall alone on a new page
    alone = next(n for n in range(30, 45) if last_pages(n, without_rule)[-1].startswith("(以上)"))
    pages = last_pages(alone, css)
    assert pages[-1].endswith("(以上)") and not pages[-1].startswith("(以上)")  # a paragraph came with it
