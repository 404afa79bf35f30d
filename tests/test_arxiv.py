import gzip
import io
import re
import tarfile
import time
from collections import Counter

import pytest

from corpora.arxiv import read_file
from filters.document import Document, Rejection
from filters.latex import CleanLatex, expand_macros, find_macros, remove_comments
from filters.latex_macros import recursive_macros
from filters.latex_scan import COMMENT, code_spans, segments

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
    assert doc.meta["macros"] == 6 and doc.meta["recursive_macro_uses"] == 0
    no_appendix = CleanLatex(drop_appendix=True).apply(Document("p", "arxiv", PAPER))
    assert "Proofs" not in no_appendix.text and "Outline" in no_appendix.text


def test_comments_respect_escaped_percent():
    assert remove_comments("a 5\\% rise % note\n% whole line\nb \\\\% comment") == (
        "a 5\\% rise\nb \\\\"
    )


def test_recursive_macros_are_not_inlined_and_their_uses_removed():
    """TeX would loop on these (or stop through conditionals no inliner evaluates): their uses
    go, arguments included; a macro that merely uses one is still inlined."""
    tex = (
        r"\newcommand{\loop}{\loop x}\def\ping{\pong}\def\pong{\ping}\def\a{\a\a}"
        r"\newcommand{\grow}[1]{\grow{#1#1}}\newcommand{\R}{\mathbb{R}}"
        r"\newcommand{\driver}{the driver \ping}"
        "\n$x \\in \\R$ after \\loop, \\ping and \\grow{ab}; \\a\\a\\a\\a then \\driver."
    )
    macros, body = find_macros(tex)
    assert recursive_macros(macros) == {"loop", "ping", "pong", "a", "grow"}
    expansion = expand_macros(body, macros)
    assert expansion.text == "\n$x \\in \\mathbb{R}$ after ,  and ;  then the driver ."
    assert expansion.removed == 8 and not expansion.bound


def test_a_paper_of_recursive_and_exponential_macros():
    """`\\def\\a{\\a\\a}` used 2,000 times leaves no `\\a` in a kept paper; macros whose
    expansion doubles at each of 25 levels are a counted drop, in time linear in the paper."""
    results = "\\section{Results}\nThe yield rose by a third.\n"
    doubling = r"\def\a{\a\a}" + "\n\\begin{document}\n" + results + "\\a" * 2000
    started = time.monotonic()
    kept = _clean(doubling + "\n\\end{document}\n")
    assert kept.text == results.strip() and kept.meta["recursive_macro_uses"] == 2000
    chain = "".join(f"\\def\\m{chr(97 + n)}{{\\m{chr(98 + n)}\\m{chr(98 + n)}}}" for n in range(25))
    bomb = chain + "\\def\\mz{x}\n\\begin{document}\n" + results + "\\ma\n\\end{document}\n"
    outcome = CleanLatex().apply(Document("2302.00666", "arxiv", bomb))
    assert outcome.reason == "macro_expansion_bound"
    wide = bomb.replace("\\ma\n", "\\mr " * 500)  # 256 copies each, within ten passes
    outcome = CleanLatex().apply(Document("2302.00667", "arxiv", wide))
    assert outcome.document.meta["detail"] == "growth"
    assert time.monotonic() - started < 5


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


def _clean(tex: str) -> Document:
    outcome = CleanLatex().apply(Document("2302.01234", "arxiv", tex))
    assert isinstance(outcome, Document), outcome
    return outcome


ESTIMATORS = r"""\documentclass{article}
\usepackage{amsmath}
\begin{document}
\title{Breakdown of robust estimators}
\maketitle
\section{Introduction}
We study M-estimators of location \cite{huber64}.
\section{Results}
The breakdown point is $1/2$.
BIBLIOGRAPHY
\appendix
\section{Proof of Lemma 2}
By convexity of $\rho$ the minimiser is unique.
\subsection*{Auxiliary bounds}
Each term is bounded.
\end{document}
"""


