import gzip
import io
import re
import tarfile
from collections import Counter

from corpora.arxiv import read_file
from filters.document import Document, Rejection
from filters.latex import CleanLatex, expand_macros, find_macros, remove_comments

PAPER = r"""\documentclass[11pt]{article}
\usepackage{amsmath}
\newcommand{\R}{\mathbb{R}}
\newcommand{\norm}[1]{\left\lVert #1 \right\rVert}
\newcommand{\inner}[2][\cdot]{\langle #1, #2 \rangle}
\renewcommand{\vec}[1]{\mathbf{#1}}
\providecommand{\Oh}{\mathcal{O}}
\def\eps{\varepsilon}
\title{Sparse cuts in expander-like graphs}
\begin{document}
\maketitle
\begin{abstract}
We bound the cut ratio of sparse graphs.
\end{abstract}
% The introduction was rewritten for the journal version.
\section{Introduction}\label{sec:intro}
Let $G=(V,E)$ with weights $w \in \R^{|E|}$ and $\norm{w} \le 1$. % reviewer 2 asked
About 50\% of cuts satisfy $\inner{\vec{x}} \le \eps$ and $\inner[u]{v} = \Oh(n)$.
\subsection*{Outline}
Section~\ref{sec:proof} proves the bound.
\appendix
\section{Proofs}\label{sec:proof}
Routine.
\begin{thebibliography}{9}
\bibitem{a} A. Author, \emph{Cuts}, 2001.
\end{thebibliography}
\end{document}
"""


def test_cleaning_follows_llama():
    doc = CleanLatex().apply(Document("2301.00001", "arxiv", PAPER))
    assert isinstance(doc, Document)
    assert doc.text.startswith(r"\section{Introduction}")
    assert "abstract" not in doc.text and "maketitle" not in doc.text
    assert "reviewer" not in doc.text and "rewritten" not in doc.text
    assert r"50\% of cuts" in doc.text
    assert r"w \in \mathbb{R}^{|E|}" in doc.text
    assert r"\left\lVert w \right\rVert \le 1" in doc.text
    assert r"\langle \mathbf{x}, \cdot \rangle" not in doc.text  # optional arg defaults first
    assert r"\langle \cdot, \mathbf{x} \rangle \le \varepsilon" in doc.text
    assert r"\langle u, v \rangle = \mathcal{O}(n)" in doc.text
    assert r"\section{Proofs}" in doc.text and "thebibliography" not in doc.text
    assert "bibitem" not in doc.text and r"\end{document}" not in doc.text
    assert doc.meta["macros"] == 6 and not doc.meta["macro_expansion_capped"]
    no_appendix = CleanLatex(drop_appendix=True).apply(Document("p", "arxiv", PAPER))
    assert "Proofs" not in no_appendix.text and "Outline" in no_appendix.text


def test_comments_respect_escaped_percent():
    assert remove_comments("a 5\\% rise % note\n% whole line\nb \\\\% comment") == (
        "a 5\\% rise\nb \\\\"
    )


def test_recursive_macros_are_bounded():
    tex = r"\newcommand{\loop}{\loop x}\def\ping{\pong}\def\pong{\ping} \loop \ping"
    macros, body = find_macros(tex)
    expanded, capped = expand_macros(body, macros)
    assert capped and len(expanded) < 10_000


def test_first_heading_variants_and_papers_without_sections():
    for heading in (
        r"\section*{Introduction}",
        r"\chapter{Einleitung}",
        r"\subsection[Short]{A long title}",
        r"\paragraph{Setup}",
    ):
        text = CleanLatex().apply(Document("p", "arxiv", f"preamble\n{heading}\nBody.")).text
        assert text.startswith(heading)
    assert CleanLatex().apply(Document("p", "arxiv", "No headings.")).reason == "no_section"


def _tar(members: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)
    return buffer.getvalue()


