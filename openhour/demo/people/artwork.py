"""Portfolio pictures: compositions that read as the kind of work each freelancer does.

`sample_picture()` draws the named style; design and writing styles live here, software ones in
`interfaces.py` and photographic ones in `scenes.py`.
"""

import random
from collections.abc import Callable

from PIL import Image, ImageDraw

from openhour.demo.people.images import (
    INK,
    MUTED,
    PAPER,
    Colour,
    H,
    W,
    blank,
    centred_text,
    finish,
    fitted_size,
    font,
    gradient,
    palette,
    readable_on,
    rng_for,
    shade,
    text_bars,
)
from openhour.demo.people.interfaces import chart, mobile, wireframe
from openhour.demo.people.scenes import landscape, product, waveform

Style = Callable[[random.Random, list[Colour], str], Image.Image]


def sample_picture(style: str, key: str, title: str) -> bytes:
    rng = rng_for(f"{key}:{style}")
    return finish(STYLES[style](rng, palette(rng), title))


def shapes(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """A grid of geometric tiles, the way a pattern or identity exploration is presented."""
    image, draw = blank(PAPER)
    cell, cols, rows = 450, 4, 3
    left, top = (W - cols * cell) / 2, (H - rows * cell) / 2
    for row in range(rows):
        for col in range(cols):
            x, y = left + col * cell, top + row * cell
            back, front = rng.sample(colours, 2)
            draw.rectangle((x, y, x + cell, y + cell), fill=back)
            _tile(draw, rng.randrange(5), (x, y, x + cell, y + cell), front)
    return image


def _tile(draw: ImageDraw.ImageDraw, kind: int, box: tuple[float, float, float, float], fill: Colour) -> None:
    x0, y0, x1, y1 = box
    if kind == 0:
        draw.ellipse((x0 + 60, y0 + 60, x1 - 60, y1 - 60), fill=fill)
    elif kind == 1:
        draw.pieslice((x0, y0, x1 + (x1 - x0), y1 + (y1 - y0)), 180, 270, fill=fill)
    elif kind == 2:
        draw.polygon([(x0, y1), (x1, y1), (x0, y0)], fill=fill)
    elif kind == 3:
        draw.chord((x0, y0 + (y1 - y0) / 2, x1, y1 + (y1 - y0) / 2), 180, 360, fill=fill)
    else:
        draw.rectangle((x0 + 110, y0 + 110, x1 - 110, y1 - 110), fill=fill)


def brand(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """A brand board: the mark, the wordmark, the colour swatches and a type specimen."""
    image, draw = blank(PAPER)
    dark, accent = colours[0], colours[3]
    draw.rectangle((0, 0, W * 0.5, H), fill=dark)
    draw.ellipse((300, 420, 900, 1020), fill=accent)
    draw.rectangle((600, 420, 900, 720), fill=shade(accent, 0.35))
    word = title.split()[0]
    centred_text(draw, (600, 1300), word, fitted_size(draw, word, size=150, width=1000), PAPER)
    for index, colour in enumerate(colours):
        x = 1380 + index * 190
        draw.rounded_rectangle((x, 300, x + 160, 700), 24, fill=colour)
    draw.text((1380, 860), "Aa", font=font(360), fill=dark)
    text_bars(draw, 1380, 1350, 900, rows=4, gap=70, fill=MUTED)
    return image


def document(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """Two pages of a document on a desk: heading, paragraphs and a highlighted quote."""
    image = gradient((W, H), shade(colours[2], 0.2), shade(colours[0], 0.1), angle=rng.choice([0, 90]))
    draw = ImageDraw.Draw(image)
    for index in range(2):
        x, y = 380 + index * 860, 150 + index * 60
        draw.rectangle((x + 25, y + 25, x + 805, y + 1545), fill=shade(colours[0], -0.4))
        draw.rectangle((x, y, x + 780, y + 1520), fill=(255, 255, 255))
        if index == 0:
            draw.rectangle((x + 80, y + 120, x + 480, y + 140), fill=colours[3])
            word = title.split()[0]
            draw.text((x + 80, y + 170), word, font=font(fitted_size(draw, word, size=110, width=620)), fill=INK)
        text_bars(draw, x + 80, y + (380 if index == 0 else 130), 620, rows=7, gap=62, fill=MUTED)
        draw.rectangle((x + 80, y + 900, x + 96, y + 1120), fill=colours[1])
        text_bars(draw, x + 130, y + 920, 560, rows=3, gap=70, fill=shade(colours[1], 0.4))
        text_bars(draw, x + 80, y + 1200, 620, rows=4, gap=62, fill=MUTED)
    return image


def code(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """An editor with syntax-coloured lines next to a terminal."""
    image = gradient((W, H), shade(colours[1], 0.1), shade(colours[0], -0.3), angle=45)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((160, 140, W - 160, H - 140), 30, fill=(30, 32, 42))
    draw.rectangle((160, 240, 560, H - 140), fill=(38, 40, 52))
    for row in range(14):
        draw.rounded_rectangle(
            (220, 300 + row * 80, 220 + rng.randint(160, 300), 330 + row * 80), 10, fill=(70, 74, 90)
        )
    tokens = [colours[3], colours[4], shade(colours[2], 0.3), (140, 200, 240), (190, 190, 200)]
    for row in range(17):
        x, indent = 650 + rng.choice([0, 0, 70, 140]), 300 + row * 72
        for _word in range(rng.randint(1, 5)):
            width = rng.randint(60, 260)
            draw.rounded_rectangle((x, indent, x + width, indent + 34), 10, fill=rng.choice(tokens))
            x += width + 30
    return image


def poster(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """A typographic poster: a bold shape, one big word and a line of small print."""
    back, shape = rng.sample(colours, 2)
    image, draw = blank(back)
    draw.ellipse((W * 0.55, H * 0.05, W * 1.2, H * 0.95), fill=shape)
    draw.rectangle((0, H * 0.7, W * 0.45, H), fill=shade(shape, -0.25))
    word, ink = title.split()[0].upper(), readable_on(back)
    size = fitted_size(draw, word, size=300, width=W * 0.5)  # keep the word clear of the shape
    draw.text((160, 240), word, font=font(size), fill=ink)
    text_bars(draw, 170, 700, 900, rows=2, gap=70, fill=ink)
    return image


STYLES: dict[str, Style] = {
    "shapes": shapes,
    "brand": brand,
    "wireframe": wireframe,
    "mobile": mobile,
    "chart": chart,
    "document": document,
    "code": code,
    "waveform": waveform,
    "landscape": landscape,
    "product": product,
    "poster": poster,
}
