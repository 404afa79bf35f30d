"""Write the sample Wikipedia dumps shipped in corpora/samples/wikipedia/.

Four small MediaWiki XML exports (export schema 0.10), compressed with bzip2 like the real
``<dbname>-<date>-pages-articles.xml.bz2`` dumps:

    enwiki-sample-pages-articles.xml.bz2   12 articles, 2 redirects, 1 talk page, 1 template
    dewiki-sample-pages-articles.xml.bz2   5 articles, 1 redirect
    frwiki-sample-pages-articles.xml.bz2   5 articles, 1 redirect
    bgwiki-sample-pages-articles.xml.bz2   5 articles, 1 redirect

Each file has a ``<siteinfo>`` with the localised namespace names of its wiki, and the articles
use the markup real articles use: infoboxes and other templates, ``<ref>`` footnotes with cite
templates, tables, file links, HTML comments and tags, categories and interlanguage links.

All of the text was written for this project as test material; none of it is copied from
Wikipedia. The English articles cite the pages of the CommonCrawl sample
(corpora/samples/commoncrawl/pages.jsonl), plus two other fictional URLs written in
non-canonical forms (http://, no "www.", trailing slash, #fragment) to exercise URL
normalisation. Everything else cited is on example.org, example.com or example.net.

Output is deterministic: fixed page and revision ids, fixed 2023 timestamps, bzip2 level 9.

    python scripts/make_wiki_samples.py
"""

from __future__ import annotations

import bz2
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

OUT_DIR = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "wikipedia"
GENERATOR = "MediaWiki 1.41.0-wmf.25"
EXPORT_NS = "http://www.mediawiki.org/xml/export-0.10/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://www.mediawiki.org/xml/export-0.10.xsd"


def unwrap(text: str) -> str:
    """Undo the source wrapping of the page texts below.

    Long wikitext lines are wrapped in this file to keep it within the line-length limit: a line
    that starts with two spaces continues the line before it, joined by a single space. Wikitext
    itself never starts a line with two spaces here (that would be preformatted text).
    """
    return re.sub(r"\n  (?=\S)", " ", text.strip("\n"))


@dataclass(frozen=True)
class Page:
    title: str
    timestamp: str
    user: str
    comment: str
    text: str
    ns: int = 0
    redirect: str | None = None


@dataclass(frozen=True)
class Wiki:
    lang: str
    sitename: str
    main_page: str
    namespaces: tuple[tuple[int, str], ...]
    first_page_id: int
    first_rev_id: int
    pages: tuple[Page, ...]

    @property
    def dbname(self) -> str:
        return f"{self.lang}wiki"

    @property
    def base(self) -> str:
        return f"https://{self.lang}.wikipedia.org/wiki/" + quote(
            self.main_page.replace(" ", "_"), safe=":_"
        )

    @property
    def filename(self) -> str:
        return f"{self.dbname}-sample-pages-articles.xml.bz2"


def sha1_base36(text: str) -> str:
    """The revision checksum as MediaWiki writes it: SHA-1 in base 36, 31 digits."""
    n = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest(), "big")
    digits = ""
    while n:
        n, r = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + digits
    return digits.rjust(31, "0")


def xml_text(s: str) -> str:
    return escape(s, {'"': "&quot;"})


def siteinfo_xml(wiki: Wiki) -> list[str]:
    lines = [
        "  <siteinfo>",
        f"    <sitename>{xml_text(wiki.sitename)}</sitename>",
        f"    <dbname>{wiki.dbname}</dbname>",
        f"    <base>{xml_text(wiki.base)}</base>",
        f"    <generator>{GENERATOR}</generator>",
        "    <case>first-letter</case>",
        "    <namespaces>",
    ]
    for key, name in wiki.namespaces:
        if name:
            lines.append(
                f'      <namespace key="{key}" case="first-letter">{xml_text(name)}</namespace>'
            )
        else:
            lines.append(f'      <namespace key="{key}" case="first-letter" />')
    lines += ["    </namespaces>", "  </siteinfo>"]
    return lines


def page_xml(page: Page, page_id: int, rev_id: int, parent_id: int, user_id: int) -> list[str]:
    lines = [
        "  <page>",
        f"    <title>{xml_text(page.title)}</title>",
        f"    <ns>{page.ns}</ns>",
        f"    <id>{page_id}</id>",
    ]
    if page.redirect:
        lines.append(f"    <redirect title={quoteattr(page.redirect)} />")
    lines += [
        "    <revision>",
        f"      <id>{rev_id}</id>",
        f"      <parentid>{parent_id}</parentid>",
        f"      <timestamp>{page.timestamp}</timestamp>",
        "      <contributor>",
        f"        <username>{xml_text(page.user)}</username>",
        f"        <id>{user_id}</id>",
        "      </contributor>",
        f"      <comment>{xml_text(page.comment)}</comment>",
        "      <model>wikitext</model>",
        "      <format>text/x-wiki</format>",
        f'      <text xml:space="preserve">{xml_text(page.text)}</text>',
        f"      <sha1>{sha1_base36(page.text)}</sha1>",
        "    </revision>",
        "  </page>",
    ]
    return lines


def user_id(name: str) -> int:
    """A stable made-up user id for a user name."""
    return 100000 + int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:6], 16) % 40000000


def dump_xml(wiki: Wiki) -> str:
    lines = [
        f'<mediawiki xmlns="{EXPORT_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{EXPORT_NS} {SCHEMA}" version="0.10" xml:lang="{wiki.lang}">',
        *siteinfo_xml(wiki),
    ]
    for i, page in enumerate(wiki.pages):
        page_id = wiki.first_page_id + 173 * i + (i * i) % 29
        rev_id = wiki.first_rev_id + 1847 * i + (7 * i) % 13
        parent_id = rev_id - 211 - 17 * i
        lines += page_xml(page, page_id, rev_id, parent_id, user_id(page.user))
    lines.append("</mediawiki>")
    return "\n".join(lines) + "\n"


def write_dump(wiki: Wiki, out_dir: Path = OUT_DIR) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / wiki.filename
    path.write_bytes(bz2.compress(dump_xml(wiki).encode("utf-8"), compresslevel=9))
    return path


EN_NAMESPACES = (
    (-2, "Media"),
    (-1, "Special"),
    (0, ""),
    (1, "Talk"),
    (2, "User"),
    (3, "User talk"),
    (4, "Wikipedia"),
    (5, "Wikipedia talk"),
    (6, "File"),
    (7, "File talk"),
    (8, "MediaWiki"),
    (9, "MediaWiki talk"),
    (10, "Template"),
    (11, "Template talk"),
    (12, "Help"),
    (13, "Help talk"),
    (14, "Category"),
    (15, "Category talk"),
    (100, "Portal"),
    (101, "Portal talk"),
    (118, "Draft"),
    (119, "Draft talk"),
    (710, "TimedText"),
    (711, "TimedText talk"),
    (828, "Module"),
    (829, "Module talk"),
)

DE_NAMESPACES = (
    (-2, "Medium"),
    (-1, "Spezial"),
    (0, ""),
    (1, "Diskussion"),
    (2, "Benutzer"),
    (3, "Benutzer Diskussion"),
    (4, "Wikipedia"),
    (5, "Wikipedia Diskussion"),
    (6, "Datei"),
    (7, "Datei Diskussion"),
    (8, "MediaWiki"),
    (9, "MediaWiki Diskussion"),
    (10, "Vorlage"),
    (11, "Vorlage Diskussion"),
    (12, "Hilfe"),
    (13, "Hilfe Diskussion"),
    (14, "Kategorie"),
    (15, "Kategorie Diskussion"),
    (100, "Portal"),
    (101, "Portal Diskussion"),
    (710, "TimedText"),
    (711, "TimedText talk"),
    (828, "Modul"),
    (829, "Modul Diskussion"),
)

FR_NAMESPACES = (
    (-2, "Média"),
    (-1, "Spécial"),
    (0, ""),
    (1, "Discussion"),
    (2, "Utilisateur"),
    (3, "Discussion utilisateur"),
    (4, "Wikipédia"),
    (5, "Discussion Wikipédia"),
    (6, "Fichier"),
    (7, "Discussion fichier"),
    (8, "MediaWiki"),
    (9, "Discussion MediaWiki"),
    (10, "Modèle"),
    (11, "Discussion modèle"),
    (12, "Aide"),
    (13, "Discussion aide"),
    (14, "Catégorie"),
    (15, "Discussion catégorie"),
    (100, "Portail"),
    (101, "Discussion Portail"),
    (102, "Projet"),
    (103, "Discussion Projet"),
    (104, "Référence"),
    (105, "Discussion Référence"),
    (710, "TimedText"),
    (711, "TimedText talk"),
    (828, "Module"),
    (829, "Discussion module"),
)

BG_NAMESPACES = (
    (-2, "Медия"),
    (-1, "Специални"),
    (0, ""),
    (1, "Беседа"),
    (2, "Потребител"),
    (3, "Потребител беседа"),
    (4, "Уикипедия"),
    (5, "Уикипедия беседа"),
    (6, "Файл"),
    (7, "Файл беседа"),
    (8, "МедияУики"),
    (9, "МедияУики беседа"),
    (10, "Шаблон"),
    (11, "Шаблон беседа"),
    (12, "Помощ"),
    (13, "Помощ беседа"),
    (14, "Категория"),
    (15, "Категория беседа"),
    (100, "Портал"),
    (101, "Портал беседа"),
    (710, "TimedText"),
    (711, "TimedText talk"),
    (828, "Модул"),
    (829, "Модул беседа"),
)

