"""StackExchange's global stages: keep the N largest sites, join answers to questions."""

from __future__ import annotations

import apache_beam as beam

from corpora.stackexchange import format_thread
from filters.document import Document, Rejection
from pipelines.accounting import CountingDoFn
from pipelines.steps import REJECTED


def _largest(counts: list[tuple[str, int]], n: int) -> list[str]:
    """The n sites with most posts (ties: by name)."""
    return [site for site, _ in sorted(counts, key=lambda kv: (-kv[1], kv[0]))[:n]]


class _KeepSites(CountingDoFn):
    STAGE = "top_sites"

    def process(self, doc: Document, sites: list[str]):
        self._counters.entered(self.STAGE)
        if doc.meta["site"] in sites:
            yield self.keep(self.STAGE, doc)
        else:
            yield self.drop(Rejection(doc, self.STAGE, "site_not_in_top_n"))


class TopSites(beam.PTransform):
    """Keep the posts of the `count` sites with most posts (LLaMA: the 28 largest)."""

    def __init__(self, source: str, count: int = 28) -> None:
        super().__init__()
        self._source = source
        self._count = count

    def expand(self, posts):
        count = self._count
        largest = (
            posts
            | "Site" >> beam.Map(lambda doc: (doc.meta["site"], 1))
            | "Posts per site" >> beam.CombinePerKey(sum)
            | "All sites" >> beam.combiners.ToList()
            | "Largest" >> beam.Map(_largest, count)
        )
        keep = _KeepSites(self._source)
        return posts | "Keep sites" >> beam.ParDo(
            keep, beam.pvalue.AsSingleton(largest)
        ).with_outputs(REJECTED, main="kept")


class _Join(CountingDoFn):
    STAGE = "join_answers"

    def process(self, keyed):
        (site, question_id), posts = keyed
        posts = sorted(posts, key=lambda d: d.id)
        questions = [p for p in posts if p.meta["post_type"] == "question"]
        answers = [p for p in posts if p.meta["post_type"] == "answer"]
        self._counters.entered(self.STAGE, len(posts))
        reason = "merged_into_question" if questions else "orphan_answer"
        for answer in answers:
            yield self.drop(Rejection(answer, self.STAGE, reason))
        for extra in questions[1:]:
            yield self.drop(Rejection(extra, self.STAGE, "duplicate_question"))
        if questions:
            question = questions[0]
            question.text = format_thread(question, answers)
            question.meta["url"] = f"https://{site}/questions/{question_id}"
            question.meta["answer_count"] = len(answers)
            yield self.keep(self.STAGE, question)


class JoinAnswers(beam.PTransform):
    """One document per question: the question and its answers, highest score first. Answers
    are accounted as `merged_into_question`, or `orphan_answer` when their question is absent."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self._source = source

    def expand(self, posts):
        return (
            posts
            | "By question" >> beam.Map(lambda d: ((d.meta["site"], d.meta["question_id"]), d))
            | "Group thread" >> beam.GroupByKey()
            | "Join" >> beam.ParDo(_Join(self._source)).with_outputs(REJECTED, main="kept")
        )
