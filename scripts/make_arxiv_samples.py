"""Regenerate the arXiv-format sample written for this project.

Writes corpora/samples/arxiv/arXiv_src_2301_001.tar, shaped like one of arXiv's bulk source
tars (the files the LLaMA recipe's ArXiv source is built from), and manifest.json next to it.
The outer tar holds one member per paper, ``2301/2301.NNNNN.gz``; as on arXiv, each of these is
either a gzipped single .tex file or a gzipped tar of the paper's files.

The six papers, their authors, institutions, data and references are invented as test
material for this project, and all of their text was written for it. Each one exercises
something a LaTeX cleaning step has to cope with:

* 2301.00001: single .tex; argument-less and one-argument macros (``\\newcommand``, ``\\def``),
  an abstract before the first section, full-line and inline comments next to an escaped
  ``50\\%``, and a ``thebibliography`` environment at the end.
* 2301.00002: tar; main.tex pulls in ``\\input{defs}``, ``\\input{sections/intro}`` and
  ``\\include{sections/method}``; defs.tex has a ``\\newcommand`` with an optional-argument
  default and two ``\\renewcommand``; a binary fig1.png and a references.bib; the first heading
  is the starred ``\\section*{Introduction}``.
* 2301.00003: tar whose main file is paper.tex (not main.tex) next to appendix.tex, which has
  no ``\\documentclass``; ``\\providecommand``; ``\\appendix`` then ``\\section{Proofs}`` before
  the bibliography.
* 2301.00004: single .tex in latin-1 (raw bytes for e.g. the letters e-acute, u-umlaut and
  sharp s) with ``\\usepackage[latin1]{inputenc}``; report class, first heading ``\\chapter``.
* 2301.00005: single .tex with a self-recursive ``\\newcommand`` and a mutually recursive pair
  of ``\\def`` macros, each used once, so that macro expansion must be bounded; the first
  heading is ``\\subsection[short]{Long title}``.
* 2301.00006: tar with hostile members (``../../evil.tex``, ``/tmp/abs.tex`` and a symlink
  ``link.tex -> /etc/passwd``) next to an ordinary main.tex; a safe extractor skips the three.

Output is deterministic (sorted members, mtime 0, uid/gid 0, no owner names, gzip mtime 0):

    python scripts/make_arxiv_samples.py
"""

from __future__ import annotations

import gzip
import io
import json
import re
import struct
import tarfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "arxiv"
TAR_NAME = "arXiv_src_2301_001.tar"
MONTH = "2301"


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def src(text: str) -> str:
    """A file's text from a triple-quoted literal: drop the newline after the opening quotes."""
    return text[1:] if text.startswith("\n") else text


def gz(data: bytes) -> bytes:
    """Gzip without a file name and with mtime 0, so the bytes never change."""
    return gzip.compress(data, compresslevel=9, mtime=0)


@dataclass(frozen=True)
class Member:
    """One tar member: a regular file (data) or a symbolic link (linkname)."""

    name: str
    data: bytes = b""
    linkname: str | None = None


def tar_bytes(members: list[Member]) -> bytes:
    """A tar archive of the members, sorted by name, with neutral metadata."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tf:
        for member in sorted(members, key=lambda m: m.name):
            info = tarfile.TarInfo(member.name)  # names are written exactly as given
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if member.linkname is not None:
                info.type = tarfile.SYMTYPE
                info.linkname = member.linkname
                info.mode = 0o777
                tf.addfile(info)
            else:
                info.size = len(member.data)
                info.mode = 0o644
                tf.addfile(info, io.BytesIO(member.data))
    return buf.getvalue()


def png_plot(width: int = 48, height: int = 32) -> bytes:
    """A small greyscale PNG: a light background with a dark decreasing curve on it."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type "none" for this scanline
        for x in range(width):
            curve = int(height * 0.15 + (height * 0.7) * (1.0 - x / width) ** 2)
            rows.append(30 if abs(height - 1 - y - curve) <= 1 else 235 - (x + y) % 8)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def macro(name: str, via: str, nargs: int = 0, default: str | None = None, file: str = "") -> dict:
    """One macro definition as recorded in the manifest."""
    return {"name": name, "via": via, "nargs": nargs, "default": default, "file": file}


# --------------------------------------------------------------------------------------------
# 2301.00001: a graph algorithm, one gzipped .tex file
# --------------------------------------------------------------------------------------------

