"""How the blind held-out sets were drawn from the corpus (one script for all of them).

    python bench/gold/selection/select.py --seed 777                                   # heldout-blind2
    python bench/gold/selection/select.py --seed 4243 --exclude heldout-blind2.yaml    # heldout-blind3
    python bench/gold/selection/select.py --seed 4244 --exclude heldout-blind2.yaml --exclude heldout-blind3.yaml   # heldout-blind4
    # heldout-blind5, -blind6 and -blind7: --seed 5355, 6466 and 7577, each excluding every blind set before it
    # (blind7: --exclude heldout-blind2.yaml ... --exclude heldout-blind6.yaml; its header says so)
    # heldout-blind8: --seed 8688, excluding heldout-blind2.yaml ... heldout-blind7.yaml
    # heldout-blind9: --seed 9799, excluding heldout-blind2.yaml ... heldout-blind8.yaml
    # heldout-blind10: --seed 10810 --max-briefing 45000, excluding heldout-blind2.yaml ... heldout-blind9.yaml
    # heldout-blind11: --seed 11921 --max-briefing 70000, excluding heldout-blind2.yaml ... heldout-blind10.yaml
    # heldout-blind12: --seed 12032 --max-briefing 70000 --from 2021-09-01 --to 2022-05-31, excluding heldout-blind2.yaml ... heldout-blind11.yaml
    #   (the months 2021-11 .. 2022-03 were nearly used up: two months added on each side)
    # heldout-blind13 .. heldout-blind18: the options each set's header gives (windows within 2021-09 .. 2022-06)
    # heldout-blind19: --seed 19570 --max-briefing 70000 --from 2022-07-01 --to 2022-12-31 --show 8, excluding
    #   every gold file of bench/gold/ (2021-09 .. 2022-06 was nearly used up: a new window)
    # heldout-blind20: --seed 20681 --max-briefing 70000 --from 2023-01-01 --to 2023-06-30 --show 8, excluding
    #   every gold file of bench/gold/ (a new window after heldout-blind19's)
    # heldout-blind21: --seed 21792 --max-briefing 70000 --from 2023-07-01 --to 2023-12-31 --show 8, excluding
    #   every gold file of bench/gold/ (a new window after heldout-blind20's)
    # heldout-blind22: --seed 22803 --max-briefing 70000 --from 2024-01-01 --to 2024-06-30 --show 8, excluding
    #   every gold file of bench/gold/ (a new window after heldout-blind21's)

Reads the unpacked corpus (KG_CORPUS_DIR, default /tmp/corpus/wh-briefings: tar -xJf
../shared/corpus/wh-briefings-biden.tar.xz -C /tmp/corpus) and ../shared/seeds. Leaves out
the documents in used-before-blind2.txt and in the gold files given with --exclude (names
relative to bench/gold/). Prints every eligible file by genre and topic, in the order the
seeded shuffle gives: the first files of each bucket were annotated (selection-*.txt hold
the outputs of the day each set was drawn)."""
import argparse
import os, re, random, sys, yaml
from pathlib import Path
HERE = Path(__file__).resolve().parent           # bench/gold/selection
# the corpus archive unpacked (tar -xJf ../shared/corpus/wh-briefings-biden.tar.xz -C DIR)
ROOT = os.environ.get("KG_CORPUS_DIR", "/tmp/corpus/wh-briefings")
SEEDS = str(HERE.parents[3] / "shared" / "seeds")   # ../shared/seeds of the project
USED = set(l.strip() for l in open(HERE / "used-before-blind2.txt") if l.strip())
_ap = argparse.ArgumentParser(description="Draw a blind held-out set from the corpus.")
_ap.add_argument("--seed", type=int, required=True)
_ap.add_argument("--exclude", action="append", default=[], help="a gold file of bench/gold/ whose documents are left out")
_ap.add_argument("--show", type=int, default=15, help="eligible files listed per bucket")
_ap.add_argument("--max-briefing", type=int, default=32000, help="size cap of a briefing in bytes (32 KB for blind2..blind9)")
_ap.add_argument("--from", dest="date_from", default="2021-11-01", help="first date of the documents drawn")
_ap.add_argument("--to", dest="date_to", default="2022-03-31", help="last date of the documents drawn")
ARGS = _ap.parse_args()
for _name in ARGS.exclude:
    USED |= set((yaml.safe_load(open(HERE.parent / _name)) or {}).get("documents", {}).keys())

