"""Issue #27: the open client in every theme variant a user can pick (light/dark x compact/spacious
density x sharp/pill radius) at a phone and a desktop width, against the fake backend.

No pixel baselines: each variant is checked for what a reader would notice (nothing scrolls
sideways, the composer's text box stays usable at 360 px, the variant really changes the CSS it
promises, and no two variants look the same). The screenshots are kept for people to look at.
"""
from __future__ import annotations

import hashlib
import itertools
from typing import Any

import pytest

from tests.openclient.conftest import SHOT_DIRS
from tests.openclient.test_component_browser import items, send

pytestmark = pytest.mark.browser

VARIANTS = list(itertools.product(("light", "dark"), ("compact", "spacious"), ("sharp", "pill")))
MIN_TEXTBOX_AT_360 = 200  # px: room for a short sentence without wrapping every word

MEASURE = """() => {
  const host = document.querySelector('chatkit-open');
  const root = host.shadowRoot;
  const css = getComputedStyle(host);
  const t = root.querySelector('.cko-transcript');
  const box = root.querySelector('.cko-composer-box');
  const vars = {};
  for (const name of ['--cko-gap', '--cko-pad-x', '--cko-radius', '--cko-radius-composer']) vars[name] = css.getPropertyValue(name).trim();
  return {
    doc: document.documentElement.scrollWidth,
    transcriptOverflow: t.scrollWidth - t.clientWidth,
    textbox: root.querySelector('.cko-input').getBoundingClientRect().width,
    composer: (({ left, right }) => ({ left, right }))(box.getBoundingClientRect()),
    composerRadius: parseFloat(getComputedStyle(box).borderTopLeftRadius),
    fieldRadius: parseFloat(getComputedStyle(root.querySelector('.cko-w-input')).borderTopLeftRadius),
    background: css.backgroundColor,
    vars,
  };
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_every_theme_variant_fits_and_looks_different(open_harness: Any, width: int) -> None:
    for folder in SHOT_DIRS:
        folder.mkdir(parents=True, exist_ok=True)
    page = open_harness(width=width, height=900)
    send(page, "show me a widget")
    send(page, "what is a thread?")
    assert items(page, "widget").count() >= 1
    measured: dict[tuple[str, str, str], dict[str, Any]] = {}
    digests: dict[str, tuple[str, str, str]] = {}
    for variant in VARIANTS:
        scheme, density, radius = variant
        page.evaluate("(theme) => window.configure({ theme })", {"colorScheme": scheme, "density": density, "radius": radius})
        page.wait_for_function(
            "([d, r]) => { const h = document.querySelector('chatkit-open'); return h.dataset.density === d && h.dataset.radius === r; }",
            arg=[density, radius],
        )
        page.evaluate("() => document.querySelector('chatkit-open').shadowRoot.querySelector('.cko-transcript').scrollTop = 0")
        m = measured[variant] = page.evaluate(MEASURE)
        name = f"openclient-{scheme}-{density}-{radius}-{width}.png"
        image = page.screenshot(path=str(SHOT_DIRS[0] / name))
        for folder in SHOT_DIRS[1:]:
            (folder / name).write_bytes(image)
        assert m["doc"] <= width and m["transcriptOverflow"] <= 0, (name, m)  # nothing scrolls sideways
        if width == 360:
            assert m["textbox"] >= MIN_TEXTBOX_AT_360, (name, m)
        else:  # one readable, centred column, not a composer and replies the full 1280 px wide
            left, right = m["composer"]["left"], m["composer"]["right"]
            assert right - left <= 800 and abs(left - (width - right)) <= 2, (name, m)
        # The radius a user sees on the composer: square-ish when sharp, fully round when pill.
        assert (m["composerRadius"] <= 4) if radius == "sharp" else (m["composerRadius"] >= 20), (name, m)
        assert (m["fieldRadius"] <= 4) if radius == "sharp" else (m["fieldRadius"] >= 8), (name, m)  # widget fields follow
        digest = hashlib.sha256(image).hexdigest()
        assert digest not in digests, f"{name} looks exactly like {digests.get(digest)}"
        digests[digest] = variant

    for scheme, radius in itertools.product(("light", "dark"), ("sharp", "pill")):
        compact, spacious = measured[(scheme, "compact", radius)], measured[(scheme, "spacious", radius)]
        assert float(compact["vars"]["--cko-gap"].removesuffix("px")) < float(spacious["vars"]["--cko-gap"].removesuffix("px"))
    for scheme, density in itertools.product(("light", "dark"), ("compact", "spacious")):
        assert measured[(scheme, density, "sharp")]["vars"]["--cko-radius"] != measured[(scheme, density, "pill")]["vars"]["--cko-radius"]
    assert measured[("light", "compact", "sharp")]["background"] != measured[("dark", "compact", "sharp")]["background"]
