"""Colour themes for diagrams: ``color``, ``print`` and ``colorblind``.

Colour is never the only carrier of meaning: kinds are told apart by border
and by the word in each box, relations by line style and arrowhead. Themes
only change colours.
"""

from __future__ import annotations

from typing import Final

import attrs

from argmap.model import Relation

__all__ = ["THEMES", "Theme", "get_theme"]


@attrs.frozen
class Theme:
    """The colours of a diagram.

    Attributes
    ----------
    name : str
    party_fills, party_borders : tuple of str
        One colour per party, in the map's party order (repeated if there are more parties).
    relation_colors : dict
        Edge colour per :class:`~argmap.Relation` value.
    text, muted_text, muted_fill, muted_line : str
        Colours of ordinary text and of what ``highlight`` mutes.
    labelling : dict
        Fill per acceptability label (``IN``, ``OUT``, ``UNDEC``).

    .. versionadded:: 0.1
    """

    name: str
    party_fills: tuple[str, ...]
    party_borders: tuple[str, ...]
    cluster_fills: tuple[str, ...]
    relation_colors: dict[str, str] = attrs.field(hash=False)
    text: str = "#1a1a1a"
    muted_text: str = "#8c8c8c"
    muted_fill: str = "#f4f4f4"
    muted_line: str = "#c4c4c4"
    highlight_line: str = "#1a1a1a"
    labelling: dict[str, str] = attrs.field(hash=False, factory=dict)

    def party_fill(self, index: int) -> str:
        """Return the fill of the party at *index* in the map's party order."""
        return self.party_fills[index % len(self.party_fills)]

    def party_border(self, index: int) -> str:
        """Return the border colour of the party at *index*."""
        return self.party_borders[index % len(self.party_borders)]

    def cluster_fill(self, index: int) -> str:
        """Return the background of the party's column."""
        return self.cluster_fills[index % len(self.cluster_fills)]


THEMES: Final[dict[str, Theme]] = {
    "color": Theme(
        name="color",
        party_fills=("#dbe9f7", "#f9dedc", "#e0f2e3", "#fff1cc", "#ece2f4"),
        party_borders=("#2f5f8f", "#a83232", "#2e7d3e", "#9a7300", "#6a4a8c"),
        cluster_fills=("#f3f8fd", "#fdf5f4", "#f4fbf5", "#fffaf0", "#f8f4fb"),
        relation_colors={
            Relation.ATTACKS.value: "#c0392b",
            Relation.SUPPORTS.value: "#2e7d3e",
            Relation.AGREES.value: "#1f5fa8",
        },
        labelling={"IN": "#c8ecc9", "OUT": "#f6c6c2", "UNDEC": "#f2f2f2"},
    ),
    # Okabe & Ito's palette, safe for the common colour-vision deficiencies.
    "colorblind": Theme(
        name="colorblind",
        party_fills=("#cfe8f7", "#fbe3c4", "#cdeee3", "#f6dceb", "#fbf7c4"),
        party_borders=("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a7f00"),
        cluster_fills=("#f2f9fd", "#fef8f0", "#f1fbf7", "#fdf5f9", "#fefdf0"),
        relation_colors={
            Relation.ATTACKS.value: "#d55e00",
            Relation.SUPPORTS.value: "#009e73",
            Relation.AGREES.value: "#0072b2",
        },
        labelling={"IN": "#cdeee3", "OUT": "#fbe3c4", "UNDEC": "#f2f2f2"},
    ),
    # Greyscale: readable from a black-and-white printer; line styles carry the relations.
    "print": Theme(
        name="print",
        party_fills=("#ffffff", "#e6e6e6", "#cccccc", "#f2f2f2", "#d9d9d9"),
        party_borders=("#000000",),
        cluster_fills=("#ffffff", "#f7f7f7", "#efefef", "#fbfbfb", "#f3f3f3"),
        relation_colors={r.value: "#000000" for r in Relation},
        muted_text="#737373",
        muted_fill="#ffffff",
        muted_line="#b3b3b3",
        labelling={"IN": "#ffffff", "OUT": "#bfbfbf", "UNDEC": "#e6e6e6"},
    ),
}


def get_theme(theme: str | Theme) -> Theme:
    """Return the theme named *theme* (or *theme* itself).

    Raises
    ------
    ValueError
        If there is no such theme; the message lists those there are.
    """
    if isinstance(theme, Theme):
        return theme
    try:
        return THEMES[theme]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown theme {theme!r}; use one of {', '.join(THEMES)}"
        ) from None