P1_TEX = src(r"""
\documentclass[11pt]{article}
% Preamble of the workshop version; the journal version uses the publisher's class.
\usepackage[utf8]{inputenc}
\usepackage{amsmath,amssymb,amsthm}
\usepackage[margin=1in]{geometry}
\usepackage{algorithm}
\usepackage{algpseudocode}
\usepackage{hyperref} % keep this one last

% ------------------------------------------------------------------
% Notation
% ------------------------------------------------------------------
\newcommand{\R}{\mathbb{R}}
\newcommand{\norm}[1]{\left\lVert #1 \right\rVert}
\def\eps{\varepsilon}
\newtheorem{theorem}{Theorem}
\newtheorem{lemma}[theorem]{Lemma}

\title{Certified Local Push for Personalized PageRank}
\author{Ilse Varga \and Tomasz Quill\\
  Department of Computing, Northfield Institute of Technology}
\date{}

\begin{document}
\maketitle

\begin{abstract}
Local push methods approximate a personalized PageRank vector by moving probability mass along
the edges near a seed vertex, in time that does not depend on the size of the graph. Their usual
stopping rule bounds every residual entry relative to the degree of its vertex, which is hard to
translate into a global tolerance. We observe that the total residual mass is an exact
$\ell_1$ error certificate and stop on it directly. On four road and citation graphs the
certified variant touches fewer than 50\% of the vertices that power iteration visits at the
same tolerance $\eps$. % numbers from the runs of 14 March
\end{abstract}

% TODO(tq): shorten the introduction for the camera-ready version.
\section{Introduction}
Let $G=(V,E)$ be a connected undirected graph with $n$ vertices, $m$ edges, adjacency matrix $A$
and diagonal degree matrix $D$. For a seed distribution $s \in \R^n$ with $s \ge 0$ and
$\norm{s}_1 = 1$, and a teleport probability $\alpha \in (0,1)$, the personalized PageRank vector
$\pi_s \in \R^n$ is the unique solution of
\begin{equation}\label{eq:ppr}
  \pi_s = \alpha s + (1-\alpha)\, \pi_s W,
  \qquad W = \tfrac{1}{2}\bigl(I + D^{-1}A\bigr),
\end{equation}
where vectors are rows and $W$ is the lazy random-walk matrix. % laziness avoids periodicity
Equivalently $\pi_s = \alpha \sum_{k \ge 0} (1-\alpha)^k s W^k$: the distribution of a lazy walk
started from $s$ and stopped after a geometric number of steps.

Power iteration reaches tolerance $\eps$ in $O(m \log(1/\eps)/\alpha)$ operations, which is
wasteful when $s$ sits on one vertex and $\pi_s$ is nearly zero outside a small neighbourhood.
Push methods work only where the residual is large~\cite{hale2011push}. Their stopping rule
controls $r(u)/d(u)$ at every vertex, and the implied bound on $\norm{p - \pi_s}_1$ grows with
the volume of the explored region~\cite{ruiz2016bounds}. We stop on the total residual instead.

\section{A residual certificate}
% Notation follows the journal version; p is the estimate and r the residual.
The method keeps an estimate $p \in \R^n$ and a residual $r \in \R^n$, starting from $p = 0$ and
$r = s$. A push at a vertex $u$ performs
\begin{align}
  p(u) &\leftarrow p(u) + \alpha\, r(u), \label{eq:push-p}\\
  r(v) &\leftarrow r(v) + \frac{(1-\alpha)\, r(u)}{2\, d(u)}
    \quad \text{for each neighbour } v \text{ of } u, \\
  r(u) &\leftarrow \tfrac{1}{2}(1-\alpha)\, r(u). \label{eq:push-r}
\end{align}
Because $\pi_s$ is linear in $s$, a push preserves the invariant $\pi_s = p + \pi_r$, as one
checks by substituting the updates into~\eqref{eq:ppr}.

\begin{lemma}\label{lem:cert}
At every step, $\norm{\pi_s - p}_1 = \norm{r}_1$.
\end{lemma}

\begin{proof}
By the invariant, $\pi_s - p = \pi_r$. The map $r \mapsto \pi_r$ keeps vectors nonnegative and
preserves their mass, because every row of $W$ sums to one. Hence
$\norm{\pi_r}_1 = \sum_u r(u) = \norm{r}_1$.
\end{proof}

\begin{theorem}\label{thm:work}
Fix $\eta > 0$ and push only at vertices with $r(u) \ge \eta\, d(u)$ until none is left. This
takes at most $1/(\alpha\eta)$ edge operations, and then
$\norm{\pi_s - p}_1 < \eta\, \mathrm{vol}(\operatorname{supp} r)$.
\end{theorem}

\begin{proof}
A push at $u$ costs $d(u)$ edge operations and lowers $\norm{r}_1$ by
$\alpha\, r(u) \ge \alpha\eta\, d(u)$. As $\norm{r}_1$ starts at one and stays nonnegative, the
costs add up to at most $1/(\alpha\eta)$. The bound follows from Lemma~\ref{lem:cert}.
\end{proof}

We start from $\eta = 1/d(s)$ and halve $\eta$ until $\norm{r}_1 \le \eps$. The rounds cost a
geometric series, at most $2/(\alpha\eta_{\mathrm{final}})$ in total, and the loop ends at the
tolerance $\eps$ the user asked for rather than at one scaled by an unknown volume.

\section{Experiments}
We ran both rules on two road networks and two citation graphs with $\alpha = 0.15$ and
$\eps = 10^{-4}$, from 200 random seeds. % alpha as in most earlier work
The certified variant met the tolerance on every seed; the degree-scaled rule overshot it by a
factor of 3 to 40 unless its threshold was set so low that it ran far past it. The certified
variant touched 6\% to 47\% of the vertices that power iteration visits, always under 50\% of
them, with the largest savings on the road networks, whose low expansion keeps $\pi_s$ local.

\section{Conclusion}
The residual of the push method is an exact error certificate, as cheap to test as the classical
rule. Directed graphs, where dangling vertices leak mass from $\norm{r}_1$, are left for later.

\begin{thebibliography}{9}
\bibitem{hale2011push}
M.~Hale and P.~Oduya.
\newblock Pushing residuals on large graphs.
\newblock \emph{Journal of Sparse Computation}, 7(2):113--131, 2011.

\bibitem{ruiz2016bounds}
C.~Ruiz.
\newblock Volume bounds for local diffusion.
\newblock In \emph{Proc.\ Workshop on Graph Algorithms}, pages 41--52, 2016.
\end{thebibliography}

\end{document}
""")


# --------------------------------------------------------------------------------------------
# 2301.00002: a statistics method, gzipped tar with \input, \include, a .bib and a figure
# --------------------------------------------------------------------------------------------

P2_MAIN = src(r"""
\documentclass[11pt]{article}
\usepackage{amsmath,amssymb}
\usepackage{bm}
\usepackage{graphicx}
\usepackage[round]{natbib}
\input{defs}

\title{Empirical Bayes Shrinkage of Small-Area Rates\\ under a Heteroscedastic Prior}
\author{Ruth Abernethy \and Kwame Lindqvist\\ School of Public Health Statistics, Carrow College}

\begin{document}
\maketitle

\begin{abstract}
Empirical Bayes estimators stabilise the rates of small areas by shrinking them toward a common
mean, but the standard model assumes that the true rates have the same spread everywhere. We
let the prior variance depend on an area-level covariate through one extra parameter, give a
moment estimator as easy to compute as the classical one, and correct its error estimates by a
parametric bootstrap.
\end{abstract}

\input{sections/intro}
\include{sections/method}

\section{Simulation study}\label{sec:sim}
We generated $k = 300$ areas with populations drawn log-uniformly between $10^3$ and $10^6$,
covariates $z_i \iid \mathcal{N}(0, 1)$, $\mu = 0.02$, $\tau^2 = 2.5 \times 10^{-5}$ and true slope
$\gamma \in \{0, 0.5, 1\}$, writing each observation as $y_i = \theta_i + \epsilon_i$ with
independent errors $\epsilon_i \sim \mathcal{N}(0, \sigma_i^2)$. Over 2000 replicates we compared
the raw rates, the classical estimator with $\gamma$ fixed at zero, and the proposed one.
Figure~\ref{fig:risk} shows total squared error relative to the raw rates. With $\gamma = 0$ the
two shrinkage estimators are indistinguishable, so the slope costs almost nothing. As
$\gamma$ grows, the classical estimator's risk rises in sparsely populated areas, where its single
$\tau^2$ is too small, while the proposed estimator stays within two percent of the oracle
posterior mean.

\begin{figure}[t]
  \centering
  \includegraphics[width=0.6\linewidth]{fig1}
  \caption{Total squared error relative to the raw rates, against the true slope $\gamma$.}
  \label{fig:risk}
\end{figure}

\section{Discussion}
Letting the prior variance follow a covariate is a small change to a familiar model, but it
removes a bias to which rankings of small areas are sensitive. The moment
equation~\eqref{eq:moment} keeps the fit transparent, and the bootstrap of
Section~\ref{sec:method} accounts for the extra parameter. A binomial sampling model for areas
with very few cases, and a prior mean that depends on covariates as in
\citet{okafor2015regression}, are natural next steps.

\bibliographystyle{plainnat}
\bibliography{references}

\end{document}
""")

