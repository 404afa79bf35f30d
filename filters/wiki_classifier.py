"""The Wikipedia-reference classifier (LLaMA section 2.1: "a linear model to classify pages used
as references in Wikipedia v.s. randomly sampled pages").

The linear model has two parts, both trained here from labelled pages:
- fastText over the page's words and character n-grams, on text normalised as cc_net normalises
  it for its LMs (case, accents, digits), trained on windows of about 2,000 characters (at most
  `max_windows` per page, spread over it), so that a window reads like a web page and no long
  page outweighs many short ones;
- a logistic calibration of fastText's log-odds together with the page's shape (log of its
  characters and of its lines), fitted on out-of-fold log-odds (2-fold cross-fitting), so that a
  page of a few words is judged on how little it says as well as on which words they are.
The probability it gives is the calibrated one; `wiki_prob` in the output is that value.

A classifier trained on too few pages, or one that does not separate its held-out pages, is
written but marked `inert`: the step then keeps every page, records its score and says so.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from filters import model_files
from filters.checksum import file_checksum
from filters.document import Document
from filters.fasttext_util import load_fasttext
from filters.keyed import keyed_fraction
from filters.metrics import rates_at, roc_auc
from filters.normalize import normalize_for_lm
from filters.step import Outcome, Step

POSITIVE = "__label__wiki"
NEGATIVE = "__label__cc"
WINDOW_CHARS = 2000
FOLDS = 4  # cross-fitting folds for the calibration
_RETRIES, _HALVINGS = 3, 3  # fastText runs stopped by a spurious NaN (see _fit_fasttext)
_NAN_EXIT = 3  # a training child's exit code when fastText stopped with NaN
_LOGIT_BOUND = 12.0  # fastText's probabilities are clipped to [6e-6, 1 - 6e-6] before log-odds


@dataclass(frozen=True)
class ClassifierSettings:
    """How the classifier is trained and when it is trusted (mixture.yaml `wiki_classifier`,
    with the recipe's seed and the CommonCrawl step's threshold)."""

    seed: int
    threshold: float | None  # the CommonCrawl step's; None when the recipe has no such step
    holdout: float
    lr: float
    epoch: int
    word_ngrams: int
    dim: int
    bucket: int
    minn: int
    maxn: int
    quantize: bool
    max_windows: int
    min_train_per_class: int
    min_heldout_per_class: int
    min_heldout_auc: float


def classifier_text(text: str) -> str:
    """The page as one fastText line: every line normalised as cc_net's LMs read text."""
    return " ".join(line for line in map(normalize_for_lm, text.split("\n")) if line)


def windows(text: str, size: int = WINDOW_CHARS) -> list[str]:
    """The page cut at line ends into pieces of about `size` characters (a longer line is a
    piece of its own); a page up to `size` characters is one piece."""
    pieces, current, length = [], [], 0
    for line in text.split("\n"):
        if current and length + len(line) > size:
            pieces.append("\n".join(current))
            current, length = [], 0
        current.append(line)
        length += len(line) + 1
    if any(line.strip() for line in current):
        pieces.append("\n".join(current))
    return pieces


