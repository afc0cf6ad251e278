"""Interface strings shared by all widgets, both languages side by side."""

from __future__ import annotations

from typing import Final

from .html import Text

__all__ = ["UI"]

UI: Final[dict[str, Text]] = {
    "static": {"en": "Computed when this page was built. Change a value to recompute in your browser.",
               "zh": "以下结果在网页生成时已算好。修改任一数值，即可在浏览器中重新计算。"},
    "loading": {"en": "Starting the Python engine in your browser…", "zh": "正在浏览器中启动 Python 引擎……"},
    "live": {"en": "Live: results update as you type.", "zh": "实时：输入即更新结果。"},
    "failed": {"en": "The live engine could not start ({reason}). The results shown were computed when the page "
                     "was built and are still correct for the values shown.",
               "zh": "实时计算引擎未能启动（{reason}）。下方结果是网页生成时按所示数值算好的，依然准确。"},
    "retry": {"en": "Try again", "zh": "重试"},
    "inputs": {"en": "Inputs", "zh": "输入"},
    "more": {"en": "More options", "zh": "更多选项"},
    "presets": {"en": "Start from", "zh": "预设"},
    "reset": {"en": "Reset", "zh": "恢复默认"},
    "assumptions": {"en": "Assumptions — what this result does and does not mean",
                    "zh": "前提假设：这个结果意味着什么、不意味着什么"},
    "copy_link": {"en": "Copy link", "zh": "复制链接"},
    "copied": {"en": "Link copied", "zh": "链接已复制"},
    "download_csv": {"en": "Download data (CSV)", "zh": "下载数据（CSV）"},
    "download_svg": {"en": "Download chart (SVG)", "zh": "下载图表（SVG）"},
    "embed": {"en": "Embed", "zh": "嵌入"},
    "embed_help": {"en": "Paste this into a slide or course page to show this widget in its current state:",
                   "zh": "把下面这段代码粘贴到课件或课程网页中，即可按当前状态展示本组件："},
    "upload": {"en": "Load a CSV file", "zh": "载入 CSV 文件"},
    "error_summary": {"en": "Please check the highlighted input; the results below are for the last valid values.",
                      "zh": "请检查标出的输入项；下方结果对应上一次的有效数值。"},
    "url_ignored": {"en": "Some values in the link were not used: {names}.",
                    "zh": "链接中的部分数值未被采用：{names}。"},
    "file_too_large": {"en": "That file is larger than 1 MB; please load a smaller CSV.",
                       "zh": "文件超过 1 MB，请载入较小的 CSV 文件。"},
    "data_table": {"en": "The numbers behind the chart", "zh": "图表背后的数值"},
    "checking": {"en": "Checking…", "zh": "正在检查……"},
    "check_failed": {"en": "Your answer could not be checked ({reason}). Please try again.",
                     "zh": "暂时无法检查你的答案（{reason}），请再试一次。"},
}
