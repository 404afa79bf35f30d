"""Regenerate the synthetic Stack Exchange Posts.xml fixtures written for this project.

One folder per site under corpora/samples/stackexchange/, each holding a ``Posts.xml`` in the
layout of the official Stack Exchange data dump (``<posts>`` with one ``<row .../>`` per post,
attributes in dump order, HTML bodies XML-escaped with ``&#xA;`` for newlines):

    cooking.stackexchange.com/Posts.xml     40 posts
    bicycles.stackexchange.com/Posts.xml    28 posts
    gardening.stackexchange.com/Posts.xml   18 posts
    chess.stackexchange.com/Posts.xml        9 posts

Every question, answer and tag wiki below was written for this project as test material; none
of it is copied from Stack Exchange. User ids are made up. The files exercise what a cleaning
pipeline has to cope with in the real dump:

* questions (PostTypeId 1) with 0, 1, 2, 3 and 5 answers, and answers (PostTypeId 2) that
  point to them through ParentId; one tag-wiki excerpt (4) and one tag wiki (5) per site,
  which a pipeline must skip;
* rows ordered by Id, so in cooking one answer comes before its question (its Id is smaller,
  as happens with migrated posts), and one cooking answer whose question is not in the file;
* answer scores with negatives and zeros; in cooking a question whose answers score 9, 10,
  -1 and 2 in file order (sorting those as strings would put them wrong);
* one unanswered question with score 0 per site; one bicycles answer without OwnerUserId;
* bodies with <p>, <code>, <pre><code> blocks, lists, <blockquote>, links, <strong>, <em>,
  <br> and entities such as &amp;amp; after escaping.

The chess file has only 9 posts, too few for questions with 0, 1, 2, 3 and 5 answers plus the
two tag-wiki posts; it has questions with 0, 1 and 3 answers.

Output is deterministic: fixed ids, fixed dates, milliseconds and activity dates derived from
the post ids.

    python scripts/make_stackexchange_samples.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

OUT_DIR = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "stackexchange"
LICENSE = "CC BY-SA 4.0"
COMMENT = (
    "<!-- Synthetic fixture: every post in this file was written for the llama-corpus tests "
    "and is not Stack Exchange content. Regenerate with "
    "scripts/make_stackexchange_samples.py -->"
)


def unwrap(text: str) -> str:
    """Undo the source wrapping of the bodies below and end them with a newline.

    A line that starts with exactly two spaces continues the line before it, joined by one
    space; every other newline is kept as it is (the site stores blank lines between blocks and
    newlines inside lists and code). Code lines below never start with exactly two spaces.
    """
    return re.sub(r"\n  (?=\S)", " ", text.strip("\n")) + "\n"


@dataclass(frozen=True)
class Answer:
    id: int
    score: int
    hours: float  # after the question was asked
    body: str
    owner: int | None
    comments: int | None = None


@dataclass(frozen=True)
class Question:
    id: int
    date: str
    score: int
    views: int
    owner: int
    title: str
    tags: tuple[str, ...]
    body: str
    answers: tuple[Answer, ...] = ()
    accepted: int | None = None
    comments: int | None = None


@dataclass(frozen=True)
class Orphan:
    """An answer whose question is not in the file."""

    id: int
    parent: int
    date: str
    score: int
    body: str
    owner: int


@dataclass(frozen=True)
class TagWiki:
    id: int
    post_type: int  # 4 excerpt, 5 full wiki
    date: str
    body: str


@dataclass(frozen=True)
class Site:
    host: str
    expected_rows: int
    wikis: tuple[TagWiki, ...]
    questions: tuple[Question, ...]
    orphans: tuple[Orphan, ...] = ()


def attr(value: str) -> str:
    """Escape an attribute value the way the dump does."""
    return escape(value, {'"': "&quot;", "\n": "&#xA;", "\r": "&#xD;", "\t": "&#x9;"})


def stamp(when: datetime, post_id: int) -> str:
    return f"{when:%Y-%m-%dT%H:%M:%S}.{(post_id * 7919) % 1000:03d}"


def parse(date: str) -> datetime:
    return datetime.strptime(date, "%Y-%m-%dT%H:%M:%S")


def row(fields: list[tuple[str, object]]) -> str:
    parts = " ".join(f'{k}="{attr(str(v))}"' for k, v in fields if v is not None)
    return f"  <row {parts} />"


def comment_count(post_id: int, given: int | None) -> int:
    return given if given is not None else post_id % 4


def answer_activity(created: datetime, post_id: int) -> datetime:
    return created + timedelta(hours=(post_id % 7) * 5, minutes=post_id % 53)


def site_rows(site: Site) -> list[tuple[int, str]]:
    rows: list[tuple[int, str]] = []
    for wiki in site.wikis:
        created = parse(wiki.date)
        rows.append(
            (
                wiki.id,
                row(
                    [
                        ("Id", wiki.id),
                        ("PostTypeId", wiki.post_type),
                        ("CreationDate", stamp(created, wiki.id)),
                        ("Score", 0),
                        ("Body", unwrap(wiki.body)),
                        ("OwnerUserId", -1),
                        ("LastActivityDate", stamp(created, wiki.id)),
                        ("CommentCount", 0),
                        ("ContentLicense", LICENSE),
                    ]
                ),
            )
        )
    for q in site.questions:
        asked = parse(q.date)
        last = asked + timedelta(hours=(q.id % 5) * 3)
        for a in q.answers:
            created = asked + timedelta(hours=a.hours)
            activity = answer_activity(created, a.id)
            last = max(last, activity)
            rows.append(
                (
                    a.id,
                    row(
                        [
                            ("Id", a.id),
                            ("PostTypeId", 2),
                            ("ParentId", q.id),
                            ("CreationDate", stamp(created, a.id)),
                            ("Score", a.score),
                            ("Body", unwrap(a.body)),
                            ("OwnerUserId", a.owner),
                            ("LastActivityDate", stamp(activity, a.id)),
                            ("CommentCount", comment_count(a.id, a.comments)),
                            ("ContentLicense", LICENSE),
                        ]
                    ),
                )
            )
        if q.accepted is not None:
            assert q.accepted in {a.id for a in q.answers}, q.id
        rows.append(
            (
                q.id,
                row(
                    [
                        ("Id", q.id),
                        ("PostTypeId", 1),
                        ("AcceptedAnswerId", q.accepted),
                        ("CreationDate", stamp(asked, q.id)),
                        ("Score", q.score),
                        ("ViewCount", q.views),
                        ("Body", unwrap(q.body)),
                        ("OwnerUserId", q.owner),
                        ("LastActivityDate", stamp(last, q.id)),
                        ("Title", q.title),
                        ("Tags", "".join(f"<{t}>" for t in q.tags)),
                        ("AnswerCount", len(q.answers)),
                        ("CommentCount", comment_count(q.id, q.comments)),
                        ("ContentLicense", LICENSE),
                    ]
                ),
            )
        )
    for o in site.orphans:
        created = parse(o.date)
        rows.append(
            (
                o.id,
                row(
                    [
                        ("Id", o.id),
                        ("PostTypeId", 2),
                        ("ParentId", o.parent),
                        ("CreationDate", stamp(created, o.id)),
                        ("Score", o.score),
                        ("Body", unwrap(o.body)),
                        ("OwnerUserId", o.owner),
                        ("LastActivityDate", stamp(answer_activity(created, o.id), o.id)),
                        ("CommentCount", comment_count(o.id, None)),
                        ("ContentLicense", LICENSE),
                    ]
                ),
            )
        )
    ids = [i for i, _ in rows]
    assert len(ids) == len(set(ids)), f"duplicate ids in {site.host}"
    assert len(rows) == site.expected_rows, (site.host, len(rows))
    return sorted(rows)


def posts_xml(site: Site) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', COMMENT, "<posts>"]
    lines += [line for _, line in site_rows(site)]
    lines.append("</posts>")
    return "\n".join(lines) + "\n"


def write_site(site: Site, out_dir: Path = OUT_DIR) -> Path:
    folder = out_dir / site.host
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Posts.xml"
    path.write_text(posts_xml(site), encoding="utf-8", newline="\n")
    return path


# --------------------------------------------------------------------------------------------
# cooking.stackexchange.com
# --------------------------------------------------------------------------------------------

COOKING = Site(
    host="cooking.stackexchange.com",
    expected_rows=40,
    wikis=(
        TagWiki(
            41187,
            4,
            "2019-01-08T10:02:11",
            """
