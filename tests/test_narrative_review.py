"""What a reviewer reads in the narrative, as small fixtures (issue 27): which amount a change is
of, rates between two stated levels, an item's figure stated twice, and the readings that gave
false findings on real documents."""

from __future__ import annotations

from decimal import Decimal

from bplint.catalog import load_rules
from bplint.extract.changes import priors
from bplint.lint import lint_source
from bplint.read import decode

RULES = load_rules()


def _lint(text: str, rules: set[str] | None = None):
    return lint_source(decode(text.encode("utf-8"), "t.txt"), RULES, "zh", rules)


def findings(text: str, *rules: str):
    return [(f.rule, f.line, f.message) for f in _lint(text, set(rules)).findings if f.rule in rules]


def _priors(text: str):
    document = _lint(text, set()).document
    return [(p.level.label, p.level.amount, p.change.amount) for s in document.narrative for p in priors(s)]


# -- which amount a change is of ---------------------------------------------------------------

_NAMED_CHANGE = (
    "2022年部门预算\n"
    "2022 年本部门财政拨款收入 105364.27 万元，其中一般公共预算拨款收入 105364.27 万元、"
    "政府性基金拨款收入 0.00 万元、上年结转 0.00 万元，"
    "2022 年本部门财政拨款收入较上年增加 29447.58 万元，主要原因是专项资金增加。\n"
)


def test_a_change_that_names_its_total_is_of_the_total_not_of_the_last_part():
    """西安工信 p.8: the change names 财政拨款收入, the sentence's total; 上年结转 0.00 is only the last
    part listed before it, and taking the change as its own gave last year −29447.58."""
    assert _priors(_NAMED_CHANGE) == [
        ("2022 年本部门财政拨款收入", Decimal("105364.27"), Decimal("29447.58"))
    ]
    assert findings(_NAMED_CHANGE, "BP514") == []


def test_a_change_naming_a_total_the_sentence_does_not_state_is_of_nothing():
    text = _NAMED_CHANGE.replace("2022 年本部门财政拨款收入较上年", "2022 年本部门支出较上年")
    assert _priors(text) == []


_ITEM = (
    "2026年部门预算\n"
    "3.上级转移支付项目 10,289.74 万元，主要包括：物业管理服务 2,520.00 万元，"
    "上年结转 122.31 万元，用于运行维护工作。\n"
    "免除查验作业服务费 7,083.34 万元，上年结转 564.09 万元，用于吊装移位仓储工作。较 2025 年年初预算增加"
    " 3,567.18 万元，增幅 53.1%。\n"
    "4.预算准备金 180.00 万元，主要用于临时增加工作的支出。\n"
)


def test_a_comparison_closing_a_numbered_item_compares_the_items_amount():
    """深圳口岸 pp.7–8: an item lists its parts over several paragraphs, then `较…增加 3,567.18 万元，增幅
    53.1%`: a change of the item's 10,289.74 (3567.18 / 6722.56 = 53.1%), not of 上年结转 564.09."""
    assert _priors(_ITEM) == [("3.上级转移支付项目", Decimal("10289.74"), Decimal("3567.18"))]
    assert findings(_ITEM, "BP514", "BP509") == []
    wrong = _ITEM.replace("增幅 53.1%", "增幅 35.1%")
    assert [f[:2] for f in findings(wrong, "BP509")] == [("BP509", 3)]


# -- an item's figure stated twice --------------------------------------------------------------

_HEAD = (
    "2026年部门预算\n（三）住房保障支出（类）住房改革支出（款）住房公积金（01项）45.00万元。"
    "主要用于按规定为职工缴存住房公积金。\n{words}{amount}万元，比上年增加2.00万元，主要原因是缴存基数调整。\n"
    "（四）卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）10.00万元。\n2026年预算安排10.00万元。\n"
)


