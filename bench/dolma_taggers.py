"""A dolma tagger for bench/peers.py's filter job: dolma's own English fastText document tagger
(`ft_lang_id_en_doc_v2`) reading the lid.176 model file our pipeline uses, named by the
environment variable LID176_MODEL, instead of downloading its own copy. Loaded by
`dolma tag --tagger_modules bench/dolma_taggers.py` inside bench/work/dolma-venv only.
"""

from __future__ import annotations

import os

from dolma.core.registry import TaggerRegistry
from dolma.taggers.language import FastTextEnglishLanguageDocumentTagger


@TaggerRegistry.add("lid176_en")
class LocalLid176EnglishTagger(FastTextEnglishLanguageDocumentTagger):
    """`ft_lang_id_en_doc_v2` on the local lid.176 model: one `en` span per document, scored."""

    MODEL_PATH = os.environ.get("LID176_MODEL", FastTextEnglishLanguageDocumentTagger.MODEL_PATH)
