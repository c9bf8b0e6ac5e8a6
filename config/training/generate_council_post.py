#!/usr/bin/env python3
"""Writes the ILLUSTRATIVE starter sets council-post.csv and council-post-heldout.csv.

Every phrasing below was written by hand for this project; the script only combines them with fictional names,
places and references and adds the untidiness of real post (typos, OCR noise, lower case). The held-out set uses
its own phrasings, never those of the training set. Deterministic: run it again and the files come out the same.
"""
import csv
import random
import re
import sys
from pathlib import Path

NAMES = ["Mrs A Example", "Mr B Sample", "Ms C Specimen", "Mr D Placeholder", "Miss E Example", "Mr F Fictional",
         "Mrs G Madeup", "Dr H Sample", "Mx J Example", "Mrs K Notreal", "Mr L Testcase", "Ms M Example"]
RELATIONS = ["mother", "father", "husband", "wife", "neighbour", "aunt", "grandad", "nan", "brother", "partner",
             "son", "daughter"]
STREETS = ["Example Road", "Sample Street", "Specimen Lane", "Placeholder Close", "Fictional Avenue", "Madeup Way",
           "Testing Crescent", "Nowhere Drive", "Imaginary Gardens", "Pretend Terrace"]
TOWNS = ["Sampleton", "Exampleford", "Little Specimen", "Fakeley", "Notaplace Green", "Westexample"]
POSTCODES = ["AB1 2DE", "AB2 7QF", "AB3 4HP", "AB1 9NJ", "AB4 6LW", "AB2 3RT", "AB5 8SU", "AB3 1XY"]
SCHOOLS = ["Example Primary School", "Sampleton Academy", "St Specimen's C of E Primary", "Fakeley High School",
           "Westexample Community College", "Little Specimen Infant School"]
ROADS = ["Example Road", "the B1234 out of Sampleton", "Specimen Lane by the church", "the junction of Sample Street and Madeup Way",
         "Fictional Avenue outside number 14", "the lane to Fakeley"]


def ref():
    return random.choice(["ASC", "BB", "CT", "HW", "SA", "FA", "CP"]) + "-2024-" + f"{random.randint(0, 999999):06d}"


def fill(template):
    values = {
        "name": random.choice(NAMES),
        "rel": random.choice(RELATIONS),
        "addr": f"{random.randint(1, 120)} {random.choice(STREETS)}, {random.choice(TOWNS)} {random.choice(POSTCODES)}",
        "street": random.choice(STREETS),
        "town": random.choice(TOWNS),
        "pc": random.choice(POSTCODES),
        "school": random.choice(SCHOOLS),
        "school2": random.choice(SCHOOLS),
        "road": random.choice(ROADS),
        "ref": ref(),
        "bb": f"BB{random.randint(100000, 999999)}",
        "amount": f"£{random.randint(5, 900)}.{random.randint(0, 99):02d}",
        "weeks": str(random.randint(2, 9)),
        "age": str(random.randint(66, 97)),
        "child": random.choice(["my son", "my daughter", "our son", "our daughter", "my grandson", "my granddaughter"]),
        "year": random.choice(["Reception", "Year 3", "Year 7", "Year 10", "Year 12"]),
        "day": random.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]),
        "phone": random.choice(["07700 900123", "01632 960 447", "07700 900 982", "(01632) 960321"]),
        "email": random.choice(["a.example@example.org", "bsample@mail.example.net", "c.specimen@example.com"]),
    }
    text = template.format(**values)
    return text[:1].upper() + text[1:]


GREETINGS = ["Dear Sir or Madam,", "Dear Sir/Madam", "To whom it may concern,", "Hello,", "Hi,", "Dear Council,",
             "Dear Customer Services,", "", "", "Good morning,"]
CLOSINGS = ["Yours faithfully, {name}", "Yours sincerely, {name}", "Thanks, {name}", "Regards {name}", "Many thanks",
            "{name}", "", "", "Kind regards, {name}, {addr}", "Thank you for your help. {name}, tel {phone}"]


def typo(text):
    words = text.split(" ")
    for _ in range(random.randint(1, 3)):
        i = random.randrange(len(words))
        w = words[i]
        if len(w) > 3:
            j = random.randrange(len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def ocr_noise(text):
    swaps = [("m", "rn"), ("l", "1"), ("O", "0"), ("e", "c"), ("h", "b"), ("i", "l"), ("S", "5"), ("a", "o")]
    chars = list(text)
    for _ in range(max(1, len(chars) // 60)):
        i = random.randrange(len(chars))
        for a, b in swaps:
            if chars[i] == a:
                chars[i] = b
                break
    out = "".join(chars)
    if random.random() < 0.5:
        out = out.replace(". ", ".  | ", 1)
    if random.random() < 0.4:
        cut = random.randrange(len(out))
        out = out[:cut] + "- " + out[cut:] if out[cut - 1:cut].isalpha() else out
    return out


def compose(cores, extras, rng_style):
    core = fill(random.choice(cores))
    parts = []
    style = rng_style
    if style != "bare":
        parts.append(random.choice(GREETINGS))
    parts.append(core)
    if style in ("long", "letter"):
        for extra in random.sample(extras, k=min(len(extras), random.randint(1, 3))):
            parts.append(fill(extra))
    if style == "letter" or (style == "long" and random.random() < 0.5):
        parts.append(fill(random.choice(GENERAL_EXTRAS)))
    if style != "bare":
        parts.append(fill(random.choice(CLOSINGS)))
    text = " ".join(p for p in parts if p)
    roll = random.random()
    if roll < 0.15:
        text = typo(text)
    elif roll < 0.27:
        text = ocr_noise(text)
    elif roll < 0.33:
        text = text.lower()
    return re.sub(r"[ \t]+", " ", text).strip()


GENERAL_EXTRAS = [
    "My address is {addr}.", "You can reach me on {phone}.", "My email is {email}.",
    "I have tried phoning but could not get through.", "I am sending this by post as I do not use the internet.",
    "Please reply in writing.", "I would be grateful for a quick reply.", "Your reference was {ref}.",
]

from council_post_phrasings import TRAIN, HELDOUT  # noqa: E402  (the phrasings live in their own file)


def write(path, phrasings, per_category, seed, prefix):
    random.seed(seed)
    rows = []
    for label, (cores, extras) in phrasings.items():
        seen = set()
        styles = ["bare", "short", "short", "long", "letter"]
        attempts = 0
        while len(seen) < per_category and attempts < per_category * 50:
            attempts += 1
            text = compose(cores, extras, random.choice(styles))
            if text not in seen:
                seen.add(text)
                rows.append((text, label))
    random.shuffle(rows)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "text", "label"])
        for i, (text, label) in enumerate(rows, start=1):
            writer.writerow([f"{prefix}-{i:04d}", text, label])
    return len(rows)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    n = write(here / "council-post.csv", TRAIN, 42, 2024, "train")
    m = write(here / "council-post-heldout.csv", HELDOUT, 15, 4242, "heldout")
    print(f"{n} training rows, {m} held-out rows")