P2_DEFS = src(r"""
% defs.tex -- notation shared by all sections of the paper.
\newcommand{\cov}[2][\theta]{\operatorname{Cov}_{#1}\!\left(#2\right)}
\newcommand{\E}[2][]{\mathbb{E}_{#1}\!\left[#2\right]}
\newcommand{\thetaEB}{\hat{\theta}^{\mathrm{EB}}}
\newcommand{\iid}{\stackrel{\mathrm{iid}}{\sim}}
\renewcommand{\vec}[1]{\boldsymbol{#1}}
\renewcommand{\epsilon}{\varepsilon}
""")

P2_INTRO = src(r"""
\section*{Introduction}
Health agencies publish disease rates for districts whose populations differ by orders of
magnitude. The raw rate $y_i = c_i / n_i$, with $c_i$ cases among $n_i$ residents, is unbiased
for the true rate $\theta_i$, but its variance $\theta_i(1-\theta_i)/n_i$ makes the rates of small
districts jump from year to year and fill the tails of any ranked list. Shrinking each $y_i$
toward a common mean, as in the normal--normal model of \citet{moreau1998small}, trades a little
bias for a large drop in variance.

That model gives the true rates one common prior variance $\tau^2$. In our data rural rates vary
more among themselves than urban ones, even after their larger sampling noise is allowed for, so
a single $\tau^2$ over-shrinks rural areas and under-shrinks urban ones. We let the prior
variance depend on a covariate and keep the estimator as simple as the classical one.
""")

P2_METHOD = src(r"""
\section{Model and estimator}\label{sec:method}
We observe $y_i$ for areas $i = 1, \dots, k$ and treat the sampling variances $\sigma_i^2$ as
known, plugging in $\bar y (1 - \bar y)/n_i$ with the pooled rate $\bar y$. The model is
\begin{equation}\label{eq:model}
  y_i \mid \theta_i \sim \mathcal{N}(\theta_i, \sigma_i^2), \qquad
  \theta_i \sim \mathcal{N}\bigl(\mu, \tau^2 e^{\gamma z_i}\bigr),
\end{equation}
independently over $i$, where $z_i$ is a centred covariate (log population density) and
$\gamma = 0$ gives the classical model. With $\tau_i^2 = \tau^2 e^{\gamma z_i}$,
\begin{equation}\label{eq:postmean}
  \E{\theta_i \mid y_i} = \mu + (1 - B_i)(y_i - \mu), \qquad
  B_i = \frac{\sigma_i^2}{\sigma_i^2 + \tau_i^2},
\end{equation}
so area $i$ is pulled toward $\mu$ by the factor $B_i$.

\paragraph{Hyperparameters.}
Marginally $y_i \sim \mathcal{N}(\mu, \sigma_i^2 + \tau_i^2)$. Given $\gamma$, we take
$\hat\mu = \sum_i w_i y_i / \sum_i w_i$ with $w_i = (\sigma_i^2 + \hat\tau_i^2)^{-1}$ and solve
\begin{equation}\label{eq:moment}
  \sum_{i=1}^{k} \frac{(y_i - \hat\mu)^2 - \sigma_i^2}{e^{\gamma z_i}} = (k - 1)\, \tau^2
\end{equation}
for $\tau^2$, truncating at zero, iterating the two steps to a fixed point. The slope $\gamma$
maximises the marginal likelihood over a grid of 41 values in $[-2, 2]$.

\paragraph{Uncertainty.}
The naive variance $(1 - B_i)\sigma_i^2$ of $\thetaEB_i$ ignores the estimation of
$\psi = (\mu, \tau^2, \gamma)$. A parametric bootstrap corrects it: draw $\vec{\theta}^{*}$ from
the fitted prior and $\vec{y}^{*}$ given $\vec{\theta}^{*}$, refit, and average the squared
errors over 500 replicates. Given the true rates, two estimates are correlated through the
shared $\hat\psi$, and $\cov{\thetaEB_i, \thetaEB_j}$ comes from the same replicates with
$\vec{\theta}^{*}$ held fixed. With $\psi$ known, $\cov[\psi]{\thetaEB_i, \thetaEB_j} = 0$ for
$i \ne j$, and the expected loss $\E[\psi]{(\thetaEB_i - \theta_i)^2}$ is $(1 - B_i)\sigma_i^2$.
""")

P2_BIB = src(r"""
@article{moreau1998small,
  author  = {Moreau, Claire and Sato, Hideki},
  title   = {Stabilising small-area rates by shrinkage},
  journal = {Journal of Applied Survey Methods},
  year    = {1998},
  volume  = {14},
  number  = {3},
  pages   = {201--219}
}

@inproceedings{okafor2015regression,
  author    = {Okafor, Ngozi},
  title     = {Regression priors for area-level models},
  booktitle = {Proceedings of the Small Area Estimation Workshop},
  year      = {2015},
  pages     = {77--90}
}
""")


# --------------------------------------------------------------------------------------------
# 2301.00003: a physics derivation, gzipped tar with paper.tex and appendix.tex
# --------------------------------------------------------------------------------------------

