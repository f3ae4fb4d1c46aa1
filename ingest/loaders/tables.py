"""Line and Markdown table-row formatting shared by the HTML and Word loaders."""

from __future__ import annotations

import re

SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def one_line(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def cell_text(text: str) -> str:
    return one_line(text).replace("|", "\\|")


def markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
