"""A warm process (watch, preview) compiles the templates once, and again only after one of their files changed."""

import os
import shutil

from conftest import REPO

from briefing.view.html import Templates


def test_templates_are_kept_until_a_file_of_them_changes(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(REPO / "templates", folder)
    first = Templates.at(folder)
    assert Templates.at(folder) is first
    strings = folder / "strings" / "ja.yaml"
    stat = strings.stat()
    strings.write_text(strings.read_text(encoding="utf-8").replace("（以上）", "（了）", 1), encoding="utf-8")
    os.utime(strings, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    renewed = Templates.at(folder)
    assert renewed is not first
    assert renewed.strings["ja"]["labels"]["closing"] == "（了）"
    (folder / "styles" / "my-office.yaml").write_text("ja: {labels: {closing: ''}}\n", encoding="utf-8")
    assert "my-office" in Templates.at(folder).style_names()