P3_PAPER = src(r"""
\documentclass[aps,pre,twocolumn,superscriptaddress]{revtex4-2}
\usepackage{amsmath,amssymb}
\usepackage{bm}

% revtex defines some of these already; \providecommand keeps its versions.
\providecommand{\dd}{\mathrm{d}}
\providecommand{\abs}[1]{\left\lvert #1 \right\rvert}
\providecommand{\order}[1]{\mathcal{O}\!\left(#1\right)}
\newcommand{\avg}[1]{\left\langle #1 \right\rangle}

\begin{document}

\title{Adiabatic invariance of the action of an oscillator with slowly drifting stiffness}
\author{Lena Okonkwo}
\affiliation{Institute for Theoretical Physics, Harrow Vale University}
\author{Piet Dahlgren}
\affiliation{Institute for Theoretical Physics, Harrow Vale University}
\date{\today}

\begin{abstract}
For a harmonic oscillator whose frequency changes on a time scale $1/\epsilon$, the ratio of
energy to frequency is conserved up to $\order{\epsilon}$ over times of order $1/\epsilon$. We
give a short derivation in action--angle variables that yields an exact equation for the action
and an explicit constant for the error, and check it numerically.
\end{abstract}

\maketitle

\section{Introduction}
Consider a particle of mass $m$ in the potential $\tfrac12 m \omega^2 q^2$ where the frequency
$\omega(\tau)$ depends on the slow time $\tau = \epsilon t$, with $0 < \epsilon \ll 1$. The
Hamiltonian
\begin{equation}\label{eq:H}
  H(q, p, t) = \frac{p^2}{2m} + \frac{1}{2} m\, \omega(\epsilon t)^2 q^2
\end{equation}
depends on time, so the energy $E = H$ is not conserved: its rate of change is
$\dd E / \dd t = \partial H / \partial t = \epsilon\, m \omega \omega' q^2$, with
$\omega' = \dd\omega / \dd\tau$. Averaging over one fast period at frozen $\omega$, the virial
theorem gives $\avg{m \omega^2 q^2} = E$, hence $\avg{\dd E / \dd t} = \epsilon (\omega'/\omega) E$,
and the action $I = E/\omega$ has zero averaged rate of change. We make this statement precise.

\section{Action--angle variables}
The generating function $F(q, \theta, t) = \tfrac12 m \omega q^2 \cot\theta$ maps $(q, p)$ to
the angle $\theta$ and action $I$, with
\begin{equation}\label{eq:aa}
  q = \sqrt{\frac{2I}{m\omega}}\, \sin\theta, \qquad p = \sqrt{2 I m \omega}\, \cos\theta .
\end{equation}
Because $F$ depends on time through $\omega$, the new Hamiltonian is
$K = H + \partial F / \partial t = \omega I + \tfrac12 \epsilon (\omega'/\omega) I \sin 2\theta$,
and Hamilton's equations read
\begin{align}
  \frac{\dd I}{\dd t} &= -\epsilon\, \frac{\omega'}{\omega}\, I \cos 2\theta, \label{eq:Idot}\\
  \frac{\dd \theta}{\dd t} &= \omega + \frac{\epsilon}{2}\, \frac{\omega'}{\omega}\,
    \sin 2\theta . \label{eq:thetadot}
\end{align}
Equation~\eqref{eq:Idot} is exact; its small right-hand side oscillates at twice the fast
frequency.

\section{Result}
Suppose $\omega \ge \omega_{\min} > 0$ and that $\omega'$ and $\omega''$ are bounded on
$[0, L]$. Then for $0 \le t \le L/\epsilon$,
\begin{equation}\label{eq:bound}
  \abs{\log \frac{I(t)}{I(0)}} \le C \epsilon ,
\end{equation}
with $C$ depending only on $L$, $\omega_{\min}$ and the bounds on $\omega'$ and $\omega''$. The
proof, an integration by parts in~\eqref{eq:Idot}, is given in Appendix~\ref{app:proofs}.

\section{Numerical check}
We integrated~\eqref{eq:H} with $\omega(\tau) = 1 + \tfrac12 \tanh\tau$ from $\tau = -5$ to
$\tau = 5$, using a fourth-order symplectic scheme with 400 steps per period. For
$\epsilon = 10^{-1}$, $10^{-2}$ and $10^{-3}$ the largest relative excursion of $I$ was
$3.9 \times 10^{-2}$, $4.1 \times 10^{-3}$ and $4.0 \times 10^{-4}$, linear in $\epsilon$ as
in~\eqref{eq:bound}; the net change between the ends was far smaller~\cite{brandt1987slow}.

\appendix
\input{appendix}

\begin{thebibliography}{2}
\bibitem{brandt1987slow}
H.~Brandt, \emph{Slowly varying oscillators}, Rev.\ Mod.\ Mech.\ \textbf{12}, 55 (1987).
\bibitem{ishii2003averaging}
K.~Ishii and J.~Moll, \emph{Averaging without tears}, Am.\ J.\ Teach.\ Phys.\ \textbf{71},
  904 (2003).
\end{thebibliography}

\end{document}
""")

P3_APPENDIX = src(r"""
\section{Proofs}\label{app:proofs}

\subsection{Derivation of Eqs.~(\ref{eq:Idot}) and (\ref{eq:thetadot})}
From $p = \partial F / \partial q = m\omega q \cot\theta$ and
$I = -\partial F / \partial \theta = m\omega q^2 / (2\sin^2\theta)$ one recovers~\eqref{eq:aa}.
The time derivative of $F$ at fixed $(q, \theta)$ is
$\partial F / \partial t = \tfrac12 \epsilon m \omega' q^2 \cot\theta
 = \tfrac12 \epsilon (\omega'/\omega) I \sin 2\theta$,
and since $H = \omega I$ in the new variables, $K$ takes the stated form. Then
$\dot I = -\partial K / \partial \theta$ and $\dot\theta = \partial K / \partial I$.

\subsection{Proof of the bound (\ref{eq:bound})}
Let $g(\tau) = \omega'(\tau)/\omega(\tau)$. Dividing~\eqref{eq:Idot} by $I$ and integrating,
\begin{equation}
  \log \frac{I(t)}{I(0)} = -\epsilon \int_0^t g(\epsilon s) \cos 2\theta(s)\, \dd s .
\end{equation}
By~\eqref{eq:thetadot}, $\dot\theta \ge \omega_{\min}/2$ once $\epsilon$ is small enough, so we
may write $\cos 2\theta = (\dd \sin 2\theta / \dd s)/(2\dot\theta)$ and integrate by parts:
\begin{equation}
  \epsilon \int_0^t \frac{g \,(\sin 2\theta)'}{2\dot\theta}\, \dd s
  = \epsilon \left[ \frac{g \sin 2\theta}{2\dot\theta} \right]_0^t
  - \epsilon \int_0^t \sin 2\theta \, \frac{\dd}{\dd s}\!\left(\frac{g}{2\dot\theta}\right) \dd s .
\end{equation}
The boundary term is at most $2\epsilon \sup\abs{g}/\omega_{\min}$. The derivative of
$g/(2\dot\theta)$ is $\order{\epsilon}$, because $g$ depends on $\epsilon s$ and
$\ddot\theta = \order{\epsilon}$ by~\eqref{eq:thetadot}; over an interval of length $L/\epsilon$
the last integral is therefore $\order{1}$, and the whole term is $\order{\epsilon}$.
""")


