"""The same money twice by a person's mistake: decided here (Qt-free), asked by the GUI and
the CLI (``--again`` / ``--allow-repeats``).

- A batch whose normalised content (prefix, phone, amount of each line, in order) was already
  sent in the last 24 h, or a line whose contact + amount was, needs an explicit confirmation.
- Lines repeated inside one file (same contact, same amount) need their own confirmation.
- A single transfer to the same contact for the same amount within 15 minutes of another:
  the same confirmation.
"Sent" counts every transfer journaled and not refused (queued, in flight, uncertain, sent,
final): it is paid, or may be.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..output.csvfiles import TransferLine
from ..store import guards
from .context import ServiceContext

BATCH_WINDOW = timedelta(hours=24)
SINGLE_WINDOW = timedelta(minutes=15)

Key = tuple[str, str, int]


def key(line: TransferLine) -> Key:
    """Contact + amount, the way the journal compares them (digits of prefix and phone)."""
    digits = "".join
    return (digits(c for c in str(line.prefix) if c.isdigit()),
            digits(c for c in str(line.phone) if c.isdigit()), int(line.amount))


def content_hash(lines: list[TransferLine]) -> str:
    """A batch's identity: its normalised lines in order (blank space, separators, encoding
    and the header of the file do not matter)."""
    text = "\n".join(f"{p}:{ph}:{a}" for p, ph, a in map(key, lines))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Duplicates:
    """What a person must confirm before these transfers go (indexes into the lines given)."""

    file_sent_at: datetime | None = None  # the same batch content, sent at
    recent: dict[int, datetime] = field(default_factory=dict)  # line index -> last sent at
    repeats: list[list[int]] = field(default_factory=list)  # groups of identical lines

    @property
    def needs_again(self) -> bool:
        return self.file_sent_at is not None or bool(self.recent)

    @property
    def needs_allow_repeats(self) -> bool:
        return bool(self.repeats)

    @property
    def clean(self) -> bool:
        return not (self.needs_again or self.needs_allow_repeats)


class DuplicatesService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    async def _recent(self, window: timedelta) -> dict[Key, datetime]:
        db = self.ctx.db
        since = self.ctx.now() - window
        seen: dict[Key, datetime] = {}
        for prefix, phone, amount, when in await db.run(guards.recent_transfers, since):
            k = key(TransferLine(prefix, phone, amount))
            seen[k] = max(when, seen.get(k, when))
        return seen

    async def check_batch(self, lines: list[TransferLine]) -> Duplicates:
        result = Duplicates()
        if not lines:
            return result
        db = self.ctx.db
        since = self.ctx.now() - BATCH_WINDOW
        result.file_sent_at = await db.run(guards.batch_sent_since, content_hash(lines), since)
        recent = await self._recent(BATCH_WINDOW)
        groups: dict[Key, list[int]] = defaultdict(list)
        for index, line in enumerate(lines):
            k = key(line)
            groups[k].append(index)
            if k in recent:
                result.recent[index] = recent[k]
        result.repeats = [g for g in groups.values() if len(g) > 1]
        return result

    async def check_single(self, line: TransferLine) -> Duplicates:
        result = Duplicates()
        when = (await self._recent(SINGLE_WINDOW)).get(key(line))
        if when is not None:
            result.recent[0] = when
        return result

    async def record_batch(self, lines: list[TransferLine], batch_id: str | None) -> None:
        """Remember a batch that was handed to the transfers service (after journaling)."""
        if lines:
            await self.ctx.db.run(guards.record_batch, content_hash(lines), batch_id,
                                   len(lines), sum(int(x.amount) for x in lines))
