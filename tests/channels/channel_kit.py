"""Constants shared by the channel tests (a uniquely named module: every
test folder has its own conftest.py, so constants are not imported from there)."""
from __future__ import annotations

from pathlib import Path

from omnilinks.models import Identity

PLATFORM_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "platforms"
SITE = "https://kopisenja.id"
KOPI_SENJA = Identity(name="Kopi Senja", aliases=("Kopi Senja Kemang",), country="ID", phone="+62215550123",
                      whatsapp="+6281234567890", email="halo@kopisenja.id",
                      address="Jl. Kemang Raya No. 10, Jakarta Selatan 12730", hours="Mo-Su 08:00-22:00",
                      website=SITE, handle="kopisenja")