EN_PAGES = (
    Page(
        title="Composting",
        timestamp="2023-04-02T10:15:22Z",
        user="Leafmould",
        comment="/* Wildlife */ expanded",
        text=unwrap("""
{{Short description|Controlled decomposition of organic matter}}
{{Infobox process
| name        = Composting
| image       = Compost heap in autumn.jpg
| caption     = A three-bay compost system in a community garden
| type        = [[Aerobic decomposition]]
| inputs      = Garden waste, food scraps, [[manure]]
| outputs     = [[Compost]], [[carbon dioxide]], heat
| duration    = 2–12 months
}}
'''Composting''' is the managed breakdown of [[organic matter]] such as leaves, grass
  clippings and kitchen scraps into a dark, crumbly material called ''compost'' or, in older
  gardening books, ''vegetable mould''. The work is done by [[bacteria]], [[fungi]] and
  small invertebrates including [[earthworm]]s and [[woodlouse|woodlice]]. Households, farms
  and local authorities compost to reduce the waste sent to [[landfill]] and to improve
  [[soil structure]].<ref name="riverbend-beginners">{{cite web
  |url=https://www.riverbend-gardening.example/articles/composting-for-beginners
  |title=Composting for beginners |website=Riverbend Gardening
  |access-date=2023-04-02}}</ref>

== History ==
Farmers have piled [[manure]] and crop residues for as long as fields have been cultivated.
  Advice on building heaps appears in Roman farming manuals, and in eighteenth-century
  Europe the sweepings of town streets were sold to market gardeners on the edge of cities.
  Systematic composting developed in the early twentieth century, when agronomists began to
  measure the temperature and moisture of heaps and to record how quickly different mixtures
  decayed.{{Citation needed|date=May 2023}}

== Process ==
A compost heap passes through several overlapping stages. In the first few days,
  [[mesophile|mesophilic]] organisms consume sugars and starches and the temperature rises.
  If the heap is large enough, roughly one cubic metre ({{convert|1|m3|cuft|disp=out}}) or
  more, heat-loving [[thermophile|thermophilic]] bacteria take over and the centre can reach
  {{convert|60|C|F}}. As the easily digested material runs out, the heap cools, fungi and
  [[actinomycetota|actinomycetes]] attack tougher fibres such as [[lignin]], and larger
  animals move in during the final ''curing'' phase.

=== Carbon and nitrogen ===
Gardeners usually divide inputs into "greens", which are rich in [[nitrogen]], and "browns",
  which are rich in [[carbon]]. A working mixture has roughly 25 to 30 parts carbon to one
  part nitrogen by weight.<ref>{{cite book |last=Hallow |first=Maren |title=The Working
  Compost Heap |publisher=Fernleaf Press |location=Norwich |year=2011 |page=42}}</ref> Too
  many greens produce a wet, smelly heap; too many browns give a heap that stays cold for
  months.

{| class="wikitable"
|+ Typical carbon-to-nitrogen ratios of common inputs
! Material !! Category !! Approximate C:N ratio
|-
| Grass clippings || Green || 20:1
|-
| Vegetable peelings || Green || 15:1
|-
| Fallen leaves || Brown || 60:1
|-
| Straw || Brown || 80:1
|-
| Shredded cardboard || Brown || 350:1
|}

=== Moisture and air ===
Decomposer organisms need both water and [[oxygen]]. A common rule of thumb is that compost
  should feel like a wrung-out sponge. Turning the heap with a fork, or building it around a
  core of coarse twigs, lets air reach the middle; a heap that is never turned still rots,
  but more slowly and at lower temperatures.<ref name="riverbend-beginners"/>

== Methods ==
[[File:Wooden compost bins.jpg|thumb|right|Slatted wooden bins let air reach the [[compost]]
  from the sides]]
* '''Open heaps''' are the simplest method and suit large gardens.
* '''Enclosed bins''' made of timber, wire mesh or recycled plastic keep the material tidy
  and hold in heat.
* '''[[Vermicomposting]]''' uses [[Eisenia fetida|red wiggler worms]] kept in shallow trays,
  and works indoors.
* '''[[Bokashi]]''' ({{lang|ja|ぼかし}}) ferments kitchen waste in a sealed bucket with
  inoculated bran before it is buried.
* '''[[Leaf mould]]''' is made from autumn leaves alone, which are broken down mainly by
  fungi over one to two years.

== Wildlife ==
A compost heap is a warm, sheltered habitat. [[Slow worm]]s, [[common frog|frogs]] and
  [[hedgehog]]s shelter in or beside heaps, and the invertebrates that live in the compost
  are an important winter food for garden birds such as the [[European robin|robin]] and the
  [[Eurasian wren|wren]].<ref>{{cite web
  |url=https://www.riverbend-gardening.example/wildlife/winter-garden-birdwatching
  |title=Winter garden birdwatching |website=Riverbend Gardening
  |access-date=2023-01-15}}</ref>
<!-- TODO: add a section on municipal collection schemes -->

== See also ==
* [[Anaerobic digestion]]
* [[Mulch]]
* [[Soil fertility]]

== References ==
{{Reflist}}

[[Category:Composting| ]]
[[Category:Gardening]]
[[Category:Waste management]]

[[de:Kompostierung]]
[[fr:Compostage]]
[[bg:Компостиране]]
"""),
    ),
    Page(
        title="Beekeeping",
        timestamp="2023-03-30T16:42:09Z",
        user="Skep and Smoke",
        comment="added equipment table",
        text=unwrap("""
{{Infobox occupation
| name               = Beekeeper
| image              = Beekeeper inspecting frame.jpg
| caption            = A beekeeper lifting a brood frame during a spring inspection
| official_names     = Apiarist
| activity_sector    = [[Agriculture]]
| competencies       = Colony management, [[swarm]] control, [[honey]] extraction
| related_occupation = [[Farmer]], [[horticulturist]]
}}
'''Beekeeping''', also called '''apiculture''', is the keeping of [[honey bee]] colonies,
  usually in man-made [[beehive|hives]], for their [[honey]], [[beeswax]] and other
  products, or for the [[pollination]] of crops. A person who keeps bees is a ''beekeeper''
  or ''apiarist'', and the place where hives stand is an ''[[apiary]]''. Most managed
  colonies belong to the western honey bee, ''[[Apis mellifera]]'', although the eastern
  honey bee, ''[[Apis cerana]]'', is kept in parts of Asia.

== History ==
People robbed wild nests long before they kept bees; rock paintings show honey hunters
  climbing cliffs with baskets and smoke. Keeping colonies in containers such as clay pipes,
  hollow logs and woven straw [[skep]]s developed separately in several regions. The modern
  movable-frame hive appeared in the nineteenth century, after beekeepers noticed that bees
  leave a gap of about {{convert|8|mm|in|abbr=on}}, the ''[[bee space]]'', between
  neighbouring combs. Frames spaced to respect this gap can be lifted out and inspected
  without tearing the comb.<ref>{{cite book |last1=Ostrander |first1=Paul |last2=Mbeki
  |first2=Ruth |title=Frames, Skeps and Smokers: A Social History of the Hive
  |publisher=Hollin & Yates |year=2008 |pages=77–81}}</ref>

== The colony ==
A colony contains a single fertile [[queen bee|queen]], several thousand to several tens of
  thousands of sterile female [[worker bee|workers]] and, in the warmer months, a few
  hundred male [[drone (bee)|drones]]. Workers change tasks as they age: young bees clean
  cells and feed [[larva]]e, middle-aged bees build comb and guard the entrance, and the
  oldest bees [[forage]] for [[nectar]], [[pollen]], water and [[propolis]].

=== Seasonal cycle ===
[[File:Honeycomb with capped brood.jpg|thumb|left|Capped worker brood in the centre of a
  frame, with pollen and honey stored around it]]
In temperate climates the colony shrinks over winter to a tight cluster that keeps the queen
  warm. Brood rearing resumes in late winter, and by late spring the colony may be strong
  enough to [[swarming (honey bee)|swarm]]: the old queen leaves with about half of the
  workers to found a new nest. Beekeepers try to prevent or manage swarming by giving the
  colony more room or by making an artificial split.

== Equipment ==
{| class="wikitable sortable"
! Item !! Purpose
|-
| Hive body and frames || Hold the brood nest and the stored food
|-
| [[Queen excluder]] || Keeps the queen out of the honey boxes, or ''supers''
|-
| [[Bee smoker|Smoker]] || Calms bees by masking their alarm [[pheromone]]s
|-
| Hive tool || Prises apart boxes glued together with propolis
|-
| Veil and suit || Protect the beekeeper from stings
|}

== Starting out ==
Beginners are commonly advised to join a local association, take a practical course and
  start with two colonies rather than one, so that they can compare them.<ref
  name="firstyear">{{cite web
  |url=https://www.riverbend-gardening.example/beekeeping/first-year-with-bees |title=My
  first year with bees |website=Riverbend Gardening |date=2022-11-08
  |access-date=2023-03-30}}</ref> A good site is sheltered from wind, catches the morning
  sun and has water nearby. Much of the first year is spent learning to read the frames:
  recognising eggs, healthy brood, queen cells and the early signs of disease.<ref
  name="firstyear"/>

Many beekeepers also grow nectar-rich plants and keep a compost heap close to the apiary,
  since the same gardens that feed bees benefit from well-made compost.<ref>{{cite web
  |url=https://www.riverbend-gardening.example/articles/composting-for-beginners
  |title=Composting for beginners |website=Riverbend Gardening
  |access-date=2023-04-11}}</ref>

== Pests and diseases ==
The parasitic mite ''[[Varroa destructor]]'' is the most serious problem for western honey
  bees in most of the world. It feeds on developing bees and spreads viruses, and untreated
  colonies usually die within a few years.{{Citation needed|date=June 2023}} Other problems
  include [[American foulbrood]], which must be reported to the authorities in many
  countries, [[Nosema apis|nosema]] and the [[small hive beetle]].

== References ==
{{Reflist}}

[[Category:Beekeeping| ]]
[[Category:Agriculture]]

[[de:Imkerei]]
[[fr:Apiculture]]
[[bg:Пчеларство]]
"""),
    ),
    Page(
        title="Bicycle tyre",
        timestamp="2023-05-20T08:03:51Z",
        user="Spokewise",
        comment="/* Sizes */ table",
        text=unwrap("""
{{Infobox mechanical part
| name           = Bicycle tyre
| image          = Road bicycle tyre tread.jpg
| caption        = A 28&nbsp;mm road tyre with a light file tread
| type           = [[Pneumatic tyre]]
| inventor       =
| first_produced = 1880s
| components     = [[Bead (tyre)|Bead]], casing, tread, [[inner tube]] (if fitted)
}}
A '''bicycle tyre''' (American English: ''bicycle tire'') is the [[tyre]] fitted to the
  [[wheel]] of a [[bicycle]]. Nearly all modern bicycle tyres are [[pneumatic
  tyre|pneumatic]]: a flexible casing holds air under pressure, either in a separate [[inner
  tube]] or directly against a sealed rim. The tyre carries the rider's weight, soaks up
  small bumps and provides grip for braking and cornering.

== Construction ==
A tyre has three main parts. The '''bead''' is a loop of steel wire or [[aramid]] fibre that
  holds the tyre on the rim; aramid beads can be folded, which is why such tyres are sold as
  ''folding tyres''. The '''casing''' is a layer of fabric, usually [[nylon]] or [[cotton]],
  coated in rubber; its thread count, given in threads per inch (TPI), affects how supple
  the tyre feels. The '''tread''' is the rubber surface that touches the ground, and may be
  smooth, lightly patterned or deeply knobbed for mud.

=== Sizes ===
Bicycle tyre sizes have been described by many inconsistent systems. The [[ISO 5775]]
  standard, often called ETRTO sizing, gives the tyre width and the bead seat diameter in
  millimetres, so that a tyre marked 37-622 is 37&nbsp;mm wide and fits a rim with a
  622&nbsp;mm bead seat.<ref>{{cite book |author=European Cycle Trade Council
  |title=Handbook of Wheel and Tyre Dimensions |edition=4th |publisher=ECTC Publications
  |year=2015 |page=12}}</ref>

{| class="wikitable"
|+ Common bead seat diameters
! ISO bead seat (mm) !! Traditional names !! Typical use
|-
| 622 || 700C, 28-inch, 29er || Road, touring and many mountain bikes
|-
| 584 || 650B, 27.5-inch || Mountain, gravel and randonneur bikes
|-
| 559 || 26-inch || Older mountain bikes, expedition touring
|-
| 406 || 20-inch || Folding and children's bikes, [[BMX]]
|}

== Inflation pressure ==
Recommended pressures are moulded into the sidewall. Narrow road tyres may run at
  {{convert|6|-|8|bar|psi|abbr=on}}, while wide mountain-bike tyres may be ridden below
  {{convert|1.5|bar|psi|abbr=on}}. Lower pressure improves comfort and grip on rough
  surfaces; too little risks a ''pinch flat'', in which the tube is trapped between the rim
  and an obstacle and cut with two small parallel slits.{{efn|Because of the shape of the
  two holes, cyclists often call a pinch flat a ''snakebite''.}}

== Punctures and repair ==
[[File:Tyre levers and patch kit.jpg|thumb|A basic repair kit: tyre levers, patches, glue
  and a small square of sandpaper]]
Most punctures are caused by glass, thorns or flints working through the tread. The usual
  roadside repair is to remove the wheel, lever one side of the tyre off the rim, find the
  hole in the tube, and either patch it or fit a spare. Before refitting, the inside of the
  tyre should be checked by hand for the object that caused the puncture, otherwise the new
  tube will soon fail as well.<ref>{{cite web
  |url=https://www.opentrail-journal.example/bike-workshop/fix-a-flat-tyre |title=How to fix
  a flat tyre at the roadside |website=OpenTrail Journal |access-date=2023-05-20}}</ref>

=== Tubeless systems ===
Tubeless tyres seal directly against a special rim and contain a liquid [[latex]] sealant
  that plugs small holes as they form. They have become common on mountain and gravel bikes
  since the 2010s.<ref>[https://example.org/cycling/tubeless-guide Tubeless tyres: a
  practical guide]</ref> Larger cuts can be closed from outside with a rubber plug, or by
  fitting an emergency inner tube.

== Notes ==
{{Notelist}}

== References ==
{{Reflist}}

[[Category:Bicycle parts]]
[[Category:Tyres]]

[[de:Fahrradreifen]]
[[fr:Pneu de vélo]]
"""),
    ),
    Page(
        title="Breadmaking",
        timestamp="2023-02-18T19:27:40Z",
        user="Crumb and Crust",
        comment="copyedit; hydration table",
        text=unwrap("""
{{Infobox food
| name            = Bread
| image           = Crusty white loaf.jpg
| image_size      = 250px
| caption         = A plain white loaf with a split top crust
| type            = [[Staple food]]
| main_ingredient = [[Flour]], [[water]], [[yeast]] or [[sourdough]] starter, [[salt]]
| variations      = [[Flatbread]], [[rye bread]], [[soda bread]]
}}
'''Breadmaking''' or '''bread baking''' is the process of turning [[flour]], water and a
  [[leavening agent]] into [[bread]]. Home bakers and industrial bakeries follow the same
  basic sequence of mixing, [[fermentation]], shaping, proofing and baking, although the
  timing and the equipment differ greatly. A simple loaf needs only four ingredients, and
  much of the variety of the world's breads comes from differences in flour, hydration and
  fermentation.<ref name="hearth-loaf">{{cite web
  |url=https://www.hearthandhome-living.example/kitchen/simple-everyday-loaf |title=A simple
  everyday loaf |website=Hearth & Home Living |access-date=2023-02-18}}</ref>

== Ingredients ==
=== Flour ===
[[Wheat]] flour is the most common base because two of its proteins, [[gliadin]] and
  [[glutenin]], form [[gluten]] when they are wetted and worked. Gluten makes an elastic
  network that traps gas from fermentation. ''Strong'' or ''bread'' flour has a higher
  protein content, typically 12–14 per cent, than flour sold for cakes. [[Rye]] and
  [[spelt]] flours behave differently and are often mixed with wheat.

=== Leavening ===
Most bread is raised with baker's yeast, ''[[Saccharomyces cerevisiae]]'', sold fresh, dried
  or as instant granules. [[Sourdough]] uses a ''starter'', a culture of wild yeasts and
  [[lactic acid bacteria]] kept alive by regular feeding, which gives a slower rise and a
  sharper flavour.

=== Hydration ===
Bakers express the water in a recipe as a percentage of the flour weight, a convention known
  as ''[[baker's percentage]]''.

{| class="wikitable"
! Style !! Hydration !! Resulting crumb
|-
| Bagel dough || 55–60% || Dense, chewy
|-
| Sandwich tin loaf || 62–66% || Soft, even
|-
| Country loaf || 70–78% || Open, irregular
|-
| [[Ciabatta]] || 80% and above || Very open, with glossy holes
|}

== Method ==
# '''Mixing''' combines the ingredients and begins gluten development.
# '''Kneading''', or a series of ''stretch and folds'', strengthens the dough.
# '''Bulk fermentation''' lets the whole mass rise, usually until it has grown by half or
  more.
# '''Shaping''' forms the loaf and builds tension in its surface.
# '''Proofing''' is a final rise in a tin or in a floured basket (a ''[[banneton]]'').
# '''Baking''' in a hot oven, often at {{convert|220|-|240|C|F}}, sets the structure and
  browns the crust through the [[Maillard reaction]].

A loaf is generally done when its core reaches about {{convert|96|C|F}} and the base sounds
  hollow when tapped.<ref name="hearth-loaf"/> Leaving the bread to cool for at least an
  hour lets the moisture settle; cutting too early gives a gummy crumb.{{Citation
  needed|date=March 2023}}

== Milling and local history ==
[[File:Stone mill interior.jpg|thumb|upright|The millstones of a restored [[watermill]],
  still used for demonstration grinding]]
Before the introduction of roller mills, flour was ground between stones in water- or
  wind-powered mills, and many small towns grew up around them. Local histories often
  describe how a mill village became a market town once grain, flour and bread were traded
  there every week.<ref>{{cite web
  |url=https://www.millbrook-gazette.example/local-history/mill-town-to-market-town
  |title=From mill town to market town |website=Millbrook Gazette
  |access-date=2023-06-03}}</ref>

== Regional breads ==
* [[Baguette]], a long thin loaf associated with France ({{lang|fr|pain de tradition
  française}})
* [[Pumpernickel]], a dark, dense rye bread from [[Westphalia]]
* [[Naan]], a leavened flatbread baked against the wall of a [[tandoor]]
* [[Soda bread]], leavened with [[sodium bicarbonate]] and buttermilk instead of yeast

== References ==
{{Reflist}}

[[Category:Breads]]
[[Category:Baking]]
[[Category:Cooking techniques]]

[[de:Brotbacken]]
[[fr:Panification]]
[[bg:Хлебопечене]]
"""),
    ),
    Page(
        title="Chess opening",
        timestamp="2023-03-17T21:10:33Z",
        user="Fianchetto Fan",
        comment="/* The Italian Game */ sourced",
        text=unwrap("""
{{Infobox chess topic
| name           = Chess opening
| image          = Chess opening starting position.svg
| caption        = The starting position, from which every opening begins
| game           = [[Chess]]
| phase          = Roughly the first 10–15 moves
| classification = [[Encyclopaedia of Chess Openings|ECO codes]] A00–E99
}}
A '''chess opening''' is the first stage of a [[chess]] game, in which both players bring
  their pieces into play, and by extension any named sequence of opening moves. Openings
  that have been studied in depth are recorded as ''opening theory'', and strong players may
  memorise many moves of their favourite lines. The opening gives way to the [[chess
  middlegame|middlegame]] once most pieces have been developed and the players begin to
  pursue concrete plans.

== Principles ==
Although opening theory is vast, most advice for beginners follows a few general principles:
# '''Control the centre''', especially the squares e4, d4, e5 and d5, with pawns and pieces.
# '''Develop''' the [[knight (chess)|knights]] and [[bishop (chess)|bishops]] quickly,
  generally before moving the same piece twice.
# '''Protect the king''' by [[castling]] early.
# '''Do not bring the queen out too soon''', where it can be chased by minor pieces with
  gain of time.

Experienced players often break these guidelines, but usually for concrete tactical
  reasons.{{Citation needed|date=January 2023}}

== Classification ==
Openings are usually grouped by their first moves:
* '''Open games''' begin 1.e4 e5.
* '''Semi-open games''' begin 1.e4 with a reply other than 1...e5, such as the [[Sicilian
  Defence]] (1...c5) or the [[French Defence]] (1...e6).
* '''Closed games''' begin 1.d4 d5.
* '''Indian defences''' begin 1.d4 Nf6.
* '''Flank openings''', such as the [[English Opening]] (1.c4), avoid occupying the centre
  with pawns straight away.

{| class="wikitable sortable"
|+ Selected openings
! Name !! Moves !! ECO codes
|-
| [[Italian Game]] || 1.e4 e5 2.Nf3 Nc6 3.Bc4 || C50–C54
|-
| [[Ruy Lopez]] || 1.e4 e5 2.Nf3 Nc6 3.Bb5 || C60–C99
|-
| [[Sicilian Defence]] || 1.e4 c5 || B20–B99
|-
| [[French Defence]] || 1.e4 e6 2.d4 d5 || C00–C19
|-
| [[Queen's Gambit]] || 1.d4 d5 2.c4 || D06–D69
|-
| [[King's Indian Defence]] || 1.d4 Nf6 2.c4 g6 || E60–E99
|-
| [[English Opening]] || 1.c4 || A10–A39
|}

== The Italian Game ==
[[File:Italian Game after 3.Bc4.svg|thumb|right|Position after 3.Bc4: the bishop aims at the
  weak f7 square]]
The Italian Game is among the oldest recorded openings and a common first choice for
  beginners. After 3.Bc4 White's bishop points at f7, a square defended only by the black
  king. The quiet main line 3...Bc5 is known as the {{lang|it|Giuoco Piano}} ("quiet game"),
  while 3...Nf6, the [[Two Knights Defense|Two Knights Defence]], leads to sharper play.<ref
  name="qs-italian">{{cite web
  |url=https://www.quietsquare-learning.example/chess/italian-game-explained |title=The
  Italian Game explained |website=Quiet Square Learning |access-date=2023-03-17}}</ref> In
  the [[Evans Gambit]], White offers a pawn with 4.b4 to gain time for an attack.<ref
  name="qs-italian"/>

Modern grandmasters often prefer a slow version called the ''Giuoco Pianissimo'', with an
  early d3 and c3, manoeuvring behind the pawns rather than opening the centre at
  once.<ref>{{cite book |last=Brandt |first=Emil |title=Quiet Moves: Positional Play in the
  Open Games |publisher=Kingsgate Chess |year=2020 |pages=12–19}}</ref>

== Gambits ==
A ''gambit'' is an opening in which a player gives up material, usually a pawn, for faster
  development or attacking chances. Well-known examples include the [[King's Gambit]] (1.e4
  e5 2.f4) and the Queen's Gambit, although in the latter Black can rarely hold on to the
  extra pawn.<ref>[https://example.net/chess/gambits-overview An overview of gambits]</ref>

== References ==
{{Reflist}}

[[Category:Chess openings| ]]
[[Category:Chess theory]]

[[de:Eröffnung (Schach)]]
[[fr:Ouverture (échecs)]]
[[bg:Шахматно откриване]]
"""),
    ),
    Page(
        title="First aid",
        timestamp="2023-03-09T12:55:18Z",
        user="Triangular Bandage",
        comment="/* Assessing a casualty */",
        text=unwrap("""
{{Infobox medical intervention
| name      = First aid
| image     = Basic first aid kit.jpg
| caption   = A small first aid kit of the kind kept in homes and vehicles
| specialty = [[Emergency medicine]]
| synonyms  = Emergency first response
}}
'''First aid''' is the immediate help given to a person who has been injured or has suddenly
  fallen ill, before professional medical care arrives. It is usually given by a bystander,
  a relative or a trained ''first aider'' at a workplace, and it relies on simple techniques
  and little or no equipment. Many countries require employers to have trained staff and a
  stocked [[first aid kit]] on the premises.<ref name="hh-firstaid">{{cite web
  |url=https://www.hearthandhome-living.example/health/first-aid-basics |title=First aid
  basics everyone should know |website=Hearth & Home Living |access-date=2023-03-09}}</ref>

== Aims ==
Training courses often sum up the purpose of first aid as the "three Ps":
* to '''preserve''' life;
* to '''prevent''' the condition from becoming worse;
* to '''promote''' recovery.

A first aider is not expected to diagnose or treat in the way that a [[physician]] or
  [[paramedic]] would. Often the most important actions are to make the scene safe, to call
  the [[emergency telephone number]] early and to keep the casualty comfortable until help
  arrives.

== Assessing a casualty ==
[[File:Recovery position demonstration.jpg|thumb|A trainer demonstrating the [[recovery
  position]] during a workplace course]]
The ''primary survey'' is a quick check for life-threatening problems, commonly remembered
  by the letters DRABC:
{| class="wikitable"
! Letter !! Step !! What the first aider checks
|-
| D || Danger || Traffic, fire, electricity or other hazards to the rescuer
|-
| R || Response || Whether the casualty answers or reacts to a gentle shake
|-
| A || Airway || That the airway is open, usually by tilting the head back
|-
| B || Breathing || Normal breathing, by looking, listening and feeling for up to ten
  seconds
|-
| C || Circulation || Severe bleeding, and whether chest compressions are needed
|}
A person who is unresponsive but breathing normally is usually placed in the [[recovery
  position]], on their side with the head tilted so that fluids can drain from the
  mouth.<ref name="hh-firstaid"/>

== Common emergencies ==
=== Cardiac arrest ===
If someone is unresponsive and not breathing normally, bystanders are taught to begin
  [[cardiopulmonary resuscitation]] (CPR). Adult guidelines call for chest compressions at a
  rate of 100 to 120 a minute and a depth of {{convert|5|-|6|cm|in}}, and for an [[automated
  external defibrillator]] to be fetched as quickly as possible.<ref>{{cite book
  |last=Dunmore |first=Alys |title=Field Manual of Emergency Care |edition=3rd
  |publisher=Caldbeck Medical |year=2019 |pages=55–61}}</ref>

=== Bleeding ===
Most external bleeding can be controlled by firm, direct pressure on the wound with a clean
  pad. The pad is left in place and further dressings are added on top if blood soaks
  through. A [[tourniquet]] is kept for life-threatening bleeding from a limb.

=== Burns ===
Burns should be cooled under cool running water for at least twenty minutes and then loosely
  covered with [[cling film]] or a clean, non-fluffy dressing.{{Citation needed|date=May
  2023}} Ice, butter and toothpaste are traditional remedies that can make the injury worse.

=== Choking ===
For an adult who is choking and cannot cough effectively, first aiders give up to five back
  blows between the shoulder blades, followed if necessary by up to five [[abdominal
  thrusts]].

== Training ==
Courses range from a few hours of basic life support to workplace qualifications lasting
  several days. Certificates usually have to be renewed every few years, because practical
  skills fade quickly without practice.<ref>[https://example.com/health/first-aid-refresher
  Why first aid skills fade]</ref>

== References ==
{{Reflist}}

[[Category:First aid| ]]
[[Category:Emergency medicine]]

[[de:Erste Hilfe]]
[[fr:Premiers secours]]
[[bg:Първа помощ]]
"""),
    ),
    Page(
        title="Home insulation",
        timestamp="2023-01-27T07:48:02Z",
        user="Draughtexcluder",
        comment="/* Materials */ natural fibres",
        text=unwrap("""
{{Infobox technology
| name        = Home insulation
| image       = Loft insulation rolls.jpg
| caption     = Mineral wool rolled out between and across the joists of a loft
| type        = [[Building insulation|Thermal insulation]]
| uses        = Reducing heat loss<br />Reducing [[noise]]<br />Preventing [[condensation]]
| measured_by = [[R-value (insulation)|R-value]], [[U-value]]
}}
'''Home insulation''' is the use of materials that slow the movement of heat through the
  [[building envelope|envelope]] of a house: its roof, walls, floors, windows and doors. In
  cold climates insulation keeps heat in during the winter; in hot climates it keeps heat
  out. Together with [[draught-proofing]], it is usually one of the cheapest ways to reduce
  the energy used for [[space heating]], and with it household bills and [[greenhouse gas
  emissions]].<ref name="hh-bills">{{cite web
  |url=https://www.hearthandhome-living.example/energy/small-changes-lower-bills
  |title=Small changes that lower your energy bills |website=Hearth & Home Living
  |access-date=2023-01-27}}</ref>

== How heat escapes ==
Heat moves from warm to cold by [[thermal conduction|conduction]], [[convection]] and
  [[thermal radiation|radiation]], and is also carried out of a house by air leaking through
  gaps. The share lost through each part of the building depends on its design; the figures
  below are rough estimates for an uninsulated two-storey detached house.

{| class="wikitable"
|+ Approximate heat loss in an uninsulated house<ref>{{cite book |last=Pryce |first=Oliver
  |title=Warm Walls: Retrofitting the Older Home |publisher=Saltmarsh Books |year=2017
  |page=9}}</ref>
! Element !! Share of heat lost
|-
| Walls || about 35%
|-
| Roof || about 25%
|-
| Draughts || about 15%
|-
| Windows || about 10%
|-
| Floor || about 10%
|-
| Other || about 5%
|}

== Measuring performance ==
The ''thermal conductivity'' of a material, written λ (lambda), describes how easily heat
  passes through it, in watts per metre-kelvin. Designers more often use the ''[[U-value]]''
  of a whole wall or roof, in W/(m<sup>2</sup>·K): the lower the U-value, the better the
  insulation. In North America the inverse quantity, the [[R-value (insulation)|R-value]],
  is printed on the packaging.

== Materials ==
* '''Mineral wool''', made from spun glass or rock, is cheap, non-combustible and widely
  used in lofts.
* '''Rigid foam boards''' of [[polyisocyanurate]] or [[expanded polystyrene]] give high
  performance in a thin layer.
* '''Natural fibres''' such as sheep's wool, hemp and wood fibre are popular for older
  buildings because they let water vapour pass.
* '''[[Cellulose insulation|Cellulose]]''', made from recycled newspaper, is blown into
  lofts and timber-frame walls.

== Common measures ==
=== Loft ===
Laying insulation between and over the ceiling joists is simple and effective. Guidance in
  several countries recommends a total depth of around {{convert|270|mm|in}} of mineral
  wool.<ref name="hh-bills"/>

=== Walls ===
Houses with a [[cavity wall]] can have insulation injected through small holes drilled in
  the outer leaf. Solid walls need either ''internal'' insulation, which makes rooms
  slightly smaller, or ''external'' insulation, which changes the appearance of the building
  and may need planning permission.{{Citation needed|date=February 2023}}

=== Windows and draughts ===
[[Insulated glazing|Double and triple glazing]], heavy curtains, letterbox brushes and
  strips of foam around doors all reduce heat loss. Sealing gaps is cheap, but some
  [[ventilation (architecture)|ventilation]] must remain to remove moisture and prevent
  [[mold|mould]].<!-- keep this sentence: it answers a common talk page question -->

== See also ==
* [[Passive house]]
* [[Thermal bridge]]
* [[Energy audit]]

== References ==
{{Reflist}}

[[Category:Building insulation]]
[[Category:Energy conservation]]

[[de:Wärmedämmung]]
[[fr:Isolation thermique]]
[[bg:Топлоизолация]]
"""),
    ),
    Page(
        title="Birdwatching",
        timestamp="2023-02-02T15:31:47Z",
        user="Wren in the Hedge",
        comment="/* Garden birds in winter */ feeder table",
        text=unwrap("""
{{Infobox hobby
| name          = Birdwatching
| image         = Birdwatchers at reservoir hide.jpg
| caption       = Birdwatchers in a wooden [[bird hide|hide]] overlooking a reservoir
| type          = Outdoor recreation, [[citizen science]]
| equipment     = [[Binoculars]], field guide, notebook
| also_known_as = Birding
}}
'''Birdwatching''', or '''birding''', is the observation of wild [[bird]]s as a pastime or
  as a contribution to [[citizen science]]. It can be done with the naked eye, but most
  birdwatchers use [[binoculars]] and many carry a [[spotting scope]] or a camera. Some
  enthusiasts travel widely to see rare species, while others keep careful records of the
  birds that visit a single garden or local ''patch'' over many years.

== Equipment ==
Binoculars are described by two numbers, such as 8×42, giving the magnification and the
  diameter of the front lenses in millimetres. Magnifications of 7× to 10× are the most
  popular, because higher powers make the image shakier and the field of view narrower. A
  printed or app-based ''field guide'' helps with identification, and a notebook is used to
  record species, numbers, behaviour and weather.

Birders who take up photography face a choice between a long [[zoom lens]] and a lighter
  [[prime lens]]; a fast telephoto prime gives sharper pictures in poor light, while a zoom
  makes it easier to frame birds at changing distances.<ref>{{cite web
  |url=https://www.opentrail-journal.example/photography/prime-or-zoom-second-lens
  |title=Prime or zoom? Choosing a second lens |website=OpenTrail Journal
  |access-date=2023-04-28}}</ref>

== Identification ==
Experienced observers identify many birds from a brief view by their overall size, shape and
  movement, a combined impression sometimes called ''jizz'' or GISS (general impression of
  size and shape). Plumage details such as wing bars, eye-rings and leg colour then confirm
  the identification. Many species are more easily recognised by their song or [[bird
  call|call]] than by sight, especially in woodland.

=== Garden birds in winter ===
[[File:Blue tit on feeder.jpg|thumb|A [[Eurasian blue tit|blue tit]] on a hanging seed
  feeder]]
In temperate regions winter is a good season for watching birds at home. Feeders, water and
  dense shrubs draw birds close to the windows, and the bare branches make them easier to
  see.<ref name="rb-winter">{{cite web
  |url=https://www.riverbend-gardening.example/wildlife/winter-garden-birdwatching
  |title=Winter garden birdwatching |website=Riverbend Gardening
  |access-date=2023-02-02}}</ref>

{| class="wikitable"
! Species !! Preferred food !! Feeding position
|-
| [[European robin]] || Mealworms, soft fruit || Ground or bird table
|-
| [[Great tit]] || Sunflower hearts, fat || Hanging feeder
|-
| [[European goldfinch|Goldfinch]] || [[Niger seed|Nyjer seed]] || Hanging feeder
|-
| [[Common blackbird|Blackbird]] || Apples, mealworms || Ground
|-
| [[House sparrow]] || Mixed seed || Bird table or feeder
|}
Feeders should be cleaned regularly, because crowded feeding stations can spread diseases
  such as [[trichomonosis]] among finches.<ref name="rb-winter"/>

== Ethics ==
Codes of conduct ask birders to put the welfare of the birds first: to avoid disturbing
  nests, to keep well back from roosts and breeding colonies, and to play recordings of song
  sparingly, if at all.{{Citation needed|date=July 2023}} Reports of rare breeding birds are
  often withheld from the public to protect them from egg collectors and crowds.

== Records and surveys ==
Birdwatchers' sightings are an important source of data on [[bird migration|migration]] and
  on changes in bird populations. Annual garden counts, breeding-bird surveys and online
  checklists gather millions of records every year.<ref>{{cite web
  |url=http://example.net/surveys/garden-count-results |title=Garden count results
  |website=Example Surveys |access-date=2023-03-01}}</ref>

== References ==
{{Reflist}}

[[Category:Birdwatching| ]]
[[Category:Ornithology]]
[[Category:Outdoor recreation]]

[[de:Vogelbeobachtung]]
[[fr:Observation des oiseaux]]
"""),
    ),
    Page(
        title="Camera lens",
        timestamp="2023-05-11T11:06:25Z",
        user="Bokeh Panda",
        comment="/* Prime and zoom lenses */",
        text=unwrap("""
{{Infobox optical instrument
| name    = Camera lens
| image   = Disassembled zoom lens.jpg
| caption = The glass elements of a zoom lens, laid out in order
| type    = [[Lens (optics)|Lens]] assembly
| uses    = [[Photography]], [[cinematography]]
| related = [[Objective (optics)|Objective]], [[teleconverter]]
}}
A '''camera lens''' (also '''photographic lens''' or '''photographic objective''') is an
  optical assembly that forms an image of a scene on the [[image sensor]] or [[photographic
  film|film]] of a [[camera]]. A single [[lens (optics)|lens]] element can form an image on
  its own, but practical camera lenses contain several elements of different shapes and
  kinds of [[optical glass|glass]], arranged in groups to reduce [[optical
  aberration|aberrations]].

[[Image:Camera lens cross-section diagram.svg|thumb|upright=1.2|Simplified cross-section of
  a normal lens, showing the [[Aperture|diaphragm]] between the groups of elements]]

== Focal length ==
The [[focal length]] of a lens, given in millimetres, determines its [[angle of view]] for a
  particular size of sensor. On a ''full-frame'' camera with a 36&nbsp;×&nbsp;24&nbsp;mm
  sensor, a 50&nbsp;mm lens gives a view that is often compared to natural human vision and
  is therefore called a ''[[normal lens]]''. Smaller sensors crop the image, so that a given
  lens behaves like a longer one; the ratio is called the ''[[crop factor]]''.

{| class="wikitable"
|+ Focal lengths on a full-frame camera <small>(approximate categories)</small>
! Category !! Focal length !! Typical subjects
|-
| Ultra-wide || under 20 mm || Interiors, [[astrophotography|night sky]]
|-
| Wide-angle || 20–35 mm || Landscapes, street photography
|-
| Normal || 40–58 mm || General use, documentary
|-
| Short telephoto || 70–135 mm || [[Portrait photography|Portraits]]
|-
| Telephoto || 200–600 mm || Sport, [[wildlife photography|wildlife]]
|}

== Aperture ==
The ''aperture'' is the opening through which light passes, controlled by an adjustable
  diaphragm of overlapping blades. It is expressed as an [[f-number]], the ratio of the
  focal length to the diameter of the opening, so that ''f''/2 admits four times as much
  light as ''f''/4. A lens with a wide maximum aperture is called ''fast''. Opening the
  aperture also reduces the [[depth of field]], which photographers use to separate a
  subject from its background.

== Prime and zoom lenses ==
A '''[[prime lens]]''' has a fixed focal length, while a '''[[zoom lens]]''' can vary it.
  Primes are generally smaller, lighter and faster for their price, and their simpler design
  can give sharper results. Zooms are more convenient and reduce the need to change lenses
  outdoors, where dust may reach the sensor.<ref name="ot-lens">{{cite web
  |url=https://www.opentrail-journal.example/photography/prime-or-zoom-second-lens
  |title=Prime or zoom? Choosing a second lens |website=OpenTrail Journal
  |access-date=2023-05-11}}</ref> For a second lens after the kit zoom, many photographers
  choose an inexpensive 35&nbsp;mm or 50&nbsp;mm prime.<ref name="ot-lens"/>

=== Special types ===
* '''[[Macro lens]]es''' focus close enough to reproduce small subjects at life size.
* '''[[Tilt–shift photography|Tilt–shift lenses]]''' move relative to the sensor to control
  perspective, and are used in architectural photography.
* '''[[Fisheye lens]]es''' produce extremely wide, strongly curved images.

== Mounts ==
Interchangeable lenses attach to the camera body through a ''[[lens mount]]'', a bayonet or
  screw fitting that also carries electrical contacts for [[autofocus]] and aperture
  control. Each manufacturer uses its own mounts, and the distance from the mount to the
  sensor, the ''[[flange focal distance]]'', decides which lenses can be adapted to which
  bodies.<ref>{{cite book |last=Varga |first=Ilona |title=Glass and Light: An Introduction
  to Photographic Optics |publisher=Brightwater Academic |year=2016
  |pages=102–110}}</ref><!-- compatibility table removed, see talk page -->

== References ==
{{Reflist}}

[[Category:Photographic lenses| ]]
[[Category:Camera equipment]]

[[de:Objektiv (Optik)]]
[[fr:Objectif photographique]]
"""),
    ),
    Page(
        title="Museum conservation",
        timestamp="2023-06-19T09:40:11Z",
        user="Acid-free Tissue",
        comment="/* Small museums */ new section",
        text=unwrap("""
{{Infobox field of study
| name       = Museum conservation
| image      = Conservator cleaning painting.jpg
| caption    = A conservator removing discoloured varnish from an oil painting with a cotton
  swab
| discipline = [[Conservation science (cultural heritage)|Conservation science]]
| related    = [[Museology]], [[archival science]], [[art history]]
}}
'''Museum conservation''' is the profession and practice of caring for the objects in museum
  collections so that they survive for as long as possible with as little change as
  possible. It combines the scientific study of materials with craft skills and with ethical
  judgement about what should, and should not, be altered. Practitioners are called
  ''conservators''; the older term ''restorer'' is still used, especially for paintings and
  furniture, although it suggests more extensive intervention.

== Principles ==
Modern professional codes share several principles:
* '''Minimal intervention''': do only what is necessary to stabilise an object.
* '''Reversibility''': use materials and methods that can later be undone, such as adhesives
  that remain soluble.<ref name="keel">{{cite book |last=Keel |first=Harriet |title=Caring
  for Collections: Principles and Practice |publisher=Northfold University Press |year=2012
  |page=14}}</ref>
* '''Documentation''': record the condition of an object, and every treatment it receives,
  in writing and in photographs.
* '''Respect for original material''': additions should be recognisable on close inspection,
  so that later researchers are not misled.<ref name="keel"/>

== Preventive conservation ==
[[File:Museum store room shelving.jpg|thumb|Boxed textiles on padded shelves in a museum
  store]]
Most conservation work today is ''preventive'': it controls the conditions in which objects
  are displayed and stored, rather than treating them one at a time. Conservators often
  describe the threats to a collection as ''agents of deterioration'', which include
  physical force, theft, fire, water, pests, pollutants, light, incorrect temperature and
  incorrect [[relative humidity]].

=== Light ===
Light fades dyes and weakens organic materials, and the damage is cumulative and cannot be
  reversed. [[Ultraviolet]] radiation is filtered out wherever possible, and visible light
  is kept as low as visitors can comfortably tolerate.

{| class="wikitable"
! Sensitivity !! Examples !! Typical maximum illuminance
|-
| High || Textiles, watercolours, prints, photographs || 50 [[lux]]
|-
| Medium || Oil paintings, wood, leather || 150–200 lux
|-
| Low || Stone, metal, ceramics, glass || 300 lux or more
|}

=== Humidity and temperature ===
Rapid swings in relative humidity make wood, ivory and paint layers swell and shrink, which
  leads to cracking and flaking. Many museums aim for a stable level somewhere between about
  40 and 60 per cent, although much narrower bands were once common.{{Citation
  needed|date=April 2023}}

== Interventive conservation ==
Interventive treatments include cleaning, consolidating flaking paint, supporting torn
  textiles and reducing corrosion on metals. Each treatment is preceded by an examination,
  which may use [[radiography|X-radiography]], [[infrared reflectography]] or tiny samples
  studied under the microscope.

== Small museums ==
Local and volunteer-run museums face the same problems with far smaller budgets. Many are
  housed in historic buildings, such as former mills and warehouses, that were never
  designed to keep conditions stable.<ref>{{cite web
  |url=https://www.millbrook-gazette.example/local-history/mill-town-to-market-town
  |title=From mill town to market town |website=Millbrook Gazette
  |access-date=2023-05-02}}</ref> Simple measures, such as window blinds, data loggers,
  regular cleaning and sticky traps for insects, can still make a great
  difference.<ref>{{cite web
  |url=https://millbrook-gazette.example/local-history/museum-reopens#conservation
  |title=Town museum reopens after repairs |website=Millbrook Gazette
  |access-date=2023-06-19}}</ref>

== References ==
{{Reflist}}

[[Category:Conservation and restoration of cultural heritage]]
[[Category:Museology]]

[[de:Restaurierung]]
[[fr:Conservation-restauration]]
"""),
    ),
    Page(
        title="Hiking",
        timestamp="2023-07-14T17:22:56Z",
        user="Contour Line",
        comment="/* Safety */ + source",
        text=unwrap("""
{{Infobox sport
| name      = Hiking
| image     = Hikers on ridge path.jpg
| caption   = Walkers following a waymarked ridge path in early autumn
| contact   = No
| team      = Optional
| equipment = Walking boots, [[backpack]], map and [[compass]]
| venue     = Footpaths, [[trail]]s, open country
}}
'''Hiking''' is walking for pleasure or exercise in the countryside, usually on
  [[footpath]]s or [[trail]]s and over a longer distance than an everyday walk. In British
  English the activity is often simply called ''walking'' or ''hillwalking'', while
  ''[[backpacking (hiking)|backpacking]]'' and ''trekking'' refer to journeys of several
  days on which walkers carry food and shelter. Hiking is one of the most popular outdoor
  activities in many countries, because it needs little equipment and can be adapted to
  almost any level of fitness.

== History ==
Walking in the countryside for its own sake became fashionable in Europe in the late
  eighteenth and the nineteenth centuries, encouraged by [[Romanticism|Romantic]] writers
  and painters who celebrated mountains and wild landscapes. Walking clubs were founded
  during the nineteenth century, and in the twentieth century campaigns for public access
  led to the creation of national trails and [[right of way|rights of way]] in several
  countries.{{Citation needed|date=September 2023}}

== Equipment ==
* '''Footwear''': boots or trail shoes with a grippy sole, chosen for the terrain.
* '''Clothing''': several thin layers, including a waterproof jacket, rather than one heavy
  garment.
* '''Navigation''': a [[topographic map]] and [[compass]], often backed up by a [[Global
  Positioning System|GPS]] device or a phone.
* '''Supplies''': water, food, a small [[first aid kit]], a head torch and a whistle.

For a day walk a pack of 20–30 litres is usually enough. Hikers on multi-day trips try to
  keep their loaded pack, including food and water, below about
  {{convert|12|kg|lb}}.<ref>[https://example.org/outdoors/pack-weight-basics Pack weight
  basics]</ref>

== Grading ==
[[File:Waymarked trail signpost.jpg|thumb|A wooden signpost at the junction of two
  long-distance paths]]
Many countries and walking organisations grade routes by difficulty, although their systems
  are not consistent with one another.

{| class="wikitable"
! Grade !! Terrain !! Typical walker
|-
| Easy || Surfaced or well-made paths, little ascent || Families, beginners
|-
| Moderate || Rough paths, some steep sections || Regular walkers with suitable footwear
|-
| Strenuous || Long days, large ascent, open hillside || Fit walkers able to navigate
|-
| Alpine || Scrambling, exposed ridges, snow || Experienced mountaineers
|}

== Safety ==
Common problems in the hills include slips and sprains, [[hypothermia]], [[heat exhaustion]]
  and getting lost. Walkers are advised to check the [[weather forecast]], to leave a route
  plan with someone at home and to turn back if conditions worsen. Basic first aid, such as
  how to support a sprained ankle or keep a casualty warm, is considered useful for anyone
  walking in remote places.<ref>{{cite web
  |url=https://www.hearthandhome-living.example/health/first-aid-basics |title=First aid
  basics everyone should know |website=Hearth & Home Living |access-date=2023-07-14}}</ref>

== Environmental impact ==
Heavy use can erode paths, trample vegetation and disturb wildlife. Guidelines such as
  ''[[Leave No Trace]]'' ask hikers to stay on paths, take their litter home, keep dogs
  under control near livestock and ground-nesting birds, and camp only where it is
  permitted.<ref>{{cite book |last=Ashdown |first=Tom |title=Footpaths and People
  |publisher=Greywether Press |year=2009 |pages=141–146}}</ref>

== See also ==
* [[Long-distance trail]]
* [[Orienteering]]
* [[Mountaineering]]

== References ==
{{Reflist}}

[[Category:Hiking| ]]
[[Category:Walking]]
[[Category:Outdoor recreation]]

[[de:Wandern]]
[[fr:Randonnée pédestre]]
[[bg:Планински туризъм]]
"""),
    ),
    Page(
        title="Language learning",
        timestamp="2023-08-21T13:14:38Z",
        user="Polyglot Pigeon",
        comment="/* Vocabulary and memory */",
        text=unwrap("""
{{Infobox field of study
| name       = Language learning
| image      = Vocabulary flashcards on desk.jpg
| caption    = Handwritten vocabulary cards used for self-study
| discipline = [[Second-language acquisition]], [[applied linguistics]]
| methods    = Classroom teaching, [[language exchange]], self-study
}}
'''Language learning''' is the process by which a person gains the ability to understand and
  use a language other than, or in addition to, their [[first language]]. It covers both
  formal study in schools and courses and informal learning through travel, work, media and
  conversation. The academic study of how people learn additional languages is called
  [[second-language acquisition]], while the practical question of how to teach them belongs
  to [[language education]].

== Teaching methods ==
Fashions in language teaching have changed repeatedly:
* The '''[[grammar–translation method]]''' taught rules explicitly and practised them by
  translating written sentences. It dominated the teaching of [[Latin]] and [[Ancient
  Greek]] and was long used for modern languages as well.
* The '''[[direct method (education)|direct method]]''' avoided translation and used only
  the target language in class.
* The '''[[audio-lingual method]]''' relied on repetition drills and pattern practice, and
  was influenced by [[behaviorism|behaviourism]].
* '''[[Communicative language teaching]]''' puts the exchange of real information first and
  treats grammar as a tool rather than an end in itself.
* '''[[Task-based language learning|Task-based learning]]''' organises lessons around
  practical tasks, such as planning a trip or solving a problem together.

== Vocabulary and memory ==
Learners need several thousand word families to read ordinary texts comfortably.{{Citation
  needed|date=August 2023}} Many use [[flashcard]]s and [[spaced repetition]] software,
  which shows each item again shortly before it is likely to be forgotten, at gradually
  growing intervals.<ref>{{cite web
  |url=http://quietsquare-learning.example/languages/spaced-repetition/ |title=How spaced
  repetition works |website=Quiet Square Learning |access-date=2023-08-21}}</ref> Words are
  easier to remember when they are met in context, so teachers often combine cards with
  reading and listening. A learner of Spanish, for example, might meet
  {{lang|es|''aprovechar''}} ("to make good use of") in several different stories before
  adding it to a deck.

== Proficiency levels ==
The [[Common European Framework of Reference for Languages]] (CEFR) describes ability on a
  six-point scale that is used by many schools, employers and examination boards.<ref>{{cite
  book |last=Moreau |first=Claire |title=Measuring What Learners Can Do |publisher=Linden
  House |location=Leeds |year=2018 |pages=23–29}}</ref>

{| class="wikitable"
! Level !! Name !! Broad description
|-
| A1 || Breakthrough || Introduces themselves and asks simple personal questions
|-
| A2 || Waystage || Copes with short routine exchanges about shopping, family and work
|-
| B1 || Threshold || Manages travel situations and describes experiences and plans
|-
| B2 || Vantage || Discusses a wide range of topics and follows most conversation
|-
| C1 || Effective operational proficiency || Speaks and writes clearly on complex subjects
  for study or work
|-
| C2 || Mastery || Follows and produces complex language almost effortlessly
|}

== Age and motivation ==
[[File:Language exchange meeting.jpg|thumb|Participants at an evening [[language exchange]]
  in a café]]
Children who grow up with a language usually acquire a native-like accent more easily than
  adults, but adults often progress faster at first because they can use explicit rules and
  study strategies. Motivation, the amount of exposure and the chance to speak are generally
  thought to matter at least as much as age.<ref>[https://example.com/blog/adult-learners
  Adult learners and the "critical period"]</ref>

Learners also report a common gap between understanding and speaking: many can follow a film
  in a new language long before they can order a meal without hesitating.<!-- anecdotal;
  find a study -->

== References ==
{{Reflist}}

[[Category:Language acquisition]]
[[Category:Language education]]

[[de:Fremdsprachenerwerb]]
[[fr:Apprentissage des langues]]
[[bg:Изучаване на чужди езици]]
"""),
    ),
    Page(
        title="Compost heap",
        redirect="Composting",
        timestamp="2023-04-02T10:17:40Z",
        user="Leafmould",
        comment="Redirected page to [[Composting]]",
        text=unwrap("""
#REDIRECT [[Composting]]

{{Redirect category shell|
{{R from related word}}
}}
"""),
    ),
    Page(
        title="Apiculture",
        redirect="Beekeeping",
        timestamp="2023-03-30T16:45:02Z",
        user="Skep and Smoke",
        comment="Redirected page to [[Beekeeping]]",
        text=unwrap("""
#REDIRECT [[Beekeeping]]
"""),
    ),
    Page(
        title="Talk:Composting",
        ns=1,
        timestamp="2023-05-03T06:55:12Z",
        user="Leafmould",
        comment="/* Municipal composting section? */ reply",
        text=unwrap("""
{{WikiProject banner shell|class=B|
{{WikiProject Gardening|importance=mid}}
{{WikiProject Environment|importance=low}}
}}

== Carbon-to-nitrogen table ==
The figure for cardboard looks very high to me. Is there a source for 350:1, or should we
  drop the row? [[User:Fennelseed|Fennelseed]] ([[User talk:Fennelseed|talk]]) 09:14, 12
  April 2023 (UTC)
:Published values vary a lot, depending mostly on whether the cardboard is plain or glossy.
  I've seen anything from about 200:1 to over 500:1, so 350 is within range, but I agree it
  needs a citation of its own. I'll look for one. [[User:Leafmould|Leafmould]] ([[User
  talk:Leafmould|talk]]) 17:40, 12 April 2023 (UTC)
::Thanks. I'll leave the row in for now. [[User:Fennelseed|Fennelseed]] ([[User
  talk:Fennelseed|talk]]) 08:02, 13 April 2023 (UTC)

== Municipal composting section? ==
The article is almost entirely about home composting. Would anyone object if I started a
  short section on council collection schemes and large open windrow sites? I'd keep it to
  two or three paragraphs. — [[User:Kerbside Kate|Kerbside Kate]] ([[User talk:Kerbside
  Kate|talk]]) 20:31, 2 May 2023 (UTC)
:{{ping|Kerbside Kate}} Sounds good to me; there's even a hidden comment in the article
  asking for exactly that. [[User:Leafmould|Leafmould]] ([[User talk:Leafmould|talk]])
  06:55, 3 May 2023 (UTC)
"""),
    ),
    Page(
        title="Template:Infobox process",
        ns=10,
        timestamp="2023-01-08T22:03:29Z",
        user="Tablesmith",
        comment="add duration row",
        text=unwrap("""
{| class="infobox" style="width:22em"
|+ {{{name|{{PAGENAME}}}}}
{{#if:{{{image|}}}|
{{!}}-
{{!}} colspan="2" style="text-align:center" {{!}} [[File:{{{image}}}|250px]]<br
  /><small>{{{caption|}}}</small>
}}
|-
! scope="row" | Type
| {{{type|}}}
|-
! scope="row" | Inputs
| {{{inputs|}}}
|-
! scope="row" | Outputs
| {{{outputs|}}}
|-
! scope="row" | Typical duration
| {{{duration|}}}
|}<noinclude>
{{Documentation}}
<!-- Add categories to the /doc subpage, not here -->
[[Category:Process and technique infobox templates]]
</noinclude>
"""),
    ),
)