# --------------------------------------------------------------------------------------------
# 2301.00004: a dataset paper in latin-1, report class
# --------------------------------------------------------------------------------------------

P4_TEX = src(r"""
\documentclass[11pt,a4paper]{report}
\usepackage[latin1]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{amsmath}
\usepackage{booktabs}
\usepackage{url}

\newcommand{\degC}{\ensuremath{^\circ\mathrm{C}}}
\newcommand{\MAD}{\operatorname{MAD}}
\newcommand{\station}[1]{\textsc{#1}}

\title{The Dürrenalp Stream Temperature Dataset:\\
  Ten Years of Hourly Records from Twelve Alpine Stations}
\author{Jörg Weißenborn \and Hélène Favre-Rüegg \and Anaïs Kessler\\
  Hydrology Group, Institut für Gebirgsgewässer, Talstraße 12, Brünnenthal}
\date{Technical report HG-2022-07}

\begin{document}
\maketitle

\begin{abstract}
We describe hourly water temperatures recorded from 2012 to 2021 at twelve stations along the
Dürrenbach and two of its tributaries, from the glacier snout at 2\,310~m down to the confluence
with the Lauwe at 640~m. All records went through a documented sequence of quality tests, gaps of
up to six hours are filled, and each value carries a flag saying how it was obtained.
\end{abstract}

\tableofcontents

\chapter{The Dürrenalp Network}
Stream temperature controls the growth of fish and invertebrates and the solubility of oxygen,
and in glacier-fed catchments it responds to both air temperature and the shrinking ice. Long
records with dense spatial coverage are rare, because loggers are lost to floods and stations
are moved. The Dürrenalp network was set up in 2011 by the Institut für Gebirgsgewässer and the
cantonal fisheries office to follow the warming of the Dürrenbach along its whole length.

The twelve stations are numbered from the glacier down. Stations \station{D01} to \station{D08}
lie on the main stem, \station{G01} to \station{G02} on the Grießbach, and \station{S01} to
\station{S02} on the Schönwasser, a spring-fed tributary whose temperature stays between 4 and
7\,\degC{} all year. The highest station, \station{D01} below the Gletscherkessel, is reachable
only from June to October.

\chapter{Instruments and Collection}
Each station has two submerged loggers in a perforated steel tube anchored to a boulder, with
a stated accuracy of $\pm 0.1$\,\degC{} and a resolution of 0.01\,\degC. Loggers were read out
and swapped every autumn during the Herbstbegehung, when they were checked against a reference
thermometer in a stirred ice bath. The offset $\delta$ found in that check is applied linearly
in time to the preceding year, $T_{\mathrm{corr}}(t) = T(t) - \delta\,(t - t_0)/(t_1 - t_0)$,
where $t_0$ and $t_1$ are the installation and read-out times.

\chapter{Quality Control}
\section{Robust outlier test}
For each station and calendar month we compute the median $\tilde T$ and the median absolute
deviation $\MAD$ of the hourly values, and flag a value as suspect when
\begin{equation}
  z_t = \frac{\lvert T_t - \tilde T \rvert}{1.4826\, \MAD} > 5 ,
\end{equation}
the constant making the denominator a consistent estimate of the standard deviation for normal
data. A second test flags jumps $\lvert T_t - T_{t-1} \rvert > 1.5$\,\degC{} within one hour,
which in these streams almost always mean that a logger fell dry during low flow. Suspect values
are reviewed by hand; about 0.8\% of all values were finally removed.

\section{Gap filling}
Gaps of up to six hours are filled from the nearest station $s'$ on the same stream by a linear
fit over the surrounding 30 days, $\hat T_{s,t} = a + b\, T_{s',t}$, accepted only when the fit
has $R^2 > 0.95$. Longer gaps are left empty. Filled values carry the flag \texttt{F}, values
kept after review the flag \texttt{R}, and untouched values the flag \texttt{O}.

\chapter{Format and Access}
The dataset consists of one CSV file per station with the columns \texttt{time} (UTC, ISO 8601),
\texttt{temp} (\degC) and \texttt{flag}, and a file \texttt{stations.csv} with coordinates,
elevation and installation history. Daily means and the degree-day index
$\mathrm{DD} = \sum_d \max(0, \bar T_d - 4\,\degC)$ are provided for convenience. The
data are released under a Creative Commons Attribution licence at
\url{https://data.gebirgsgewaesser.example/duerrenalp}. We thank the Fischereiaufseher of
Brünnenthal, Urs Fässler, for ten years of help in the field.

\begin{thebibliography}{9}
\bibitem{faessler2009}
U.~Fässler and M.~Brändli.
\newblock Wassertemperatur in vergletscherten Einzugsgebieten.
\newblock \emph{Hydrologische Blätter}, 31:12--29, 2009.

\bibitem{moreno2016}
É.~Moreno and T.~Groß.
\newblock Logger drift in cold water: a field comparison.
\newblock \emph{Journal of Field Hydrology}, 8(4):301--315, 2016.
\end{thebibliography}

\end{document}
""")


# --------------------------------------------------------------------------------------------
# 2301.00005: a numerical method, one gzipped .tex file with recursive macros
# --------------------------------------------------------------------------------------------