def training_windows(text: str, limit: int) -> list[str]:
    """At most `limit` of the page's windows, spread evenly over it: a few long pages must
    not outweigh many short ones (one long Wikipedia article holds a dozen windows)."""
    pieces = windows(text)
    if len(pieces) <= limit:
        return pieces
    return [pieces[index * len(pieces) // limit] for index in range(limit)]


def shape(text: str) -> tuple[float, float]:
    """log(1 + characters) and log(1 + non-empty lines) of a page."""
    lines = sum(1 for line in text.split("\n") if line.strip())
    return math.log1p(len(text)), math.log1p(lines)


@dataclass(frozen=True)
class Calibration:
    """p = sigmoid(w . standardised(log-odds, log chars, log lines) + b)."""

    weights: tuple[float, ...] = (1.0, 0.0, 0.0)
    bias: float = 0.0
    mean: tuple[float, ...] = (0.0, 0.0, 0.0)
    scale: tuple[float, ...] = (1.0, 1.0, 1.0)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Calibrated probabilities for rows of (log-odds, log chars, log lines)."""
        z = (features - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.asarray(self.weights) + self.bias)))

    @classmethod
    def from_report(cls, fields: dict) -> Calibration:
        """The calibration as `train_classifier` wrote it in the model's report."""
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()})

    @classmethod
    def fit(cls, features: np.ndarray, labels: np.ndarray, l2: float = 1e-3) -> Calibration:
        """Logistic regression by Newton's method (deterministic), lightly L2-regularised."""
        mean = features.mean(axis=0)
        scale = features.std(axis=0)
        scale[scale == 0] = 1.0
        design = np.c_[(features - mean) / scale, np.ones(len(features))]
        theta = np.zeros(design.shape[1])
        penalty = l2 * np.eye(design.shape[1])
        penalty[-1, -1] = 0.0
        for _ in range(50):
            p = 1.0 / (1.0 + np.exp(-design @ theta))
            gradient = design.T @ (p - labels) + penalty @ theta
            hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
            step = np.linalg.solve(hessian + 1e-9 * np.eye(len(theta)), gradient)
            theta -= step
            if np.abs(step).max() < 1e-10:
                break
        return cls(tuple(map(float, theta[:-1])), float(theta[-1]), tuple(map(float, mean)),
                   tuple(map(float, scale)))  # fmt: skip


def log_odds(model, texts: Sequence[str]) -> np.ndarray:
    """fastText's log-odds of `POSITIVE` for each page."""
    labels, probs = model.predict([classifier_text(t) for t in texts], k=2)
    out = np.empty(len(texts))
    for index, (label_row, prob_row) in enumerate(zip(labels, probs, strict=True)):
        p = float(dict(zip(label_row, prob_row, strict=True)).get(POSITIVE, 0.0))
        p = min(max(p, 1 / (1 + math.exp(_LOGIT_BOUND))), 1 / (1 + math.exp(-_LOGIT_BOUND)))
        out[index] = math.log(p / (1 - p))
    return out


def features(model, texts: Sequence[str]) -> np.ndarray:
    """Rows of (fastText log-odds, log chars, log lines)."""
    shapes = np.array([shape(t) for t in texts], dtype=float).reshape(len(texts), -1)
    return np.c_[log_odds(model, texts), shapes]


Example = tuple[str, str, int]  # id, text, label (1: a reference page)


def train_classifier(
    examples: Sequence[Example], model_path: str | Path, settings: ClassifierSettings
) -> dict:
    """Train on (id, text, label) pages, hold out a keyed share for the metrics, write the
    model (through a temporary name) and its report beside it as JSON; returns the report.
    Single-threaded and seeded: the same examples give the same bytes."""
    seed = settings.seed
    ordered = sorted(examples, key=lambda e: keyed_fraction(e[0], seed, "shuffle"))
    heldout = [e for e in ordered if keyed_fraction(e[0], seed, "holdout") < settings.holdout]
    train = [e for e in ordered if keyed_fraction(e[0], seed, "holdout") >= settings.holdout]
    if not any(label for *_, label in train) or all(label for *_, label in train):
        raise ValueError(
            "the Wikipedia-reference classifier needs both pages cited by the Wikipedia output "
            "and other pages: no CommonCrawl page of its input is cited by the cleaned Wikipedia "
            "(add --wiki-references with fetched cited pages, or a CommonCrawl input that "
            "overlaps the Wikipedia dumps)"
        )
    calibration = _cross_fitted_calibration(train, settings)
    with tempfile.TemporaryDirectory(prefix="wiki-classifier-") as work:
        trained = Path(work) / "model.bin"  # fastText writes local files only
        used_lr = _fit_fasttext(train, settings, settings.quantize, trained)
        model = load_fasttext(trained)
        info = {
            "train": _counts(train),
            "heldout": _counts(heldout),
            "params": {**asdict(settings), "lr_used": used_lr},
            "calibration": asdict(calibration),
            "model_bytes": trained.stat().st_size,
        }
        if heldout:
            probs = calibration.probabilities(features(model, [text for _, text, _ in heldout]))
            labels = [label for *_, label in heldout]
            auc = roc_auc(probs, labels)
            info["heldout"]["auc"] = None if np.isnan(auc) else round(auc, 4)
            if settings.threshold is not None:
                info["heldout"].update(
                    {k: None if np.isnan(v) else round(v, 4)
                     for k, v in rates_at(probs, labels, settings.threshold).items()}
                )  # fmt: skip
        warning = _weakness(info, settings)
        info["inert"] = warning is not None
        if warning:
            info["warning"] = warning
        # the report first, the model last: a model file is there only with its report
        report = json.dumps(info, indent=2, sort_keys=True) + "\n"
        model_files.write_bytes(report_path(model_path), report.encode("utf-8"))
        model_files.write_bytes(model_path, trained.read_bytes())
    return info


