"""Pictures drawn with Pillow for the browser tests: a portrait and three portfolio pieces.

They stand in for real uploads, so the screenshots look like a profile a person would make.
"""

import random
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    height = size[1]
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return column.resize(size)


def _grain(image: Image.Image, amount: int = 10, seed: int = 7) -> Image.Image:
    """A little film grain, so flat shapes read as a photograph rather than a diagram."""
    noise = Image.effect_noise(image.size, amount).convert("RGB")
    rng = random.Random(seed)
    return Image.blend(image, noise, 0.04 + rng.random() * 0.01)


def portrait(side: int = 640) -> Image.Image:
    """A head-and-shoulders portrait against a softly lit, out-of-focus studio background."""
    image = _gradient((side, side), (214, 226, 222), (120, 150, 148))
    bokeh = Image.new("RGB", image.size)
    draw = ImageDraw.Draw(bokeh)
    rng = random.Random(3)
    for _ in range(14):
        x, y, r = rng.randrange(side), rng.randrange(side // 2), rng.randrange(side // 14, side // 6)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(250, 244, 228))
    image = Image.blend(image, bokeh.filter(ImageFilter.GaussianBlur(side // 18)), 0.25)

    person = ImageDraw.Draw(image)
    s = side / 640
    skin, shade, hair, shirt = (224, 176, 142), (196, 146, 114), (74, 50, 38), (38, 64, 92)
    person.rectangle((278 * s, 350 * s, 362 * s, 470 * s), fill=shade)  # neck
    person.ellipse((90 * s, 450 * s, 550 * s, 820 * s), fill=shirt)  # shoulders
    person.polygon([(270 * s, 450 * s), (370 * s, 450 * s), (320 * s, 530 * s)], fill=(236, 236, 232))  # collar
    person.ellipse((190 * s, 130 * s, 450 * s, 400 * s), fill=hair)  # hair, behind the face
    person.ellipse((215 * s, 165 * s, 425 * s, 425 * s), fill=skin)  # face
    person.chord((208 * s, 128 * s, 432 * s, 300 * s), 180, 360, fill=hair)  # hair on top
    person.chord((240 * s, 190 * s, 420 * s, 262 * s), 190, 350, fill=hair)  # side parting
    person.ellipse((193 * s, 265 * s, 218 * s, 320 * s), fill=shade)  # ears
    person.ellipse((422 * s, 265 * s, 447 * s, 320 * s), fill=shade)
    for eye_x in (275, 365):  # eyes
        person.ellipse(((eye_x - 11) * s, 283 * s, (eye_x + 11) * s, 297 * s), fill=(60, 45, 40))
    person.arc((285 * s, 330 * s, 355 * s, 375 * s), 20, 160, fill=(170, 90, 80), width=max(2, round(4 * s)))  # smile
    image = image.filter(ImageFilter.GaussianBlur(1.2 * s))
    return _grain(image)


def brand_identity(size: tuple[int, int] = (800, 600)) -> Image.Image:
    """A logo and colour palette for a coffee roaster, shown on a warm paper background."""
    width, height = size
    image = _gradient(size, (244, 236, 222), (230, 216, 196))
    draw = ImageDraw.Draw(image)
    cx, cy, r = width // 2, height // 2 - 50, 120
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(92, 58, 40))
    draw.ellipse((cx - 45, cy - 70, cx + 45, cy + 70), fill=(238, 214, 176))
    draw.arc((cx - 30, cy - 70, cx + 30, cy + 70), 280, 80, fill=(92, 58, 40), width=8)
    draw.text((cx, cy + r + 45), "ROAST & CO.", font=_font(44), fill=(60, 38, 28), anchor="mm")
    for i, colour in enumerate([(92, 58, 40), (196, 120, 64), (238, 214, 176), (46, 84, 72)]):
        x = width // 2 - 150 + i * 80
        draw.rounded_rectangle((x, height - 90, x + 60, height - 40), 8, fill=colour)
    return _grain(image, seed=11)


def shop_redesign(size: tuple[int, int] = (800, 600)) -> Image.Image:
    """A shop's home page in a browser window: header, hero and product cards."""
    width, height = size
    image = _gradient(size, (96, 120, 168), (60, 80, 128))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((60, 50, width - 60, height - 30), 14, fill=(250, 250, 252))
    draw.rounded_rectangle((60, 50, width - 60, 90), 14, fill=(226, 230, 238))
    for i, colour in enumerate([(236, 95, 90), (245, 190, 80), (98, 196, 110)]):
        draw.ellipse((80 + i * 22, 63, 94 + i * 22, 77), fill=colour)
    draw.text((90, 112), "Fern & Field", font=_font(26), fill=(30, 60, 50))
    for i, label in enumerate(["Shop", "Journal", "About"]):
        draw.text((width - 300 + i * 75, 118), label, font=_font(17), fill=(80, 90, 100))
    draw.rounded_rectangle((90, 160, width - 90, 330), 10, fill=(206, 228, 212))
    draw.text((120, 200), "Plants that thrive\nwhere you live", font=_font(34), fill=(24, 64, 48), spacing=8)
    draw.rounded_rectangle((120, 285, 250, 315), 6, fill=(24, 96, 72))
    draw.text((185, 300), "Shop now", font=_font(16), fill=(255, 255, 255), anchor="mm")
    leaf = (46, 128, 88)
    draw.ellipse((width - 300, 180, width - 140, 320), fill=(150, 200, 160))
    draw.ellipse((width - 250, 150, width - 170, 300), fill=leaf)
    card_w = (width - 180 - 2 * 24) // 3
    for i, tint in enumerate([(240, 226, 210), (220, 232, 240), (236, 224, 236)]):
        x = 90 + i * (card_w + 24)
        draw.rounded_rectangle((x, 355, x + card_w, height - 55), 10, fill=tint)
        draw.ellipse((x + card_w // 2 - 40, 380, x + card_w // 2 + 40, 460), fill=leaf)
        draw.rectangle((x + 20, 485, x + card_w - 40, 495), fill=(120, 120, 130))
        draw.rectangle((x + 20, 505, x + card_w // 2, 513), fill=(170, 170, 180))
    return image


def sales_dashboard(size: tuple[int, int] = (800, 600)) -> Image.Image:
    """An analytics dashboard: key figures, a bar chart and a trend line."""
    width, height = size
    image = Image.new("RGB", size, (244, 246, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 150, height), fill=(28, 36, 52))
    for i in range(5):
        draw.rounded_rectangle((24, 90 + i * 50, 126, 108 + i * 50), 5, fill=(58, 70, 94) if i else (64, 160, 140))
    for i, (label, value) in enumerate([("Revenue", "$48.2k"), ("Orders", "1,284"), ("Return rate", "2.1%")]):
        x = 180 + i * 200
        draw.rounded_rectangle((x, 40, x + 180, 130), 10, fill=(255, 255, 255))
        draw.text((x + 18, 58), label, font=_font(16), fill=(100, 110, 125))
        draw.text((x + 18, 84), value, font=_font(30), fill=(28, 36, 52))
    draw.rounded_rectangle((180, 160, width - 40, height - 40), 10, fill=(255, 255, 255))
    base, left = height - 80, 220
    values = [34, 52, 45, 68, 61, 79, 88, 74, 96, 104, 98, 120]
    step = (width - 100 - left) / len(values)
    for i, v in enumerate(values):
        x = left + i * step
        draw.rounded_rectangle((x, base - v * 2.4, x + step * 0.6, base), 4, fill=(120, 190, 176))
    points = [(left + i * step + step * 0.3, base - v * 2.4 - 40) for i, v in enumerate(values)]
    draw.line(points, fill=(226, 110, 80), width=4, joint="curve")
    for x, y in points:
        draw.ellipse((x - 5, y - 5, x + 5, y + 5), fill=(226, 110, 80))
    draw.line((left - 10, base, width - 60, base), fill=(200, 205, 215), width=2)
    return image


def save(image: Image.Image, folder: Path, name: str) -> Path:
    """Write `image` as a JPEG (or PNG when the name says so) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    image.save(path, "PNG" if name.endswith(".png") else "JPEG", quality=88)
    return path


def as_bytes(image: Image.Image, fmt: str = "JPEG") -> bytes:
    out = BytesIO()
    image.save(out, fmt, quality=88)
    return out.getvalue()
