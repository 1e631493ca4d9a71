"""How heldout-blind was drawn: candidate pools (seeded random order per genre x topic).

    python bench/gold/selection/select-blind.py

Reads the unpacked corpus (KG_CORPUS_DIR, default /tmp/corpus/wh-briefings) and ../shared/seeds;
leaves out the documents in used-before-blind.txt (the sets annotated before it)."""
import os, random, re, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
ROOT = os.environ.get("KG_CORPUS_DIR", "/tmp/corpus/wh-briefings")
SEEDS = str(HERE.parents[3] / "shared" / "seeds")
used = set(l.strip() for l in open(HERE / "used-before-blind.txt") if l.strip())
seed_urls = set()
for f in os.listdir(SEEDS):
    for line in open(os.path.join(SEEDS, f)):
        m = re.match(r"^(permalink|source_url): (\S+)", line)
        if m:
            seed_urls.add(m.group(2).rstrip("/").split("/")[-1])
EU = re.compile(r"(^|-)(russia\w*|ukrain\w*|nato|europe\w*|german\w*|france|french|poland|polish|baltic|lithuania\w*|latvia|estonia|romania|moldova|united-kingdom|british|italy|belgium|nordic|finland|sweden|kuleba|zelenskyy|putin|scholz|macron|stoltenberg|duda|g7)(-|$)")
OTHER = re.compile(r"(^|-)(china|chinese|xi|japan\w*|kishida|korea|india|modi|australia|indo-pacific|asean|philippines|vietnam|indonesia|singapore|taiwan|israel|iran|saudi|qatar|emirates|uae|jordan|egypt|iraq|yemen|afghanistan|pakistan|africa\w*|kenya|ethiopia|sudan|nigeria|mexico|colombia|brazil|guatemala|honduras|haiti|cuba\w*|venezuela|latin|caribbean|central-america|turkey|quad|pacific|mongolia|houthi|west-bank|erdogan|bennett|amir)(-|$)")
def genre(slug):
    if "background-press-call" in slug or "press-briefing" in slug or "press-call" in slug:
        return "press-call"
    if slug.startswith("readout-of-"):
        if re.match(r"readout-of-(the-)?(president|vice-president|secretary|national-security-advisor)", slug):
            return "readout"
        return None
    if "joint-statement" in slug or slug.startswith("statement-"):
        return "statement"
    if slug.startswith("remarks-by"):
        return "remarks"
    return None
pools = {}
for d, _, files in os.walk(ROOT):
    for f in files:
        doc_id, ext = os.path.splitext(f)
        date = doc_id[:10]
        if not ("2021-11-01" <= date <= "2022-03-31"):
            continue
        if doc_id in used or doc_id[11:].rstrip("-0123456789") in {u.rstrip("-0123456789") for u in seed_urls} or doc_id[11:] in seed_urls:
            continue
        size = os.path.getsize(os.path.join(d, f))
        if size > 25600:
            continue
        slug = doc_id[11:]
        g = genre(slug)
        if not g:
            continue
        t = "europe" if EU.search(slug) else ("other" if OTHER.search(slug) else None)
        if slug.startswith("remarks-by") and "thanksgiving-turkey" in slug: t = None
        if not t:
            continue
        pools.setdefault((g, t), []).append(doc_id)
for k in sorted(pools):
    lst = sorted(pools[k])
    random.Random(20240505).shuffle(lst)
    pools[k] = lst
    print(k, len(lst))
    for x in lst[:int(sys.argv[1]) if len(sys.argv) > 1 else 8]:
        print("   ", x)
