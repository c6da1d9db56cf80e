"""Portfolio pictures of the physical world: landscapes, studio product shots and an editing timeline."""

import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

from openhour.demo.people.images import (
    Colour,
    H,
    W,
    blank,
    darkest_first,
    gradient,
    mix,
    shade,
)


def landscape(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """Layered hills (or a calm sea) under a low sun, the way a landscape photograph reads at a glance."""
    sky, far = colours[rng.randrange(5)], darkest_first(colours)[0]
    image = gradient((W, H), shade(sky, 0.55), shade(colours[3], 0.3))
    draw = ImageDraw.Draw(image)
    sun_x, sun_y = rng.uniform(0.15, 0.75) * W, rng.uniform(0.12, 0.35) * H
    draw.ellipse((sun_x, sun_y, sun_x + 380, sun_y + 380), fill=shade(colours[3], 0.6))
    layers, rough = rng.randint(2, 5), rng.uniform(0.4, 1.3)
    for layer in range(layers):
        base = H * (0.5 + layer * 0.4 / layers)
        colour = mix(shade(sky, 0.3), shade(far, -0.3), (layer + 1) / layers)
        points = [(0.0, float(H)), (0.0, base)]
        for step in range(13):
            points.append((step * W / 12, base - rng.uniform(40, 260) * rough * (1 - layer * 0.15)))
        draw.polygon([*points, (W, base), (W, H)], fill=colour)
    if rng.random() < 0.4:  # water in the foreground, with the sun's reflection
        draw.rectangle((0, H * 0.8, W, H), fill=shade(sky, -0.25))
        for row in range(5):
            y = H * 0.83 + row * 55
            draw.rounded_rectangle((sun_x + 60 - row * 20, y, sun_x + 320 + row * 20, y + 18), 9, fill=shade(sky, 0.3))
    return image


def product(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """A studio product shot: two or three objects on a sweep with soft shadows."""
    back = colours[rng.randrange(2, 5)]
    image = gradient((W, H), shade(back, 0.6), shade(back, 0.1))
    draw = ImageDraw.Draw(image)
    kinds = rng.sample(list(PRODUCTS), rng.randint(2, 3))
    width = 420 + 60 * (3 - len(kinds))
    left = (W - width * len(kinds)) / 2
    draw.ellipse((left - 80, 1440, left + width * len(kinds) + 80, 1620), fill=shade(back, -0.2))
    for index, kind in enumerate(kinds):
        x = left + index * width + width / 2
        PRODUCTS[kind](draw, x, 1530, rng.sample(darkest_first(colours)[:4], 2))
    return image


def _bottle(draw: ImageDraw.ImageDraw, x: float, floor: float, tones: list[Colour]) -> None:
    draw.rounded_rectangle((x - 150, floor - 900, x + 150, floor), 70, fill=tones[0])
    draw.rounded_rectangle((x - 60, floor - 1080, x + 60, floor - 880), 25, fill=shade(tones[0], -0.3))
    draw.rectangle((x - 150, floor - 600, x + 150, floor - 360), fill=shade(tones[1], 0.7))
    draw.rectangle((x - 110, floor - 820, x - 80, floor - 80), fill=shade(tones[0], 0.25))  # highlight


def _jar(draw: ImageDraw.ImageDraw, x: float, floor: float, tones: list[Colour]) -> None:
    draw.rounded_rectangle((x - 180, floor - 520, x + 180, floor), 60, fill=tones[0])
    draw.rounded_rectangle((x - 190, floor - 620, x + 190, floor - 500), 20, fill=shade(tones[1], -0.1))
    draw.ellipse((x - 110, floor - 380, x + 110, floor - 160), fill=shade(tones[1], 0.7))


def _tin(draw: ImageDraw.ImageDraw, x: float, floor: float, tones: list[Colour]) -> None:
    draw.rectangle((x - 170, floor - 640, x + 170, floor - 40), fill=tones[0])
    draw.ellipse((x - 170, floor - 80, x + 170, floor), fill=tones[0])
    draw.rectangle((x - 170, floor - 460, x + 170, floor - 260), fill=shade(tones[1], 0.5))
    draw.ellipse((x - 170, floor - 690, x + 170, floor - 590), fill=shade(tones[0], 0.3))


def _box(draw: ImageDraw.ImageDraw, x: float, floor: float, tones: list[Colour]) -> None:
    draw.rectangle((x - 200, floor - 420, x + 140, floor), fill=tones[0])
    draw.polygon(
        [(x - 200, floor - 420), (x - 100, floor - 500), (x + 240, floor - 500), (x + 140, floor - 420)],
        fill=shade(tones[0], 0.25),
    )
    draw.polygon(
        [(x + 140, floor - 420), (x + 240, floor - 500), (x + 240, floor - 80), (x + 140, floor)],
        fill=shade(tones[0], -0.25),
    )
    draw.rectangle((x - 200, floor - 300, x + 140, floor - 240), fill=shade(tones[1], 0.6))


PRODUCTS: dict[str, Callable[[ImageDraw.ImageDraw, float, float, list[Colour]], None]] = {
    "bottle": _bottle,
    "jar": _jar,
    "tin": _tin,
    "box": _box,
}


def waveform(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """An editing timeline: a preview frame over video clips and an audio waveform."""
    image, draw = blank((26, 28, 36))
    preview = landscape(rng, colours, title).resize((1300, 730), reducing_gap=2)
    image.paste(preview, ((W - 1300) // 2, 100))
    for track in range(3):
        y, x = 960 + track * 180, 120
        while x < W - 200:
            width = rng.randint(260, 620)
            draw.rounded_rectangle((x, y, min(x + width, W - 120), y + 140), 16, fill=shade(colours[track + 1], -0.1))
            x += width + 16
    middle = 1620
    for step in range(0, W - 240, 14):
        amplitude = 20 + 80 * abs(math.sin(step / 90)) * rng.uniform(0.4, 1)
        draw.line((120 + step, middle - amplitude, 120 + step, middle + amplitude), fill=colours[3], width=8)
    draw.line((1100, 900, 1100, 1760), fill=(255, 255, 255), width=8)
    return image
