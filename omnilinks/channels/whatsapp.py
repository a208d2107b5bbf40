"""WhatsApp: only the number in a wa.me / api.whatsapp.com link means
anything (the chat page shows no profile to a logged-out client), so the
check is the number against the declared one — no network needed."""
from __future__ import annotations

from dataclasses import replace

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.urls import host_is, split
from omnilinks.channels.verdict import base_profile
from omnilinks.models import Profile
from omnilinks.normalize.phone import display_phone, whatsapp_target


class WhatsAppAdapter(Adapter):
    platform = "whatsapp"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not (parts.host == "wa.me" or host_is(parts.host, "whatsapp.com")):
            return None
        if parts.host == "chat.whatsapp.com":
            return None  # a group invite, not the business's chat
        if parts.host == "wa.me" and parts.segments[:1] == ("message",) and len(parts.segments) == 2:
            code = parts.segments[1]
            return ChannelRef(self.platform, f"https://wa.me/message/{code}", None, kind="short")
        number = whatsapp_target(url)
        if number is None:
            return None
        return ChannelRef(self.platform, f"https://wa.me/{number[1:]}", number, kind="chat")

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        declared = ctx.identity.whatsapp or ctx.identity.phone
        profile = base_profile(ref, ctx, phone=ref.handle, evidence="link" if ref.handle else None)
        if ref.handle is None:
            target = f"https://wa.me/{declared[1:]}" if declared else "https://wa.me/<number>"
            return replace(profile, status="unverifiable", reason="a wa.me/message link does not show the number it opens",
                           fix=f"Link {target} instead, so the number can be checked.")
        if declared is None:
            return replace(profile, status="unverifiable", reason="no WhatsApp or phone number is declared to compare with",
                            fix="Add brand.whatsapp to omnilinks.yml.")
        if ref.handle == declared:
            return replace(profile, status="verified", reason=f"the number {display_phone(ref.handle)} is the declared one")
        return replace(profile, status="mismatch",
                        reason=f"the link opens a chat with {display_phone(ref.handle)}, not {display_phone(declared)}",
                        fix=f"Link https://wa.me/{declared[1:]}.")


ADAPTER = WhatsAppAdapter()
