"""The visible text nodes (every text node of the body as libxml2 finds it, those inside a
script, style, template or noscript dropped) are exactly the text nodes, parents and order of
the XPath with ancestor tests (several times slower): hidden subtrees, tails of hidden elements
and nested containers included."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from omnilinks.extract.contacts import visible_text_nodes

XPATH = etree.XPath("//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)"
                    " and not(ancestor::template)]")
TAGS = ["p", "span", "b", "div", "footer", "template", "noscript", "script", "style", "a", "li", "code"]
WORDS = ["Alamat", "Jl. Kemang 10", "x", "", " ", "\n", "Telp 0812 3456 7890", "<!-- c -->", "&amp;", "<br>",
         "<img src=a.png>", "<?php echo 1 ?>"]


def same(source: str) -> None:
    root = lxml_html.document_fromstring(source)
    expected = [(str(node), node.getparent(), bool(node.is_tail)) for node in XPATH(root)]
    assert [(node.text, node.parent, node.is_tail) for node in visible_text_nodes(root)] == expected


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            parts.append(f"<{tag}>{draw(fragments(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(WORDS)))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(body=fragments())
def test_walk_equals_xpath(body: str) -> None:
    same(f"<html><head><title>t</title></head><body>{body}</body></html>")


def test_nested_hidden_containers_and_their_tails() -> None:
    same("<html><body><div>a<template><p>hidden<b>deep</b>tail-in</p><noscript><i>x</i></noscript></template>"
         "after-template<noscript><span>ns</span>ns-tail</noscript>after<script>var a</script>after-script"
         "<footer><p>Alamat: <b>Jl.</b> Kemang 10</p></footer></div>end</body></html>")
