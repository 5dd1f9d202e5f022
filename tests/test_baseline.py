"""Acceptances that survive a redraft (issue 28, item 4): a fingerprint made of what a finding is
about, never the file's name or a line; a baseline a person can read (rule, where, message,
reason, who, when), pruned of what no longer matches; accepted findings counted, not printed."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from bplint.cli import main
from tests.conftest import SEEDS


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _redraft(text: str) -> str:
    """The department's 修改稿: a line added at the top, above every finding, and 人员经费 changed
    from 485.05 to 485.00 (BP501's sum of 基本支出 now misses by 0.08 instead of 0.03)."""
    lines = text.split("\n")
    lines.insert(3, "（本稿已按审核意见修改。）")
    changed = "\n".join(lines).replace("人员经费485.05万元", "人员经费485.00万元")
    assert changed != "\n".join(lines)
    return changed


def test_a_redraft_keeps_every_acceptance_but_the_one_of_the_changed_figure(tmp_path):
    original = tmp_path / "003.txt"
    original.write_text(SEEDS["003"].read_text(encoding="utf-8"), encoding="utf-8")
    base = tmp_path / "baseline.yaml"
    assert run("--write-baseline", base, original).exit_code == 1
    accepted = yaml.safe_load(base.read_text(encoding="utf-8"))["accepted"]
    assert len(accepted) == 46
    draft = tmp_path / "003_修改稿.txt"
    draft.write_text(_redraft(original.read_text(encoding="utf-8")), encoding="utf-8")
    report = json.loads(run("--baseline", base, "--format", "json", draft).output)["files"][0]
    (new,) = report["findings"]
    assert new["rule"] == "BP501" and "485.00万元" in new["message"]
    assert len(report["waived"]) == 45
    assert all(w["reason"].startswith("已在基线中") for w in report["waived"])


def test_the_baseline_is_a_list_a_person_can_review(tmp_path):
    base = tmp_path / "baseline.yaml"
    run("--write-baseline", base, SEEDS["003"])
    text = base.read_text(encoding="utf-8")
    assert text.startswith("# bplint 基线：已接受的问题。")
    entry = next(e for e in yaml.safe_load(text)["accepted"] if e["rule"] == "BP210")
    assert entry["file"] == SEEDS["003"].name and entry["where"] == "项目“密码业务经费” “受益人数”行"
    assert "相差10000倍" in entry["message"] and entry["reason"] == "" and len(entry["when"]) == 10
    assert set(entry) == {"fingerprint", "rule", "file", "where", "message", "reason", "who", "when"}
    # A reason written in it is said where the finding is set apart.
    entry["reason"] = "两个项目的受益范围不同，已核实"
    data = yaml.safe_load(text)
    data["accepted"] = [entry if e["fingerprint"] == entry["fingerprint"] else e for e in data["accepted"]]
    base.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = json.loads(run("--baseline", base, "--format", "json", SEEDS["003"]).output)
    waived = report["files"][0]["waived"]
    assert "已在基线中（--baseline）：两个项目的受益范围不同，已核实" in {w["reason"] for w in waived}
    # JSON where the name says so, read back the same.
    as_json = tmp_path / "baseline.json"
    run("--write-baseline", as_json, SEEDS["003"])
    assert len(json.loads(as_json.read_text(encoding="utf-8"))["accepted"]) == 46


def test_accepted_findings_are_counted_not_printed_unless_verbose(tmp_path):
    base = tmp_path / "baseline.yaml"
    run("--write-baseline", base, SEEDS["002"])
    quiet = run("--baseline", base, SEEDS["002"])
    assert quiet.exit_code == 0 and " BP" not in quiet.output.split("读取")[0]
    assert "另有 7 处已接受" in quiet.output
    loud = run("--baseline", base, "-v", SEEDS["002"]).output
    assert loud.count("[已接受]") == 7


def test_prune_drops_the_entries_no_finding_matches(tmp_path):
    doc = tmp_path / "003.txt"
    doc.write_text(SEEDS["003"].read_text(encoding="utf-8"), encoding="utf-8")
    base = tmp_path / "baseline.yaml"
    run("--write-baseline", base, doc)
    # The department fills in 文件研究工作's value in one sheet: that acceptance is stale.
    text = doc.read_text(encoding="utf-8").split("\n")
    row = text[178]
    assert row == "\t生态效益指标\t文件研究工作\t文件研究工作效果\t\t上级要求"
    text[178] = row.replace("\t\t上级要求", "\t≥95%\t上级要求")
    doc.write_text("\n".join(text), encoding="utf-8")
    pruned = run("baseline", "prune", base, doc)
    assert pruned.exit_code == 0 and "已删去 1 项，保留 45 项" in pruned.output
    assert "BP108" in pruned.output.splitlines()[0]
    assert len(yaml.safe_load(base.read_text(encoding="utf-8"))["accepted"]) == 45
    assert "已删去 0 项" in run("baseline", "prune", base, doc).output
    # An input that cannot be read keeps its entries: its findings are unknown.
    doc.write_bytes(b"\x00\x01")
    kept = run("baseline", "prune", base, doc)
    assert kept.exit_code == 3 and "保留 45 项" in kept.output


def test_a_first_baseline_of_bare_fingerprints_is_still_read(tmp_path):
    written = tmp_path / "old.json"
    fingerprints = [f["fingerprint"] for f in json.loads(run("--format", "json", SEEDS["002"]).output)
                    ["files"][0]["findings"]]  # fmt: skip
    written.write_text(json.dumps({"bplint_baseline": 1, "fingerprints": fingerprints}), encoding="utf-8")
    assert (
        json.loads(run("--baseline", written, "--format", "json", SEEDS["002"]).output)["files"][0][
            "findings"
        ]
        == []
    )


def test_a_baseline_accepting_one_unreadable_file_does_not_accept_another(tmp_path):
    """Every file that could not be read had the one fingerprint 1584568e7109ad67: a baseline that
    accepted a scan accepted every later scan or damaged file, and said nothing of them."""
    folder = tmp_path / "depts"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"garbage")
    baseline = tmp_path / "baseline.yaml"
    CliRunner().invoke(main, ["--write-baseline", str(baseline), str(folder)])
    (folder / "b.pdf").write_bytes(b"garbage")
    (folder / "c.docx").write_bytes(b"other garbage")
    out = json.loads(
        CliRunner().invoke(main, ["--baseline", str(baseline), "--format", "json", str(folder)]).output
    )
    shown = {f["path"].rsplit("/", 1)[-1]: [x["rule"] for x in f["findings"]] for f in out["files"]}
    assert shown == {"a.pdf": [], "b.pdf": ["BP001"], "c.docx": ["BP001"]}
