"""``layout: figure-first`` (the home page leads with the picture): validated like every parameter, shapes the
page only, never the computation."""

from __future__ import annotations

import json

import ai45widgets
import pytest
from ai45widgets import VIEWS, WidgetError, render_widget, state_problems


def test_figure_first_puts_the_output_before_the_form() -> None:
    html = render_widget("plane", {"layout": "figure-first"}, "en", "plane")
    assert 'class="ai45-widget ai45-figure-first"' in html
    assert html.index("data-ai45-output") < html.index("<form")
    default = render_widget("plane", {}, "en", "plane")
    assert "ai45-figure-first" not in default and default.index("<form") < default.index("data-ai45-output")


def test_layout_does_not_change_the_result() -> None:
    def output(html: str) -> str:
        return html[html.index("data-ai45-output"):html.index("data-ai45-announce")]

    assert output(render_widget("plane", {"layout": "figure-first"}, "zh", "k")) == output(
        render_widget("plane", {}, "zh", "k"))


@pytest.mark.parametrize("name", list(VIEWS))
def test_a_bad_layout_is_refused_in_both_languages(name: str) -> None:
    problems = state_problems(name, {"layout": "sideways"})
    assert [p["code"] for p in problems] == ["bad_layout"]
    assert "figure-first" in problems[0]["en"] and "figure-first" in problems[0]["zh"]
    assert "必须" in problems[0]["zh"]
    with pytest.raises(WidgetError, match="layout must be one of default, figure-first"):
        render_widget(name, {"layout": "sideways"}, "en", name)


def test_the_browser_call_accepts_and_ignores_a_valid_layout() -> None:
    out = json.loads(ai45widgets.run("plane", json.dumps({"layout": "figure-first"}), "en"))
    assert out["ok"] and out["html"] == json.loads(ai45widgets.run("plane", "{}", "en"))["html"]