def test_an_items_head_figure_restated_under_the_budget_years_words_is_the_same_figure():
    """The district checklist: `住房公积金（01项）X万元。` opens the item, `2026年预算安排Y万元` ends it."""
    assert findings(_HEAD.format(words="2026年预算安排", amount="45.00"), "BP512") == []
    ((_, line, message),) = findings(_HEAD.format(words="2026年预算安排", amount="54.00"), "BP512")
    assert line == 3 and message.startswith(
        "文字说明“2026年预算安排”为54.00万元，而前文的“（三）住房"
    )  # never a line
    restated = findings(_HEAD.format(words="预算数为", amount="54.00"), "BP512")
    assert [f[:2] for f in restated] == [("BP512", 3)]
    # a figure of another year, or named otherwise, restates no head
    for words in ("2025年预算安排", "上年预算安排", "其中：财政拨款"):
        assert findings(_HEAD.format(words=words, amount="54.00"), "BP512") == []


# -- BP522: a total's change against its parts' changes, stated apart ------------------------------

_ROLLUP = (
    "2026年部门预算\n一、一般公共预算当年拨款情况\n"
    "2026年一般公共预算当年拨款300.00万元，比上年执行数{word}{change}万元，主要原因是{why}。\n"
    "（1）一般公共服务支出（类）审计事务（款）行政运行（项）200.00万元，主要用于机关运行。"
    "比上年执行数增加20.00万元，增长11.1%，主要原因是人员增加。\n"
    "（2）一般公共服务支出（类）审计事务（款）审计业务（项）100.00万元，主要用于审计项目。{second}\n"
)
_FELL = "比上年执行数减少20.00万元，下降16.7%，主要原因是项目减少。"


def test_last_years_parts_cannot_exceed_last_years_total():
    """The district checklist: the total's change in one paragraph, each 科目's in its own.  Last
    year the 科目 were 180 + 120 = 300: the total's 250 (300 less 50) is short of them."""
    rose = _ROLLUP.format(word="增加", change="50.00", why="人员增加", second=_FELL)
    ((_, line, message),) = findings(rose, "BP522")
    assert (
        line == 3
        and "上年应为250.00万元" in message
        and "上年合计300.00万元，比总数的上年数还多50.00万元" in message
    )
    assert findings(_ROLLUP.format(word="增加", change="0.00", why="调整", second=_FELL), "BP522") == []
    # 杭州气象 pp.5–7: 一般公共预算当年拨款 5,753.07, 比上年执行数增加 13.59, where its nine 科目 add
    # 396.23: a 科目 of last year not budgeted now is listed nowhere, so a total above its parts is no error.
    assert findings(_ROLLUP.format(word="减少", change="10.00", why="项目减少", second=_FELL), "BP522") == []


def test_a_part_that_states_no_change_or_another_basis_leaves_the_total_unchecked():
    steady = _ROLLUP.format(word="增加", change="50.00", why="人员增加", second="与上年执行数持平。")
    ((_, _, message),) = findings(steady, "BP522")  # 180 + 100 = 280 against 250
    assert "上年合计280.00万元" in message
    unstated = _ROLLUP.format(word="增加", change="50.00", why="人员增加", second="主要用于审计。")
    assert findings(unstated, "BP522") == []
    other = _ROLLUP.format(
        word="增加", change="50.00", why="人员增加", second=_FELL.replace("执行数", "预算")
    )
    assert findings(other, "BP522") == []


# -- BP523: the whole-department sheet's funds ------------------------------------------------------

_WHOLE = (
    "2022年部门预算\n部门支出预算总表\n单位：元\n科目编码\t科目名称\t合计\t基本支出\t项目支出{earmarked}\n"
    "\t合计\t18999011.66\t1839311.66\t17159700.00{amount}\n"
    "2022年部门整体支出绩效目标表\n部门（单位）名称\t西安市气象局\n"
    "年度主要任务\t任务名称\t主要内容\t预算金额（万元）\n"
    "\t基本履职\t人员地方津补贴\t508.61\n\t人工影响天气\t人工增雨作业\t{task}\n\t金额合计\t\t{total}\n"
    "年度总体目标\t认真履职，各项业务工作安全平稳运行。\n一级指标\t二级指标\t三级指标\t指标值\n"
    "产出指标\t数量指标\t作业次数\t≥10次\n"
)


