"""Writes gazetteer.csv: the streets of Wendshire, a fictional county, for tests and demonstrations.

Deterministic (fixed seed): running it again gives the same file. A council does not run this; it loads its own
LLPG/street extract in the same columns (see README.md).
"""
import csv
import random
from pathlib import Path

rng = random.Random(20260411)

# QW is not a real postcode area (no real area starts with Q), so no row can be mistaken for a real address.
# town, area, districts, centre (lat, lon), localities (villages or suburbs inside the area)
TOWNS = [
    ("Ashby", "ashby", ["QW1", "QW2"], (52.7500, -1.3000), ["Ashby Wolds", "Nether Ashby"]),
    ("Kingsford", "kingsford", ["QW5", "QW6"], (52.5500, -1.1500), ["Kingsford Heath", "Riverside"]),
    ("Marston", "marston-vale", ["QW8"], (52.6000, -0.9500), ["Marston Magna"]),
    ("Hollowbrook", "hollowbrook", ["QW10"], (52.8200, -1.0500), []),
    ("Thornby", "rural-north", ["QW3"], (52.8600, -1.3600), ["Little Thornby", "Colby End"]),
    ("Fenwick", "rural-south", ["QW9"], (52.4800, -1.0000), ["Cold Harbour", "Fenwick Marsh"]),
]

STEMS = [
    "Mill", "Church", "Station", "High", "Park", "Victoria", "Albert", "Queens", "Kings", "Manor", "School",
    "Chapel", "Green", "Orchard", "Meadow", "Willow", "Oak", "Ash", "Beech", "Elm", "Chestnut", "Hawthorn",
    "Rectory", "Vicarage", "Bridge", "Brook", "Ferry", "Canal", "Forge", "Market", "Castle", "Abbey", "Priory",
    "Windmill", "Stonebridge", "Cross", "Gladstone", "Nelson", "Wellington", "Cromwell", "Tudor", "York",
    "Lancaster", "Clarendon", "Belvoir", "Spencer", "Cavendish", "Fosse", "Saxon", "Roman", "Swan", "Heron",
    "Kestrel", "Badger", "Foxglove", "Bluebell", "Primrose", "Sycamore", "Hazel", "Juniper", "St Mary's",
    "St John's", "St Peter's", "Coronation", "Jubilee", "Elizabeth", "Highfield", "Westfield", "Northgate",
    "Southgate", "Hill Top", "Long", "Back", "Main", "Sandy", "Gravel Pit", "Tannery", "Malthouse", "Granary",
]
TYPES = ["Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent", "Grove", "Gardens", "Terrace",
         "Place", "Court", "Walk", "Rise"]
# Names every town has one of, so the matcher must choose by town.
SHARED = ["Mill Lane", "Church Street", "Station Road", "High Street"]
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters real inward codes use


def street_names(count):
    names = set(SHARED)
    while len(names) < count:
        stem = rng.choice(STEMS)
        kind = rng.choice(TYPES)
        if stem in ("High", "Main", "Back", "Long") and kind not in ("Street", "Lane", "Road"):
            continue
        names.add(f"{stem} {kind}")
    return sorted(names)


def main():
    out = Path(__file__).with_name("gazetteer.csv")
    used_postcodes = set()
    rows = []
    place = 0
    for town, area, districts, (lat0, lon0), localities in TOWNS:
        for name in street_names(42):
            place += 1
            place_id = f"WS{place:06d}"
            locality = rng.choice(localities) if localities and rng.random() < 0.35 else ""
            if name in SHARED:
                locality = ""
            lat = lat0 + rng.uniform(-0.012, 0.012)
            lon = lon0 + rng.uniform(-0.018, 0.018)
            heading = (rng.uniform(-0.0015, 0.0015), rng.uniform(-0.0022, 0.0022))
            for part in range(rng.choice([1, 1, 1, 2, 2, 3])):
                while True:
                    postcode = (f"{rng.choice(districts)} {rng.randint(1, 9)}"
                                f"{rng.choice(UNIT_LETTERS)}{rng.choice(UNIT_LETTERS)}")
                    if postcode not in used_postcodes:
                        used_postcodes.add(postcode)
                        break
                rows.append([place_id, name, locality, town, postcode, area,
                             f"{lat + heading[0] * part:.6f}", f"{lon + heading[1] * part:.6f}"])
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["place_id", "street", "locality", "town", "postcode", "area", "latitude", "longitude"])
        w.writerows(rows)
    print(f"{len(rows)} rows, {place} streets -> {out}")


if __name__ == "__main__":
    main()
