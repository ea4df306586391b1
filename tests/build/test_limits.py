"""One bad memo among good ones: reported at path:line:col, exit 1, and the good memos still built."""

from pathlib import Path

from conftest import run_cli
from PIL import Image

HEADER = "type: readout\ndate: 2025-07-04\nissuer: mod\ntitle: {ja: 題, en: Title}\n"


def memo(workspace: Path, name: str, body: str, header: str = HEADER) -> None:
    (workspace / "content" / f"{name}.yaml").write_text(header + body, encoding="utf-8")


def figure(name: str) -> str:
    return f"body:\n  - figure: assets/{name}\n    caption: {{ja: 図, en: Figure}}\n"


def test_one_memo_per_limit_among_good_memos(workspace, tmp_path):
    assets = workspace / "content" / "assets"
    Image.new("CMYK", (40, 30)).save(assets / "cmyk.jpg")
    Image.new("RGB", (40, 30)).save(assets / "webp.png", format="WEBP")
    Image.new("RGB", (40, 30)).save(assets / "gif.png", format="GIF")
    Image.new("1", (40000, 25000)).save(assets / "huge.png")  # 1,000 million pixels, a small file
    deep = "body:\n" + "".join("  " * level + "  - section: {ja: 節, en: Part}\n" + "  " * level + "    body:\n"
                               for level in range(150)) + "  " * 150 + "  - paragraph: {ja: 深, en: Deep}\n"
    bad = {
        "deep": (deep, 5),
        "surrogate": 'body:\n  - paragraph: {ja: "半\\ud800", en: Half}\n',
        "hex": "body:\n  - paragraph: {ja: 数, en: Number}\n    width: 0x" + "f" * 5000 + "\n",
        "infinite": "body:\n  - figure: assets/pko-symposium-2025/photo-1.jpg\n    caption: {ja: 図, en: Fig}\n"
                    "    width: .inf\n",
        "unbroken": "body:\n  - paragraph: {ja: 長い, en: " + "x" * 20_000 + "}\n",
        "long-list": "body:\n  - bullets:\n" + "".join(f"    - {{ja: 項目{i}, en: Item {i}}}\n" for i in range(600)),
        "many-lists": "body:\n" + "  - bullets:\n" + "    - {ja: 項, en: Item}\n" * 400
                      + ("  - bullets:\n" + "    - {ja: 項, en: Item}\n" * 400) * 5,
        "cmyk": figure("cmyk.jpg"),
        "webp": figure("webp.png"),
        "gif": figure("gif.png"),
        "huge": figure("huge.png"),
    }
    for name, body in bad.items():
        memo(workspace, name, body[0] if isinstance(body, tuple) else body)
    (tmp_path / "secret.yaml").write_text("token: s3cr3t-value-from-outside\n", encoding="utf-8")
    (workspace / "content" / "linked.yaml").symlink_to(tmp_path / "secret.yaml")
    memo(workspace, "far-future", "body:\n  - paragraph: {ja: 未来, en: Future}\n",
         HEADER.replace("2025-07-04", "2150-01-01") + "calendar: gregorian\n")
    result = run_cli("build", "-j", "2", "--format", "pdf", "--format", "docx", cwd=workspace)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    expected = {
        "deep": "nested more than 40 levels deep", "surrogate": "an escaped half of a character",
        "hex": "a number of more than 30 digits", "infinite": "'.inf' is not a number a memo can use",
        "unbroken": "20,000 characters without a space", "long-list": "600 entries in one list; at most 500",
        "many-lists": "2,406 list entries in one memo; at most 2,000",
        "cmyk": "a JPEG image in CMYK colours", "webp": "not a readable PNG or JPEG image",
        "gif": "not a readable PNG or JPEG image", "huge": "far more than 40 million pixels",
        "linked": "a link to a file outside the workspace",
    }
    for name, message in expected.items():
        lines = [line for line in result.stderr.splitlines() if line.startswith(f"content/{name}.yaml:")]
        assert lines and message in lines[0], (name, result.stderr[-3000:])
        assert lines[0].split(":")[1].isdigit() and lines[0].split(":")[2].isdigit()  # path:line:col
    assert "s3cr3t" not in result.stdout + result.stderr
    built = {path.name for path in (workspace / "build").iterdir() if not path.name.startswith(".")}
    for good in ("khare-visit-2025", "pko-symposium-2025", "far-future"):
        assert {f"{good}.{lang}.{fmt}" for lang in ("ja", "en") for fmt in ("pdf", "docx")} <= built
    assert not any(name.startswith(("linked", "secret")) for name in built)
    assert not any(b"s3cr3t" in path.read_bytes() for path in (workspace / "build").iterdir() if path.is_file())
    assert len(result.stderr) < 20_000  # a 20,000-character line is quoted around its column, not whole


