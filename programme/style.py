"""The programme's colours as the site's style sheet uses them: the main colour, a darker
and a softer shade of it, and the accent."""

from programme.models import Programme


def _mix(colour: str, towards: tuple[int, int, int], share: float) -> str:
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(c + (t - c) * share) for c, t in zip(channels, towards, strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def palette(programme: Programme) -> dict[str, str]:
    primary = programme.primary_colour.lower()
    return {
        "primary": primary,
        "primary-dark": _mix(primary, (0, 0, 0), 0.3),
        "primary-soft": _mix(primary, (255, 255, 255), 0.87),
        "accent": programme.accent_colour.lower(),
    }


def stylesheet(programme: Programme) -> str:
    """CSS custom properties that override the defaults in site.css."""
    lines = "".join(f"  --{name}: {value};\n" for name, value in palette(programme).items())
    return f":root {{\n{lines}}}\n"
