"""A small drawing kit for the demo pictures: palettes, gradients, type and JPEG output.

Every picture is seeded from a stable key (a username or an item title), so it looks the same on every
machine, and each is drawn at twice its final size and halved for smooth edges.
"""

import functools
import math
import random
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

Colour = tuple[int, int, int]
Box = tuple[float, float, float, float]

W, H = 2400, 1800  # portfolio pictures: twice 1200 x 900
INK, PAPER, MUTED = (34, 36, 48), (250, 248, 243), (214, 216, 224)

PALETTES: list[list[str]] = [
    ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51"],
    ["#0b3954", "#087e8b", "#bfd7ea", "#ff5a5f", "#c81d25"],
    ["#22223b", "#4a4e69", "#9a8c98", "#c9ada7", "#f2e9e4"],
    ["#003049", "#d62828", "#f77f00", "#fcbf49", "#eae2b7"],
    ["#355070", "#6d597a", "#b56576", "#e56b6f", "#eaac8b"],
    ["#1d3557", "#457b9d", "#a8dadc", "#f1faee", "#e63946"],
    ["#283618", "#606c38", "#fefae0", "#dda15e", "#bc6c25"],
    ["#3d405b", "#81b29a", "#f2cc8f", "#e07a5f", "#f4f1de"],
    ["#2b2d42", "#8d99ae", "#edf2f4", "#ef233c", "#d90429"],
    ["#05668d", "#028090", "#00a896", "#02c39a", "#f0f3bd"],
]


def rng_for(key: str) -> random.Random:
    # A stable seed (not hash(), which changes per process) keeps pictures identical between runs.
    return random.Random(zlib.crc32(key.encode()))  # noqa: S311 - pictures, not secrets


def rgb(hex_colour: str) -> Colour:
    value = int(hex_colour.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def shade(colour: Colour, t: float) -> Colour:
    """Darken (t < 0) or lighten (t > 0) towards black or white."""
    return mix(colour, (0, 0, 0), -t) if t < 0 else mix(colour, (255, 255, 255), t)


def palette(rng: random.Random) -> list[Colour]:
    return [rgb(colour) for colour in rng.choice(PALETTES)]


def lightness(colour: Colour) -> float:
    return (0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]) / 255


def darkest_first(colours: list[Colour]) -> list[Colour]:
    return sorted(colours, key=lightness)


def readable_on(back: Colour) -> Colour:
    return INK if lightness(back) > 0.6 else PAPER


def gradient(size: tuple[int, int], top: Colour, bottom: Colour, *, angle: float = 0) -> Image.Image:
    """A smooth two-colour gradient, optionally turned by `angle` degrees."""
    mask = _gradient_mask(size, angle)
    channels = [
        mask.point([round(a + (b - a) * v / 255) for v in range(256)]) for a, b in zip(top, bottom, strict=True)
    ]
    return Image.merge("RGB", channels)


@functools.lru_cache(maxsize=8)
def _gradient_mask(size: tuple[int, int], angle: float) -> Image.Image:
    # Scaling the mask is the slow part of a gradient, and a seed only ever asks for a handful.
    mask = Image.linear_gradient("L").rotate(angle, resample=Image.Resampling.BICUBIC, expand=False)
    return mask.crop((44, 44, 212, 212)).resize(size, Image.Resampling.BILINEAR)  # crop hides rotated corners


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's bundled font: the same on every machine, with no system font to install.
    return ImageFont.load_default(size=size)


def centred_text(draw: ImageDraw.ImageDraw, centre: tuple[float, float], text: str, size: int, fill: Colour) -> None:
    draw.text(centre, text, font=font(size), fill=fill, anchor="mm")


def fitted_size(draw: ImageDraw.ImageDraw, text: str, *, size: int, width: float) -> int:
    """The largest font size up to `size` at which `text` fits in `width`."""
    while draw.textlength(text, font=font(size)) > width and size > 40:
        size -= 10
    return size


def blank(colour: Colour) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (W, H), colour)
    return image, ImageDraw.Draw(image)


def text_bars(
    draw: ImageDraw.ImageDraw, x: float, y: float, width: float, *, rows: int, gap: float, fill: Colour
) -> None:
    """Grey bars standing in for lines of text; the last line of a paragraph is shorter."""
    for row in range(rows):
        length = width * (0.55 if row == rows - 1 else 0.9 + 0.1 * math.sin(row * 2.3))
        draw.rounded_rectangle((x, y + row * gap, x + length, y + row * gap + gap * 0.42), gap * 0.2, fill=fill)


def finish(canvas: Image.Image) -> bytes:
    """Halve the supersampled canvas (smooth edges) and encode it as a JPEG."""
    out = BytesIO()
    canvas.reduce(2).save(out, "JPEG", quality=90)
    return out.getvalue()


def as_upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")