@pytest.mark.parametrize(
    "bibliography",
    [
        "\\bibliographystyle{plainnat}\n\\bibliography{refs,extra}",
        "\\begin{thebibliography}{99}\n\\bibitem{huber64} P. J. Huber, Robust estimation of a "
        "location parameter, Ann. Math. Statist. 35 (1964) 73--101.\n\\end{thebibliography}",
        "\\printbibliography[heading=bibintoc]",
        "\\begin{references}\n\\reference{} Huber, P. J. 1964, AnMS, 35, 73\n\\end{references}",
        # a journal's own list environment: its entries are known by their \\bibitem
        "\\begin{jrefs}\n\\bibitem{huber64} Huber, P. J. 1964, AnMS, 35, 73\n"
        "\\bibitem{tukey} Tukey, J. W. 1960, Contributions, 448\n\\end{jrefs}",
    ],
)
def test_appendix_after_the_bibliography_is_kept(bibliography):
    text = _clean(ESTIMATORS.replace("BIBLIOGRAPHY", bibliography)).text
    assert text.startswith("\\section{Introduction}")
    assert "\\section{Proof of Lemma 2}" in text and "\\subsection*{Auxiliary bounds}" in text
    assert "Each term is bounded." in text and "\\appendix" in text
    for gone in (
        "bibliograph",
        "bibitem",
        "Huber",
        "Tukey",
        "plainnat",
        "references",
        "end{document}",
    ):
        assert gone not in text


TEMPLATE_GUIDE = r"""\documentclass{article}
\makeatletter
\renewcommand\section{\@startsection{section}{1}{\z@}{-3.5ex}{2.3ex}{\bfseries}}
\makeatother
\begin{document}
\section{Getting started}
A minimal file looks like this:
\begin{verbatim}
\documentclass{article}
\renewcommand{\section}[1]{\textbf{#1}}
\begin{document}
\section{Hello}   % a first section
\begin{thebibliography}{9}
\bibitem{k} D. Knuth, The TeXbook.
\end{thebibliography}
\end{document}
\end{verbatim}
Save it as \verb|paper.tex|; a literal percent sign is \verb|50\%| or \verb+100%+.
\section{Compiling}
Run \lstinline!pdflatex paper! twice. % for the cross-references
\end{document}
"""


def test_verbatim_is_text_never_structure():
    text = _clean(TEMPLATE_GUIDE).text
    example = TEMPLATE_GUIDE[TEMPLATE_GUIDE.index("\\begin{verbatim}") :]
    example = example[: example.index("\\end{verbatim}") + len("\\end{verbatim}")]
    assert text.startswith("\\section{Getting started}")
    assert example in text  # kept as written, its comment and \end{document} included
    assert "\\section{Compiling}\nRun \\lstinline!pdflatex paper! twice.\n" in text + "\n"
    assert "\\textbf{Compiling}" not in text and "@startsection" not in text
    assert "\\verb|50\\%| or \\verb+100%+." in text
    assert "cross-references" not in text


def test_percent_in_listings_is_code_not_a_comment():
    tex = (
        "\\section{Implementation}\n"
        "\\begin{lstlisting}[language=Python]\n"
        "ratio = hits / total  # about 90% of cases\n"
        'print("%d items" % n)\n'
        "\\end{lstlisting}\n"
        "\\begin{minted}{matlab}\n% MATLAB comment\nx = 1;\n\\end{minted}\n"
        "The loop above is quadratic. % TODO: say why\n"
    )
    text = _clean(tex).text
    assert 'ratio = hits / total  # about 90% of cases\nprint("%d items" % n)\n' in text
    assert "\\begin{minted}{matlab}\n% MATLAB comment\nx = 1;\n\\end{minted}" in text
    assert text.endswith("The loop above is quadratic.")


SHELL_GUIDE = r"""\documentclass{article}
\usepackage{fancyvrb,listings,comment}
\DefineVerbatimEnvironment{terminal}{Verbatim}{fontsize=\small}
\lstnewenvironment{snippet}[1][]{\lstset{language=C,#1}}{}
\newenvironment{session}{\verbatim}{\endverbatim}
\excludecomment{reviewer}
\begin{document}
\section{Usage}
The norm is $|x|$ here.
\MakeShortVerb{\|}
Type |\input{data}| or |%| at the prompt.
\begin{terminal}
$ make all % builds \end{document}
\end{terminal}
\begin{snippet}
int main() { return 0; } // \section{not a heading}
\end{snippet}
\begin{session}
\bibliography{refs}
\end{session}
\begin{reviewer}
\section{Response to referee 2}
We rewrote the proof.
\end{reviewer}
\begin{comment}
\section{Old results}
\end{comment}
\section{Limitations}
None known.
\end{document}
"""