Questions about bread leavened with a sourdough starter, a culture of wild yeast and lactic
  acid bacteria, instead of (or alongside) commercial yeast.
""",
        ),
        TagWiki(
            41188,
            5,
            "2019-01-08T10:02:11",
            """
<p>A <strong>sourdough starter</strong> is a mixture of flour and water that has been fed
  regularly until wild yeasts and lactic acid bacteria dominate it. The yeast raises the dough;
  the bacteria give sourdough its tang and help it keep longer.</p>

<p>Use this tag for questions about keeping a starter, timing bulk fermentation, shaping and
  baking naturally leavened loaves. Please include in your question:</p>

<ul>
<li>your recipe with weights and the hydration (water as a percentage of flour);</li>
<li>the temperature of your kitchen or proofing spot;</li>
<li>how long each stage took and what the dough looked like at the end of it.</li>
</ul>

<p>For general questions about yeasted bread use <a href="/questions/tagged/bread">bread</a>
  instead.</p>
""",
        ),
    ),
    questions=(
        Question(
            41203,
            "2019-01-14T08:41:27",
            14,
            6120,
            3817,
            "Why does my sourdough loaf spread flat instead of rising up?",
            ("bread", "sourdough", "baking"),
            """
<p>I've been baking sourdough for about two months. My starter doubles in roughly six hours
  after a feed at room temperature (22 °C in my kitchen), so I think it is healthy. The bread
  tastes great, but every loaf spreads into a wide flat disc as soon as I tip it out of the
  banneton onto the baking stone.</p>

<p>My current process:</p>

<ol>
<li>500 g bread flour, 375 g water (75% hydration), 100 g starter, 10 g salt</li>
<li>Autolyse for 1 hour, then mix in the starter and the salt</li>
<li>Four sets of stretch &amp; folds, 30 minutes apart</li>
<li>Bulk ferment until "doubled", which usually takes 7 to 8 hours in total</li>
<li>Shape, then overnight in the fridge</li>
</ol>

<p>Is my hydration too high, or am I doing something wrong when shaping? The dough feels very
  slack and sticky by the time I shape it.</p>
""",
            answers=(
                Answer(
                    41205,
                    3,
                    1.5,
                    """
<p>75% is a lot of water for someone two months in, especially with a flour that isn't very
  strong. Wet doughs are lovely when you can handle them, but they forgive nothing.</p>

<p>Drop to about 68% (340 g water for 500 g flour) for a few bakes. Once you get a loaf that
  holds its shape, raise the water by 10 g at a time. That way you learn what a properly
  developed dough feels like before you make it harder on yourself.</p>
""",
                    9021,
                ),
                Answer(
                    41209,
                    21,
                    3.2,
                    """
<p>Your hydration is high but manageable. The part that jumps out is <strong>bulk fermenting
  until doubled</strong>. With 20% starter at 22 °C and a starter that peaks in six hours,
  seven to eight hours of bulk is almost certainly too long. Over-fermented dough loses its
  strength: the gluten is weakened by the acid and by enzymes, it turns slack and sticky (as
  you describe), and it can't hold a shape however well you tension it.</p>

<p>Things to try:</p>

<ul>
<li>End bulk when the dough has risen by about 50%, not 100%. It should be domed at the
  edges, jiggly and have a few bubbles on the surface.</li>
<li>Ferment in a straight-sided container and mark the starting level with tape, so you judge
  the rise by measurement rather than by eye.</li>
<li>Remember the cold retard keeps fermenting for a while, so a dough that goes into the
  fridge at its peak will be past it in the morning.</li>
</ul>

<blockquote>
<p>If the dough is harder to shape at the end of bulk than it was halfway through, it has
  gone too far.</p>
</blockquote>

<p>If you cut bulk to around five hours and the loaves still spread, then look at shaping and
  hydration.</p>
""",
                    1187,
                    comments=4,
                ),
                Answer(
                    41214,
                    -3,
                    5.0,
                    """
<p>Honestly just add a teaspoon of instant yeast along with the starter. Wild yeast is slow
  and unpredictable, and a bit of commercial yeast gives you a reliable rise every time. Nobody
  will taste the difference.</p>
""",
                    22610,
                ),
                Answer(
                    41230,
                    5,
                    30.5,
                    """
<p>Assuming fermentation is under control, shaping matters a lot for a loaf that stands up.
  What helped me most:</p>

<ol>
<li>Pre-shape into a loose round and let it rest 20 to 30 minutes, uncovered, so the surface
  dries slightly.</li>
<li>For the final shape, <em>stitch</em> the dough: fold the sides into the middle one after
  the other, then roll it up tightly toward you.</li>
<li>Drag the shaped loaf toward you on an unfloured part of the bench so the bottom grips and
  the skin tightens.</li>
<li>Dust the banneton with rice flour, which doesn't absorb into the dough like wheat flour
  does.</li>
</ol>

<p>Bake it straight from the fridge; cold dough keeps its shape long enough to score and set in
  the oven.</p>
""",
                    4410,
                ),
                Answer(
                    41377,
                    0,
                    1430.0,
                    """
<p>One thing nobody has asked: which flour are you using? A supermarket all-purpose flour
  around 10% protein will not hold 75% water, no matter how you ferment and shape. Look for
  a bread flour with 12 to 13% protein on the label, or swap 20% of the flour for a strong
  flour, and the same recipe will behave very differently.</p>
""",
                    30288,
                ),
            ),
            accepted=41209,
        ),
        Question(
            41221,
            "2019-01-19T15:07:44",
            22,
            48210,
            5163,
            "How do I scale a cake recipe from a 9-inch round pan to a 9x13 pan?",
            ("baking", "cake", "conversion"),
            """
<p>I have a chocolate cake recipe written for a single 9-inch round pan. For a party I need
  to bake it in a 9x13 inch rectangular pan instead.</p>

<p>Do I just double everything? And do I need to change the oven temperature or the baking
  time? The original says 350 °F for 30 to 35 minutes.</p>
""",
            answers=(
                Answer(
                    41224,
                    9,
                    0.6,
                    """
<p>Doubling is close enough in practice. A 9x13 pan holds a bit less than two 9-inch rounds,
  so a doubled recipe will fill it a little deeper than the original. Fill the pan no more than
  two thirds and bake any leftover batter as cupcakes.</p>

<p>Keep the temperature at 350 °F. Start checking at about 35 minutes and go by a skewer in
  the centre, not the clock: it should come out with a few moist crumbs but no wet batter.</p>
""",
                    6542,
                ),
                Answer(
                    41226,
                    10,
                    1.1,
                    """
<p>Scale by <strong>area</strong>, because you want the batter at the same depth as in the
  original pan. Then the baking time stays close to the original too.</p>

<pre><code>factor = area of new pan / area of old pan

round pan:      area = 3.14 * (diameter / 2) ** 2
rectangle:      area = length * width

9" round:       3.14 * 4.5 * 4.5  =  63.6 sq in
9x13 pan:       9 * 13            = 117.0 sq in
factor:         117 / 63.6        =   1.84
</code></pre>

<p>So multiply every ingredient by about 1.8. With eggs, round to the nearest whole egg (or
  beat the last one and weigh out part of it). If factor &gt; 2 for some pan, consider baking
  in two batches instead.</p>

