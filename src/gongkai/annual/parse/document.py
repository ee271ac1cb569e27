"""The intermediate form every reader produces: a published report as paragraphs and tables.

Each file reader (plain text, HTML, Word, PDF) only has to turn its file into a `Document`; one
assembler then maps a `Document` onto the report model by the labels of the format data, so the
label logic exists once whatever the file type.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str


@dataclass
class TableBlock:
    """A table as a grid of cell texts, one list per printed row.

    A cell covered by a merged (row- or column-spanning) cell is an empty string; the merged
    cell's text stands in its top-left position only, as in the flattened seeds.
    """

    rows: list[list[str]]


Block = Paragraph | TableBlock


@dataclass
class Document:
    blocks: list[Block]
    kind: str  #: "text" | "html" | "docx" | "pdf" | "xlsx"
    metadata: dict[str, str] = field(default_factory=dict)  #: e.g. title, author from the file

    @property
    def text(self) -> str:
        """The narrative: every paragraph, in order, one per line."""
        return "\n".join(b.text for b in self.blocks if isinstance(b, Paragraph))