def _counts(examples: Sequence[Example]) -> dict[str, int]:
    positives = sum(label for *_, label in examples)
    return {"positives": positives, "negatives": len(examples) - positives}


def _weakness(info: dict, settings: ClassifierSettings) -> str | None:
    """Why the classifier cannot be trusted to filter, or None."""
    train, heldout = info["train"], info["heldout"]
    if min(train.values()) < settings.min_train_per_class:
        return (f"trained on {train['positives']} reference and {train['negatives']} other pages, "
                f"fewer than {settings.min_train_per_class} of each: too few to filter with "
                "(add --wiki-references with fetched pages Wikipedia cites)")  # fmt: skip
    if min(heldout["positives"], heldout["negatives"]) < settings.min_heldout_per_class:
        return (f"held out {heldout['positives']} reference and {heldout['negatives']} other "
                f"pages, fewer than {settings.min_heldout_per_class} of each: its quality cannot "
                "be measured")  # fmt: skip
    if heldout.get("auc") is None or heldout["auc"] < settings.min_heldout_auc:
        return (f"held-out AUC {heldout.get('auc')} is under {settings.min_heldout_auc}: it "
                "does not separate reference pages from other pages")  # fmt: skip
    return None


def _cross_fitted_calibration(
    train: Sequence[Example], settings: ClassifierSettings
) -> Calibration:
    """The calibration fitted on log-odds each page got from a model that never saw it
    (`FOLDS`-fold cross-fitting: each model learns from the other folds' pages)."""
    fold_of = [int(keyed_fraction(e[0], settings.seed, "fold") * FOLDS) for e in train]
    folds = [[e for e, f in zip(train, fold_of, strict=True) if f == k] for k in range(FOLDS)]
    if any(len({label for *_, label in fold}) < 2 for fold in folds):
        return Calibration()  # too few pages to cross-fit: fastText's own log-odds
    rows, labels = [], []
    with tempfile.TemporaryDirectory(prefix="wiki-classifier-fold-") as work:
        for k, scored in enumerate(folds):
            fitted_on = [e for j, fold in enumerate(folds) if j != k for e in fold]
            model_file = Path(work) / f"fold-{k}.bin"
            _fit_fasttext(fitted_on, settings, False, model_file)
            rows.append(features(load_fasttext(model_file), [text for _, text, _ in scored]))
            labels.extend(label for *_, label in scored)
    return Calibration.fit(np.vstack(rows), np.asarray(labels, dtype=float))