def test_the_whole_department_sheets_funds_are_the_budget_tables():
    """西安气象 p.32: the 部门整体支出绩效目标表's 年度主要任务 come to 1493.51 万元, its 收支总表 (p.18) to
    18,999,011.66 元; rounded to the sheet's digits the table's figure is the sheet's (2838.42 for
    28,384,234.71 元, 西安信访)."""
    wrong = _WHOLE.format(earmarked="", amount="", task="984.90", total="1493.51")
    ((_, line, message),) = findings(wrong, "BP523")
    # The table's 元 as printed, and in the 万元 the rest of the message speaks.
    said = (
        "金额合计为1493.51万元，而《支出总表》合计为18999011.66元（1899.90万元），比1493.51万元多406.39万元"
    )
    assert line == 6 and said in message
    assert findings(_WHOLE.format(earmarked="", amount="", task="1391.29", total="1899.90"), "BP523") == []
    # 专项资金 of the department's tables may have a sheet of their own (西安工信): a sheet short of them
    earmarked = _WHOLE.format(
        earmarked="\t其中：专项资金", amount="\t4063900.00", task="984.90", total="1493.51"
    )
    assert findings(earmarked, "BP523") == []


# -- BP524: counts against what the document lists ------------------------------------------------

_PROJECT_LIST = (
    "2026年部门预算\n表11：2026年市级部门项目支出绩效表\n单位：万元\n单位名称\t项目名称\t金额\t绩效目标\n"
    "某某局\t项目甲\t100.00\t完成甲\n某某局\t项目乙\t50.00\t完成乙\n某某局\t项目丙\t25.50\t完成丙\n"
    "2026年本部门其他运转类项目和特定目标类项目均实行 绩 效 目 标 管 理 ， 共 计 {n} 个 一 级 项 目 ，"
    "涉 及 资 金{amount}万元（一级项目绩效目标表，详见表11）。\n"
)
_VEHICLES = (
    "2026年部门预算\n截至2025年12月31日，本部门共有车辆37辆，其中，应急保障用车7辆、特种专业技术用车13辆、"
    "{rest}。\n"
)
_ASSETS = (
    "2026年部门预算\n2025年国有资产占有使用情况表\n单位：万元\n单位名称\t资产总额\t房屋（平方米）\t车辆（辆）\n"
    "合计\t5000.00\t3000\t37\n截至2025年12月31日，本部门共有车辆{n}辆。\n"
)


def test_a_count_is_checked_against_what_the_document_lists_where_both_are_read_for_certain():
    """The district checklist: `下属8家行政单位` where the list names seven; 杭州司法 p.16 `共 计 31 个
    一 级 项 目 ， 涉 及 资 金28,506.17 万元` against 表11's 31 projects (equal); 无锡水利 p.40 `共有车辆 37
    辆，其中…` (its kinds add up)."""
    ((_, line, message),) = findings(_PROJECT_LIST.format(n="4", amount="175.50"), "BP524")
    assert line == 8 and "即项目4个，而项目绩效目标表所列的项目共3个" in message
    assert findings(_PROJECT_LIST.format(n="3", amount="175.50"), "BP524") == []
    # the projects read make another sum than the sentence's (a key few shown of more): no count is sure
    assert findings(_PROJECT_LIST.format(n="4", amount="200.00"), "BP524") == []
    units = "2026年部门预算\n本部门下属3个预算单位，分别是某某市交通管理总站、某某市道路事务中心{more}。\n"
    ((_, _, message),) = findings(units.format(more=""), "BP524")
    assert "即单位3个，而随后列出的单位名称共2个" in message
    assert findings(units.format(more="和某某市道路养护中心"), "BP524") == []
    assert findings(units.format(more="等"), "BP524") == []
    ((_, _, message),) = findings(_VEHICLES.format(rest="其他用车16辆"), "BP524")
    assert "即车辆37辆，而随后所列各类车辆合计共36辆" in message
    assert findings(_VEHICLES.format(rest="其他用车17辆"), "BP524") == []
    assert findings(_VEHICLES.format(rest="其他用车16辆（其中：越野车2辆）"), "BP524") == []
    ((_, _, message),) = findings(_ASSETS.format(n="36"), "BP524")
    assert "《2025年国有资产占有使用情况表》的“车辆（辆）”共37辆" in message
    assert findings(_ASSETS.format(n="37"), "BP524") == []