DE_PAGES = (
    Page(
        title="Kompostierung",
        timestamp="2023-04-12T08:31:05Z",
        user="Rottehelfer",
        comment="/* Verfahren */ ergänzt",
        text=unwrap("""
{{Infobox Verfahren
| Name           = Kompostierung
| Bild           = Komposthaufen im Herbst.jpg
| Art            = [[Aerobe Zersetzung]]
| Ausgangsstoffe = Gartenabfälle, Küchenreste, [[Mist]]
| Produkt        = [[Kompost]], [[Kohlenstoffdioxid]], Wärme
}}
Die '''Kompostierung''' (von {{lang|la|compositum}}, „das Zusammengesetzte“) ist der
  gesteuerte Abbau organischer Stoffe wie Laub, Rasenschnitt und Küchenabfälle zu einem
  humusreichen Material, dem ''Kompost''. Daran beteiligt sind [[Bakterien]], [[Pilze]] und
  zahlreiche Bodentiere, vor allem [[Regenwürmer]] und [[Asseln]]. Kompostiert wird im
  Hausgarten ebenso wie in kommunalen Anlagen, die den Inhalt der [[Biotonne]]
  verarbeiten.<ref>{{Internetquelle |url=https://example.org/garten/kompost-grundlagen
  |titel=Grundlagen der Kompostierung |werk=Gartenratgeber |abruf=2023-04-12}}</ref>

== Ablauf ==
Ein Komposthaufen durchläuft mehrere Phasen, die ineinander übergehen. Zunächst zersetzen
  [[Mesophilie|mesophile]] Mikroorganismen leicht verfügbare Zucker, wobei sich der Haufen
  erwärmt. In der ''Heißrotte'' werden im Inneren 60 bis 70&nbsp;°C erreicht; dabei sterben
  viele Unkrautsamen und Krankheitserreger ab.<ref name="rotte">{{Literatur |Autor=Helga
  Brenner |Titel=Der lebendige Komposthaufen |Verlag=Grünwald |Ort=Kassel |Jahr=2014
  |Seiten=31–35}}</ref> Anschließend kühlt der Haufen ab, Pilze bauen das schwer zersetzbare
  [[Lignin]] ab, und in der ''Reifephase'' wandern Würmer und andere Bodentiere ein.

=== Kohlenstoff und Stickstoff ===
Für eine zügige Rotte sollte das Verhältnis von Kohlenstoff zu Stickstoff etwa 25:1 bis 30:1
  betragen.<ref name="rotte" /> Gärtner unterscheiden daher zwischen „grünem“,
  stickstoffreichem und „braunem“, kohlenstoffreichem Material.

{| class="wikitable"
! Material !! Einordnung !! C/N-Verhältnis (ca.)
|-
| Rasenschnitt || grün || 20:1
|-
| Gemüseabfälle || grün || 15:1
|-
| Herbstlaub || braun || 60:1
|-
| Stroh || braun || 80:1
|}

== Verfahren ==
[[Datei:Holzkomposter.jpg|mini|Lattenkomposter aus Holz in einem [[Kleingarten]]]]
* '''Offene Mieten''' eignen sich für große Gärten und landwirtschaftliche Betriebe.
* '''Schnellkomposter''' aus Kunststoff halten Wärme und Feuchtigkeit besser.
* Bei der '''[[Wurmkompostierung]]''' verarbeiten Kompostwürmer (''Eisenia fetida'')
  Küchenabfälle in flachen Kisten.
* '''[[Bokashi]]''' ist ein aus Japan stammendes Verfahren, bei dem die Abfälle zunächst
  unter Luftabschluss fermentiert werden.

== Verwendung ==
{{Belege fehlen}}
Reifer Kompost riecht nach Waldboden und wird als [[Bodenverbesserung|Bodenverbesserer]]
  eingesetzt. Im Gemüsebeet werden meist zwei bis drei Liter je Quadratmeter und Jahr
  empfohlen; größere Mengen können zu einer Überversorgung mit [[Phosphor]] und [[Kalium]]
  führen. <!-- Mengenangabe prüfen -->

== Einzelnachweise ==
<references />

[[Kategorie:Kompostierung| ]]
[[Kategorie:Gartenbau]]
[[Kategorie:Abfallwirtschaft]]

[[en:Composting]]
[[fr:Compostage]]
[[bg:Компостиране]]
"""),
    ),
    Page(
        title="Imkerei",
        timestamp="2023-06-02T14:12:47Z",
        user="Wabenbauer",
        comment="Tabelle Bienenprodukte",
        text=unwrap("""
{{Infobox Landwirtschaftszweig
| Name     = Imkerei
| Bild     = Bienenstand am Waldrand.jpg
| Bildtext = Bienenstand mit Magazinbeuten am Waldrand
| Tierart  = [[Westliche Honigbiene]] (''Apis mellifera'')
| Produkte = [[Honig]], [[Bienenwachs]], [[Propolis]]
}}
Die '''Imkerei''' (auch ''Bienenhaltung'' oder ''Bienenzucht'') ist die Haltung und
  Vermehrung von [[Honigbienen]] zur Gewinnung von [[Honig]] und anderen Bienenprodukten
  sowie zur [[Bestäubung]] von Kulturpflanzen. Wer Bienen hält, wird als ''Imker''
  bezeichnet; der Aufstellungsort der Bienenvölker heißt ''Bienenstand''.

== Geschichte ==
Lange bevor Bienen in eigens gebauten Behausungen gehalten wurden, plünderten Menschen wilde
  Nester. Im mittelalterlichen Mitteleuropa war die ''[[Zeidlerei]]'' verbreitet: Zeidler
  nutzten Bienenvölker, die in ausgehöhlten Bäumen des Waldes lebten, und waren teilweise in
  eigenen Zünften organisiert. Später setzten sich geflochtene Strohkörbe durch, die bis ins
  20.&nbsp;Jahrhundert gebräuchlich blieben.<ref>{{Literatur |Autor=Konrad Weiland
  |Titel=Vom Zeidler zum Imker. Eine Kulturgeschichte der Bienenhaltung |Verlag=Lindenhof
  |Ort=Göttingen |Jahr=2006 |Seiten=44–58}}</ref> Mit den beweglichen Rähmchen, die im
  19.&nbsp;Jahrhundert aufkamen, ließen sich die Waben erstmals einzeln entnehmen und
  kontrollieren.

== Das Bienenvolk ==
[[Datei:Brutwabe mit Bienen.jpg|mini|links|Arbeiterinnen auf einer Brutwabe]]
Ein Bienenvolk besteht aus einer [[Bienenkönigin|Königin]], im Sommer aus bis zu 50.000
  Arbeiterinnen und aus einigen hundert [[Drohn]]en. Die Arbeiterinnen übernehmen im Laufe
  ihres kurzen Lebens nacheinander verschiedene Aufgaben, vom Putzen der Zellen über
  Brutpflege und Wabenbau bis zum Sammeln von [[Nektar]] und [[Pollen]].

== Betriebsweise ==
Heute arbeiten die meisten Imker mit ''Magazinbeuten'', bei denen gleich große Kisten, die
  Zargen, übereinandergesetzt werden. Im Frühjahr trennt ein [[Absperrgitter]] den Honigraum
  vom Brutraum, damit die Königin dort keine Eier legt.

{| class="wikitable"
! Produkt !! Gewinnung !! Verwendung
|-
| Honig || Schleudern der verdeckelten Waben || Lebensmittel
|-
| Bienenwachs || Einschmelzen alter Waben || Kerzen, Mittelwände, Kosmetik
|-
| Propolis || Abkratzen von Rähmchen und Beute || Naturheilkunde
|}

== Krankheiten ==
Die größte Bedrohung für die Bienenhaltung in Europa ist die [[Varroamilbe]] (''Varroa
  destructor''), die in den 1970er-Jahren eingeschleppt wurde. Ohne Behandlung, etwa mit
  organischen Säuren, brechen befallene Völker meist innerhalb von zwei bis drei Jahren
  zusammen.<ref>{{Internetquelle |url=https://example.org/imkerei/varroa-behandlung
  |titel=Varroabehandlung im Jahreslauf |abruf=2023-06-02}}</ref> Die [[Amerikanische
  Faulbrut]] ist in Deutschland eine anzeigepflichtige Tierseuche.

== Einzelnachweise ==
<references />

[[Kategorie:Imkerei| ]]
[[Kategorie:Landwirtschaft]]

[[en:Beekeeping]]
[[fr:Apiculture]]
[[bg:Пчеларство]]
"""),
    ),
    Page(
        title="Italienische Partie",
        timestamp="2023-02-21T20:48:19Z",
        user="Springergabel",
        comment="/* Übersicht */ ECO-Schlüssel",
        text=unwrap("""
{{Infobox Schacheröffnung
| Name   = Italienische Partie
| Bild   = Italienische Partie Diagramm.svg
| Züge   = 1. e4 e5 2. Sf3 Sc6 3. Lc4
| ECO    = C50–C54
| Gruppe = [[Offene Spiele]]
}}
Die '''Italienische Partie''' ist eine [[Eröffnung (Schach)|Schacheröffnung]] aus der Gruppe
  der [[Offene Spiele|offenen Spiele]]. Sie entsteht nach den Zügen 1. e4 e5 2. Sf3 Sc6 3.
  Lc4. Der weiße Läufer richtet sich dabei gegen das Feld f7, das zu Beginn der Partie nur
  vom schwarzen König gedeckt wird. Die Eröffnung wurde bereits von italienischen Meistern
  des 16. und 17.&nbsp;Jahrhunderts untersucht, worauf ihr Name zurückgeht.

== Hauptvarianten ==
=== Giuoco Piano ===
Nach 3. … Lc5 spricht man vom ''Giuoco Piano'' ({{lang|it|giuoco piano}}, „ruhiges Spiel“).
  Weiß kann mit 4. c3 und 5. d4 versuchen, das Zentrum zu besetzen, oder mit 4. d3 eine
  langsamere Aufstellung wählen, die als ''Giuoco Pianissimo'' bezeichnet wird und im
  heutigen Spitzenschach häufig vorkommt.<ref name="stein">{{Literatur |Autor=Rudolf Stein
  |Titel=Die offenen Spiele |Auflage=3. |Verlag=Turmverlag |Ort=Leipzig |Jahr=2018
  |Seiten=21–40}}</ref>

=== Zweispringerspiel im Nachzuge ===
Mit 3. … Sf6 greift Schwarz sofort den Bauern e4 an. Nach 4. Sg5 droht Weiß, auf f7 zu
  schlagen, und es entstehen scharfe Stellungen, in denen Schwarz oft einen Bauern für eine
  schnelle Entwicklung opfert.

=== Evans-Gambit ===
[[Datei:Evans-Gambit nach 4.b4.svg|mini|Stellung nach 4. b4]]
Im [[Evans-Gambit]] (4. b4) opfert Weiß einen Bauern, um nach c3 und d4 mit Tempogewinn das
  Zentrum zu erobern. Das Gambit war im 19.&nbsp;Jahrhundert sehr beliebt und wird heute
  gelegentlich als Überraschungswaffe gespielt.<ref name="stein" />

== Übersicht ==
{| class="wikitable"
! Variante !! Zugfolge !! ECO
|-
| Giuoco Piano || 3. … Lc5 || C50, C53–C54
|-
| Evans-Gambit || 3. … Lc5 4. b4 || C51–C52
|-
| Zweispringerspiel im Nachzuge || 3. … Sf6 || C55–C59
|-
| Ungarische Verteidigung || 3. … Le7 || C50
|}
Im ECO-Schlüssel wird das Zweispringerspiel eigenständig geführt, in vielen Lehrbüchern aber
  zusammen mit der Italienischen Partie behandelt.<ref>{{Internetquelle
  |url=https://example.com/schach/eroeffnungen/italienisch |titel=Die Italienische Partie
  für Einsteiger |abruf=2023-02-21 |sprache=de}}</ref>

== Einzelnachweise ==
<references />

[[Kategorie:Eröffnung (Schach)]]

[[en:Italian Game]]
[[fr:Partie italienne]]
[[bg:Италианска партия]]
"""),
    ),
    Page(
        title="Sauerteig",
        timestamp="2023-03-08T06:59:33Z",
        user="Krumenkunde",
        comment="/* Führungen */",
        text=unwrap("""
{{Infobox Lebensmittel
| Name            = Sauerteig
| Bild            = Aktiver Sauerteig im Glas.jpg
| Bildtext        = Aufgefrischter Roggensauerteig im Glas
| Zutaten         = [[Mehl]], Wasser
| Mikroorganismen = [[Milchsäurebakterien]], wilde [[Hefen]]
}}
'''Sauerteig''' ist ein Teig aus [[Mehl]] und Wasser, in dem sich [[Milchsäurebakterien]]
  und Hefen vermehrt haben. Er dient als [[Triebmittel]] für Brot und verleiht ihm einen
  säuerlichen Geschmack sowie eine längere Haltbarkeit. Für Brote mit hohem [[Roggen]]anteil
  ist Sauerteig nahezu unverzichtbar, weil die Säure Enzyme hemmt, die sonst die Stärke
  abbauen und die Krume klebrig machen würden.<ref name="backbuch">{{Literatur
  |Autor=Marlene Hofer |Titel=Brot aus dem eigenen Ofen |Verlag=Ährenfeld |Ort=Würzburg
  |Jahr=2019 |Seiten=58–66}}</ref>

== Herstellung ==
Ein neuer Sauerteig entsteht, indem man Mehl und Wasser mischt und die Mischung bei
  Raumtemperatur stehen lässt. Über mehrere Tage wird sie täglich mit frischem Mehl und
  Wasser „gefüttert“, bis sie zuverlässig aufgeht und angenehm säuerlich riecht. Ein Teil
  des reifen Sauerteigs wird vor dem Backen abgenommen und als ''Anstellgut'' im Kühlschrank
  aufbewahrt, um damit den nächsten Teig anzusetzen.

== Führungen ==
[[Datei:Roggenmischbrot angeschnitten.jpg|mini|Angeschnittenes Roggenmischbrot mit
  gleichmäßiger Krume]]
In Bäckereien wird der Sauerteig in einer oder mehreren Stufen geführt. Jede Stufe hat eine
  eigene Temperatur und Reifezeit, wodurch sich das Verhältnis von Milchsäure zu
  [[Essigsäure]] und damit der Geschmack steuern lässt.

{| class="wikitable"
! Führung !! Stufen !! Typische Eigenschaften
|-
| Einstufenführung || 1 || einfach, für Hobbybäcker geeignet
|-
| Zweistufenführung || 2 || mild, gute Triebkraft
|-
| Dreistufenführung || 3 || ausgewogenes Aroma, hoher Zeitaufwand
|}
Eine warme Führung um 30&nbsp;°C begünstigt die milde Milchsäure, kühlere Temperaturen
  fördern die schärfere Essigsäure.<ref name="backbuch" />

== Verbreitung ==
In Deutschland, Österreich und der Schweiz sind Sauerteigbrote seit Jahrhunderten
  verbreitet. In den letzten Jahren ist das Backen mit Sauerteig auch international wieder
  beliebter geworden, etwa beim französischen {{lang|fr|pain au levain}} oder beim
  amerikanischen ''Sourdough Bread''.<ref>{{Internetquelle
  |url=https://example.net/brot/sauerteig-ansetzen |titel=Sauerteig selbst ansetzen
  |werk=Backblog |abruf=2023-03-08}}</ref>

== Einzelnachweise ==
<references />

[[Kategorie:Sauerteig| ]]
[[Kategorie:Brot]]

[[en:Sourdough]]
[[fr:Levain]]
"""),
    ),
    Page(
        title="Vogelbeobachtung",
        timestamp="2023-01-19T16:20:44Z",
        user="Zaunkönigin",
        comment="/* Wintervögel im Garten */",
        text=unwrap("""
{{Infobox Freizeitaktivität
| Name       = Vogelbeobachtung
| Bild       = Beobachtungsturm am See.jpg
| Bildtext   = Beobachtungsturm an einem Stausee
| Ausrüstung = [[Fernglas]], Bestimmungsbuch, Notizbuch
}}
Die '''Vogelbeobachtung''' (englisch {{lang|en|''birdwatching''}} oder ''birding'') ist die
  Beobachtung frei lebender [[Vögel]] als Freizeitbeschäftigung oder im Rahmen
  wissenschaftlicher Erfassungen. Beobachter, die gezielt seltenen Arten nachreisen, werden
  umgangssprachlich als ''Twitcher'' bezeichnet.

== Ausrüstung ==
Das wichtigste Hilfsmittel ist ein [[Fernglas]] mit sieben- bis zehnfacher Vergrößerung. Die
  Angabe 8×42 bedeutet achtfache Vergrößerung und einen Objektivdurchmesser von 42&nbsp;mm.
  Für weit entfernte Wasservögel wird zusätzlich ein [[Spektiv]] auf einem Stativ verwendet.
  Ein Bestimmungsbuch oder eine entsprechende App hilft beim Erkennen der
  Arten.<ref>{{Internetquelle |url=https://example.org/natur/fernglas-kaufberatung
  |titel=Welches Fernglas für die Vogelbeobachtung? |abruf=2023-01-19}}</ref>

== Bestimmung ==
Geübte Beobachter erkennen viele Arten an Größe, Gestalt, Flugbild und Verhalten, noch bevor
  Einzelheiten des Gefieders zu sehen sind. Ebenso wichtig ist das Gehör: Im Wald werden die
  meisten Vögel zuerst an ihrem [[Vogelgesang|Gesang]] oder an ihren Rufen erkannt.

=== Wintervögel im Garten ===
[[Datei:Kohlmeise am Futterhaus.jpg|mini|[[Kohlmeise]] an einem Futterhaus im Winter]]
Im Winter lassen sich Vögel am Futterplatz besonders gut beobachten. Häufige Gäste sind:
* [[Kohlmeise]] und [[Blaumeise]]
* [[Rotkehlchen]]
* [[Amsel]]
* [[Buchfink]] und [[Grünfink]]
* [[Haussperling]]
Futterstellen sollten regelmäßig gereinigt werden, damit sich Krankheiten nicht ausbreiten.

== Erfassungen ==
Die Beobachtungen von Laien sind eine wichtige Datenquelle der [[Ornithologie]]. Bei
  landesweiten Zählaktionen melden Zehntausende Menschen, welche Vögel sie innerhalb einer
  Stunde im Garten sehen. Die gesammelten Daten zeigen langfristige Veränderungen im Bestand
  häufiger Arten.<ref>{{Literatur |Autor=Jonas Feldmann |Titel=Vögel zählen.
  Bürgerwissenschaft in der Ornithologie |Verlag=Auwald |Ort=Münster |Jahr=2021
  |Seiten=9–17}}</ref>

== Verhaltensregeln ==
Beobachter sollen Brutplätze nicht stören, Abstand zu rastenden Schwärmen halten und in
  [[Naturschutzgebiet]]en auf den Wegen bleiben.<br />
<small>Siehe auch: [[Naturschutz]]</small> <!-- Abschnitt ausbauen -->

== Einzelnachweise ==
<references />

[[Kategorie:Ornithologie]]
[[Kategorie:Freizeitbeschäftigung]]

[[en:Birdwatching]]
[[fr:Observation des oiseaux]]
"""),
    ),
    Page(
        title="Kompostieren",
        redirect="Kompostierung",
        timestamp="2023-04-12T08:33:51Z",
        user="Rottehelfer",
        comment="Weiterleitung nach [[Kompostierung]] erstellt",
        text=unwrap("""
#WEITERLEITUNG [[Kompostierung]]
"""),
    ),
)

