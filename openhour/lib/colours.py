"""Colours as operators type them (#1d5e4a), with the WCAG contrast arithmetic that decides whether white text
stays readable on them."""

import re

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
AA_NORMAL_TEXT = 4.5  # WCAG 2.x AA for text under 18pt (buttons and links)


def rgb(colour: str) -> tuple[int, int, int]:
    """The channels of "#1d5e4a": (29, 94, 74)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    red, green, blue = (_linear(channel) for channel in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of white text on `colour`: from 1 (white) to 21 (black)."""
    return 1.05 / (relative_luminance(colour) + 0.05)


def darker(colour: str, factor: float = 0.85) -> str:
    """The same hue, darker: hover states, whose white text then contrasts even more."""
    return "#" + "".join(f"{round(channel * factor):02x}" for channel in rgb(colour))


def translucent(colour: str, alpha: float) -> str:
    red, green, blue = rgb(colour)
    return f"rgba({red}, {green}, {blue}, {alpha})"