def _fit_fasttext(
    examples: Sequence[Example], settings: ClassifierSettings, quantize: bool, model_file: Path
) -> float:
    """fastText trained on the examples' windows, in a keyed order, written to `model_file`.
    Returns the learning rate used.

    fastText 0.9.3 sometimes stops with "Encountered NaN" on data it trains on without fault in
    a fresh process (measured: the first runs in a process finish, later ones of the same data
    and seed stop about one time in three; every run that finishes writes the same bytes). So
    each model is trained in a process of its own; a NaN there is retried, then taken for real
    divergence and the rate halved."""
    with tempfile.TemporaryDirectory(prefix="wiki-classifier-") as work:
        train_file = Path(work) / "train.txt"
        lines = [(keyed_fraction(f"{doc_id}#{number}", settings.seed, "window"),
                  f"{POSITIVE if label else NEGATIVE} {line}\n")
                 for doc_id, text, label in examples
                 for number, window in enumerate(training_windows(text, settings.max_windows))
                 if (line := classifier_text(window))]  # fmt: skip
        with train_file.open("w", encoding="utf-8") as handle:
            handle.writelines(line for _, line in sorted(lines))  # windows in a keyed order
        job = json.dumps({**asdict(settings), "train_file": str(train_file),
                          "model_file": str(model_file), "quantize": quantize})  # fmt: skip
        for lr in (settings.lr / 2**halvings for halvings in range(_HALVINGS)):
            for _ in range(_RETRIES):
                child = subprocess.run(
                    [sys.executable, "-m", "filters.wiki_classifier", job, str(lr)],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                if child.returncode == 0:
                    return lr
                if child.returncode != _NAN_EXIT:
                    raise RuntimeError(f"fastText training failed:\n{child.stderr[-2000:]}")
    raise RuntimeError(
        f"fastText stopped with NaN {_RETRIES} times at each of {_HALVINGS} learning rates "
        f"from {settings.lr}: lower `lr` in mixture.yaml's wiki_classifier section"
    )


def _train_in_child(job: dict, lr: float) -> int:
    """Train and save one fastText model (in a fresh process); `_NAN_EXIT` on a NaN stop."""
    import fasttext

    try:
        model = fasttext.train_supervised(
            input=job["train_file"], lr=lr, epoch=job["epoch"], wordNgrams=job["word_ngrams"],
            dim=job["dim"], bucket=job["bucket"], minn=job["minn"], maxn=job["maxn"], thread=1,
            seed=job["seed"], verbose=0,
        )  # fmt: skip
    except RuntimeError as error:
        if "NaN" not in str(error):
            raise
        return _NAN_EXIT
    if job["quantize"]:
        model.quantize(input=job["train_file"], qnorm=True, retrain=False)
    model.save_model(job["model_file"])
    return 0


def report_path(model_path: str | Path) -> str:
    """Where the report of the classifier at `model_path` is: `<name>.json` beside it."""
    return (
        model_files.sibling(model_path, model_files.basename(model_path).rsplit(".", 1)[0])
        + ".json"
    )


def read_report(model_path: str | Path) -> dict:
    """The report written beside a trained classifier (a local path or a URL)."""
    return json.loads(model_files.read_text(report_path(model_path)))


class WikiReferenceClassifier(Step):
    """Keep documents the classifier scores at least `threshold` as Wikipedia-reference-like;
    records `wiki_prob`. Drops with reason `not_wiki_reference_like`. An inert classifier (see
    the module) drops nothing: every document is kept with its score."""

    name = "wiki_classifier"

    def __init__(self, model_path: str | Path, threshold: float = 0.25) -> None:
        self.model_path = str(model_path)
        self.threshold = threshold
        self._model = None
        self._calibration = Calibration()
        self.inert = False

    def setup(self) -> None:
        if self._model is None:
            if not model_files.exists(self.model_path):
                raise FileNotFoundError(
                    f"no Wikipedia-reference classifier at {self.model_path}: run "
                    "`python -m pipelines.run --stage wiki-classifier` first"
                )
            report = read_report(self.model_path)
            self._calibration = Calibration.from_report(report["calibration"])
            self.inert = bool(report.get("inert"))
            self._model = load_fasttext(model_files.local(self.model_path))

    def describe(self) -> dict:
        """The model's held-out figures, and `inert` with its `warning` when it is."""
        report = read_report(self.model_path)
        described = {"model": {"name": model_files.basename(self.model_path),
                               "checksum": file_checksum(model_files.local(self.model_path))},
                     "heldout": report["heldout"], "inert": bool(report.get("inert")),
                     "threshold": self.threshold}  # fmt: skip
        if report.get("warning"):
            described["warning"] = report["warning"]
        return described

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated p(reference page) for each text."""
        self.setup()
        return self._calibration.probabilities(features(self._model, texts))

    def apply(self, doc: Document) -> Outcome:
        return self.apply_batch([doc])[0]

    def apply_batch(self, docs: list[Document]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for doc, prob in zip(docs, self.probabilities([d.text for d in docs]), strict=True):
            doc.meta["wiki_prob"] = round(float(prob), 4)
            keep = self.inert or prob >= self.threshold
            outcomes.append(doc if keep else self.reject(doc, "not_wiki_reference_like"))
        return outcomes


if __name__ == "__main__":  # a training child of _fit_fasttext
    sys.exit(_train_in_child(json.loads(sys.argv[1]), float(sys.argv[2])))