# -- what a list is a list of ---------------------------------------------------------------------

_TWO_LISTS = (
    "2026年部门预算\n2026年财政拨款收支总预算100.00万元{stop}收入包括：一般公共预算收入80.00万元、"
    "上年结转结余收入20.00万元；支出包括：一般公共服务支出60.00万元、公共安全支出{spent}万元。\n"
)


def _breakdowns(text: str):
    document = _lint(text, set()).document
    return [(b.total.amount, [p.amount for p in b.parts]) for b in document.breakdowns]


def test_two_lists_in_one_sentence_are_two_breakdowns_of_the_total_they_name():
    """`收入包括：…；支出包括：…`: the 支出 list is of the 收支 total, not of the last income item
    (上年结转结余收入 20.00, which it would exceed by 80.00)."""
    for stop in ("，", "。"):
        text = _TWO_LISTS.format(stop=stop, spent="40.00")
        assert _breakdowns(text) == [
            (Decimal("100.00"), [Decimal("80.00"), Decimal("20.00")]),
            (Decimal("100.00"), [Decimal("60.00"), Decimal("40.00")]),
        ]
        assert findings(text, "BP501") == []
    ((_, _, message),) = findings(_TWO_LISTS.format(stop="，", spent="41.00"), "BP501")
    assert "合计101.00万元，比100.00万元多1.00万元" in message


def test_a_list_of_one_side_with_no_amount_of_that_side_is_no_breakdown():
    text = (
        "2026年部门预算\n上年结转结余收入20.00万元；支出包括：一般公共服务支出60.00万元、"
        "公共安全支出40.00万元。\n"
    )
    assert _breakdowns(text) == []


def test_a_threshold_is_no_part():
    """`单价100万元以上设备200.00万元`: 100 万元 is the price that defines the part, not an amount of it."""
    text = (
        "2026年部门预算\n2026年本部门固定资产预算总额500.00万元，其中：房屋300.00万元、"
        "单价{price}设备200.00万元。\n"
    )
    for price in ("100万元以上", "在100万元及以上的", "50万元以下"):
        assert _breakdowns(text.format(price=price)) == [
            (Decimal("500.00"), [Decimal("300.00"), Decimal("200.00")])
        ]
        assert findings(text.format(price=price), "BP501") == []


def test_an_amount_whose_unit_a_pdf_spaced_out_is_read():
    """杭州气象 p.5: `卫 生 健 康 支 出 80.52 万 元 、 自 然 资 源 …`, a line justified by spacing."""
    text = (
        "2026年部门预算\n2026 年财政拨款收支总预算 5,753.07 万元。支出包括：科学技术支出 28.00 万元、"
        "社会保障和就业支出 396.67 万元、卫生 健 康 支 出 80.52 万 元 、 自 然 资 源 海 洋 气 象 等 支 出"
        "5,247.87 万元。\n"
    )
    assert _breakdowns(text) == [
        (Decimal("5753.07"), [Decimal("28.00"), Decimal("396.67"), Decimal("80.52"), Decimal("5247.87")])
    ]


# -- BP507: the reason of a 三公 change -----------------------------------------------------------

_HOSTING = (
    "2026年部门预算\n2.公务接待费：2026 年安排公务接待费预算 27.10 万元，"
    "比上年预算数减少 5.00 万元，下降 15.6%。{rest}\n"
)


def test_a_reason_given_in_the_next_sentence_is_the_changes_reason():
    """杭州交通 p.13: `…下降 15.6%。主要用于接待…。减少的主要原因是…`."""
    given = _HOSTING.format(rest="主要用于接待调研、交流等公务活动支出。减少的主要原因是接待频次预计减少。")
    assert findings(given, "BP507") == []
    assert [f[:2] for f in findings(_HOSTING.format(rest=""), "BP507")] == [("BP507", 2)]


def test_a_reason_after_the_next_change_is_that_changes_not_this_ones():
    rest = "公务用车运行维护费 10.00 万元，比上年增加 1.00 万元，主要原因是车辆老化。"
    assert [f[:2] for f in findings(_HOSTING.format(rest=rest), "BP507")] == [("BP507", 2)]