def test_listing_environments_and_short_verbs_the_paper_declares():
    text = _clean(SHELL_GUIDE).text
    assert "The norm is $|x|$ here." in text  # before \MakeShortVerb, | is math
    assert "Type |\\input{data}| or |%| at the prompt." in text
    assert "$ make all % builds \\end{document}\n" in text
    assert "// \\section{not a heading}" in text and "\\bibliography{refs}" in text
    assert "referee" not in text and "Old results" not in text  # block comments
    assert text.endswith("\\section{Limitations}\nNone known.")


def test_a_body_ending_in_a_control_word_is_not_glued_to_letters():
    tex = r"""\newcommand{\ntt}{\normalfont\ttfamily}
\newcommand{\pkg}[1]{{\protect\ntt#1}}
\newcommand{\abs}[1]{\lvert#1\rvert}
\newcommand{\N}{N}
\def\cs#1{\texttt{\char`\\#1}}
\section{Packages}
The \pkg{amsmath} package, $\abs{I}$, $\mathbb\N$ and \cs{over}.
"""
    text = _clean(tex).text
    assert "{\\protect\\normalfont\\ttfamily amsmath}" in text
    assert "\\lvert I\\rvert" in text and "\\mathbb N" in text and "\\char`\\\\over" in text
    assert not re.search(r"\\(nttamsmath|ttfamilyamsmath|lvertI|mathbbN)", text)


def test_def_with_delimited_parameters():
    tex = r"""\def\pair(#1,#2){\langle #1, #2\rangle}
\def\firstof#1#2\relax{[#1]}
\def\upto#1.{<#1>}
\def\group#1#{\textbf{#1}}
\section{Notation}
Let $\pair(a,b)$ and $\pair({c,d},e)$; \firstof xyz\relax then \upto end of it. and
\upto {a.b}. and \group x{y}.
"""
    text = _clean(tex).text
    assert "\\langle a, b\\rangle" in text and "\\langle c,d, e\\rangle" in text
    assert "[x] then <end of it> and\n<a.b> and" in text
    assert "\\group x{y}" in text  # a #{ parameter is not read: the use stays as written
    assert "\\def" not in text


XPARSE = r"""\documentclass{article}
\usepackage{xparse,xspace}
\newcommand*{\Rn}{\mathbb{R}^n}
\renewcommand{\vec}[1]{\boldsymbol{#1}}
\providecommand{\abs}[1]{\lvert#1\rvert}
\providecommand{\Rn}{\mathbb{C}}
\DeclareRobustCommand{\eg}{e.g.,\xspace}
\DeclareRobustCommand*\ie{i.e.,\xspace}
\newcommand\half[1][1]{\frac{#1}{2}}
\NewDocumentCommand{\norm}{s o m}{\IfBooleanTF{#1}{\lVert #3\rVert}%
  {\IfNoValueTF{#2}{\|#3\|}{\|#3\|_{#2}}}}
\DeclareDocumentCommand\set{O{x} m}{\{#1 \mid #2\}}
\RenewDocumentCommand{\emph}{m}{\textit{#1}}
\ProvideDocumentCommand{\inner}{r<> m}{\langle #1 \rangle #2}
\NewDocumentCommand{\code}{v}{\texttt{#1}}
\begin{document}
\section{Setting}
Take $x\in\Rn$, $\vec{x}$, $\abs{t}$, \eg $\half$ or $\half[3]$, \ie $\norm*{v}$,
$\norm[2]{v}$, $\norm{v}$, $\set{y>0}$, $\set[z]{z<1}$, \emph{robust}, $\inner<a,b>c$.
\end{document}
"""


def test_every_newcommand_and_xparse_form_is_inlined():
    doc = _clean(XPARSE)
    expected = (
        r"Take $x\in\mathbb{R}^n$, $\boldsymbol{x}$, $\lvert t\rvert$, e.g.,\xspace "
        r"$\frac{1}{2}$ or $\frac{3}{2}$, i.e.,\xspace $\lVert v\rVert$,"
        "\n"
        r"$\|v\|_{2}$, $\|v\|$, $\{x \mid y>0\}$, $\{z \mid z<1\}$, \textit{robust}, "
        r"$\langle a,b \rangle c$."
    )
    assert doc.text == "\\section{Setting}\n" + expected
    assert doc.meta["macros"] == 10  # \code's `v` argument is not read: not inlined


