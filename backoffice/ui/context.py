"""What every window and tab receives: the services, the async bridge, the preferences, the
error presenter, and whether this is training mode."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..pin import PinGuard
from ..preferences import Preferences
from ..preferences import save as save_preferences
from ..services.core import Comptoir
from .kit.bridge import AsyncBridge
from .kit.messages import MessageBar


@dataclass
class UiContext:
    core: Comptoir
    bridge: AsyncBridge
    prefs: Preferences
    data_dir: Path
    messages: MessageBar
    training: bool = False
    pin_guard: PinGuard | None = None  # default: the keyring's (training: in memory)

    def __post_init__(self) -> None:
        # The cashiers' PINs live next to this session's code gérant (training: in memory).
        self.core.cashiers.use_pins(lambda: self.pin)

    @property
    def pin(self) -> PinGuard:
        """The manager PIN (its keyring calls block: use it through asyncio.to_thread)."""
        if self.pin_guard is None:
            self.pin_guard = (PinGuard.training(self.data_dir) if self.training
                              else PinGuard(self.data_dir))
        return self.pin_guard

    @property
    def lang(self) -> str:
        return self.prefs.lang

    def save_prefs(self) -> None:
        save_preferences(self.data_dir, self.prefs)
        self.core.apply_preferences(self.prefs)