def test_a_change_of_zero_needs_no_reason():
    """西安气象 p.13: `“三公”经费预算支出 0.27 万元，较上年增加 0.0万元，其中会议费…较上年无变化`."""
    text = "2022年部门预算\n“三公”经费预算 0.27 万元，较上年增加 0.0万元，其中会议费 0.24 万元，较上年持平"
    assert findings(text, "BP507") == []


def test_parts_announced_by_a_spaced_out_其中_give_the_reasons():
    """杭州交通 p.13: `…增长 85.2% 。其 中 ，公 务用 车购 置 支 出 421.30 万元…`, each with its reason."""
    text = (
        "2026年部门预算\n3.公务用车购置及运行维护费：2026 年安排公务用车购置及运行维护费预算 846.10 万元，"
        "比上年预算数增加389.30 万元，增长 85.2% 。其 中 ，公 务用 车购 置 支 出 421.30 万元，"
        "比上年预算数增加 421.30 万元，主要原因是车辆更新。\n"
    )
    assert findings(text, "BP507") == []


# -- rates printed by truncation, and messages in the digits the text prints -------------------


_CUT = "支出预算 53522.29 万元，比上年减少 9871.3 万元，下降15.{d}%，主要原因是项目减少。\n"
# Two rates the figures give as 10.158% and 27.96%: printed cut (10.15%, 27.9%) or rounded (10.16%, 28.0%).
_OTHERS = (
    "基本支出 1,101.58 万元，比上年增加 101.58 万元，增长{a}，主要原因是人员增加。\n"
    "项目支出 511.84 万元，比上年增加 111.84 万元，增长{b}，主要原因是项目增加。\n"
)


def test_a_rate_printed_by_truncation_is_accepted_where_the_document_cuts_its_rates():
    """The issue's `10.158%` printed `10.15%`: printing by truncation is a document's habit.  杭州交通
    p.11: 53522.29 万元，减少 9871.3 万元 gives 15.57%, printed `下降15.5%` (cut), where its 15 other
    rates that tell are rounded: there it is a slip."""
    cutting = "2026年部门预算\n" + _OTHERS.format(a="10.15%", b="27.9%") + _CUT
    assert findings(cutting.format(d="5"), "BP509") == []
    rounding = "2026年部门预算\n" + _OTHERS.format(a="10.16%", b="28.0%") + _CUT
    ((_, line, message),) = findings(rounding.format(d="5"), "BP509")
    assert line == 4 and "计算为15.6%（" in message
    # a single rate shows no habit: held to its rounding
    assert [f[0] for f in findings("2026年部门预算\n" + _CUT.format(d="5"), "BP509")] == ["BP509"]
    ((_, _, message),) = findings(cutting.format(d="3"), "BP509")
    assert "计算为15.6%（" in message


def test_a_rate_between_two_levels_may_be_cut_where_the_document_cuts():
    text = "2026年部门预算\n{others}本年支出预算1101.58万元，比上年执行数1000.00万元增长10.15%。\n"
    assert findings(text.format(others=_OTHERS.format(a="10.15%", b="27.9%")), "BP520") == []
    assert [f[0] for f in findings(text.format(others=_OTHERS.format(a="10.16%", b="28.0%")), "BP520")] == [
        "BP520"
    ]


def test_a_rate_of_a_document_that_rounds_is_held_to_its_rounding():
    """西安信访 p.6: 1,710.33 万元，增加50.69万元，增长3.05%; with 50.76 the figures give 3.0587%, which
    cut is 3.05 but rounded 3.06: accepting a cut there would hide the change's last digits."""
    text = (
        "2026年部门预算\n工资福利支出1,710.33万元，较上年增加{change}万元，增长3.05%，主要原因是人员增加。\n"
    )
    assert findings(text.format(change="50.69"), "BP509") == []
    assert [f[0] for f in findings(text.format(change="50.76"), "BP509")] == ["BP509"]


def test_a_share_is_shown_with_the_digits_the_text_prints():
    text = "2024年支出预算300.00万元，其中基本支出200.00万元，占71.7%；项目支出100.00万元，占33.3%。\n"
    ((_, _, message),) = findings(text, "BP508")
    assert message.endswith("按所述数字计算为66.7%；请核对")