P5_TEX = src(r"""
\documentclass[10pt]{article}
\usepackage{amsmath,amssymb}
\usepackage{booktabs}

\newcommand{\tol}{\mathrm{tol}}
\newcommand{\err}{\mathrm{err}}
\newcommand{\RMS}[1]{\lVert #1 \rVert_{\mathrm{rms}}}
\newcommand{\loop}{\loop x}
\def\ping{p\pong}
\def\pong{q\ping}

\title{Proportional--Integral Step Size Control for Embedded Runge--Kutta Pairs}
\author{Mirela Constantin\thanks{Numerical Software Group, Lakeshore Polytechnic.}}
\date{}

\begin{document}
\maketitle

\begin{abstract}
Embedded Runge--Kutta pairs choose their step size from a local error estimate. The usual rule
looks only at the latest estimate, and on mildly stiff problems it makes the step size oscillate
around the stability boundary, rejecting many steps. We review a controller that also uses the
previous estimate and report a fourfold reduction of rejected steps at equal cost.
\end{abstract}

\subsection[Step control]{Step size control as a feedback loop around the error estimate}
An embedded pair advances $y' = f(t, y)$ from $t_n$ to $t_n + h_n$ with a method of order $p$,
giving $y_{n+1}$, and a companion of order $p - 1$, giving $\hat y_{n+1}$. With absolute and
relative tolerances $a$ and $r$ the error is measured in the scaled norm
\begin{equation}\label{eq:err}
  \err_{n+1} = \RMS{\frac{y_{n+1} - \hat y_{n+1}}
    {a + r \max(\lvert y_n \rvert, \lvert y_{n+1} \rvert)}},
\end{equation}
with componentwise division, and the step is accepted when $\err_{n+1} \le 1$. If the error
behaves like $\varphi_n h_n^{k}$ with $k = p$ and a slowly varying coefficient $\varphi_n$, the
step that would have given $\err = \tol$, a target such as $\tol = 0.8$, is
\begin{equation}\label{eq:elementary}
  h_{n+1} = h_n \left( \tol / \err_{n+1} \right)^{1/k} .
\end{equation}
In logarithms, $\log h_{n+1} = \log h_n + k^{-1}(\log \tol - \log \err_{n+1})$: a pure integral
controller acting on $\log h$.

\subsection{The proportional--integral controller}
When stability rather than accuracy limits the step, $\varphi_n$ is no longer slowly varying. A
step just above the stability boundary inflates the estimate, the controller cuts the step, the
next estimate is tiny, and the step grows again. We therefore use
\begin{equation}\label{eq:pi}
  h_{n+1} = h_n \left( \frac{\tol}{\err_{n+1}} \right)^{\beta_1}
                \left( \frac{\err_n}{\tol} \right)^{\beta_2},
\end{equation}
which is~\eqref{eq:elementary} when $\beta_1 = 1/k$ and $\beta_2 = 0$. With
$\eta_n = \log h_n$ and the model $\log(\err_{n+1}/\tol) = k\eta_n + c$, the closed loop obeys
$\eta_{n+1} - (1 - k\beta_1)\eta_n - k\beta_2\,\eta_{n-1} = \text{const}$, whose characteristic
polynomial is $z^2 - (1 - k\beta_1) z - k\beta_2$. We take $k\beta_1 = 0.7$ and
$k\beta_2 = 0.4$; the roots are then $0.8$ and $-0.5$, inside the unit disc, so the step size
settles smoothly and reacts to a trend in the error rather than to its last value alone.

\subsection{Rejected steps}
After a rejection the step is recomputed by~\eqref{eq:elementary} and the stored $\err_n$ is
discarded, since it belongs to a step that was not taken. Two rejections in a row halve $h$
outright. The reference implementation (\loop) and its test driver (\ping) are distributed with
the supplementary material.

\subsection{Numerical experiments}
We used the Dormand--Prince 5(4) pair on three problems: the van der Pol oscillator with
$\mu = 10$, a Brusselator, and the heat equation $u_t = u_{xx}$ discretised by central
differences on 100 points, which is mildly stiff. With $a = r = 10^{-6}$, the elementary
controller rejected 31\%, 18\% and 44\% of its steps, and the proportional--integral controller
8\%, 5\% and 9\%. Function evaluations, errors at the final time and run times differed by less
than 3\% between the two.

\subsection{Conclusions}
One extra stored number and two exponents make step size control markedly smoother where
stability limits the step, at no cost where accuracy does. Any embedded pair can adopt it.

\end{document}
""")


# --------------------------------------------------------------------------------------------
# 2301.00006: an astronomy observation, gzipped tar with hostile members
# --------------------------------------------------------------------------------------------

P6_MAIN = src(r"""
\documentclass[twocolumn]{article}
\usepackage{amsmath}
\usepackage{graphicx}
\usepackage{natbib}

\newcommand{\OC}{\mathrm{O}-\mathrm{C}}
\newcommand{\BJD}{\mathrm{BJD}_{\mathrm{TDB}}}
\newcommand{\Msun}{M_{\odot}}

\title{Eclipse Timings of the Detached Binary KSX~J0412+2233\\ from a 0.4~m Telescope}
\author{Aiyana Brightwater \and Samuel Ekwueme\\ Cedar Ridge Observatory}
\date{}

\begin{document}
\maketitle

\begin{abstract}
We report nine times of primary minimum of the detached eclipsing binary KSX~J0412+2233,
obtained over two seasons with a 0.4~m telescope. A linear ephemeris fits all timings, and the
absence of a periodic signal in the residuals limits the mass of a putative third body.
\end{abstract}

\section{Introduction}
Eclipse timing is one of the few techniques within reach of small telescopes that can reveal
unseen companions. A third body on a wide orbit moves the eclipsing pair around the common
centre of mass, and the changing light travel time shifts the eclipses by an amount
\begin{equation}\label{eq:ltte}
  \Delta t = \frac{a_{12} \sin i}{c}\,
    \frac{1 - e^2}{1 + e \cos \nu}\, \sin(\nu + \omega) ,
\end{equation}
where $a_{12}$ is the semi-major axis of the pair's orbit around that centre, $i$, $e$ and
$\omega$ are the inclination, eccentricity and argument of periastron of the outer orbit, and
$\nu$ its true anomaly~\citep{haldane1990}. KSX~J0412+2233 was classified as a detached binary
with a period near 2.7~d by a wide-field survey, but no times of minimum have been published.

\section{Observations and reduction}
We observed the system on 23 nights between October 2020 and February 2022 with the 0.4~m
reflector of Cedar Ridge Observatory and a CCD camera behind an $R$ filter, with exposures of
60~s. Images were bias-, dark- and flat-corrected, and differential aperture photometry was
performed against three comparison stars of similar colour. Nine primary eclipses were covered
completely. Each time of minimum was found by fitting a symmetric polynomial to the eclipse
and bootstrapping the residuals for its uncertainty, typically 40~s. Times were converted to
$\BJD$.

\section{Ephemeris}
A weighted least-squares fit of the linear ephemeris
\begin{equation}\label{eq:ephem}
  T_{\min}(E) = T_0 + P\, E
\end{equation}
to the nine timings gives $T_0 = 2459140.6813(3)$ and $P = 2.714936(2)$~d, with
$\chi^2 = 7.9$ for seven degrees of freedom. The $\OC$ residuals scatter by 38~s around zero
and show no trend, and a quadratic term does not improve the fit significantly.

\section{Limits on a third body}
A sine fit to the $\OC$ residuals over trial periods from 100 to 600~d finds no signal above an
amplitude of 45~s at 99\% confidence. For a circular outer orbit this bounds
$a_{12}\sin i < 45\,\mathrm{s} \times c \approx 0.09$~au, and the mass function
\begin{equation}\label{eq:massfn}
  f(m_3) = \frac{(a_{12} \sin i)^3}{P_3^2}
         = \frac{(m_3 \sin i)^3}{(m_1 + m_2 + m_3)^2}
\end{equation}
(au, yr, $\Msun$) then excludes companions above about $0.25\,\Msun$ at $P_3 = 600$~d for a
binary of total mass $2\,\Msun$ and a coplanar orbit. Timings over a longer baseline will
extend this limit to wider orbits.

\begin{thebibliography}{1}
\bibitem[Haldane(1990)]{haldane1990}
Haldane, R. 1990, Bulletin of Variable Star Timing, 22, 140
\end{thebibliography}

\end{document}
""")

