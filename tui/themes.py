"""Colour themes: Textual's built-in dark and light themes, plus a high-contrast one for projectors.

A projector washes out mid-tones, so the high-contrast theme uses pure black, white and a few saturated
colours only; every other style in the `.tcss` files comes from theme variables, so all themes stay consistent.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = "textual-dark"
LIGHT = "textual-light"
HIGH_CONTRAST = "career-quiz-high-contrast"

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#1A1A1A",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF6666",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text-muted": "#FFFFFF",
        "foreground-muted": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "button-color-foreground": "#000000",
        "button-focus-text-style": "bold reverse",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#00FFFF 60%",
        "border": "#FFFFFF",
        "border-blurred": "#BBBBBB",
        "scrollbar": "#FFFFFF",
        "scrollbar-hover": "#FFFF00",
        "scrollbar-active": "#FFFF00",
        "scrollbar-background": "#000000",
    },
)
"""Black background, white text, yellow for focus and the top match, cyan for the student's own messages."""

THEMES: tuple[Theme, ...] = (HIGH_CONTRAST_THEME,)
"""Themes this app registers on top of Textual's built-in ones."""