# -- a figure against a table of another scope ----------------------------------------------------

_RUNNING = (
    "部门预算一般公共预算财政拨款基本支出表\n单位：万元\n"
    "序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n"
    "\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
    "1\t\t合计\t100.00\t60.00\t40.00\n三、机关运行经费安排情况\n"
    "2026 年，本部门 1 家行政单位及2家行政类参公事业单位的机关运行经费财政拨款预算{amount}万元。\n"
)


def test_机关运行经费_may_fall_short_of_all_units_公用经费_but_never_exceed_them():
    """杭州交通 p.15: the 机关运行经费 of the administrative units (8,989.73) is part of all units'
    日常公用支出 (14,902.37): less is their scope, more cannot be."""
    assert findings(_RUNNING.format(amount="30.00"), "BP502") == []
    assert [f[:2] for f in findings(_RUNNING.format(amount="45.00"), "BP502")] == [("BP502", 7)]


_SCOPES = (
    "2026年部门预算\n"
    "部门支出预算总表\n单位：万元\n"
    "科目编码\t科目名称\t合计\t基本支出\t\t项目支出\n"
    "\t\t\t人员支出\t日常公用支出\t\n"
    "\t合计\t1000.00\t700.00\t100.00\t200.00\n"
    "部门预算一般公共预算财政拨款基本支出表\n单位：万元\n"
    "序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n"
    "\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
    "1\t\t合计\t700.00\t620.00\t80.00\n"
    "（三）支出预算情况说明\n"
    "2026年支出预算1000.00万元，主要用于履行职能。\n"
    "2.按支出用途分类，包括人员支出{all}万元，占70.0%；日常公用支出100.00万元，占10.0%。\n"
    "（六）一般公共预算基本支出情况说明\n"
    "2026年一般公共预算基本支出700.00万元，其中：人员支出{general}万元，日常公用支出80.00万元。\n"
)


def test_a_figure_is_compared_with_the_table_of_its_funds():
    """杭州交通 p.6: `（三）支出预算情况说明` … `2.按支出用途分类，包括人员支出73,924.43万元` is all funds'
    (the 支出总表's 人员支出), not the 一般公共预算基本支出表's 67,627.51; the 人员支出 of `2026年一般公共
    预算基本支出…其中：` is that table's.  Each is checked against its own table."""
    assert findings(_SCOPES.format(all="700.00", general="620.00"), "BP502") == []
    ((_, line, message),) = findings(_SCOPES.format(all="701.00", general="620.00"), "BP502")
    assert line == 14 and "而表中为700.00万元（《支出总表》" in message
    ((_, line, message),) = findings(_SCOPES.format(all="700.00", general="621.00"), "BP502")
    assert line == 16 and "而表中为620.00万元（《基本支出表》" in message


_FISCAL = (
    "2026年部门预算\n财政拨款收支预算总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
    "一、一般公共预算\t100.00\t交通运输支出\t110.00\n二、政府性基金预算\t10.00\t\t\n"
    "收入总计\t110.00\t支出总计\t110.00\n一般公共预算支出表\n单位：万元\n"
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t100.00\t60.00\t40.00\n"
    "214\t交通运输支出\t100.00\t60.00\t40.00\n（四）财政拨款收支预算情况的总体说明\n"
    "2026年财政拨款收支总预算110.00万元。支出包括：交通运输支出{amount}万元。\n"
)


def test_a_科目_of_the_财政拨款_is_read_in_the_财政拨款收支总表():
    """杭州交通 p.7: `（四）财政拨款…支出包括：…交通运输支出165,831.11万元` is the 财政拨款's, which
    表4 prints by class (165,831.11), not the 一般公共预算支出表's 165,602.60 (a fund's 177.92 and more)."""
    assert findings(_FISCAL.format(amount="110.00"), "BP510") == []
    ((_, line, message),) = findings(_FISCAL.format(amount="111.00"), "BP510")
    assert line == 15 and "一行为100.00万元" in message


_OWN_OFFICE = (
    "{title}\n"
    "机关运行经费预算表\n单位：万元\n"
    "项目\t合计\n合计\t50.00\n"
    "2026年，局本级机关运行经费预算40.00万元，主要用于办公费。\n"
)