def test_recursive_delimited_and_unbalanced_macros_stay_bounded():
    """Unbalanced definitions and arguments exhaust the scanning budget: a counted drop, in time
    linear in the paper, never a hang and never a paper of leftover control words."""
    definitions = "\\def\\grow#1.{\\grow#1x.}\\newcommand{\\wrap}[1]{{\\wrap{#1}}}\n"
    tex = definitions + "\\section{Loop}\n\\grow a. \\wrap{b}\n"
    assert _clean(tex).text == "\\section{Loop}"  # recursive: both uses removed
    for unbalanced in ("\\wrap{" * 20_000, "\\def\\open{" * 20_000):
        started = time.monotonic()
        outcome = CleanLatex().apply(Document("2302.01234", "arxiv", tex + unbalanced))
        assert time.monotonic() - started < 10
        assert outcome.reason == "macro_expansion_bound"


def test_a_paper_without_sections_keeps_its_body():
    card = (
        "\\documentclass{revtex4-2}\n\\begin{document}\n\\title{Quick reference}\n"
        "\\begin{tabular}{ll}\n\\verb+\\section{<heading>}+ & Start a new section.\\\\\n"
        "\\end{tabular}\n\\end{document}\n"
    )
    text = _clean(card).text
    assert text.startswith("\\title{Quick reference}") and "\\verb+\\section{<heading>}+" in text
    assert "documentclass" not in text and "end{document}" not in text


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
    assert items[1].meta["skipped_members"] == {"unsafe_path": 2, "link": 1}


def test_decompression_bomb_is_capped(monkeypatch):
    import corpora.arxiv as arxiv

    monkeypatch.setattr(arxiv, "MAX_PAPER_BYTES", 10_000)
    bomb = gzip.compress(b"\\section{A}" + b" " * 1_000_000)
    assert next(read_file(io.BytesIO(bomb), "2301.99999.gz")).reason == "record_too_large"


def test_real_latex_papers_clean(shared_data):
    papers = sorted((shared_data / "latex").glob("**/*.tex"))
    assert len(papers) > 10
    for path in papers:
        [doc] = list(read_file(path.open("rb"), str(path)))
        source = doc.text
        outcome = CleanLatex().apply(doc)
        if isinstance(outcome, Rejection):
            assert outcome.reason == "no_section", path
            continue
        # read back as TeX after the paper's preamble (where short verbs are declared), the
        # output has no comment and no bibliography outside the verbatim text it keeps
        preamble = source[: max(source.find("\\begin{document}"), 0)] + "\n"
        text = preamble + outcome.text
        assert not [s for s in segments(text) if s[0] == COMMENT and s[1] >= len(preamble)]
        code = "".join(text[a:b] for a, b in code_spans(text) if a >= len(preamble))
        assert "\\begin{thebibliography}" not in code and "\\bibliography{" not in code, path
        assert "\\printbibliography" not in code and "\\end{document}" not in code, path


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
    assert cleaned["2301.00005"].meta["recursive_macro_uses"] == 2  # \\loop and \\ping removed
    assert "The reference implementation () and its test driver ()" in cleaned["2301.00005"].text
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


def test_commented_out_and_verbatim_inputs_are_not_included(tmp_path):
    paper = tmp_path / "2303.00077"
    (paper / "sections").mkdir(parents=True)
    (paper / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n"
        "\\input{sections/intro}\n"
        "%\\input{sections/old_results}\n"
        "\\section{Reproducing}\nEach part is read with \\verb|\\input{sections/intro}|.\n"
        "\\end{document}\n"
    )
    (paper / "sections" / "intro.tex").write_text("\\section{Intro}\nWe study wrens.\n")
    (paper / "sections" / "old_results.tex").write_text("\\section{Old}\nSuperseded.\n")
    [main] = list(read_file((paper / "main.tex").open("rb"), str(paper / "main.tex")))
    text = CleanLatex().apply(main).text
    assert text.startswith("\\section{Intro}\nWe study wrens.")
    assert "Superseded" not in text and "Old" not in text
    assert text.endswith("read with \\verb|\\input{sections/intro}|.")


def _tar_member(name: str, data: bytes = b"", **fields) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for key, value in fields.items():
        setattr(info, key, value)
    return info, data