def test_links_out_of_the_workspace_are_refused_for_every_input(workspace, tmp_path):
    (tmp_path / "outside.yaml").write_text("people: s3cr3t-value-from-outside\n", encoding="utf-8")
    registry = workspace / "content" / "_registry" / "glossary.yaml"
    registry.unlink()
    registry.symlink_to(tmp_path / "outside.yaml")
    result = run_cli("check", cwd=workspace)
    assert result.returncode == 1 and "content/_registry/glossary.yaml:1:1: error: " in result.stderr
    assert "s3cr3t" not in result.stdout + result.stderr
    registry.unlink()
    (workspace / "templates" / "extra.css").symlink_to(tmp_path / "outside.yaml")
    result = run_cli("build", cwd=workspace)
    assert result.returncode == 1 and "templates/extra.css:1:1: error: a link to a file outside" in result.stderr
    assert "s3cr3t" not in result.stdout + result.stderr
    (workspace / "templates" / "extra.css").unlink()
    (workspace / "content" / "inside.yaml").symlink_to(workspace / "content" / "khare-visit-2025.yaml")
    result = run_cli("build", "inside", "--format", "html", cwd=workspace)  # a link inside the workspace is fine
    assert result.returncode == 0 and (workspace / "build" / "inside.en.html").is_file(), result.stderr


def test_environment_mistakes_are_exit_2_with_a_sentence(workspace, tmp_path):
    (workspace / "build" / "khare-visit-2025.ja.pdf").mkdir(parents=True)  # a folder where an output goes
    result = run_cli("build", "khare-visit-2025", "-j", "1", "--format", "pdf", cwd=workspace)
    assert result.returncode == 2 and "khare-visit-2025.ja.pdf" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "schema-dir").mkdir()
    result = run_cli("schema", "--out", str(tmp_path / "schema-dir"), cwd=workspace)
    assert result.returncode == 2 and "schema-dir" in result.stderr and "internal error" not in result.stderr
    (workspace / "content" / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run_cli("new", "readout", "dangling", cwd=workspace)
    assert result.returncode in (1, 2) and "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "nowhere.yaml").exists()  # nothing written through the link


def test_repeated_languages_and_capital_url_schemes(workspace):
    memo(workspace, "twice", "languages: [ja, ja]\nbody:\n  - links:\n      - {text: {ja: 省, en: Ministry}, "
                             "url: HTTPS://www.example.org/}\n")
    result = run_cli("build", "twice", "--format", "html", cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("1 file(s) written")


def test_a_fifo_a_folder_and_a_half_character_key_are_content_problems(workspace):
    import os
    os.mkfifo(workspace / "content" / "fifo.yaml")  # reading it would wait forever
    (workspace / "content" / "folder.yaml").mkdir()
    memo(workspace, "key", 'body: []\n"\\udc00": 1\n')
    result = run_cli("check", cwd=workspace)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for expected in ("content/fifo.yaml:1:1: error: cannot read the file: not a regular file",
                     "content/folder.yaml:1:1: error: cannot read the file", "content/key.yaml:6:1: error: a key"):
        assert expected in result.stderr, result.stderr