def test_a_figure_of_the_本级_is_not_the_whole_departments():
    """A department's tables hold all its units: `局本级机关运行经费` is a part of them; in a document of
    the 本级 alone (福州市科学技术局(本级)单位预算) its tables are the 本级's."""
    assert findings(_OWN_OFFICE.format(title="某某局2026年部门预算"), "BP502") == []
    assert [f[:2] for f in findings(_OWN_OFFICE.format(title="某某局（本级）2026年单位预算"), "BP502")] == [
        ("BP502", 6)
    ]


# -- BP520: a rate between two stated levels ------------------------------------------------------


def test_a_rate_between_two_levels_is_checked_against_them():
    """The district checklist: +17.62% stated where 1000.00 → 89.00 gives −91.1%."""
    text = (
        "2026年部门预算\n2025年预算执行数为1000.00万元，2026年预算安排89.00万元，"
        "比2025年预算执行数{word}{rate}%。\n"
    )
    ((_, line, message),) = findings(text.format(word="增加", rate="17.62"), "BP520")
    assert line == 2 and "按这两个数计算是减少91.10%" in message
    assert findings(text.format(word="减少", rate="91.1"), "BP520") == []
    assert findings(text.format(word="减少", rate="91.10"), "BP520") == []
    assert [f[0] for f in findings(text.format(word="减少", rate="91.09"), "BP520")] == ["BP520"]


def test_a_level_printed_after_the_comparison_is_last_years():
    text = "2026年部门预算\n本年支出预算1200.00万元，比上年执行数1000.00万元增长{rate}%。\n"
    assert findings(text.format(rate="20.0"), "BP520") == []
    assert [f[:2] for f in findings(text.format(rate="21.0"), "BP520")] == [("BP520", 2)]


def test_a_rate_with_its_change_amount_is_left_to_bp509():
    text = "2026年部门预算\n上年预算1000.00万元，本年预算1200.00万元，增加200.00万元，增长{rate}%。\n"
    assert findings(text.format(rate="25.0"), "BP520") == []
    assert [f[0] for f in findings(text.format(rate="25.0"), "BP509")] == ["BP509"]


def test_two_levels_of_this_year_give_no_rate():
    text = "2026年部门预算\n基本支出100.00万元，项目支出50.00万元，增长10%。\n"
    assert findings(text, "BP520") == []


# -- BP521: typography ------------------------------------------------------------------------------


def _slips(text: str) -> list[tuple[int, str]]:
    return [
        (f.line, f.message) for f in _lint("2026年部门预算\n" + text, {"BP521"}).findings if f.rule == "BP521"
    ]


def test_a_doubled_sentence_mark_is_quoted():
    ((line, message),) = _slips("本部门收入预算100.00万元。。其中一般公共预算拨款收入100.00万元。\n")
    assert line == 2 and "100.00万元。。其中一般公共预" in message and "（。。重复）" in message


def test_a_quote_or_bracket_left_open_is_quoted():
    ((_, message),) = _slips("“三公经费预算10.00万元，比上年减少1.00万元，主要原因是压减开支。\n")
    assert "（““”没有对应的“””）" in message
    ((_, message),) = _slips("办公室（组织人事处)(机关党委(与办公室合署办公)、项目处。\n")
    assert "没有对应的“）”" in message or "混用" in message


def test_enumerators_and_closed_pairs_are_no_slip():
    text = "1）一般公共预算拨款收入100.00万元（详见表 4），“三公”经费预算10.00万元。\n（一）人员经费。\n"
    assert _slips(text) == []


def test_prose_ending_without_its_mark_before_a_heading_is_quoted():
    prose = (
        "本部门的主要职责是负责全市审计工作。进一步完善审计管理体制，加强全市审计工作统筹，优化审计资源配置"
    )
    ((_, message),) = _slips(prose + "\n三、2026 年度单位主要工作任务及目标\n")
    assert "（段末没有标点）" in message
    # `…构建集中统` / `一、全面覆盖、…。`: a line that wraps onto words opening like a heading
    assert _slips(prose + "\n一、全面覆盖、权威高效的审计监督体系。优化审计工作机制，坚持科技强审。\n") == []
