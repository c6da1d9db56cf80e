"""Profile pictures: a stylised head and shoulders for people, a monogram badge for companies."""

import math

from PIL import ImageDraw

from openhour.demo.people.images import (
    Box,
    Colour,
    centred_text,
    finish,
    gradient,
    lightness,
    mix,
    palette,
    readable_on,
    rgb,
    rng_for,
    shade,
)

SKIN = ["#f6d7c3", "#eec1a2", "#d9a27e", "#c68863", "#a86b4c", "#8a5236", "#6b3f2a", "#4f2d1f"]

HAIR = ["#1f1a17", "#3b2a20", "#5a3825", "#8b5a2b", "#b7854c", "#d8b26e", "#9a9a9a", "#7a2e1f"]

HAIRSTYLES = ("short", "long", "bun", "curly", "shaved", "side")

PHOTO_SIZE = 512


def portrait(key: str) -> bytes:
    """A head-and-shoulders figure on a gradient: skin, hair and colours vary by `key`."""
    rng = rng_for(key)
    colours = palette(rng)
    size = PHOTO_SIZE * 2
    back, shirt = rng.sample(colours, 2)
    canvas = gradient((size, size), shade(back, 0.45), shade(back, -0.05), angle=rng.choice([0, 30, -30, 90]))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse(_around(size * 0.5, size * 0.44, size * 0.36, size * 0.36), fill=shade(back, 0.6))
    skin, hair = rgb(rng.choice(SKIN)), rgb(rng.choice(HAIR))
    style, tilt = rng.choice(HAIRSTYLES), rng.choice([-16, -8, 8, 16])
    _figure(draw, size, skin=skin, hair=hair, shirt=shirt, style=style, tilt=tilt)
    return finish(canvas)


def _around(cx: float, cy: float, rx: float, ry: float) -> Box:
    return cx - rx, cy - ry, cx + rx, cy + ry


def _figure(
    draw: ImageDraw.ImageDraw, size: int, *, skin: Colour, hair: Colour, shirt: Colour, style: str, tilt: int
) -> None:
    cx, cy, rx, ry = size * 0.5, size * 0.44, size * 0.155, size * 0.195
    _hair_behind(draw, (cx, cy, rx, ry), hair=hair, style=style)
    draw.ellipse(_around(cx, size * 1.03, size * 0.37, size * 0.3), fill=shirt)  # shoulders
    draw.rectangle((cx - rx * 0.42, cy + ry * 0.5, cx + rx * 0.42, size * 0.77), fill=shade(skin, -0.12))
    draw.polygon([(cx - rx * 0.62, size * 0.74), (cx + rx * 0.62, size * 0.74), (cx, size * 0.85)], fill=skin)
    for side in (-1, 1):  # ears
        draw.ellipse(_around(cx + side * rx * 0.98, cy + ry * 0.1, rx * 0.16, ry * 0.18), fill=shade(skin, -0.06))
    draw.ellipse(_around(cx, cy, rx, ry), fill=skin)
    _fringe(draw, (cx, cy, rx, ry), skin=skin, hair=hair, style=style, tilt=tilt)


def _hair_behind(draw: ImageDraw.ImageDraw, head: Box, *, hair: Colour, style: str) -> None:
    """The part of the hair the face covers: it frames the head and, when long, falls to the shoulders."""
    cx, cy, rx, ry = head
    if style == "long":
        draw.rounded_rectangle((cx - rx * 1.25, cy - ry * 1.12, cx + rx * 1.25, cy + ry * 1.6), rx, fill=hair)
    elif style == "curly":
        for angle in range(0, 360, 30):
            x, y = _on_ellipse(cx, cy - ry * 0.1, rx * 1.12, ry * 1.02, angle)
            draw.ellipse(_around(x, y, rx * 0.34, rx * 0.34), fill=hair)
        draw.ellipse(_around(cx, cy - ry * 0.1, rx * 1.15, ry * 1.05), fill=hair)
    elif style != "shaved":
        draw.ellipse(_around(cx, cy - ry * 0.1, rx * 1.08, ry * 0.98), fill=hair)
    if style == "bun":
        draw.ellipse(_around(cx, cy - ry * 1.1, rx * 0.45, rx * 0.42), fill=hair)


def _fringe(draw: ImageDraw.ImageDraw, head: Box, *, skin: Colour, hair: Colour, style: str, tilt: int) -> None:
    """The hair over the forehead; a tilted chord reads as a side parting."""
    cx, cy, rx, ry = head
    cap = _around(cx, cy - ry * 0.04, rx * 1.03, ry * 1.02)
    if style == "shaved":
        draw.chord(cap, 195, 345, fill=mix(skin, hair, 0.55))
    elif style == "side":
        draw.chord(cap, 160 if tilt < 0 else 200, 340 if tilt < 0 else 380, fill=hair)
    else:
        draw.chord(cap, 188 + tilt, 352 + tilt, fill=hair)


def _on_ellipse(cx: float, cy: float, rx: float, ry: float, degrees: float) -> tuple[float, float]:
    radians = math.radians(degrees)
    return cx + rx * math.cos(radians), cy + ry * math.sin(radians)


def monogram(key: str, text: str) -> bytes:
    """A company logo: initials in a rounded badge on a soft gradient."""
    rng = rng_for(key)
    colours = palette(rng)
    size = PHOTO_SIZE * 2
    badge, ink = colours[0], colours[-1]
    canvas = gradient((size, size), shade(colours[2], 0.7), shade(colours[2], 0.35), angle=rng.choice([0, 45, 90]))
    draw = ImageDraw.Draw(canvas)
    inset = size * 0.2
    if rng.random() < 0.5:
        draw.rounded_rectangle((inset, inset, size - inset, size - inset), radius=size * 0.12, fill=badge)
    else:
        draw.ellipse((inset, inset, size - inset, size - inset), fill=badge)
    if abs(lightness(ink) - lightness(badge)) < 0.35:  # keep the letters readable on the badge
        ink = readable_on(badge)
    centred_text(draw, (size / 2, size / 2), text, int(size * 0.26), ink)
    return finish(canvas)