<p>Because the depth is unchanged the centre bakes at about the same rate. A large rectangle
  sometimes needs 5 to 10 minutes more because the corners shade each other less than you'd
  think; check with a skewer from the original time onward.</p>
""",
                    1187,
                    comments=2,
                ),
                Answer(
                    41229,
                    -1,
                    2.4,
                    """
<p>You don't need to change anything. Use the same amount of batter; it will just be a
  thinner cake, so take it out about ten minutes early.</p>
""",
                    28903,
                ),
                Answer(
                    41241,
                    2,
                    26.0,
                    """
<p>If your pans aren't standard or have sloped sides, measure volume instead of doing the
  geometry:</p>

<ul>
<li>Fill the old pan with water to the depth you normally fill it with batter and weigh or
  measure it.</li>
<li>Do the same with the new pan.</li>
<li>The ratio of the two is your scaling factor.</li>
</ul>

<p>It takes two minutes and also works for bundt and springform pans, where area formulas
  don't help much. See also
  <a href="https://cooking.stackexchange.com/questions/41221">this question</a> for the area
  method.</p>
""",
                    7735,
                ),
            ),
            accepted=41226,
        ),
        Question(
            41250,
            "2019-02-02T19:55:03",
            0,
            37,
            31544,
            "Does a 72-hour cold ferment change how much salt pizza dough needs?",
            ("pizza", "dough", "salt"),
            """
<p>My usual pizza dough is 2.5% salt by flour weight and rests 24 hours in the fridge. I want
  to try a 72-hour cold ferment for more flavour. Should the salt stay at 2.5%, or do people
  change it for longer ferments because salt slows the yeast down?</p>
""",
        ),
        Question(
            41262,
            "2019-02-11T12:30:18",
            9,
            15333,
            12090,
            "What is the white stuff that seeps out of salmon when I bake it?",
            ("fish", "salmon"),
            """
<p>When I bake salmon fillets, a white, curdled-looking substance oozes out of the sides and
  sets on the surface. It's not harmful, I assume, but it looks unappetising when I serve it.
  What is it, and can I stop it happening?</p>
""",
            answers=(
                Answer(
                    41265,
                    12,
                    2.0,
                    """
<p>That is <strong>albumin</strong>, a protein dissolved in the fish's muscle fluid. As the
  muscle fibres contract with heat they squeeze the liquid out, and the protein sets into
  white curds when it reaches the surface. It is perfectly safe.</p>

<p>Ways to reduce it:</p>

<ul>
<li><strong>Cook more gently.</strong> A lower oven (around 120-135 °C) or taking the fish
  off the heat earlier means the fibres contract less and push out less liquid.</li>
<li><strong>Brine briefly.</strong> Ten minutes in a 5% salt solution (50 g salt per litre of
  water) dissolves some surface proteins, and the fish releases noticeably less albumin.</li>
<li><strong>Don't overcook.</strong> A lot of white ooze is a sign the fish went too far; aim
  for about 50 °C in the thickest part if you like it moist.</li>
</ul>
""",
                    1187,
                ),
            ),
            accepted=41265,
        ),
        Question(
            41278,
            "2019-02-20T07:18:49",
            7,
            9877,
            2304,
            "Why did the garlic in my pickles turn blue-green?",
            ("pickling", "garlic", "food-safety"),
            """
<p>I made a batch of quick refrigerator pickles with cucumbers, dill and whole peeled garlic
  cloves in a vinegar brine. Two days later several of the garlic cloves are a vivid
  blue-green. The cucumbers look normal.</p>

<p>Is this mould or some kind of contamination? Do I need to throw the whole jar out?</p>
""",
            answers=(
                Answer(
                    41280,
                    11,
                    0.9,
                    """
<p>It's harmless and has nothing to do with spoilage. Garlic contains sulfur compounds and an
  enzyme (alliinase) that reacts with them once the cells are damaged. In an acidic
  environment, the products of that reaction combine with amino acids to form pigments that
  happen to be blue or green, the same family of reactions that turns Laba garlic green on
  purpose.</p>

<p>It's more likely with:</p>

<ul>
<li>young or freshly harvested garlic;</li>
<li>garlic that was stored cold before you used it;</li>
<li>cloves that were bruised, cut or crushed.</li>
</ul>

<p>If you'd like to avoid it, blanch the peeled cloves in boiling water for about 30 seconds
  before they go into the jar. That inactivates the enzyme. Your pickles are fine to eat.</p>
""",
                    8412,
                ),
                Answer(
                    41296,
                    1,
                    40.0,
                    """
<p>Adding to the accepted answer: in my experience it also happened far more often when I
  used tap water with a lot of dissolved minerals and an old aluminium pot for the brine.
  Since switching to filtered water and a stainless pot it's been rare. I can't promise that's
  the cause, but it's a cheap thing to change.</p>
""",
                    19902,
                ),
            ),
            accepted=41280,
        ),
        Question(
            41301,
            "2019-03-05T17:46:12",
            5,
            4309,
            26117,
            "Oven-seasoned cast iron came out sticky. What went wrong?",
            ("cast-iron", "seasoning-pans"),
            """
<p>I stripped an old cast iron skillet and seasoned it in the oven: I rubbed it with vegetable
  oil, put it upside down at 200 °C for an hour and let it cool in the oven. I repeated that
  three times.</p>

<p>The surface is now dark but tacky to the touch, and food sticks to it more than before. Did
  I use the wrong oil or the wrong temperature?</p>
""",
            answers=(
                Answer(
                    41303,
                    2,
                    3.0,
                    """
<p>Sounds like too much oil. After rubbing it on, wipe the pan as if you were trying to
  remove all of it again. The layer left behind is all you want. Thick layers never fully
  polymerise and stay sticky.</p>
""",
                    7735,
                ),
                Answer(
                    41304,
                    8,
                    4.5,
                    """
<p>Two things together cause sticky seasoning: <strong>too thick a layer</strong> and
  <strong>too low a temperature</strong>.</p>

<p>Seasoning is oil that has polymerised into a hard film, and that needs heat well above the
  oil's smoke point. 200 °C is borderline for most vegetable oils. What works reliably:</p>

<ol>
<li>Heat the pan briefly so it's warm and completely dry.</li>
<li>Apply a small amount of oil, then wipe it off with a clean cloth until the pan looks
  almost dry.</li>
<li>Bake upside down at 230-250 °C for an hour.</li>
<li>Let it cool, then repeat 3 to 5 times.</li>
</ol>

<p>To fix your pan you don't need to strip it again: just bake it for another hour at the
  higher temperature. If it's still tacky, scrub the tacky layer off with coarse salt and a
  little oil and then apply thin coats as above.</p>
""",
                    1187,
                    comments=3,
                ),
                Answer(
                    41322,
                    0,
                    70.0,
                    """
<p>Oil choice matters less than people claim. Flaxseed oil gives a very hard finish but in my
  experience flakes off after a few months. I've had the best results with plain vegetable
  shortening, but thin coats and high heat matter far more than the oil itself.</p>
""",
                    30288,
                ),
            ),
            accepted=41304,
        ),
        Question(
            41333,
            "2019-03-19T21:04:37",
            11,
            27420,
            9917,
            "How long can cooked rice sit out before it's unsafe to eat?",
            ("food-safety", "rice"),
            """
<p>I often make a big pot of rice for dinner and forget about the leftovers until the next
  morning. Reheating it until it's steaming hot should kill anything that grew, right?</p>
""",
            answers=(
                Answer(
                    41335,
                    15,
                    0.7,
                    """
<p>No, reheating doesn't make it safe, and rice is one of the foods where this matters.</p>

<p>Raw rice often carries spores of <em>Bacillus cereus</em>. The spores survive cooking.
  While the cooked rice sits warm, they germinate and the bacteria multiply and produce
  toxins. One of those toxins is heat-stable, so reheating kills the bacteria but leaves the
  toxin, which can still make you sick with vomiting a few hours after eating.</p>

<p>The usual guidance from food-safety agencies:</p>