def _bulk(members: list[tuple[tarfile.TarInfo, bytes]]) -> bytes:
    """A tar of these headers and data, written block by block, so a header may state a size
    its data does not have (GNU base-256 sizes, as GNU tar writes over 8 GB)."""
    blocks = []
    for info, data in members:
        blocks.append(info.tobuf(tarfile.GNU_FORMAT, "utf-8", "surrogateescape"))
        blocks.append(data + b"\0" * (-len(data) % tarfile.BLOCKSIZE))
    return b"".join(blocks) + b"\0" * (2 * tarfile.BLOCKSIZE)


def _paper_gz(number: int) -> bytes:
    return gzip.compress(PAPER.replace("Sparse cuts", f"Sparse cuts {number}").encode())


def test_every_member_of_a_bulk_tar_is_a_paper_or_a_counted_drop():
    """Links, a PDF-only submission, a stray file and a member whose header claims 8 GB: each
    is counted with its own reason, and every paper after them is read."""
    lying = _tar_member("2301/2301.00013.gz", _paper_gz(13))
    lying[0].size = 8 * 1024**3  # its data follows as usual; only the header lies
    bundle = _bulk(
        [
            _tar_member("2301/", type=tarfile.DIRTYPE),
            _tar_member("2301/2301.00011.gz", _paper_gz(11)),
            lying,
            _tar_member("2301/2301.00012.gz", type=tarfile.SYMTYPE, linkname="/etc/passwd"),
            _tar_member("2301/2301.00014.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
            _tar_member("2301/README", b"Bulk source files of January 2023.\n"),
            _tar_member("2301/2301.00016.gz", _paper_gz(16)),
        ]
    )
    items = list(read_file(io.BytesIO(bundle), "arXiv_src_2301_002.tar"))
    outcomes = [
        (o.id, "kept") if isinstance(o, Document) else (o.document.id, o.reason) for o in items
    ]
    assert outcomes == [
        ("2301.00011", "kept"),
        ("2301.00013", "corrupt_member"),
        ("2301.00012", "link_member"),
        ("2301.00014", "pdf_only"),
        ("README", "not_a_paper"),
        ("2301.00016", "kept"),
    ]
    assert "Sparse cuts 16" in items[-1].text


def test_include_fan_out_is_a_counted_drop_found_before_expanding():
    """A 10 KB paper whose files include the next one ten times, six levels deep, would be a
    million copies of its last file (about 260 MB): refused from the sizes alone."""
    files = {"main.tex": b"\\documentclass{article}\\begin{document}\\section{Intro}\n"
             b"\\input{l1}\n\\end{document}\n"}  # fmt: skip
    for level in range(1, 7):
        files[f"l{level}.tex"] = f"\\input{{l{level + 1}}}\n".encode() * 10
    files["l7.tex"] = b"Some words of filler text repeated in the leaf of the tree.\n" * 4
    fan_out = gzip.compress(_tar(files))
    bundle = _bulk(
        [_tar_member("2301/2301.00021.gz", _paper_gz(21)),
         _tar_member("2301/2301.00022.gz", fan_out),
         _tar_member("2301/2301.00023.gz", _paper_gz(23))]
    )  # fmt: skip
    started = time.monotonic()
    items = list(read_file(io.BytesIO(bundle), "arXiv_src_2301_003.tar"))
    assert time.monotonic() - started < 2
    assert ["kept" if isinstance(o, Document) else o.reason for o in items] == [
        "kept", "include_expansion_too_large", "kept"
    ]  # fmt: skip
    files["l2.tex"] = b"\\input{l7}\n\\input{l7}\n"  # a part included twice is fine
    [paper] = list(read_file(io.BytesIO(gzip.compress(_tar(files))), "2301.00024.gz"))
    assert paper.text.count("filler text") == 4 * 2 * 10


def test_an_empty_or_blank_file_holds_no_paper(tmp_path):
    """Nothing is yielded (the pipeline counts the file itself, `empty_file`), where the cleaner
    used to call it `no_section`."""
    for data in (b"", b" \n\t\n"):
        path = tmp_path / "2301.00031.tex"
        path.write_bytes(data)
        assert list(read_file(path.open("rb"), str(path))) == []
        assert list(read_file(io.BytesIO(data), "2301.00032.tex.gz")) == []
