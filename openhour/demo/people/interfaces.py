"""Portfolio pictures of software: a web page in a browser, phone screens and a dashboard."""

import random

from PIL import Image, ImageDraw

from openhour.demo.people.images import (
    INK,
    MUTED,
    Colour,
    H,
    W,
    blank,
    darkest_first,
    font,
    gradient,
    shade,
    text_bars,
)


def wireframe(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """A landing page in a browser window: navigation, hero, call to action and three cards."""
    dark = darkest_first(colours)  # strong colours for what must stand out on white
    image = gradient((W, H), shade(dark[3], 0.5), shade(dark[2], 0.2), angle=45)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((200, 150, W - 200, H - 100), 36, fill=(255, 255, 255))
    draw.rounded_rectangle((200, 150, W - 200, 260), 36, fill=MUTED)
    for index in range(3):
        draw.ellipse((250 + index * 60, 185, 290 + index * 60, 225), fill=shade(MUTED, -0.2 * (index + 1)))
    draw.rectangle((300, 330, 500, 380), fill=dark[0])
    for index in range(4):
        draw.rounded_rectangle((1400 + index * 200, 340, 1540 + index * 200, 370), 12, fill=MUTED)
    draw.rounded_rectangle((300, 520, 1150, 620), 20, fill=INK)
    draw.rounded_rectangle((300, 660, 980, 760), 20, fill=INK)
    text_bars(draw, 300, 830, 780, rows=3, gap=60, fill=MUTED)
    draw.rounded_rectangle((300, 1040, 640, 1130), 45, fill=dark[1])
    draw.rounded_rectangle((1300, 480, 2100, 1130), 30, fill=dark[2])
    draw.ellipse((1550, 620, 1850, 920), fill=shade(dark[2], 0.4))
    for index in range(3):
        x, tint = 300 + index * 620, dark[index % 3]
        draw.rounded_rectangle((x, 1250, x + 560, 1620), 24, fill=shade(tint, 0.8))
        text_bars(draw, x + 40, 1480, 440, rows=2, gap=55, fill=shade(tint, 0.2))
    return image


def mobile(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """Three phone screens of one app, side by side: lists, cards and a small chart."""
    image = gradient((W, H), shade(colours[1], 0.3), shade(colours[0], 0.1), angle=90)
    draw = ImageDraw.Draw(image)
    screens = [rng.choice((_list_screen, _card_screen, _chart_screen)) for _index in range(3)]
    for index, screen in enumerate(screens):
        x, y = 330 + index * 620, 170 + (60 if index == 1 else 160)
        bottom = y + 1080 + (100 if index == 1 else 0)
        draw.rounded_rectangle((x, y, x + 520, bottom), 70, fill=INK)
        draw.rounded_rectangle((x + 24, y + 24, x + 496, bottom - 24), 50, fill=(255, 255, 255))
        draw.rounded_rectangle((x + 24, y + 24, x + 496, y + 240), 50, fill=colours[index % 3 + 2])
        screen(rng, draw, x, y + 290, colours)
    return image


def _list_screen(rng: random.Random, draw: ImageDraw.ImageDraw, x: float, y: float, colours: list[Colour]) -> None:
    for row in range(5):
        top = y + row * 150
        draw.ellipse((x + 60, top, x + 160, top + 100), fill=shade(colours[(row + 1) % 5], 0.2))
        text_bars(draw, x + 190, top + 15, 260, rows=2, gap=45, fill=MUTED)


def _card_screen(rng: random.Random, draw: ImageDraw.ImageDraw, x: float, y: float, colours: list[Colour]) -> None:
    for row in range(2):
        top = y + row * 380
        draw.rounded_rectangle((x + 60, top, x + 460, top + 230), 30, fill=shade(rng.choice(colours), 0.15))
        text_bars(draw, x + 60, top + 260, 380, rows=2, gap=45, fill=MUTED)


def _chart_screen(rng: random.Random, draw: ImageDraw.ImageDraw, x: float, y: float, colours: list[Colour]) -> None:
    draw.text((x + 60, y), f"{rng.randint(120, 990)}", font=font(110), fill=INK)
    for bar in range(6):
        height = rng.uniform(0.2, 1) * 380
        left = x + 60 + bar * 66
        draw.rounded_rectangle((left, y + 560 - height, left + 44, y + 560), 12, fill=darkest_first(colours)[1])
    text_bars(draw, x + 60, y + 620, 380, rows=3, gap=50, fill=MUTED)


def chart(rng: random.Random, colours: list[Colour], title: str) -> Image.Image:
    """A dashboard: figure cards, a line or area chart, and bars or a donut."""
    image, draw = blank((244, 246, 250))
    sidebar = darkest_first(colours)[0]
    draw.rectangle((0, 0, 320, H), fill=sidebar)
    for row in range(6):
        draw.rounded_rectangle((70, 220 + row * 120, 250, 250 + row * 120), 15, fill=shade(sidebar, 0.35))
    for index in range(3):
        x = 420 + index * 640
        draw.rounded_rectangle((x, 120, x + 580, 420), 30, fill=(255, 255, 255))
        draw.text((x + 50, 170), f"{rng.randint(12, 98)}.{rng.randint(1, 9)}k", font=font(120), fill=INK)
        draw.rounded_rectangle((x + 50, 340, x + 300, 370), 12, fill=darkest_first(colours)[index + 1])
    _line_chart(rng, draw, (420, 500, 1560, 1680), darkest_first(colours), filled=rng.random() < 0.5)
    side = _bar_chart if rng.random() < 0.5 else _donut
    side(rng, draw, (1640, 500, 2300, 1680), colours)
    return image


def _line_chart(
    rng: random.Random,
    draw: ImageDraw.ImageDraw,
    box: tuple[int, int, int, int],
    colours: list[Colour],
    *,
    filled: bool,
) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(box, 30, fill=(255, 255, 255))
    for row in range(1, 5):
        draw.line((x0 + 60, y0 + row * (y1 - y0) / 5, x1 - 60, y0 + row * (y1 - y0) / 5), fill=(232, 234, 240), width=4)
    for series, colour in enumerate((colours[1], colours[3])):
        level, points = 0.25 + 0.2 * series, []
        for step in range(12):
            level = min(0.92, max(0.08, level + rng.uniform(-0.08, 0.14 - 0.05 * series)))
            points.append((x0 + 80 + step * (x1 - x0 - 160) / 11, y1 - 80 - level * (y1 - y0 - 160)))
        if filled and series == 0:  # an area chart: the first series shaded down to the axis
            draw.polygon([(points[0][0], y1 - 80), *points, (points[-1][0], y1 - 80)], fill=shade(colour, 0.75))
        draw.line(points, fill=colour, width=14, joint="curve")
        for point in points[::3]:
            draw.ellipse((point[0] - 18, point[1] - 18, point[0] + 18, point[1] + 18), fill=colour)


def _bar_chart(
    rng: random.Random, draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colours: list[Colour]
) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(box, 30, fill=(255, 255, 255))
    width = (x1 - x0 - 120) / 6
    for index in range(6):
        height = rng.uniform(0.25, 0.9) * (y1 - y0 - 200)
        left = x0 + 60 + index * width
        draw.rounded_rectangle((left + 15, y1 - 80 - height, left + width - 15, y1 - 80), 16, fill=colours[index % 5])


def _donut(
    rng: random.Random, draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colours: list[Colour]
) -> None:
    x0, y0, x1, _y1 = box
    draw.rounded_rectangle(box, 30, fill=(255, 255, 255))
    ring, start = (x0 + 90, y0 + 120, x1 - 90, y0 + 120 + (x1 - x0 - 180)), -90.0
    shares = [rng.uniform(1, 4) for _colour in colours[:4]]
    for share, colour in zip(shares, colours, strict=False):
        end = start + 360 * share / sum(shares)
        draw.pieslice(ring, start, end, fill=colour)
        start = end
    inset = (x1 - x0 - 180) * 0.28
    draw.ellipse((ring[0] + inset, ring[1] + inset, ring[2] - inset, ring[3] - inset), fill=(255, 255, 255))
    text_bars(draw, x0 + 90, ring[3] + 120, x1 - x0 - 180, rows=3, gap=70, fill=MUTED)