<ul>
<li>Get cooked rice into the fridge within about 2 hours (1 hour if it's very hot in the
  kitchen).</li>
<li>Cool it quickly by spreading it out on a tray rather than leaving it in a deep pot.</li>
<li>Eat refrigerated rice within a day or so, and reheat it only once.</li>
</ul>

<p>Rice that sat out overnight should be thrown away.</p>
""",
                    1187,
                ),
                Answer(
                    41349,
                    -2,
                    12.0,
                    """
<p>My family has left rice in the cooker overnight for decades and nobody has ever been ill.
  These rules are far too cautious for everyday home cooking.</p>
""",
                    33271,
                    comments=6,
                ),
            ),
        ),
        Question(
            41352,
            "2019-03-23T10:12:05",
            1,
            2208,
            34002,
            'What does "fold in" mean in a recipe?',
            ("baking", "terminology", "mixing"),
            """
<p>A muffin recipe tells me to "fold in the blueberries" and, in the next step, "fold the
  whipped egg whites into the batter". How is folding different from just stirring?</p>
""",
            answers=(
                Answer(
                    41354,
                    6,
                    0.4,
                    """
<p>Folding is a gentle way of combining things without knocking out air or breaking them.
  With a flexible spatula:</p>

<ol>
<li>Put the lighter mixture (the egg whites) on top of the heavier one.</li>
<li>Cut down through the middle to the bottom of the bowl.</li>
<li>Sweep the spatula along the bottom and up the side, lifting batter over the top.</li>
<li>Turn the bowl a quarter turn and repeat until just combined.</li>
</ol>

<p>For egg whites, first stir in about a quarter of them to lighten the batter, then fold in
  the rest. Stop as soon as you don't see streaks; a few small white bits are fine. With the
  blueberries the point is not to burst them or overmix the batter, which makes muffins
  tough.</p>
""",
                    6542,
                ),
            ),
            accepted=41354,
        ),
        Question(
            41360,
            "2019-03-27T16:48:51",
            2,
            412,
            12090,
            "Why is my homemade ricotta grainy when I use lemon juice?",
            ("cheese", "dairy"),
            """
<p>I heat whole milk with a pinch of salt to about 90 °C, stir in lemon juice and let it
  stand before draining. The taste is good, but the curds are small and grainy, nothing like
  the creamy ricotta from the shop. Would vinegar or citric acid work better, or is it the
  temperature?</p>
""",
        ),
        Question(
            41371,
            "2019-04-02T09:26:40",
            10,
            11852,
            4410,
            "Why does my caramel keep crystallizing into a grainy lump?",
            ("sugar", "caramelization", "candy"),
            """
<p>I'm making caramel with the wet method: 200 g sugar and 60 g water in a saucepan. It
  dissolves fine, but every second time, just as it starts to colour, the whole thing turns
  cloudy and sets into a grainy, sandy mass.</p>

<p>I do stir it with a wooden spoon so it cooks evenly. What am I doing wrong?</p>
""",
            answers=(
                Answer(
                    41369,
                    6,
                    0.5,
                    """
<p>Stop stirring once the sugar has dissolved and the syrup boils. Stirring scrapes sugar
  crystals off the sides of the pan and off the spoon, and each of those crystals is a seed
  the whole pan can crystallise around.</p>

<p>Swirl the pan gently instead if it colours unevenly, and wash down the sides with a pastry
  brush dipped in water.</p>
""",
                    26117,
                ),
                Answer(
                    41374,
                    13,
                    1.3,
                    """
<p>A sugar syrup cooked toward caramel is supersaturated, so a single undissolved crystal can
  set off a chain reaction. Three things help:</p>

<ul>
<li><strong>No seed crystals.</strong> Use a clean pan, dissolve the sugar completely before
  it boils, and don't stir after that. Putting a lid on for the first minute of boiling lets
  the steam wash down crystals stuck to the sides.</li>
<li><strong>An "interfering agent".</strong> A tablespoon of glucose or corn syrup, or a few
  drops of lemon juice (which turns part of the sucrose into glucose and fructose), gets in the
  way of the sucrose molecules lining up into crystals.</li>
<li><strong>No wooden spoon.</strong> Wood holds on to sugar from the last batch. If you must
  stir, use a silicone spatula.</li>
</ul>

<p>With glucose syrup in the recipe, I haven't had a batch seize in years.</p>
""",
                    1187,
                    comments=2,
                ),
                Answer(
                    41390,
                    0,
                    52.0,
                    """
<p>Or use the dry method: sprinkle the sugar into a wide pan in a thin layer and melt it
  without water, adding more sugar as the first layer liquefies. There's no syrup stage, so
  there's much less to crystallise. It needs more attention to avoid burning, though.</p>
""",
                    31544,
                ),
            ),
            accepted=41374,
        ),
        Question(
            41385,
            "2019-04-09T13:59:22",
            8,
            20554,
            28903,
            "Baking soda & baking powder in pancakes: why do some recipes use both?",
            ("baking-soda", "baking-powder", "pancakes"),
            """
<p>My buttermilk pancake recipe calls for 1 tsp of baking powder <em>and</em> ½ tsp of
  baking soda for 2 cups of flour. Other recipes use only one of them. If both make pancakes
  rise, why would a recipe need both?</p>
""",
            answers=(
                Answer(
                    41386,
                    9,
                    1.8,
                    """
<p>They do different jobs:</p>

<ul>
<li><strong>Baking soda</strong> (sodium bicarbonate) needs an acid to produce gas. Here that
  acid is the buttermilk. It also neutralises some of that acid, which softens the tang and
  raises the pH, so the pancakes brown better.</li>
<li><strong>Baking powder</strong> is soda with its own acid already mixed in, so it gives a
  predictable amount of lift whatever the batter contains. Most is double-acting and releases
  a second burst of gas when heated on the griddle.</li>
</ul>

<p>A common rule of thumb is about ¼ tsp soda per cup of buttermilk to neutralise it. The
  soda alone doesn't give enough lift for fluffy pancakes, so the powder makes up the rest.</p>
""",
                    8412,
                ),
                Answer(
                    41402,
                    3,
                    95.0,
                    """
<p>One practical note: don't be tempted to increase the soda for more rise. Any soda that
  isn't neutralised by acid leaves a soapy, metallic taste and makes the pancakes brown too
  fast. If you want fluffier pancakes, add a little more baking powder instead, or separate
  the eggs and fold in the beaten whites.</p>
""",
                    5163,
                ),
            ),
        ),
        Question(
            41410,
            "2019-04-16T11:15:09",
            6,
            7731,
            22610,
            "How do I stop hollandaise from splitting, and can I rescue it once it has?",
            ("sauce", "eggs", "emulsion"),
            """
<p>Every time I make hollandaise over a double boiler it looks perfect for a moment and then
  suddenly turns greasy and separates into yellow oil and little lumps. Is there a way to
  bring it back, or do I have to start over with new yolks and butter?</p>
""",
            answers=(
                Answer(
                    41412,
                    7,
                    0.8,
                    """