FR_PAGES = (
    Page(
        title="Compostage",
        timestamp="2023-04-04T09:12:36Z",
        user="Tas de feuilles",
        comment="/* Méthodes */ lombricompostage",
        text=unwrap("""
{{Infobox Technique
| nom     = Compostage
| image   = Composteur en bois.jpg
| légende = Composteur en bois dans un jardin partagé
| type    = [[Dégradation aérobie]]
| produit = [[Compost]]
}}
Le '''compostage''' est un procédé de transformation des [[matière organique|matières
  organiques]] (déchets de jardin, épluchures, marc de café, fumier) en un produit stable et
  riche en [[humus]], le ''compost''. Il repose sur l'action de [[bactérie]]s, de
  [[champignon]]s et de petits animaux du sol comme les [[lombric]]s et les [[cloporte]]s,
  en présence d'[[oxygène]].<ref>{{Lien web |url=https://example.org/jardin/bien-composter
  |titre=Bien composter au jardin |site=Guide du jardinier |consulté le=4 avril 2023}}</ref>

== Principe ==
Le compostage se déroule en plusieurs phases. Pendant la phase de dégradation, la
  température du tas peut atteindre 60 à 70&nbsp;°C, ce qui détruit une partie des graines
  d'adventices et des germes pathogènes. Vient ensuite une phase de refroidissement, puis
  une phase de maturation qui dure plusieurs mois.<ref name="durand">{{Ouvrage
  |auteur1=Élise Durand |titre=Le compost de A à Z |éditeur=Éditions du Potager |lieu=Lyon
  |année=2015 |passage=27-33}}</ref>

=== Équilibre des apports ===
On distingue les matières « vertes », humides et riches en [[azote]], et les matières «
  brunes », sèches et riches en [[carbone]]. Un bon compost mélange les deux : trop de
  matières vertes donne un tas humide et malodorant, trop de matières brunes ralentit
  fortement la décomposition.<ref name="durand" />

{| class="wikitable"
! Matière !! Type !! Rapport C/N approximatif
|-
| Tontes de gazon || verte || 20
|-
| Épluchures de légumes || verte || 15
|-
| Feuilles mortes || brune || 60
|-
| Paille || brune || 80
|}

== Méthodes ==
[[Fichier:Lombricomposteur d'appartement.jpg|vignette|Un
  [[lombricompostage|lombricomposteur]] d'appartement à plateaux superposés]]
* le '''compostage en tas''', adapté aux grands jardins ;
* le '''compostage en bac''', en bois ou en plastique, plus propre et plus discret ;
* le '''[[lombricompostage]]''', qui utilise des vers de l'espèce ''Eisenia fetida'' et
  convient aux appartements ;
* le '''compostage collectif''', organisé au pied des immeubles ou dans les quartiers.

== Utilisation ==
Un compost mûr a une odeur de sous-bois et une texture grumeleuse. Il s'utilise en
  [[paillage]] ou incorporé superficiellement au sol, au potager comme au verger.{{Référence
  nécessaire|date=mai 2023}} <!-- ajouter les doses recommandées -->

== Notes et références ==
{{Références}}

[[Catégorie:Compostage| ]]
[[Catégorie:Gestion des déchets]]

[[en:Composting]]
[[de:Kompostierung]]
[[bg:Компостиране]]
"""),
    ),
    Page(
        title="Apiculture",
        timestamp="2023-05-12T18:05:59Z",
        user="Butineuse",
        comment="/* Conduite du rucher */ calendrier",
        text=unwrap("""
{{Infobox Activité agricole
| nom      = Apiculture
| image    = Ruchers en Provence.jpg
| légende  = Ruches au bord d'un champ de [[lavande]]
| espèce   = [[Abeille domestique]] (''Apis mellifera'')
| produits = [[Miel]], [[cire d'abeille]], [[propolis]], [[gelée royale]]
}}
L''''apiculture''' est l'élevage d'[[abeille]]s à miel, principalement de l'espèce ''[[Apis
  mellifera]]'', pour exploiter les produits de la ruche ou pour assurer la
  [[pollinisation]] des cultures. La personne qui la pratique est un ''apiculteur'', et
  l'emplacement où sont installées les ruches s'appelle un ''rucher''.

== Histoire ==
Des peintures rupestres montrent que l'homme récoltait déjà le miel des essaims sauvages à
  la préhistoire. Dans l'Égypte ancienne, les abeilles étaient élevées dans des ruches en
  argile, et au Moyen Âge les paysans d'Europe utilisaient des ruches en paille tressée ou
  des troncs creux. La ruche à cadres mobiles, apparue au {{s-|XIX}}, a permis de visiter
  les colonies sans détruire les rayons.<ref>{{Ouvrage |auteur1=Marc Lefebvre
  |titre=Histoire de la ruche |éditeur=La Butine |lieu=Tours |année=2010
  |passage=88-95}}</ref>

== La colonie ==
Une colonie compte une seule [[reine (abeille)|reine]], plusieurs dizaines de milliers
  d'[[ouvrière (abeille)|ouvrières]] en été et quelques centaines de [[faux bourdon]]s. Les
  ouvrières changent de tâche avec l'âge : nettoyage des alvéoles, nourrissage du couvain,
  construction des rayons, garde de l'entrée, puis butinage.

== Conduite du rucher ==
[[Fichier:Cadre de couvain operculé.jpg|vignette|gauche|Cadre de couvain operculé entouré de
  réserves de miel]]
Au printemps, l'apiculteur pose les ''hausses'', des caisses supplémentaires où les abeilles
  stockent le miel. Il surveille aussi l'[[essaimage]], qui peut faire perdre la moitié de
  la colonie. La récolte a lieu en été ; les colonies doivent ensuite garder ou recevoir
  assez de réserves pour passer l'hiver.<ref name="rucher">{{Lien web
  |url=https://example.com/apiculture/calendrier-du-rucher |titre=Le calendrier de
  l'apiculteur |consulté le=12 mai 2023}}</ref>

{| class="wikitable"
! Saison !! Travaux principaux
|-
| Printemps || Visite de printemps, pose des hausses
|-
| Été || Récolte et extraction du miel
|-
| Automne || Traitement contre le varroa, nourrissement
|-
| Hiver || Surveillance, entretien du matériel
|}

== Menaces ==
L'acarien ''[[Varroa destructor]]'' affaiblit les colonies et leur transmet des virus. Le
  [[frelon asiatique]], arrivé en France dans les années 2000, chasse les abeilles devant
  les ruches.<ref name="rucher" /> Les pesticides et la raréfaction des fleurs sont
  également mis en cause dans les pertes hivernales.

== Notes et références ==
{{Références}}

[[Catégorie:Apiculture| ]]
[[Catégorie:Élevage]]

[[en:Beekeeping]]
[[de:Imkerei]]
[[bg:Пчеларство]]
"""),
    ),
    Page(
        title="Pain au levain",
        timestamp="2023-03-02T07:44:21Z",
        user="Mie alvéolée",
        comment="/* Fabrication */ tableau",
        text=unwrap("""
{{Infobox Aliment
| nom         = Pain au levain
| image       = Miche au levain.jpg
| légende     = Miche de pain au levain à la croûte épaisse
| ingrédients = [[Farine]], eau, [[sel]], [[levain]]
}}
Le '''pain au levain''' est un [[pain]] dont la pâte lève grâce à un ''levain'',
  c'est-à-dire une culture de [[levure]]s sauvages et de [[bactéries lactiques]] entretenue
  par des apports réguliers de farine et d'eau. Il se distingue du pain à la [[levure de
  boulanger]] par une fermentation plus lente, une mie plus dense et légèrement acidulée, et
  une meilleure conservation.<ref name="boulange">{{Ouvrage |auteur1=Jeanne Morel |titre=Le
  Pain de tous les jours |éditeur=Farine & Four |lieu=Nantes |année=2017
  |passage=40-52}}</ref>

== Le levain ==
Pour créer un levain, on mélange de la farine, souvent de seigle ou de blé complet, avec de
  l'eau tiède, puis on le « rafraîchit » chaque jour. Au bout d'une semaine environ, le
  mélange bulle et double de volume quelques heures après chaque rafraîchi. On conserve
  ensuite une partie du levain, appelée ''levain-chef'', pour les fournées suivantes.

== Fabrication ==
[[Fichier:Pâton dans un banneton.jpg|vignette|Pâton en apprêt dans un banneton fariné]]
La fabrication suit les étapes habituelles de la [[panification]] :
# le '''pétrissage''' de la farine, de l'eau, du sel et du levain ;
# le '''pointage''', première fermentation de la pâte en masse, qui dure souvent plusieurs
  heures ;
# le '''façonnage''' des pâtons ;
# l''''apprêt''', dernière levée, parfois prolongée une nuit au réfrigérateur ;
# la '''cuisson''', dans un four très chaud, avec de la vapeur au début pour favoriser le
  développement de la croûte.

{| class="wikitable"
! Ingrédient !! Pourcentage du poids de farine
|-
| Farine || 100&nbsp;%
|-
| Eau || 65 à 75&nbsp;%
|-
| Levain || 20 à 30&nbsp;%
|-
| Sel || 1,8 à 2&nbsp;%
|}

== Réglementation ==
En France, l'appellation « pain au levain » est encadrée par un décret de 1993, qui fixe
  notamment l'acidité minimale de la mie et limite l'emploi de levure de
  boulanger.<ref>{{Lien web |url=https://example.net/boulangerie/reglementation-du-pain
  |titre=Ce que dit la réglementation sur le pain |site=Boulangerie pratique |consulté le=2
  mars 2023}}</ref> Le {{lang|en|''sourdough''}} des pays anglophones relève d'une tradition
  proche.<ref name="boulange" />

== Notes et références ==
{{Références}}

[[Catégorie:Pain]]
[[Catégorie:Fermentation]]

[[en:Sourdough]]
[[de:Sauerteig]]
"""),
    ),
    Page(
        title="Randonnée pédestre",
        timestamp="2023-06-18T19:36:08Z",
        user="Balise GR",
        comment="/* Balisage */ tableau",
        text=unwrap("""
{{Infobox Activité de plein air
| nom        = Randonnée pédestre
| image      = Balisage GR sur un rocher.jpg
| légende    = Balisage blanc et rouge d'un [[sentier de grande randonnée]]
| pratique   = Individuelle ou en groupe
| équipement = Chaussures de marche, sac à dos, carte
}}
La '''randonnée pédestre''' est une activité de [[marche à pied|marche]] pratiquée sur des
  sentiers balisés ou non, en général pour le loisir, la découverte de la nature ou
  l'exercice physique. Elle va de la simple promenade de quelques heures à l'[[itinérance]]
  de plusieurs semaines, avec hébergement en [[refuge de montagne|refuge]] ou sous tente.

== Balisage ==
En France, les itinéraires sont signalés par des marques de peinture. Les [[sentier de
  grande randonnée|sentiers de grande randonnée]] (GR) sont balisés en blanc et rouge, les
  GR de pays en jaune et rouge, et les promenades et randonnées (PR) le plus souvent en
  jaune.<ref>{{Lien web |url=https://example.org/randonnee/comprendre-le-balisage
  |titre=Comprendre le balisage des sentiers |consulté le=18 juin 2023}}</ref>

{| class="wikitable"
! Type d'itinéraire !! Couleurs du balisage !! Durée typique
|-
| GR || blanc et rouge || plusieurs jours
|-
| GR de pays || jaune et rouge || deux à cinq jours
|-
| PR || jaune || quelques heures
|}

== Équipement ==
[[Fichier:Randonneurs sur une crête.jpg|vignette|Randonneurs sur une crête à la fin de
  l'été]]
L'équipement dépend de la durée et du terrain. Pour une sortie à la journée, on recommande
  généralement :
* des chaussures de marche adaptées au terrain ;
* plusieurs couches de vêtements, dont une veste imperméable ;
* de l'eau et de quoi manger ;
* une carte, une [[boussole]] et une petite trousse de secours.

== Sécurité ==
La plupart des accidents sont des chutes et des entorses. Avant de partir, il est conseillé
  de consulter la [[prévision météorologique|météo]], de prévenir un proche de son
  itinéraire et de ne pas surestimer ses capacités.{{Référence nécessaire|date=juillet
  2023}} En montagne, l'orage, le brouillard et la neige tardive peuvent rendre dangereux un
  sentier facile.<ref>{{Ouvrage |auteur1=Paul Giraud |titre=Marcher en montagne
  |éditeur=Éditions des Cimes |lieu=Grenoble |année=2012 |passage=63-70}}</ref>

== Notes et références ==
{{Références}}

[[Catégorie:Randonnée| ]]
[[Catégorie:Sport de plein air]]

[[en:Hiking]]
[[de:Wandern]]
[[bg:Планински туризъм]]
"""),
    ),
    Page(
        title="Objectif photographique",
        timestamp="2023-02-09T10:27:14Z",
        user="Diaphragme",
        comment="/* Focale fixe ou zoom */",
        text=unwrap("""
{{Infobox Matériel photographique
| nom     = Objectif photographique
| image   = Objectif démonté.jpg
| légende = Lentilles d'un zoom démonté
| type    = Système optique
}}
Un '''objectif photographique''' est un système optique composé de plusieurs [[lentille
  optique|lentilles]], qui forme l'image d'une scène sur le [[capteur
  photographique|capteur]] ou la [[pellicule photographique|pellicule]] d'un [[appareil
  photographique]]. Les lentilles sont réparties en groupes afin de corriger les
  [[aberration optique|aberrations]], c'est-à-dire les défauts de l'image.

== Caractéristiques ==
=== Focale ===
La [[distance focale]], exprimée en millimètres, détermine l'[[angle de champ]]. Sur un
  appareil « plein format » (24&nbsp;×&nbsp;36&nbsp;mm), un 50&nbsp;mm est considéré comme
  un objectif ''standard'', un 24&nbsp;mm comme un ''grand-angle'' et un 200&nbsp;mm comme
  un ''téléobjectif''.

=== Ouverture ===
L'ouverture est réglée par un [[diaphragme (optique)|diaphragme]] et s'exprime par le
  [[nombre d'ouverture]] ''f''/N. Plus N est petit, plus l'objectif laisse passer de lumière
  et plus la [[profondeur de champ]] est faible. Un objectif ouvrant à ''f''/1,4 ou
  ''f''/1,8 est dit ''lumineux''.

== Focale fixe ou zoom ==
[[Fichier:Focale fixe 50 mm.jpg|vignette|Un objectif à focale fixe de 50&nbsp;mm]]
Les '''objectifs à focale fixe''' sont en général plus compacts, plus lumineux et moins
  chers à qualité égale. Les '''zooms''' offrent une plage de focales variable et évitent de
  changer d'objectif sur le terrain.<ref>{{Lien web
  |url=https://example.com/photo/fixe-ou-zoom |titre=Focale fixe ou zoom : que choisir ?
  |site=Atelier photo |consulté le=9 février 2023}}</ref>

{| class="wikitable"
! Famille !! Focales (plein format) !! Usages courants
|-
| Grand-angle || moins de 35&nbsp;mm || Paysage, architecture
|-
| Standard || 40 à 60&nbsp;mm || Reportage, usage général
|-
| Téléobjectif || plus de 85&nbsp;mm || Portrait, sport, animalier
|}

== Montures ==
Les objectifs interchangeables se fixent au boîtier par une ''monture'', le plus souvent à
  baïonnette, propre à chaque fabricant. Des bagues d'adaptation permettent parfois
  d'utiliser un objectif sur un autre boîtier, au prix de certaines fonctions comme
  l'[[autofocus]].<ref>{{Ouvrage |auteur1=Claire Vasseur |titre=Optique pour photographes
  |éditeur=Lumen |lieu=Paris |année=2014 |passage=115-121}}</ref><br />
<small>Voir aussi : [[Liste de montures d'objectifs]]</small>

== Notes et références ==
{{Références}}

[[Catégorie:Objectif photographique| ]]
[[Catégorie:Matériel photographique]]

[[en:Camera lens]]
[[de:Objektiv (Optik)]]
"""),
    ),
    Page(
        title="Apiculteur",
        redirect="Apiculture",
        timestamp="2023-05-12T18:09:30Z",
        user="Butineuse",
        comment="Redirection vers [[Apiculture]]",
        text=unwrap("""
#REDIRECTION [[Apiculture]]
"""),
    ),
)

