"""The preview's own pages: the memo list and the side-by-side viewer that follows saves live."""

from __future__ import annotations

import jinja2
from markupsafe import Markup

SCREEN_CSS = """\
/* Preview only: shows each memo on a sheet of A4 width; the memo's own layout is print.css. */
@media screen {
  html { background: #e6e6e6; }
  body { background: #fff; margin: 16px auto; padding: 30mm; min-height: 237mm;
         box-shadow: 0 1px 4px rgba(0, 0, 0, .3); }
  html[lang="en"] body { width: 150mm; }
}
"""

_SHELL_CSS = """\
body { font-family: system-ui, sans-serif; margin: 0; background: #f4f4f4; color: #222; }
header { display: flex; gap: 1em; align-items: baseline; padding: 6px 12px; background: #20364f; color: #fff; }
header a { color: #cde; } header h1 { font-size: 15px; margin: 0; } #updated { margin-left: auto; font-size: 12px; }
main { padding: 12px; } li { margin: 4px 0; } .memo-id { font-family: monospace; }
#problems { margin: 8px 12px; padding: 8px 12px; border: 2px solid #b00020; background: #fff3f3; }
#problems h2 { font-size: 14px; margin: 0 0 6px; color: #b00020; }
#problems pre { margin: 0; white-space: pre-wrap; font-size: 13px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; padding: 0 8px 8px; }
.pair > div { min-width: 0; } .pair h2 { font-size: 12px; margin: 4px 0; font-weight: normal; color: #555; }
.sheet-box { overflow: hidden; height: calc(100vh - 80px); border: 1px solid #bbb; background: #e6e6e6; }
.sheet-box iframe { border: 0; transform-origin: 0 0; width: 100%; height: 100%; }
iframe.stale { opacity: .45; }
"""

_LIVE_JS = """\
let seen = {{ version | tojson }};
function stamp() {
  document.getElementById('updated').textContent = '更新 / updated ' + new Date().toLocaleTimeString();
}
const events = new EventSource('/events');
events.onmessage = (event) => { if (event.data !== seen) { seen = event.data; refresh(true); } };
"""

_INDEX = """\
<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>briefing preview</title>
<style>{{ css }}</style></head>
<body>
<header><h1>briefing preview — 文書一覧 / memos</h1><span id="updated"></span></header>
<main>
<ul id="memos">
{%- for memo in memos %}
<li><a class="memo-id" href="/memo/{{ memo.id | urlencode }}">{{ memo.id }}</a> {{ memo.title }}</li>
{%- else %}
<li>content/ にまだ文書がありません: briefing new readout my-memo / no memos yet</li>
{%- endfor %}
</ul>
</main>
<script>
{{ live }}
async function refresh() {
  const text = await (await fetch('/', {cache: 'no-store'})).text();
  const fresh = new DOMParser().parseFromString(text, 'text/html').getElementById('memos');
  document.getElementById('memos').replaceWith(fresh);
  stamp();
}
</script>
</body></html>
"""

_VIEWER = """\
<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ memo_id }} — briefing preview</title>
<style>{{ css }}</style></head>
<body>
<header><a href="/">← 一覧 / memos</a><h1 class="memo-id">{{ memo_id }}</h1><span id="updated"></span></header>
<section id="problems" hidden><h2>内容に誤りがあります / Problems in the content</h2><pre></pre></section>
<div class="pair">
{%- for lang, name in languages %}
<div><h2>{{ name }}</h2><div class="sheet-box">
<iframe data-lang="{{ lang }}" data-src="/content/{{ memo_id | urlencode }}.{{ lang }}.html"
        src="/content/{{ memo_id | urlencode }}.{{ lang }}.html" title="{{ name }}"></iframe></div></div>
{%- endfor %}
</div>
<script>
{{ live }}
const statusUrl = '/status/' + encodeURIComponent({{ memo_id | tojson }});
function reload(frame) {
  const y = frame.contentWindow ? frame.contentWindow.scrollY : 0;
  frame.addEventListener('load', () => frame.contentWindow.scrollTo(0, y), {once: true});
  frame.src = frame.dataset.src + '?v=' + encodeURIComponent(seen);
}
async function refresh(changed) {
  const response = await fetch(statusUrl, {cache: 'no-store'});
  const status = await response.json();
  const panel = document.getElementById('problems');
  panel.querySelector('pre').textContent = status.problems.map((p) => p.text).join('\\n\\n');
  panel.hidden = status.problems.length === 0;
  fit();
  if (changed) {  // a language with errors keeps its last good version (dimmed); the other one follows
    document.querySelectorAll('iframe[data-lang]').forEach((frame) => {
      const good = status.languages.includes(frame.dataset.lang);
      frame.classList.toggle('stale', !good && !panel.hidden);
      if (good) reload(frame);
    });
  }
  if (changed) stamp();
}
function fit() {  // shrink a whole A4 sheet (794 px and a margin) into each column
  for (const frame of document.querySelectorAll('iframe[data-lang]')) {
    const box = frame.parentElement;
    box.style.height = (window.innerHeight - box.getBoundingClientRect().top - 14) + 'px';
    const scale = Math.min(1, box.clientWidth / 830);
    frame.style.width = (box.clientWidth / scale) + 'px';
    frame.style.height = (box.clientHeight / scale) + 'px';
    frame.style.transform = 'scale(' + scale + ')';
  }
}
window.addEventListener('resize', fit);
fit();
refresh(false);
</script>
</body></html>
"""

_environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
_LANGUAGE_NAMES = (("ja", "日本語 / Japanese"), ("en", "英語 / English"))


def index_page(memos: list[dict[str, str]], version: str) -> str:
    """The list of memos, each linking to its viewer; refreshed when content/ changes."""
    live = _environment.from_string(_LIVE_JS).render(version=version)
    return _environment.from_string(_INDEX).render(memos=memos, css=Markup(_SHELL_CSS), live=Markup(live))


def viewer_page(memo_id: str, version: str) -> str:
    """One memo, Japanese and English side by side, with its problems above when it has any."""
    live = _environment.from_string(_LIVE_JS).render(version=version)
    return _environment.from_string(_VIEWER).render(memo_id=memo_id, css=Markup(_SHELL_CSS), live=Markup(live),
                                                    languages=_LANGUAGE_NAMES)


def message_page(lang: str, title: str, lines: list[str]) -> str:
    """A small page in place of a memo that cannot be shown (problems, or a language it lacks)."""
    return _environment.from_string(
        '<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>'
        '<style>body { font-family: system-ui, sans-serif; margin: 2em; } pre { white-space: pre-wrap; }</style>'
        '</head><body><h1>{{ title }}</h1>{% for line in lines %}<pre>{{ line }}</pre>{% endfor %}</body></html>'
    ).render(lang=lang, title=title, lines=lines)

