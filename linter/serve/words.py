"""What the page and its refusals say, in Chinese and English, and which of them a request reads."""

from __future__ import annotations

from bplint.language import LANGS, Lang, is_lang

PAGE = {
    "zh": {
        "title": "bplint 检查预算公开文件",
        "lead": "把部门预算（决算）公开文件拖到下面，或点击选择文件：可一次选择同一部门的几个文件。",
        "kinds": "可检查 .pdf、.docx、.xlsx 和 .txt 文件，每个不超过 {mb} MB。",
        "choose": "点击选择文件",
        "drop": "或把文件拖到这里",
        "check": "开始检查",
        "sending": "正在上传……",
        "waiting": "等待检查",
        "checking": "正在检查……",
        "done": "已检查",
        "failed": "检查未完成",
        "lost": "与检查服务的连接中断，请重试",
        "private": "文件只在这台电脑上检查：检查完即删除，不发送到别处；报告在本页保留 {minutes} 分钟。",
        "other": "English",
        "other_href": "?lang=en",
        "again": "检查其他文件",
        "download": "下载",
        "report_html": "HTML 报告",
        "report_json": "JSON",
        "review": "审核意见表（Excel）",
        "marked": "标出问题的原文件：{name}",
        "gone": "这份报告已过期或不存在（报告只保留 {minutes} 分钟），请重新上传文件检查。",
    },
    "en": {
        "title": "bplint: check a budget disclosure",
        "lead": "Drop a department's budget (or final accounts) disclosure below, or choose the files: "
        "several files of one bureau can be checked at once.",
        "kinds": "Takes .pdf, .docx, .xlsx and .txt files of up to {mb} MB each.",
        "choose": "Choose files",
        "drop": "or drop them here",
        "check": "Check",
        "sending": "Uploading…",
        "waiting": "waiting",
        "checking": "checking…",
        "done": "checked",
        "failed": "not finished",
        "lost": "the connection to the server was lost: try again",
        "private": "Files are checked on this computer only, deleted once checked and sent nowhere; "
        "the report is kept here for {minutes} minutes.",
        "other": "中文",
        "other_href": "?lang=zh",
        "again": "Check other files",
        "download": "Download",
        "report_html": "HTML report",
        "report_json": "JSON",
        "review": "Review sheet (Excel)",
        "marked": "The file marked: {name}",
        "gone": "This report has expired or does not exist (reports are kept {minutes} minutes): "
        "upload the files again.",
    },
}

# Why an upload was not taken: the HTTP status and what the page says.
REFUSALS = {
    "not_form": (400, "请用本页的表单上传文件（multipart/form-data，字段名 files）",
                 "upload with this page's form (multipart/form-data, field files)"),
    "no_files": (400, "没有收到文件：请选择要检查的文件", "no file received: choose the files to check"),
    "too_many_files": (413, "一次最多上传 {most} 个文件；更多文件请分批上传，或用命令行 bplint 检查整个目录",
                       "at most {most} files at once: upload them in parts, or lint the folder with the "
                       "bplint command"),
    "stopped": (503, "bplint serve 已停止，文件未检查完：请重新启动后再上传",
                "bplint serve was stopped before the files were checked: start it again and upload them"),
    "origin": (403, "只接受本页提交的文件", "only this page can upload files"),
    "too_many_fields": (400, "表单字段过多", "too many form fields"),
    "too_large": (413, "{name} 超过 {mb} MB 的上限，未检查。公开文件一般只有几 MB：请确认选对了文件",
                  "{name} is over the bound of {mb} MB and was not checked; a disclosure is a few MB: "
                  "is it the right file?"),
    "kind": (415, "{name} 不是可检查的文件：请上传 .pdf、.docx、.xlsx 或 .txt 文件",
             "{name} cannot be checked: upload .pdf, .docx, .xlsx or .txt files"),
}  # fmt: skip


class Refused(Exception):
    """An upload not taken: a key of REFUSALS and the values its message names."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    @property
    def status(self) -> int:
        return REFUSALS[self.key][0]

    def said(self, lang: Lang) -> str:
        zh, en = REFUSALS[self.key][1:]
        return (zh if lang == "zh" else en).format(**self.values)


def language(query: str | None, accept: str | None, configured: str | None) -> Lang:
    """The page's language: `?lang=`, else the config's `lang`, else the browser's first preference
    of Chinese or English (Accept-Language, by its weights), else Chinese."""
    if is_lang(query):
        return query
    if is_lang(configured):
        return configured
    preferred = []
    for n, part in enumerate((accept or "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            q = float(weight) if weight else 1.0
        except ValueError:
            continue
        preferred.append((-q, n, tag.strip().lower()))
    for _q, _n, tag in sorted(preferred):
        for lang in LANGS:
            if tag == lang or tag.startswith(f"{lang}-"):
                return lang
    return "zh"
