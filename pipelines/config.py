"""The recipe file (mixture.yaml) read once into typed settings, and paths relative to the
project. Every key is declared with its type and range (pydantic); an unknown or misspelled
key, a value out of range or shares that do not sum to 1 stop the run before any work, with a
message naming the key."""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml
from pydantic import Field, ValidationError, model_validator

from corpora import arxiv, books, c4, commoncrawl, github, stackexchange, wikipedia
from corpora.settings import Settings, SourceSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "mixture.yaml"
SHARE_TOLERANCE = 1e-3  # Table 1's shares, as printed, sum to 1 exactly; rounding is allowed


class ConfigError(ValueError):
    """The recipe file cannot be used; the message names the file, the key and the fix."""


class Sources(Settings):
    """One section per source of LLaMA Table 1; their shares sum to 1."""

    commoncrawl: commoncrawl.Settings
    c4: c4.Settings
    github: github.Settings
    wikipedia: wikipedia.Settings
    books: books.Settings
    arxiv: arxiv.Settings
    stackexchange: stackexchange.Settings

    @model_validator(mode="after")
    def _shares_sum_to_one(self) -> Sources:
        total = sum(getattr(self, name).share for name in type(self).model_fields)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise ValueError(
                f"the sources' shares sum to {total:.4g}, not 1 (within {SHARE_TOLERANCE}); "
                "they are not renormalised: fix the shares"
            )
        return self


class OutputSettings(Settings):
    """`output`: how large each cleaned Parquet file grows (its row groups are bounded by the
    writer: 100,000 rows or 128 MB of text)."""

    shard_bytes: int = Field(ge=1024)


class InputSettings(Settings):
    """`input`: how a large single input file is shared by workers (where its source can read
    byte ranges: StackExchange's Posts.xml)."""

    split_bytes: int = Field(ge=1024)


class TokenizerSettings(Settings):
    """`tokenizer`: the BPE model and the encoding of every cleaned document; `model`, a
    SentencePiece model to encode with as it is instead of training one."""

    model: str | None = None
    vocab_size: int = Field(ge=256)
    sample_chars: int = Field(ge=1)
    threads: int = Field(ge=1)
    encoded_shards: int = Field(ge=1)


class MixSettings(Settings):
    """`mix`: the token budget (null: the largest every source reaches) and shard size."""

    total_tokens: int | None = Field(default=None, gt=0)
    shard_tokens: int = Field(gt=0)


class WikiClassifierSettings(Settings):
    """`wiki_classifier`: what it learns from, how, and when it is trusted."""

    min_positive_chars: int = Field(ge=0)
    negatives_per_positive: float = Field(gt=0)
    holdout: float = Field(ge=0, lt=1)
    lr: float = Field(gt=0)
    epoch: int = Field(ge=1)
    word_ngrams: int = Field(ge=1, le=5)
    minn: int = Field(ge=0)
    maxn: int = Field(ge=0)
    dim: int = Field(ge=1)
    bucket: int = Field(ge=0)
    quantize: bool
    max_windows: int = Field(ge=1)
    min_train_per_class: int = Field(ge=0)
    min_heldout_per_class: int = Field(ge=0)
    min_heldout_auc: float = Field(ge=0, le=1)


class QualityModelsSettings(Settings):
    """`quality_models`: CCNet's SentencePiece + KenLM models and their cut-offs."""

    min_wikipedia_documents: int = Field(ge=0)
    fallback_input: str
    min_documents: int = Field(ge=10)  # one in ten is held out
    order: int = Field(ge=2, le=6)  # KenLM is built with KENLM_MAX_ORDER=6
    vocab_size: int = Field(ge=100)
    chars_per_piece: int = Field(ge=0)
    lmplz_memory: str = Field(pattern=r"^[0-9]+(\.[0-9]+)?[%bkKmMgGtT]?$")
    cutoff_pages: int = Field(ge=1)
    min_cutoff_pages: int = Field(ge=1)


class Recipe(Settings):
    """The whole of mixture.yaml."""

    seed: int
    input: InputSettings
    output: OutputSettings
    sources: Sources
    tokenizer: TokenizerSettings
    mix: MixSettings
    wiki_classifier: WikiClassifierSettings
    quality_models: QualityModelsSettings

    def source(self, name: str) -> SourceSettings:
        """One source's settings by its name."""
        return getattr(self.sources, name)

    @property
    def source_names(self) -> list[str]:
        """The sources, in mixture.yaml's order."""
        return list(Sources.model_fields)


def _read_text(path: str) -> str:
    """The recipe's text, from a local path or a URL on a file system Beam knows."""
    if "://" not in path or path.startswith("file://"):
        return Path(path.removeprefix("file://")).read_text(encoding="utf-8")
    from pipelines.files import read_bytes

    try:
        return read_bytes(path).decode("utf-8")
    except Exception as error:  # noqa: BLE001 - any file system's refusal, said in one line
        raise OSError(0, str(error).splitlines()[0][:200]) from None


def load_config(path: str | Path = DEFAULT_CONFIG) -> Recipe:
    """Read and check mixture.yaml; raises ConfigError with a one-line reason naming the key."""
    try:
        raw = yaml.safe_load(_read_text(str(path)))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the recipe ({error.strerror})") from None
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        raise ConfigError(f"{path}: not valid YAML{line}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping with `seed`, `sources`, ... at the top")
    try:
        return Recipe.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(f"{path}: {describe(error)}") from None


def describe(error: ValidationError, limit: int = 3) -> str:
    """The validation errors as `key.path: what is wrong`, a close match named for an unknown
    key, the first `limit` of them."""
    messages = []
    for problem in error.errors()[:limit]:
        location = [str(part) for part in problem["loc"]]
        key = ".".join(location) or "(top level)"
        if problem["type"] == "extra_forbidden":
            known = _known_keys(location[:-1])
            close = difflib.get_close_matches(location[-1], known, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            messages.append(f"{key}: unknown key{hint}")
        elif problem["type"] == "missing":
            messages.append(f"{key}: missing (every key of the section is required)")
        else:
            messages.append(f"{key}: {problem['msg']} (got {problem.get('input')!r})")
    more = len(error.errors()) - limit
    return "; ".join(messages) + (f"; and {more} more" if more > 0 else "")


def _known_keys(location: list[str]) -> list[str]:
    """The keys the schema declares at a location (`sources.commoncrawl` -> its fields)."""
    model: type[Settings] = Recipe
    for part in location:
        field = model.model_fields.get(part)
        annotation = field.annotation if field else None
        if not (isinstance(annotation, type) and issubclass(annotation, Settings)):
            return []
        model = annotation
    return list(model.model_fields)


def project_path(pattern: str) -> str:
    """A path or glob from the config, taken relative to the project root when not absolute."""
    if "://" in pattern or Path(pattern).is_absolute():
        return pattern
    return str(PROJECT_ROOT / pattern)