P6_EVIL = src(r"""
\documentclass{article}
\begin{document}
This file sits outside the extraction directory and must never be written.
\end{document}
""")

P6_ABS = src(r"""
% absolute member path; a safe extractor refuses it
\section{Stray}
""")


# --------------------------------------------------------------------------------------------
# The papers
# --------------------------------------------------------------------------------------------


@dataclass
class Paper:
    arxiv_id: str
    fmt: str  # "tex.gz" or "tar.gz"
    encoding: str
    members: list[Member]  # one unnamed member for "tex.gz"
    main_file: str | None
    first_heading: dict
    bibliography: str | None  # "thebibliography", "bibtex" or None
    macros: list[dict]
    traits: dict = field(default_factory=dict)

    def payload(self) -> bytes:
        if self.fmt == "tex.gz":
            return gz(self.members[0].data)
        return gz(tar_bytes(self.members))

    def main_bytes(self) -> bytes:
        if self.fmt == "tex.gz":
            return self.members[0].data
        return next(m.data for m in self.members if m.name == self.main_file)


def heading(command: str, title: str, starred: bool = False, short: str | None = None) -> dict:
    return {"command": command, "starred": starred, "short_title": short, "title": title}


PAPERS = [
    Paper(
        arxiv_id="2301.00001",
        fmt="tex.gz",
        encoding="utf-8",
        members=[Member("", P1_TEX.encode("utf-8"))],
        main_file=None,
        first_heading=heading("section", "Introduction"),
        bibliography="thebibliography",
        macros=[
            macro("\\R", "\\newcommand"),
            macro("\\norm", "\\newcommand", nargs=1),
            macro("\\eps", "\\def"),
        ],
        traits={
            "topic": "graph algorithm (personalized PageRank, local push)",
            "abstract_before_first_section": True,
            "full_line_comments": True,
            "inline_comments": True,
            "escaped_percent_not_comment": "50\\%",
            "bibliography_at_end": True,
            "macro_with_argument": "\\norm",
        },
    ),
    Paper(
        arxiv_id="2301.00002",
        fmt="tar.gz",
        encoding="utf-8",
        members=[
            Member("main.tex", P2_MAIN.encode("utf-8")),
            Member("defs.tex", P2_DEFS.encode("utf-8")),
            Member("sections/intro.tex", P2_INTRO.encode("utf-8")),
            Member("sections/method.tex", P2_METHOD.encode("utf-8")),
            Member("references.bib", P2_BIB.encode("utf-8")),
            Member("fig1.png", png_plot()),
        ],
        main_file="main.tex",
        first_heading=heading("section", "Introduction", starred=True),
        bibliography="bibtex",
        macros=[
            macro("\\cov", "\\newcommand", nargs=2, default="\\theta", file="defs.tex"),
            macro("\\E", "\\newcommand", nargs=2, default="", file="defs.tex"),
            macro("\\thetaEB", "\\newcommand", file="defs.tex"),
            macro("\\iid", "\\newcommand", file="defs.tex"),
            macro("\\vec", "\\renewcommand", nargs=1, file="defs.tex"),
            macro("\\epsilon", "\\renewcommand", file="defs.tex"),
        ],
        traits={
            "topic": "statistics method (empirical Bayes shrinkage)",
            "input": ["defs", "sections/intro"],
            "include": ["sections/method"],
            "first_heading_in_file": "sections/intro.tex",
            "optional_argument_default": "\\cov",
            "renewcommand": ["\\vec", "\\epsilon"],
            "binary_member": "fig1.png",
            "bib_file": "references.bib",
            "bibliography_command": "\\bibliography{references}",
        },
    ),
    Paper(
        arxiv_id="2301.00003",
        fmt="tar.gz",
        encoding="utf-8",
        members=[
            Member("paper.tex", P3_PAPER.encode("utf-8")),
            Member("appendix.tex", P3_APPENDIX.encode("utf-8")),
        ],
        main_file="paper.tex",
        first_heading=heading("section", "Introduction"),
        bibliography="thebibliography",
        macros=[
            macro("\\dd", "\\providecommand"),
            macro("\\abs", "\\providecommand", nargs=1),
            macro("\\order", "\\providecommand", nargs=1),
            macro("\\avg", "\\newcommand", nargs=1),
        ],
        traits={
            "topic": "physics derivation (adiabatic invariant of an oscillator)",
            "main_not_named_main_tex": True,
            "file_without_documentclass": "appendix.tex",
            "input": ["appendix"],
            "appendix_then_section": "Proofs",
            "appendix_before_bibliography": True,
            "providecommand": ["\\dd", "\\abs", "\\order"],
            "abstract_before_maketitle": True,
        },
    ),
    Paper(
        arxiv_id="2301.00004",
        fmt="tex.gz",
        encoding="latin-1",
        members=[Member("", P4_TEX.encode("latin-1"))],
        main_file=None,
        first_heading=heading("chapter", "The Dürrenalp Network"),
        bibliography="thebibliography",
        macros=[
            macro("\\degC", "\\newcommand"),
            macro("\\MAD", "\\newcommand"),
            macro("\\station", "\\newcommand", nargs=1),
        ],
        traits={
            "topic": "dataset paper (stream temperature records)",
            "document_class": "report",
            "inputenc": "latin1",
            "not_valid_utf8": True,
            "latin1_characters": ["é", "ü", "ß"],
            "non_ascii_in_first_heading": True,
        },
    ),
    Paper(
        arxiv_id="2301.00005",
        fmt="tex.gz",
        encoding="utf-8",
        members=[Member("", P5_TEX.encode("utf-8"))],
        main_file=None,
        first_heading=heading(
            "subsection",
            "Step size control as a feedback loop around the error estimate",
            short="Step control",
        ),
        bibliography=None,
        macros=[
            macro("\\tol", "\\newcommand"),
            macro("\\err", "\\newcommand"),
            macro("\\RMS", "\\newcommand", nargs=1),
            macro("\\loop", "\\newcommand"),
            macro("\\ping", "\\def"),
            macro("\\pong", "\\def"),
        ],
        traits={
            "topic": "numerical method (Runge-Kutta step size control)",
            "self_recursive_macro": "\\loop",
            "mutually_recursive_macros": ["\\ping", "\\pong"],
            "recursive_macros_used_once_each": True,
            "expansion_must_be_bounded": True,
            "first_heading_has_short_title": True,
        },
    ),
    Paper(
        arxiv_id="2301.00006",
        fmt="tar.gz",
        encoding="utf-8",
        members=[
            Member("main.tex", P6_MAIN.encode("utf-8")),
            Member("../../evil.tex", P6_EVIL.encode("utf-8")),
            Member("/tmp/abs.tex", P6_ABS.encode("utf-8")),
            Member("link.tex", linkname="/etc/passwd"),
        ],
        main_file="main.tex",
        first_heading=heading("section", "Introduction"),
        bibliography="thebibliography",
        macros=[
            macro("\\OC", "\\newcommand"),
            macro("\\BJD", "\\newcommand"),
            macro("\\Msun", "\\newcommand"),
        ],
        traits={
            "topic": "astronomy observation (eclipse timings)",
            "unsafe_members": [
                {"name": "../../evil.tex", "kind": "path_traversal"},
                {"name": "/tmp/abs.tex", "kind": "absolute_path"},
                {"name": "link.tex", "kind": "symlink", "target": "/etc/passwd"},
            ],
            "safe_members": ["main.tex"],
            "unsafe_member_has_documentclass": "../../evil.tex",
        },
    ),
]


