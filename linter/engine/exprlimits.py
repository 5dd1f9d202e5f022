"""How long and how deep a rule's expression may be: logic longer is a named checker's.

Compiling and evaluating recurse once per level; no real condition comes near MAX_DEPTH.  What a
rule may write as one expression is bounded too: logic longer, or choices nested deeper, is a named
checker's (bplint.engine.checkers), where it has a name, a docstring and tests.  The longest shipped
expression is 154 characters (a var of BP206); half the shipped ones are under 40.
"""

from __future__ import annotations

import lark

MAX_DEPTH = 64
MAX_LENGTH = 160
MAX_IFS = 2


def problem(text: str, tree: lark.Tree) -> str | None:
    """Why an expression is refused: nested over MAX_DEPTH, over MAX_LENGTH characters, or with
    `if` inside `if` inside `if`; None when it is within the limits."""
    if depth(tree) > MAX_DEPTH:
        return f"表达式“{text[:40]}…”嵌套超过 {MAX_DEPTH} 层；请拆成几个 vars 或 define"
    advice = "请拆成几个 vars，或把这段逻辑写成命名的 checker（见 docs/writing-rules.md）"
    if len(text) > MAX_LENGTH:
        return f"表达式“{text[:40]}…”长 {len(text)} 个字符，超过 {MAX_LENGTH}；{advice}"
    nested = ifs(tree)
    if nested > MAX_IFS:
        return f"表达式“{text[:40]}…”中 if 嵌套 {nested} 层，超过 {MAX_IFS} 层；{advice}"
    return None


def depth(tree: lark.Tree) -> int:
    """How deep a parse tree nests, counted without recursion."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in node.children if isinstance(child, lark.Tree))
    return deepest


def ifs(tree: lark.Tree) -> int:
    """How deep `if(…)` calls nest in a parse tree, counted without recursion."""
    deepest, stack = 0, [(tree, 0)]
    while stack:
        node, found = stack.pop()
        if node.data == "call" and node.children and str(node.children[0]) == "if":
            found += 1
        deepest = max(deepest, found)
        stack.extend((child, found) for child in node.children if isinstance(child, lark.Tree))
    return deepest