def test_bundle_with_includes_latin1_and_hostile_members():
    main = (
        b"\\documentclass{article}\\begin{document}\n\\input{sec/intro}\n\\include{method}\n"
        b"\\end{document}\n"
    )
    paper = _tar(
        {
            "main.tex": main,
            "sec/intro.tex": b"\\section{Intro}\nHello.\n",
            "method.tex": b"\\section{Method}\nCaf\xe9 au lait.\n",
            "fig.png": b"\x89PNG\x00\x00",
            "../../evil.tex": b"\\section{Evil}",
            "/tmp/abs.tex": b"\\section{Abs}",
        },
        links={"link.tex": "/etc/passwd"},
    )
    single = gzip.compress(PAPER.encode())
    bundle = _tar(
        {
            "2301/2301.00001.gz": single,
            "2301/2301.00002.gz": gzip.compress(paper),
            "2301/2301.00003.gz": b"\x1f\x8b broken",
        }
    )
    items = list(read_file(io.BytesIO(bundle), "arXiv_src_2301_001.tar"))
    assert Counter("kept" if isinstance(o, Document) else o.reason for o in items) == Counter(
        {"kept": 2, "corrupt_gzip": 1}
    )
    second = CleanLatex().apply(items[1])
    assert second.text == "\\section{Intro}\nHello.\n\n\\section{Method}\nCafé au lait."
    assert "Evil" not in items[1].text and "Abs" not in items[1].text


def test_decompression_bomb_is_capped(monkeypatch):
    import corpora.arxiv as arxiv

    monkeypatch.setattr(arxiv, "MAX_PAPER_BYTES", 10_000)
    bomb = gzip.compress(b"\\section{A}" + b" " * 1_000_000)
    assert next(read_file(io.BytesIO(bomb), "2301.99999.gz")).reason == "paper_too_large"


def test_real_latex_papers_clean(shared_data):
    papers = sorted((shared_data / "latex").glob("**/*.tex"))
    assert len(papers) > 10
    for path in papers:
        [doc] = list(read_file(path.open("rb"), str(path)))
        outcome = CleanLatex().apply(doc)
        if isinstance(outcome, Rejection):
            assert outcome.reason == "no_section", path
            continue
        text = outcome.text
        assert re.match(r"\\(part|chapter|section|subsection|subsubsection|paragraph)", text)
        assert "\\begin{thebibliography}" not in text and "\\bibliography{" not in text
        assert not re.search(r"(?<!\\)%", text), path


def test_shipped_bundle_papers_and_their_traits():
    import json

    from tests.conftest import SAMPLES

    bundle = SAMPLES / "arxiv" / "arXiv_src_2301_001.tar"
    manifest = json.loads((SAMPLES / "arxiv" / "manifest.json").read_text())
    papers = {o.id: o for o in read_file(bundle.open("rb"), str(bundle))}
    assert sorted(papers) == sorted(p["id"] for p in manifest["papers"])
    cleaned = {pid: CleanLatex().apply(doc) for pid, doc in papers.items()}
    assert all(isinstance(doc, Document) for doc in cleaned.values())
    assert cleaned["2301.00004"].text.startswith("\\chapter{The Dürrenalp")  # latin-1 decoded
    assert cleaned["2301.00005"].meta["macro_expansion_capped"]  # recursive macros, bounded
    assert "evil" not in papers["2301.00006"].text.lower()  # traversal members skipped
    assert "\\input" not in cleaned["2301.00002"].text  # \input and \include resolved


def test_a_local_folder_of_tex_files_is_one_paper(tmp_path):
    paper = tmp_path / "2302.00042"
    (paper / "sections").mkdir(parents=True)
    (paper / "main.tex").write_text(
        "\\documentclass{article}\\begin{document}\n\\input{sections/intro}\n\\end{document}\n"
    )
    (paper / "sections" / "intro.tex").write_text("\\section{Intro}\nWe study wrens.\n")
    (paper / "notes.tex").symlink_to("/etc/hostname")
    outcomes = {}
    for path in sorted(paper.glob("*.tex")):  # as `--input 'papers/*/*.tex'` matches
        [item] = list(read_file(path.open("rb"), str(path)))
        outcomes[path.name] = item
    assert outcomes["notes.tex"].reason == "included_file"  # not a paper of its own
    main = outcomes["main.tex"]
    assert main.id == "2302.00042/main"
    assert CleanLatex().apply(main).text == "\\section{Intro}\nWe study wrens."