<p>Hollandaise splits for two reasons: it gets <strong>too hot</strong> (the yolks scramble)
  or the butter goes in <strong>too fast</strong> (the yolks can't emulsify it).</p>

<ul>
<li>Keep the bowl over barely simmering water and lift it off frequently. If the edges start
  to set, take it off the heat and whisk in a spoonful of cold water.</li>
<li>Add the melted butter a few drops at a time at first, then in a thin stream once the
  sauce has thickened.</li>
</ul>

<p>To rescue a split sauce, put a fresh yolk and a tablespoon of warm water in a clean bowl
  and whisk in the broken sauce a spoonful at a time, as if it were the butter. It will
  re-emulsify. If it only started to look greasy and hasn't fully separated, a tablespoon of
  hot water whisked in hard is often enough.</p>
""",
                    1187,
                ),
                Answer(
                    41431,
                    2,
                    150.0,
                    """
<p>I gave up on the double boiler and use an immersion blender:</p>

<p>2 yolks, 1 tbsp lemon juice, pinch of salt in a tall narrow jar<br>
115 g butter, melted until foaming hot<br>
blend the yolks, then pour in the hot butter in a thin stream with the blender running</p>

<p>The hot butter cooks the yolks just enough, and the blender forms the emulsion so fast
  that it practically never splits. It takes about a minute.</p>
""",
                    9021,
                ),
            ),
            accepted=41412,
        ),
    ),
    orphans=(
        Orphan(
            41366,
            40912,
            "2019-03-30T18:22:14",
            4,
            """
<p>What you're seeing is the <strong>stall</strong>, and it's normal. Around 65-75 °C in the
  middle, a brisket can sit at the same temperature for hours because moisture evaporating
  from the surface cools it about as fast as the smoker heats it.</p>

<p>You can either wait it out (the bark will be better) or wrap the brisket tightly in butcher
  paper or foil once the bark has set. Wrapping stops the evaporation and pushes it through the
  stall much faster. Either way, cook to tenderness, not to a number: the probe should slide in
  like it's going into soft butter, usually somewhere around 93-96 °C.</p>
""",
            19902,
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# bicycles.stackexchange.com
# --------------------------------------------------------------------------------------------

BICYCLES = Site(
    host="bicycles.stackexchange.com",
    expected_rows=28,
    wikis=(
        TagWiki(
            90011,
            4,
            "2020-02-03T14:20:00",
            """
For questions about disc brakes: mechanical and hydraulic calipers, rotors, pads, bleeding
  and noise.
""",
        ),
        TagWiki(
            90012,
            5,
            "2020-02-03T14:20:00",
            """
<p><strong>Disc brakes</strong> stop the wheel by clamping pads onto a rotor bolted to the
  hub, rather than onto the rim. They work much the same in wet and dry weather and don't wear
  the rim.</p>

<p>There are two kinds of caliper:</p>

<ul>
<li><em>Mechanical</em> calipers are pulled by a cable, like rim brakes.</li>
<li><em>Hydraulic</em> calipers are pushed by fluid (mineral oil or DOT fluid, depending on
  the maker; never mix them).</li>
</ul>

<p>When asking about noise or weak braking, say which brake and pads you have and whether
  anything was changed or cleaned recently.</p>
""",
        ),
    ),
    questions=(
        Question(
            90102,
            "2020-02-10T07:55:31",
            19,
            35402,
            5530,
            "How do I stop my disc brakes from squealing?",
            ("disc-brake", "noise", "maintenance"),
            """
<p>My hydraulic disc brakes have started to squeal loudly whenever I brake, especially on
  the front wheel. They still stop the bike, but the noise is embarrassing at every traffic
  light. The pads are about half worn and the bike is two years old.</p>

<p>What's the usual cause and how do I fix it without a workshop?</p>
""",
            answers=(
                Answer(
                    90104,
                    24,
                    1.2,
                    """
<p>By far the most common cause is <strong>contamination</strong>: a trace of oil, chain lube
  or hand cream on the rotor or pads. Here's the order I'd try things in:</p>

<ol>
<li>Clean the rotor with isopropyl alcohol and a clean paper towel. Don't touch the braking
  surface with your fingers afterwards.</li>
<li>Take the pads out. If they look glazed (shiny) or stained, sand the surface lightly on
  fine sandpaper laid on a flat surface until they're matte again.</li>
<li>If the pads are soaked with oil, replace them; they won't recover.</li>
<li>Bed the pads in: ride at moderate speed and brake firmly down to walking pace 10 to 20
  times, without locking the wheel.</li>
</ol>

<p>If the squeal came back after you lubricated the chain, you've found your culprit: lube
  your chain with the wheel out or a rag over the rotor.</p>
""",
                    1042,
                    comments=3,
                ),
                Answer(
                    90107,
                    6,
                    2.0,
                    """
<p>Also check the caliper alignment. If the rotor rubs one pad while the other isn't
  touching, the brake can vibrate and sing. Loosen the two caliper bolts, squeeze the lever
  and hold it, then tighten the bolts alternately a little at a time. Spin the wheel and look
  through the caliper against a white background to see if there's an even gap.</p>
""",
                    16683,
                ),
                Answer(
                    90111,
                    2,
                    9.5,
                    """
<p>Pad compound makes a difference. Organic (resin) pads are usually quieter but wear fast
  in the wet; sintered (metallic) pads last longer and cope with heat better but are often
  noisier, especially when wet. If your bike came with sintered pads and you mostly ride in
  town, try organic pads.</p>
""",
                    20777,
                ),
                Answer(
                    90120,
                    -2,
                    14.0,
                    """
<p>A quick spray of WD-40 on the rotor shuts them up right away.</p>
""",
                    48812,
                    comments=5,
                ),
                Answer(
                    90160,
                    0,
                    600.0,
                    """
<p>Nobody has mentioned it yet: check that the six rotor bolts (or the centre-lock ring) are
  tight. A slightly loose rotor can make a terrible noise under braking. Tighten them to the
  torque given on the rotor, in a star pattern.</p>
""",
                    None,
                ),
            ),
            accepted=90104,
        ),
        Question(
            90130,
            "2020-02-18T20:31:46",
            0,
            58,
            61204,
            "What thread pitch is the rear thru-axle on my 2016 trekking frame?",
            ("thru-axle", "frames"),
            """
<p>I lost the rear thru-axle of my 2016 trekking bike when I took the wheel out for
  transport. The frame takes a 12x142 mm axle, but the shop says there are several thread
  pitches and they can't order the right one without knowing it. Is there a way to measure
  the thread in the dropout at home?</p>
""",
        ),
        Question(
            90141,
            "2020-03-01T09:08:17",
            8,
            18823,
            43190,
            "What tyre pressure should I run on 28 mm road tyres?",
            ("tire-pressure", "road-bike", "tires"),
            """
<p>I switched from 23 mm to 28 mm tyres on my road bike. The sidewall says 60-100 psi. I used
  to pump the 23s to 110 psi. What's a sensible pressure for the wider tyres? I weigh about
  75 kg.</p>
""",
            answers=(
                Answer(
                    90143,
                    9,
                    3.1,
                    """
<p>Much lower than you used to run. Wider tyres need less pressure for the same support, and
  most riders are surprised how much more comfortable (and often not slower) a lower pressure
  is on real roads.</p>

<p>For 75 kg on 28 mm tyres, a good starting point is about <strong>70 psi front and 75 psi
  rear</strong>. The rear carries more of your weight, so it gets a bit more. From there:</p>

<ul>
<li>If you feel the rim on sharp edges or the tyre squirms in corners, add 5 psi.</li>
<li>If the bike feels harsh and buzzy on rough tarmac, take 5 psi out.</li>
<li>Tubeless setups can go another 5 to 10 psi lower.</li>
</ul>

<p>Online calculators such as
  <a href="https://example.com/tyre-pressure" rel="nofollow noreferrer">this one</a> use your
  weight, tyre width and road surface, and give similar numbers.</p>
""",
                    1042,
                ),
            ),
            accepted=90143,
        ),
        Question(
            90150,
            "2020-03-14T16:42:59",
            6,
            9120,
            52237,
            "Chain skips on the smallest cogs after I replaced it",
            ("chain", "cassette", "drivetrain"),
            """
<p>I put a new chain on my bike because the old one measured as worn. Now the chain skips
  when I pedal hard in the three smallest cogs. The gears shift fine and the skipping never
  happens on the bigger cogs. Did I install the chain wrong?</p>
""",
            answers=(
                Answer(
                    90152,
                    12,
                    0.9,
                    """
<p>Almost certainly the cassette is worn. A chain and the cogs wear together: the stretched
  chain wore the teeth of the cogs you use most into a shape that fits a long chain. A new
  chain doesn't sit right on those teeth and jumps under load. The small cogs have the fewest
  teeth, so they wear fastest and show it first.</p>

<p>Look at the teeth of those cogs: if they look hooked or like shark fins compared to the
  bigger ones, replace the cassette. Next time, replace the chain before it's stretched as far
  and the cassette should outlast two or three chains.</p>
""",
                    16683,
                ),
                Answer(
                    90158,
                    1,
                    28.0,
                    """
<p>Before buying a cassette, rule out two cheaper things: a stiff link where the chain was
  joined (look for a link that doesn't bend freely as you back-pedal slowly), and the
  indexing. A new chain can change the shifting slightly, so give the barrel adjuster a
  quarter turn and see if it helps.</p>
""",
                    61204,
                ),
            ),
            accepted=90152,
        ),
        Question(
            90175,
            "2020-04-05T11:23:35",
            13,
            41288,
            20777,
            "How can I tell when my chain needs replacing?",
            ("chain", "maintenance", "wear"),
            """
<p>I've heard that a worn chain ruins the cassette and chainrings, so I'd like to replace it
  in time. I don't own a chain checker. Is there a reliable way to measure wear at home, and
  how much is too much?</p>
""",
            answers=(
                Answer(
                    90177,
                    16,
                    1.6,
                    """
<p>A steel ruler or tape measure works. A bicycle chain has a pitch of exactly ½ inch, so
  24 half-links (12 full links) of a new chain measure 12 inches from pin centre to pin
  centre.</p>

<pre><code>new chain:         24 half-links = 12 in      (304.8 mm)
replace chain:     12 1/16 in   (~306.4 mm)  -&gt; about 0.5 % elongation
cassette worn too: 12 1/8 in    (~308.0 mm)  -&gt; about 1.0 %
</code></pre>

<p>Measure on the top run with the chain under slight tension (put it in a middle gear and
  hold the crank backward). Line up the zero mark with the centre of one pin and read off the
  pin 12 inches further on.</p>

<p>For 11- and 12-speed drivetrains I'd replace at 0.5%. With 8-speed or fewer you can go to
  about 0.75%. If you've gone past 1%, expect to need a new cassette as well.</p>
""",
                    1042,
                    comments=2,
                ),
                Answer(
                    90181,
                    4,
                    6.0,
                    """
<p>If you do buy a tool, be aware that the cheap drop-in checkers also measure roller wear,
  not just pin wear. They tend to say "worn" earlier than the chain really is. That's not a
  bad thing for your cassette, but it means you'll replace chains sooner than a ruler would
  tell you.</p>
""",
                    5530,
                ),
                Answer(
                    90199,
                    0,
                    200.0,
                    """
<p>I just replace mine every 2000 miles. Depending on weather, lube and how clean you keep it
  that can be far too early or a little late, so measuring is better, but as a rule of thumb
  it has worked for me.</p>
""",
                    48812,
                ),
            ),
            accepted=90177,
        ),
        Question(
            90210,
            "2020-05-11T18:02:12",
            5,
            6702,
            33109,
            "How should I clean and lube my chain after riding in the rain?",
            ("chain", "lubrication", "cleaning", "rain"),
            """
<p>I commute year round and get caught in the rain at least once a week. After a wet ride the
  chain is covered in black grit and starts to squeak the next day. What's a sensible routine
  that doesn't take half an hour every time?</p>
""",
            answers=(
                Answer(
                    90212,
                    7,
                    2.2,
                    """
<p>A quick routine that works for a commuter:</p>

<ol>
<li>Back-pedal the chain through a dry rag until the rag comes away grey rather than
  black.</li>
<li>Apply one drop of lube to each roller on the inside of the chain.</li>
<li>Let it soak in for a few minutes, then wipe the outside thoroughly. Lube belongs inside
  the rollers; on the outside it only collects dirt.</li>
</ol>

<p>Use a wet lube in winter; it lasts much longer in the rain than a dry lube. Every month or
  so, do a proper degrease with a chain cleaner box or by taking the chain off at the quick
  link.</p>
""",
                    16683,
                ),
                Answer(
                    90219,
                    3,
                    20.0,
                    """
<p>Also dry the chain before lubing. Water trapped in the rollers causes the squeak and the
  orange rust spots. If I get home soaked, I wipe the chain, leave the bike somewhere warm
  overnight and lube it in the morning.</p>
""",
                    43190,
                ),
            ),
        ),
        Question(
            90230,
            "2020-06-02T08:14:50",
            3,
            3390,
            52237,
            "Dried tubeless sealant inside the tyre: do I need to remove it before topping up?",
            ("tubeless", "sealant"),
            """
<p>I opened my tubeless tyre to top up the sealant after six months and found almost no
  liquid, just a rubbery skin on the inside of the tyre and a few dried lumps. Can I just add
  fresh sealant on top, or does the old stuff have to come out?</p>
""",
            answers=(
                Answer(
                    90233,
                    5,
                    4.0,
                    """
<p>You can add fresh sealant on top; a thin film on the inside of the tyre does no harm.
  The lumps (often called "boogers") are worth removing, though: they add weight, can make the
  wheel feel unbalanced and sometimes rattle around.</p>

<p>Pull them out by hand, peel off any thick flaps of dried sealant near the bead so it seats
  cleanly, then add the usual amount of new sealant. Check the level every two to three
  months, more often in hot weather, since that's when it dries fastest.</p>
""",
                    20777,
                ),
            ),
        ),
        Question(
            90244,
            "2020-07-19T19:37:03",
            9,
            22301,
            48812,
            "Creak from the bottom bracket area only when pedalling hard",
            ("bottom-bracket", "noise", "creaking"),
            """
<p>My bike creaks once per pedal stroke, but only when I pedal hard, for example standing up
  on a climb. It sounds like it's coming from the bottom bracket. Do I need a new bottom
  bracket, or could it be something else?</p>
""",
            answers=(
                Answer(
                    90246,
                    10,
                    1.0,
                    """
<p>Creaks travel through the frame, so "sounds like the bottom bracket" is often wrong. Work
  through the cheap suspects first:</p>

<ol>
<li><strong>Pedals.</strong> Remove, grease the threads and refit them tight.</li>
<li><strong>Cleats.</strong> Check the bolts, and try pedalling hard in normal shoes.</li>
<li><strong>Chainring bolts.</strong> Remove, grease and retighten.</li>
<li><strong>Seatpost and saddle rails.</strong> Pedal hard out of the saddle: if the creak
  disappears, it's up there.</li>
<li><strong>Rear wheel quick release or thru-axle.</strong> Clean and grease it.</li>
</ol>

<p>Only when all of those are ruled out would I pull the bottom bracket, clean and grease the
  shell threads (or use retaining compound for a press-fit) and reinstall it.</p>
""",
                    1042,
                    comments=1,
                ),
                Answer(
                    90251,
                    3,
                    7.5,
                    """
<p>If it's a press-fit bottom bracket, those are notorious for creaking when the shell and
  the cups don't fit perfectly. Removing it, cleaning everything and reinstalling with a
  bearing retaining compound fixes it more often than not. Threaded adapters that replace the
  press-fit cups are another permanent fix.</p>
""",
                    5530,
                ),
                Answer(
                    90263,
                    -1,
                    50.0,
                    """
<p>It's the bottom bracket. Just replace it; they're cheap.</p>
""",
                    61204,
                ),
            ),
            accepted=90246,
        ),
        Question(
            90270,
            "2020-08-07T13:11:25",
            4,
            1104,
            33109,
            "How do I date a Sturmey-Archer three-speed hub from its markings?",
            ("hub", "vintage", "internal-gear-hub"),
            """
<p>I bought an old roadster with a Sturmey-Archer three-speed hub. The hub shell is stamped
  <code>AW</code> and, on the other side, <code>6 4</code>. Is the second marking a date, and
  is there a list somewhere of what the markings mean?</p>
""",
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# gardening.stackexchange.com
# --------------------------------------------------------------------------------------------

GARDENING = Site(
    host="gardening.stackexchange.com",
    expected_rows=18,
    wikis=(
        TagWiki(
            61001,
            4,
            "2021-03-01T09:00:00",
            """
Questions about growing tomatoes (Solanum lycopersicum), in the ground or in containers:
  varieties, support, pruning, pests and diseases.
""",
        ),
        TagWiki(
            61002,
            5,
            "2021-03-01T09:00:00",
            """
<p><strong>Tomatoes</strong> are tender perennials grown as annuals in most climates. They
  need warmth, full sun and steady watering.</p>

<p>Varieties are either <em>determinate</em> (bush types that set fruit over a few weeks) or
  <em>indeterminate</em> (vines that keep growing and fruiting until frost, usually pruned to
  one or two stems).</p>

<p>For questions about leaf problems, please add a photo of both sides of an affected leaf
  and say how you water and feed the plants.</p>
""",
        ),
    ),
    questions=(
        Question(
            61050,
            "2021-07-04T17:25:48",
            12,
            28734,
            7288,
            "Why are the lower leaves on my tomato plants turning yellow?",
            ("tomatoes", "leaves", "diseases"),
            """
<p>My tomato plants (indeterminate, planted out in May, in the ground) are about 1.2 m tall
  and starting to set fruit. Over the past week the lowest leaves have been turning yellow,
  some with brown spots, and the yellowing seems to be moving up the plant.</p>

<p>I water every evening at the base and fed them with a general fertiliser when I planted
  them. Is this a disease, or are they just hungry?</p>
""",
            answers=(
                Answer(
                    61052,
                    11,
                    2.5,
                    """
<p>Yellow lower leaves have a few common causes, and "with brown spots" plus "moving up the
  plant" points to a fungal leaf disease, most likely <strong>early blight</strong>.</p>

<ul>
<li><strong>Early blight</strong>: brown spots with concentric rings, like a target, and a
  yellow halo; starts on the oldest leaves.</li>
<li><strong>Nitrogen shortage</strong>: even yellowing of the whole lower leaf, no spots.</li>
<li><strong>Old age</strong>: the lowest leaves get shaded and the plant sheds them; a few
  at a time is normal.</li>
</ul>

<p>For blight, remove the affected leaves and bin them (don't compost them), strip the
  leaves from the bottom 30 cm of stem so rain doesn't splash soil spores onto them, and
  mulch the soil. Water in the morning rather than the evening so the leaves dry quickly.</p>
""",
                    2215,
                    comments=2,
                ),
                Answer(
                    61053,
                    4,
                    5.0,
                    """
<p>Watering every evening may be too much, depending on your soil. Constantly wet roots
  can't take up nutrients well and the plant sacrifices its bottom leaves first. Push a finger
  into the soil: if it's damp 5 cm down, skip watering that day. Deep watering two or three
  times a week is usually better than a little every day.</p>
""",
                    14560,
                ),
                Answer(
                    61058,
                    2,
                    8.0,
                    """
<p>Also look at the size of the spots. <em>Septoria leaf spot</em> looks similar but the
  spots are small (a few mm), round, with a grey centre and dark edge, and there are lots of
  them. Treatment is the same as for early blight: remove affected leaves, improve airflow and
  keep water off the foliage.</p>
""",
                    3981,
                ),
                Answer(
                    61071,
                    0,
                    30.0,
                    """
<p>I had the same problem and a tablespoon of Epsom salt in a watering can fixed it. That
  said, it only helps if the cause is a magnesium shortage, which shows as yellowing
  <em>between</em> the veins while the veins stay green. Spotted leaves are something else.</p>
""",
                    40034,
                ),
                Answer(
                    61090,
                    -2,
                    170.0,
                    """
<p>Yellow leaves at the bottom are normal on tomatoes. Ignore them.</p>
""",
                    55817,
                ),
            ),
            accepted=61052,
        ),
        Question(
            61102,
            "2021-10-12T08:49:30",
            0,
            64,
            40034,
            "Can a potted fig overwinter in an unheated garage in zone 6?",
            ("fig", "overwintering", "containers"),
            """
<p>I have a three-year-old fig in a 40-litre pot. Our winters get down to about -20 °C. The
  garage is attached to the house and has no heating but I've never seen the water bowl in
  there freeze. Can the fig stay in there from November to April, and does it need any light
  or water in that time?</p>
""",
        ),
        Question(
            61110,
            "2021-10-20T15:06:22",
            5,
            7433,
            14560,
            "When is the best time to divide hostas?",
            ("hostas", "perennials", "division"),
            """
<p>I have a clump of hostas that has grown to almost a metre across and is dying out in the
  middle. I'd like to split it into three or four plants. Should I do it now, in autumn, or
  wait until spring?</p>
""",
            answers=(
                Answer(
                    61113,
                    6,
                    6.0,
                    """
<p>Either works. Hostas are about as forgiving as perennials get.</p>

<ul>
<li><strong>Spring</strong>, when the shoots ("eyes") are just pushing through, is easiest:
  there are no leaves in the way and you can see exactly where to cut.</li>
<li><strong>Late summer to early autumn</strong> also works, as long as there are four to six
  weeks before the ground freezes for the divisions to root in.</li>
</ul>

<p>Dig up the whole clump, then cut it with a sharp spade or knife so that each piece has
  several eyes and a good chunk of roots. Replant at the same depth, water well and give them
  a layer of mulch. A dead centre is a sure sign the clump wants dividing, so you're doing it
  a favour.</p>
""",
                    2215,
                ),
            ),
            accepted=61113,
        ),
        Question(
            61125,
            "2022-03-08T10:31:57",
            9,
            19516,
            55817,
            "Will used coffee grounds make my soil acidic enough for blueberries?",
            ("blueberries", "soil-ph", "coffee-grounds"),
            """
<p>I want to plant blueberries, and everyone says they need acidic soil. My soil test says
  pH 7.0. I can get as many used coffee grounds as I like from the café next door. If I dig a
  lot of them into the bed, will that lower the pH enough?</p>
""",
            answers=(
                Answer(
                    61127,
                    9,
                    3.3,
                    """
<p>Unfortunately no. Coffee beans are acidic, but most of the acid ends up in the cup. Used
  grounds are close to neutral, typically around pH 6.5 to 6.8, so they won't get a pH 7 soil
  anywhere near the 4.5 to 5.5 blueberries want.</p>

<p>To actually lower the pH:</p>

<ol>
<li>Work <strong>elemental sulfur</strong> into the bed, ideally a season before planting.
  Soil bacteria convert it to sulfuric acid slowly. The amount depends on your soil type, so
  follow the rates on the pack or from your soil test.</li>
<li>Mix in plenty of acidic organic matter such as peat-free ericaceous compost or composted
  pine bark.</li>
<li>Retest after a few months before planting.</li>
</ol>

<p>If your tap water is hard, it will keep pushing the pH back up; collect rainwater for the
  blueberries if you can. Growing them in large pots of ericaceous compost is the easy way
  out.</p>
""",
                    3981,
                    comments=3,
                ),
                Answer(
                    61140,
                    1,
                    48.0,
                    """
<p>The grounds are still good for the soil as organic matter, so don't throw them away; just
  don't count on them for acidity. Compost them first or use only a thin layer: a thick layer
  of fresh grounds mats together into a crust that water runs off.</p>
""",
                    7288,
                ),
            ),
            accepted=61127,
        ),
        Question(
            61150,
            "2022-03-29T20:18:11",
            7,
            11207,
            68320,
            "How do I get rid of fungus gnats in my indoor seedling trays?",
            ("pests", "seedlings", "indoor"),
            """
<p>I'm starting tomatoes and peppers under lights in the spare room, and there are now dozens
  of tiny black flies around the trays. Some seedlings look weak and a couple have collapsed.
  Are the flies the cause, and how do I get rid of them without spraying anything nasty
  indoors?</p>
""",
            answers=(
                Answer(
                    61151,
                    7,
                    1.4,
                    """
<p>These are fungus gnats. The adults are harmless, but their larvae live in the top few
  centimetres of wet compost and eat fungi, organic matter and, on seedlings, fine roots. So
  yes, they can contribute to weak and collapsing seedlings (damping off often happens in the
  same wet conditions).</p>

<p>What works:</p>

<ul>
<li><strong>Let the surface dry out</strong> between waterings and water from below by
  setting the trays in water for 15 minutes. Larvae need moist compost at the top.</li>
<li><strong>Yellow sticky traps</strong> laid flat or just above the trays catch the adults
  and show you whether you're winning.</li>
<li><strong>BTI</strong> (<em>Bacillus thuringiensis</em> subsp. <em>israelensis</em>), sold
  as "mosquito dunks" or granules: soak a piece in your watering water. It kills the larvae
  and is harmless to people, pets and plants.</li>
</ul>

<p>Keep it up for three to four weeks to catch all the generations.</p>
""",
                    2215,
                    comments=1,
                ),
                Answer(
                    61155,
                    3,
                    10.0,
                    """
<p>A 5 mm layer of fine sand or grit on top of the compost helps a lot. It dries out fast, so
  the adults have nowhere to lay eggs, and you can still water from below. It also helps
  against damping off, as the stems aren't sitting in wet compost.</p>
""",
                    14560,
                ),
                Answer(
                    61166,
                    0,
                    60.0,
                    """
<p>I've had success watering with a weak hydrogen peroxide solution: one part 3% peroxide to
  four parts water. It fizzes in the compost and kills the larvae it touches. Try it on one
  tray first, as young roots can be sensitive.</p>
""",
                    40034,
                ),
            ),
            accepted=61151,
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# chess.stackexchange.com
# --------------------------------------------------------------------------------------------

CHESS = Site(
    host="chess.stackexchange.com",
    expected_rows=9,
    wikis=(
        TagWiki(
            30001,
            4,
            "2022-01-10T12:00:00",
            """
Questions about the endgame, the last phase of a game when few pieces are left and the kings
  become active.
""",
        ),
        TagWiki(
            30002,
            5,
            "2022-01-10T12:00:00",
            """
<p>The <strong>endgame</strong> is the stage of the game when most pieces have been
  exchanged. Kings become strong attacking and defending pieces, and passed pawns often decide
  the result.</p>

<p>Many endings are known theoretical wins or draws. When asking about a position, give it as
  a FEN or in a PGN with <code>[SetUp "1"]</code> and <code>[FEN "..."]</code> tags so others
  can paste it into an engine or board.</p>
""",
        ),
    ),
    questions=(
        Question(
            30120,
            "2022-05-14T19:40:26",
            0,
            21,
            18820,
            "Book recommendations on pawn structures for a 1600 player?",
            ("books", "pawn-structure"),
            """
<p>I'm rated around 1600 online and I keep reaching middlegames where I don't know what to
  do once the opening is over. I've read that understanding pawn structures is the key. Which
  book would you suggest at my level, and should I read it before or after a general
  middlegame book?</p>
""",
        ),
        Question(
            30131,
            "2022-06-03T08:27:13",
            6,
            5419,
            27455,
            "Is the Fried Liver Attack sound against a prepared opponent?",
            ("opening", "two-knights-defense", "fried-liver-attack"),
            """
<p>I play 1.e4 and love the Fried Liver Attack. Against club players it wins a lot of quick
  games:</p>

<pre><code>[Event "Casual game"]
[White "Me"]
[Black "Opponent"]
[Result "*"]

1. e4 e5 2. Nf3 Nc6 3. Bc4 Nf6 4. Ng5 d5 5. exd5 Nxd5 6. Nxf7 Kxf7 7. Qf3+ Ke6
8. Nc3 *
</code></pre>

<p>But stronger players never play 5...Nxd5. What do they play instead, and is 4.Ng5 still a
  reasonable choice if my opponent knows the theory?</p>
""",
            answers=(
                Answer(
                    30134,
                    8,
                    2.7,
                    """
<p>Against 5...Nxd5 the sacrifice 6.Nxf7 is dangerous for Black in practice, and 6.d4 (the
  Lolli Attack) is considered even stronger. That's why prepared players avoid it. The main
  line is <strong>5...Na5</strong>, attacking the bishop:</p>

<pre><code>1. e4 e5 2. Nf3 Nc6 3. Bc4 Nf6 4. Ng5 d5 5. exd5 Na5 6. Bb5+ c6 7. dxc6 bxc6
8. Be2 h6 9. Nf3 e4 10. Ne5
</code></pre>

<p>Black is a pawn down but well ahead in development and White's knight has been pushed
  around. Both sides have played this for over a century and it's considered fine for
  Black. Others go for <em>4...Bc5</em>, the Traxler, which is a wild counter-attack.</p>

<p>So 4.Ng5 is sound: you aren't losing anything, but against good preparation you get a
  normal, complex game rather than a quick win. If you want to keep playing it, learn the
  5...Na5 line and the Traxler; otherwise 4.d3 gives quieter positions.</p>
""",
                    12201,
                    comments=2,
                ),
            ),
            accepted=30134,
        ),
        Question(
            30140,
            "2022-09-21T21:13:38",
            11,
            14890,
            45107,
            "What is the opposition and when does it matter in king and pawn endgames?",
            ("endgame", "king-pawn-endgame", "opposition"),
            """
<p>In a king and pawn ending I lost a won position and my coach said I "gave away the
  opposition". I've read the definition (kings facing each other with one square between
  them) but I don't understand why it decides the game or how to use it. Could someone
  explain it with an example?</p>
""",
            answers=(
                Answer(
                    30142,
                    12,
                    1.9,
                    """
<p>Kings can never stand next to each other, so when they face each other with one square
  between them, the side that does <em>not</em> have to move "has the opposition": the other
  king must step aside and let it through.</p>

<p>In king and pawn against king, the attacker wants his king in front of his pawn and the
  opposition. Here White's king is already on the sixth rank in front of the pawn, which wins
  whoever is to move:</p>

<pre><code>[SetUp "1"]
[FEN "4k3/8/4K3/4P3/8/8/8/8 w - - 0 1"]
[Result "1-0"]

1. Kd6 Kd8 2. e6 Ke8 3. e7 Kf7 4. Kd7 1-0
</code></pre>

<p>After 1.Kd6 Black takes the opposition with 1...Kd8, but White can use a pawn move as a
  spare tempo, and after 3.e7 the black king has to leave. Then 4.Kd7 covers the queening
  square.</p>

<p>The general rule: if your king reaches the sixth rank in front of a non-rook pawn, it's a
  win. When the pawn is further back, whoever takes the opposition at the right moment
  decides whether the king gets there.</p>
""",
                    12201,
                    comments=3,
                ),
                Answer(
                    30145,
                    0,
                    9.0,
                    """
<p>It helped me to learn <strong>key squares</strong> alongside the opposition. For a pawn on
  the second, third or fourth rank, the key squares are the three squares two ranks in front of it
  (for a pawn on e4: d6, e6 and f6). If the attacking king reaches any of them, it's a win
  regardless of the opposition. The opposition is the fight over whether the king gets
  there.</p>
""",
                    27455,
                ),
                Answer(
                    30151,
                    -1,
                    40.0,
                    """
<p>Practical tip: count who is to move before you trade down into a pawn ending. A lot of
  "lost won positions" come from exchanging pieces into an ending where the opponent ends up
  with the opposition.</p>
""",
                    60712,
                ),
            ),
            accepted=30142,
        ),
    ),
)


SITES = (COOKING, BICYCLES, GARDENING, CHESS)


def main() -> None:
    for site in SITES:
        path = write_site(site)
        print(f"wrote {path.relative_to(OUT_DIR.parent.parent.parent)}")


if __name__ == "__main__":
    main()
