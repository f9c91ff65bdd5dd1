"""``bianmin doc`` and ``bianmin report``: real PDFs on disk, read back."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import CENTER_CODE, run_bianmin
from tests.pdfread import MM, ReadBack


def test_documents_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for args in (("init", "--center-code", CENTER_CODE, "--center-name", "新港村便民服务站"),
                 ("catalog", "import"), ("group", "add", "B", "--name", "民政救助")):
        assert run_bianmin(data, *args).returncode == 0
    assert run_bianmin(data, "staff", "add", "wang", "--role", "clerk", "--name", "王小明",
                       "--password-stdin", stdin="wang-pass-1\n").returncode == 0
    run_bianmin(data, "ticket", "issue", "--group", "B")
    ticket = run_bianmin(data, "doc", "ticket", "B001", "--out", str(tmp_path / "t.pdf"))
    assert ticket.returncode == 0, ticket.stderr
    page = ReadBack((tmp_path / "t.pdf").read_bytes(), tmp_path / "t2.pdf")
    assert "B001" in page.flat() and abs(page.page_sizes()[0][0] - 80 * MM) < 1

    case_id = run_bianmin(data, "case", "new", "--item", "20-LL-001", "--name", "张三丰",
                          "--id-number", "11010519491231002X", "--staff",
                          "wang").stdout.split()[-1]
    notice = run_bianmin(data, "doc", "notice", case_id, "--out", str(tmp_path / "n.pdf"))
    assert notice.stdout.startswith("文书编号：新港村便民告〔")
    notice_pdf = ReadBack((tmp_path / "n.pdf").read_bytes(), tmp_path / "n2.pdf")
    assert "老年人优待证办理" in notice_pdf.flat() and "张*丰" in notice_pdf.flat()
    refused = run_bianmin(data, "doc", "receipt", case_id)
    assert refused.returncode == 2 and "尚未受理" in refused.stderr

    report = run_bianmin(data, "report", "daily", "--out", str(tmp_path / "d.pdf"))
    assert report.returncode == 0
    daily = ReadBack((tmp_path / "d.pdf").read_bytes(), tmp_path / "d2.pdf")
    assert "民政救助" in daily.flat()