def front(path):
    t = open(path, encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n", t, re.S)
    return yaml.safe_load(m.group(1)), t

seed_keys = set()
for f in os.listdir(SEEDS):
    fm, _ = front(os.path.join(SEEDS, f))
    for k in ("source_url", "permalink"):
        if fm.get(k): seed_keys.add(fm[k].rstrip("/").split("/")[-1])
    seed_keys.add(re.sub(r"\W+", " ", fm["title"]).lower().strip())

def genre(title, doc_id):
    t = title.lower().replace("\u2019", "'").replace("\xa0", " ")
    if re.match(r"(background press (call|briefing)|on-the-record press call)", t) or re.match(r"press (briefing|gaggle) by .*national security advisor", t):
        return "briefing"
    if t.startswith("readout of president") or t.startswith("readout of vice president") or t.startswith("readout of national security advisor"):
        return "readout"
    if t.startswith("joint statement") or t.startswith("statement by president") or t.startswith("statement from president") or t.startswith("statement of the president") or t.startswith("statement by vice president"):
        return "statement"
    if t.startswith("remarks by president biden") or t.startswith("remarks by vice president harris"):
        return "remarks"
    return None

EUROPE = re.compile(r"\b(russia\w*|ukrain\w*|nato|europe\w*|transatlantic|germany|german|france|french|poland|polish|united kingdom|u\.k\.|britain|british|baltic\w*|lithuania|latvia|estonia|romania|bulgaria|finland|sweden|norway|denmark|italy|spain|belgium|netherlands|czech|slovakia|hungary|moldova|belarus|bosnia|serbia|kosovo|balkans?|greece|turkey|ireland|irish|austria|osce|g7|putin|zelenskyy?|scholz|macron|johnson of the united kingdom|draghi|duda|stoltenberg|von der leyen|charles michel|bucharest nine)\b", re.I)
FOREIGN = re.compile(r"\b(prime minister|foreign minister|(president|chancellor|king|amir|emir|sultan) [\w\u00c0-\u017f'-]+( [\w\u00c0-\u017f'-]+)? of|secretary-general|leaders.? summit|summit for democracy|summit of the americas|bilateral|china|chinese|japan\w*|korea|india|mexic\w*|canad\w*|israel\w*|palestin\w*|iran|iraq|afghan\w*|ethiopia|sudan|african union|africa union|indo-pacific|quad|asean|latin america|central america|caribbean|haiti|venezuela|cuba|colombia|brazil|guatemala|honduras|el salvador|australia|philippines|indonesia|vietnam|singapore|taiwan|qatar|saudi\w*|emirates|uae|egypt|jordan|yemen|libya|burma|myanmar|north korea|dprk|somalia|kenya|nigeria|jamaica|cop26|foreign policy)\b", re.I)

# stricter body patterns (no words that also occur in domestic texts: Georgia, summit, minister, African American ...)
EUROPE_BODY = re.compile(r"russia|ukrain|nato\b|putin|zelensk|european union|transatlantic|\bEU\b|kremlin|poland|germany|france\b", re.I)
FOREIGN_BODY = re.compile(r"\bchina\b|chinese|\bxi\b|japan|korea|india\b|mexic|canad|israel|iran\b|afghan|ethiopia|indo-pacific|\bquad\b|asean|central america|haiti|venezuela|colombia|guatemala|honduras|taliban|qatar|saudi|burma|summit for democracy", re.I)

rows = []
for dp, dn, fn in os.walk(ROOT):
    for f in fn:
        p = os.path.join(dp, f)
        doc_id = os.path.splitext(f)[0]
        try:
            fm, text = front(p)
        except Exception:
            continue
        d = str(fm.get("date"))
        if not (ARGS.date_from <= d <= ARGS.date_to): continue
        if doc_id in USED: continue
        url = (fm.get("source_url") or fm.get("permalink") or "").rstrip("/").split("/")[-1]
        title = re.sub(r"\s+", " ", fm.get("title", "").replace("\xa0", " ").replace("\u2019", "'"))
        if url in seed_keys or re.sub(r"\W+", " ", title).lower().strip() in seed_keys: continue
        size = os.path.getsize(p)
        g = genre(title, doc_id)
        if not g: continue
        if size > (ARGS.max_briefing if g == "briefing" else 25000): continue
        if EUROPE.search(title): topic = "europe"
        elif FOREIGN.search(title): topic = "other"
        else:
            body = text.split("---", 2)[2]
            ne, nf = len(EUROPE_BODY.findall(body)), len(FOREIGN_BODY.findall(body))
            topic = "europe" if ne >= 10 and ne >= nf else ("other" if nf >= 10 else "domestic?")
        rows.append((g, topic, os.path.relpath(p, ROOT), doc_id, d, size, title))

rows.sort(key=lambda r: r[2])
rng = random.Random(ARGS.seed)
for g in ("briefing", "readout", "statement", "remarks"):
    for topic in ("europe", "other"):
        bucket = [r for r in rows if r[0] == g and r[1] == topic]
        rng.shuffle(bucket)
        print(f"## {g}/{topic}: {len(bucket)} eligible")
        for r in bucket[:ARGS.show]:
            print("  ", r[4], r[5], r[2])
