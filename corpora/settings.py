"""Typed settings: what every source's section of mixture.yaml holds. Each source module
declares its own section as a subclass of `SourceSettings`; unknown keys are refused, so a
misspelled key fails when the recipe is read, never silently."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """A section of the recipe: frozen, and no key it does not declare."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceSettings(Settings):
    """What every source has: its share and epochs (LLaMA Table 1) and its default input."""

    share: float = Field(ge=0, le=1)
    epochs: float = Field(gt=0)
    input: str | list[str] = Field(min_length=1)

    @property
    def inputs(self) -> list[str]:
        """The default input globs, as a list."""
        return [self.input] if isinstance(self.input, str) else list(self.input)