# --------------------------------------------------------------------------------------------
# Checks and output
# --------------------------------------------------------------------------------------------

INPUT_RE = re.compile(r"\\(?:input|include)\{([^}]+)\}")


def flatten(paper: Paper) -> str:
    """The main file with \\input and \\include replaced by the files they name."""
    files = {
        m.name: m.data.decode(paper.encoding)
        for m in paper.members
        if m.linkname is None and m.name.endswith(".tex")
    }
    main = paper.main_bytes().decode(paper.encoding)

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        return files.get(name if name.endswith(".tex") else name + ".tex", "")

    return INPUT_RE.sub(expand, main)


def check(paper: Paper) -> None:
    """Assert that the paper has the traits the manifest promises."""
    text = flatten(paper)
    assert text.startswith("\\documentclass"), paper.arxiv_id
    defs = re.sub(r"\\begin\{document\}.*", "", text, flags=re.S)
    for m in paper.macros:
        name = re.escape(m["name"])
        pattern = rf"\\def{name}(?![A-Za-z])|{re.escape(m['via'])}\{{{name}\}}"
        assert re.search(pattern, defs), (paper.arxiv_id, m["name"])
    h = paper.first_heading
    star = "*" if h["starred"] else ""
    short = f"[{h['short_title']}]" if h["short_title"] else ""
    first = f"\\{h['command']}{star}{short}{{{h['title']}}}"
    found = re.search(r"\\(?:part|chapter|section|subsection|subsubsection)\b[^\n]*", text)
    assert found and found.group(0).startswith(first), (paper.arxiv_id, found)
    body = text.split("\\begin{document}", 1)[1].split("\\end{document}", 1)[0]
    body = re.sub(r"\\begin\{thebibliography\}.*?\\end\{thebibliography\}", "", body, flags=re.S)
    assert 1500 <= len(body) <= 5000, (paper.arxiv_id, len(body))
    if paper.encoding == "latin-1":
        raw = paper.main_bytes()
        for ch in "éüß":
            assert ch.encode("latin-1") in raw
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise AssertionError("latin-1 sample must not be valid UTF-8")


def manifest_entry(paper: Paper) -> dict:
    entry = f"{MONTH}/{paper.arxiv_id}.gz"
    members = []
    for m in sorted(paper.members, key=lambda m: m.name):
        if paper.fmt == "tex.gz":
            break
        if m.linkname is not None:
            members.append({"name": m.name, "type": "symlink", "target": m.linkname})
        else:
            members.append({"name": m.name, "type": "file", "size": len(m.data)})
    main_text = paper.main_bytes().decode(paper.encoding)
    return {
        "id": paper.arxiv_id,
        "entry": entry,
        "format": paper.fmt,
        "encoding": paper.encoding,
        "main_file": paper.main_file,
        "main_tex_chars": len(main_text),
        "members": members,
        "first_heading": paper.first_heading,
        "has_bibliography": paper.bibliography is not None,
        "bibliography_kind": paper.bibliography,
        "macros": [m["name"] for m in paper.macros],
        "macro_definitions": paper.macros,
        "traits": paper.traits,
    }


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    outer = []
    for paper in PAPERS:
        check(paper)
        outer.append(Member(f"{MONTH}/{paper.arxiv_id}.gz", paper.payload()))
    (OUT_DIR / TAR_NAME).write_bytes(tar_bytes(outer))
    manifest = {
        "description": (
            "Invented arXiv-style bulk source tar written for this project's tests. "
            "main_file is null for single-file (tex.gz) entries, which carry no file name."
        ),
        "tar": TAR_NAME,
        "papers": [manifest_entry(p) for p in PAPERS],
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (OUT_DIR / "manifest.json").write_text(text, encoding="utf-8")
    print(f"wrote {OUT_DIR / TAR_NAME} and manifest.json ({len(PAPERS)} papers)")


if __name__ == "__main__":
    main()