BG_PAGES = (
    Page(
        title="Компостиране",
        timestamp="2023-04-03T11:48:27Z",
        user="Зелена леха",
        comment="/* Методи */",
        text=unwrap("""
{{Инфокутия процес
| име         = Компостиране
| изображение = Компостер в градина.jpg
| описание    = Дървен компостер в двора на къща
| вид         = [[Аеробно разграждане]]
| продукт     = [[Компост]]
}}
'''Компостирането''' е контролиран процес на разграждане на [[органична материя|органични
  отпадъци]] – окосена трева, паднали листа, обелки от зеленчуци и плодове – до тъмна,
  ронлива и богата на [[хумус]] маса, наречена ''компост''. В процеса участват [[бактерии]],
  [[гъби]] и почвени животни като [[дъждовни червеи]] и [[мокрици]]. Компостира се както в
  домашните градини, така и на общински площадки за зелени отпадъци.<ref>{{cite web
  |url=https://example.org/gradina/kompost-v-dvora |title=Компост в двора: кратко
  ръководство |publisher=Градински съвети |accessdate=3 април 2023 |lang=bg}}</ref>

== Протичане на процеса ==
През първите дни микроорганизмите разграждат лесноусвоимите захари и температурата в
  купчината се повишава. При достатъчно голям обем в центъра ѝ могат да се достигнат 60 –
  70&nbsp;°C, при което загиват много семена на плевели и причинители на болести. След това
  купчината постепенно изстива, гъбите разграждат по-трудно разградими вещества като
  [[лигнин]]а, а в последната фаза на узряване в нея се заселват червеи и други почвени
  организми.<ref name="петров">{{cite book |last=Петров |first=Иван |title=Почвата и
  градината |publisher=Земя |location=Пловдив |year=2013 |pages=71–79 |lang=bg}}</ref>

=== Съотношение между въглерод и азот ===
Градинарите разделят суровините на „зелени“, богати на [[азот]], и „кафяви“, богати на
  [[въглерод]]. Най-бързо се разгражда смес, в която на една част азот се падат около 25 –
  30 части въглерод.<ref name="петров" />

{| class="wikitable"
! Материал !! Група !! Съотношение C:N (прибл.)
|-
| Окосена трева || зелен || 20:1
|-
| Зеленчукови обелки || зелен || 15:1
|-
| Сухи листа || кафяв || 60:1
|-
| Слама || кафяв || 80:1
|}

== Методи ==
[[Файл:Купчина компост.jpg|мини|Открита купчина компост в селски двор]]
* '''Открита купчина''' – най-простият начин, подходящ за големи дворове.
* '''Затворен компостер''' от дърво или пластмаса – задържа топлината и изглежда
  по-спретнато.
* '''[[Вермикомпостиране]]''' – с помощта на червеи от вида ''Eisenia fetida''; може да се
  прилага и в апартамент.

Купчината трябва да бъде влажна, но не мокра, и да се разбърква от време на време, за да
  достига въздух до вътрешността ѝ.{{факт}} <!-- да се добави източник -->

== Източници ==
<references />

[[Категория:Градинарство]]
[[Категория:Управление на отпадъците]]

[[en:Composting]]
[[de:Kompostierung]]
[[fr:Compostage]]
"""),
    ),
    Page(
        title="Пчеларство",
        timestamp="2023-05-22T07:15:53Z",
        user="Медена пита",
        comment="/* Сезонна работа */ таблица",
        text=unwrap("""
{{Инфокутия стопанска дейност
| име         = Пчеларство
| изображение = Пчелин в планината.jpg
| описание    = Пчелин с кошери в подножието на планина
| вид         = [[Медоносна пчела]] (''Apis mellifera'')
| продукти    = [[Мед]], [[восък]], [[прополис]], [[пчелно млечице]]
}}
'''Пчеларството''' е отрасъл на [[селско стопанство|селското стопанство]], който се занимава
  с отглеждането на [[медоносна пчела|медоносни пчели]] за добив на [[мед]], [[восък]] и
  други продукти, както и за [[опрашване]] на земеделските култури. Човекът, който гледа
  пчели, се нарича ''пчелар'', а мястото, където са разположени кошерите – ''пчелин''.

== История ==
По българските земи пчелите се отглеждат от древността. Дълго време са се използвали кошери,
  изплетени от върбови пръчки и измазани с глина и тор, както и издълбани дървесни стволове.
  През XIX и XX век постепенно се налагат кошерите с подвижни рамки, които позволяват
  преглед на пчелното семейство, без да се разрушават питите.<ref>{{cite book
  |last=Георгиева |first=Мария |title=Пчеларството в миналото |publisher=Балкан
  |location=Габрово |year=2009 |pages=15–22 |lang=bg}}</ref>

== Пчелното семейство ==
Едно пчелно семейство се състои от [[пчелна майка|майка]], от няколко хиляди до няколко
  десетки хиляди [[работничка (пчела)|работнички]] и, през топлите месеци, от няколкостотин
  [[търтей|търтея]]. Работничките сменят задълженията си с възрастта: почистват килийките,
  хранят [[ларва|ларвите]], градят пити, пазят входа и накрая излизат на паша за [[нектар]]
  и [[прашец]].

== Сезонна работа ==
[[Файл:Рамка с пило.jpg|мини|ляво|Рамка със запечатано пило]]
{| class="wikitable"
! Сезон !! Основни дейности
|-
| Пролет || Пролетен преглед, разширяване на гнездото
|-
| Лято || Поставяне на магазини, центрофугиране на меда
|-
| Есен || Лечение срещу [[вароатоза]], подхранване
|-
| Зима || Наблюдение, ремонт на инвентара
|}

== Болести и вредители ==
Най-сериозната заплаха за пчелите в Европа е акарът ''[[Varroa destructor]]'', който
  отслабва семействата и пренася вируси.<ref>{{cite web
  |url=https://example.com/pchelarstvo/varoa |title=Как да се борим с вароата |accessdate=22
  май 2023 |lang=bg}}</ref> Опасни са също [[американски гнилец|американският гнилец]] и
  [[нозематоза]]та.{{факт}}

== Източници ==
{{Reflist}}

[[Категория:Пчеларство| ]]
[[Категория:Животновъдство]]

[[en:Beekeeping]]
[[de:Imkerei]]
[[fr:Apiculture]]
"""),
    ),
    Page(
        title="Хлебопечене",
        timestamp="2023-03-11T17:02:10Z",
        user="Топла питка",
        comment="/* Етапи */",
        text=unwrap("""
{{Инфокутия храна
| име         = Хляб
| изображение = Домашен хляб.jpg
| описание    = Домашен пшеничен хляб, изпечен в тава
| съставки    = [[Брашно]], вода, [[сол]], [[мая]] или [[квас]]
}}
'''Хлебопеченето''' е процесът на приготвяне на [[хляб]] от [[брашно]], вода, сол и
  набухвател – [[хлебна мая]] или [[квас]]. Основните етапи – замесване, ферментация,
  оформяне, втасване и печене – са едни и същи у дома и в промишлените пекарни, макар
  продължителността и оборудването да се различават.

== Съставки ==
Най-често се използва пшенично брашно, защото белтъците в него образуват [[глутен]] –
  еластична мрежа, която задържа въглеродния диоксид, отделен при ферментацията. За хляб се
  препоръчва брашно с по-високо съдържание на белтък. Ръженото и [[лимец|лимецовото]] брашно
  често се смесват с пшенично.<ref name="хляб">{{cite book |last=Димитрова |first=Елена
  |title=Хлябът у дома |publisher=Хоризонт |location=София |year=2016 |pages=30–41
  |lang=bg}}</ref>

=== Квас ===
Квасът е смес от брашно и вода, в която са се развили диви [[дрожди]] и [[млечнокисели
  бактерии]]. Той се „храни“ редовно с прясно брашно и вода и придава на хляба леко кисел
  вкус и по-дълга трайност. В българската традиция с квас се меси и обредният хляб, например
  [[погача]]та.{{факт}}

== Етапи ==
[[Файл:Тесто във форма.jpg|мини|Оформено тесто, оставено да втасва във форма]]
# '''Замесване''' – смесване на съставките и развиване на глутена.
# '''Първа ферментация''' – тестото престоява, докато увеличи обема си.
# '''Оформяне''' – разделяне на тестото и оформяне на питки или самуни.
# '''Втасване''' – последно набухване във форма или кошничка.
# '''Печене''' – във фурна, загрята до около 220 – 240&nbsp;°C.

{| class="wikitable"
! Вид хляб !! Вода (% от брашното) !! Особености
|-
| Типов хляб || 60 – 65 || Равномерна, мека среда
|-
| Селски хляб с квас || 70 – 75 || Плътна кора, едри шупли
|-
| Питка || 55 – 60 || Плътна, често с мазнина и яйце
|}

Хлябът е готов, когато при почукване по долната кора звучи кухо. Препоръчва се да изстине
  поне един час, преди да бъде нарязан.<ref>{{cite web
  |url=https://example.net/recepti/domashen-hlyab |title=Домашен хляб стъпка по стъпка
  |publisher=Кулинарен дневник |accessdate=11 март 2023 |lang=bg}}</ref><ref name="хляб" />

== Източници ==
<references />

[[Категория:Хляб]]
[[Категория:Кулинарни техники]]

[[en:Breadmaking]]
[[fr:Panification]]
"""),
    ),
    Page(
        title="Италианска партия",
        timestamp="2023-02-15T21:33:42Z",
        user="Дебютант",
        comment="/* Основни разклонения */",
        text=unwrap("""
{{Инфокутия шахматно откриване
| име         = Италианска партия
| изображение = Италианска партия след 3.Оc4.svg
| ходове      = 1.e4 e5 2.Кf3 Кc6 3.Оc4
| ECO         = C50–C54
| група       = [[Открити игри]]
}}
'''Италианската партия''' е [[шахматно откриване]] от групата на [[Открити игри|откритите
  игри]], което започва с ходовете 1.e4 e5 2.Кf3 Кc6 3.Оc4. Белият офицер се насочва към
  полето f7, което в началото на играта е защитено само от черния цар. Откриването е сред
  най-старите, описани в шахматната литература – анализирано е още от италиански майстори
  през XVI и XVII век.<ref name="шах">{{cite book |last=Колев |first=Стоян |title=Откритите
  игри |publisher=Шахматна мисъл |location=София |year=2011 |pages=9–34 |lang=bg}}</ref>

== Основни разклонения ==
=== Джуоко пиано ===
След 3...Оc5 се получава т.нар. ''Джуоко пиано'' ({{lang|it|Giuoco Piano}}, „тиха игра“).
  Белите могат да подготвят d4 с 4.c3 или да изберат по-спокойния план с 4.d3, известен като
  ''Джуоко пианисимо'', който е много популярен в съвременния турнирен шах.<ref name="шах"
  />

=== Защита на двата коня ===
С 3...Кf6 черните веднага нападат пешката на e4. След 4.Кg5 белите заплашват полето f7 и
  играта става остра; черните често жертват пешка за бързо развитие.

=== Гамбит на Еванс ===
[[Файл:Гамбит на Еванс.svg|мини|Позицията след 4.b4]]
В [[Гамбит на Еванс|гамбита на Еванс]] (3...Оc5 4.b4) белите жертват пешка, за да спечелят
  темпо и да завладеят центъра с c3 и d4. Гамбитът е бил особено популярен през XIX
  век.<ref>{{cite web |url=https://example.org/shah/evans-gambit |title=Гамбитът на Еванс –
  история и идеи |accessdate=15 февруари 2023 |lang=bg}}</ref>

{| class="wikitable"
! Разклонение !! Ходове !! ECO
|-
| Джуоко пиано || 3...Оc5 || C50, C53–C54
|-
| Гамбит на Еванс || 3...Оc5 4.b4 || C51–C52
|-
| Защита на двата коня || 3...Кf6 || C55–C59
|}
<small>Означения: Ц – цар, Д – дама, Т – топ, О – офицер, К – кон.</small>

== Източници ==
<references />

[[Категория:Шахматни откривания]]

[[en:Italian Game]]
[[de:Italienische Partie]]
[[fr:Partie italienne]]
"""),
    ),
    Page(
        title="Планински туризъм",
        timestamp="2023-06-07T12:26:05Z",
        user="Хижар",
        comment="/* Маршрути и маркировка */ таблица",
        text=unwrap("""
{{Инфокутия спорт
| име         = Планински туризъм
| изображение = Маркировка по пътека в Рила.jpg
| описание    = Маркирана пътека в [[Рила]]
| екипировка  = Туристически обувки, раница, карта
}}
'''Планинският туризъм''' е вид активен отдих, при който хората ходят пеша по планински
  пътеки и маршрути – от кратки разходки до многодневни преходи с нощувки в [[хижа|хижи]]
  или на палатка. В България той има дълга традиция: изкачването на [[Черни връх]] във
  [[Витоша]] през 1895 г. се смята за начало на организираното туристическо движение в
  страната.<ref>{{cite web |url=https://example.com/planini/istoriya-na-turizma
  |title=Кратка история на туризма в България |accessdate=7 юни 2023 |lang=bg}}</ref>

== Маршрути и маркировка ==
Пътеките в българските планини са обозначени с цветна маркировка – ивици боя по дървета и
  скали, метални стълбове и табели. Най-известният дълъг маршрут минава по билото на [[Стара
  планина]] от връх [[Ком (връх)|Ком]] до нос [[Емине]] и е част от европейския маршрут [[E3
  (европейски маршрут)|E3]]; преходът отнема около три седмици.{{факт}}

{| class="wikitable"
! Планина !! Най-висок връх !! Височина
|-
| [[Рила]] || [[Мусала]] || 2925 м
|-
| [[Пирин]] || [[Вихрен]] || 2914 м
|-
| [[Стара планина]] || [[Ботев (връх)|Ботев]] || 2376 м
|-
| [[Витоша]] || [[Черни връх]] || 2290 м
|}

== Екипировка ==
[[Файл:Туристи край езеро.jpg|мини|Туристи край високопланинско езеро]]
Основната екипировка включва:
* удобни туристически обувки с грайфер;
* няколко слоя дрехи и непромокаемо яке;
* вода, храна и малка аптечка;
* карта, компас или навигационно устройство.

== Безопасност ==
Времето в планината се променя бързо, особено през лятото, когато следобед често има
  гръмотевични бури. Туристите трябва да проверяват прогнозата, да съобщават на близките си
  маршрута и при нужда да се връщат навреме. При инцидент се търси помощ от [[Планинска
  спасителна служба|Планинската спасителна служба]].<ref>{{cite book |last=Стоянов
  |first=Петър |title=В планината безопасно |publisher=Планинар |location=София |year=2018
  |pages=44–52 |lang=bg}}</ref> <!-- да се добави телефон за спешни случаи -->

== Източници ==
<references />

[[Категория:Туризъм в България]]
[[Категория:Планинарство]]

[[en:Hiking]]
[[de:Wandern]]
[[fr:Randonnée pédestre]]
"""),
    ),
    Page(
        title="Пчелар",
        redirect="Пчеларство",
        timestamp="2023-05-22T07:18:09Z",
        user="Медена пита",
        comment="Пренасочване към [[Пчеларство]]",
        text=unwrap("""
#пренасочване [[Пчеларство]]
"""),
    ),
)

WIKIS = (
    Wiki(
        lang="en",
        sitename="Wikipedia",
        main_page="Main Page",
        namespaces=EN_NAMESPACES,
        first_page_id=18204,
        first_rev_id=1148210337,
        pages=EN_PAGES,
    ),
    Wiki(
        lang="de",
        sitename="Wikipedia",
        main_page="Wikipedia:Hauptseite",
        namespaces=DE_NAMESPACES,
        first_page_id=30517,
        first_rev_id=232915406,
        pages=DE_PAGES,
    ),
    Wiki(
        lang="fr",
        sitename="Wikipédia",
        main_page="Wikipédia:Accueil principal",
        namespaces=FR_NAMESPACES,
        first_page_id=41132,
        first_rev_id=203774521,
        pages=FR_PAGES,
    ),
    Wiki(
        lang="bg",
        sitename="Уикипедия",
        main_page="Начална страница",
        namespaces=BG_NAMESPACES,
        first_page_id=2291,
        first_rev_id=11803664,
        pages=BG_PAGES,
    ),
)


def main() -> None:
    for wiki in WIKIS:
        path = write_dump(wiki)
        print(f"{path}  {len(wiki.pages)} pages  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
