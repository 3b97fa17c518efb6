"""Text the metric tests make: seeded sentences per language and "system outputs" of them."""

from __future__ import annotations

import random

_EN = (
    "the agency said forum media journalists opened on Tuesday in Guangzhou new "
    "cooperation readers China Russia video editors report president market, growth "
    "percent million 2026 of and a to with more than"
)
_RU = (
    "агентство сообщило форум СМИ журналисты открылся во вторник в Гуанчжоу новые "
    "сотрудничество читатели Китай Россия видео редакторы доклад президент рынок, рост "
    "процента млн 2026 и с более чем"
)
_WORDS = {
    "en": _EN.split(" "),
    "ru": _RU.split(" "),
    "zh": list(
        "新华社报道论坛媒体记者周二在广州开幕合作读者中国俄罗斯视频编辑报告主席市场增长百分之"
    ),
}
_ENDS = {"en": ".", "ru": ".", "zh": "。"}


def sentences(lang: str, n: int, seed: int = 1) -> list[str]:
    """``n`` sentences of 4 to 25 words (characters for Chinese) in ``lang``."""
    rng = random.Random(f"{lang}-{seed}")
    joiner = "" if lang == "zh" else " "
    out: list[str] = []
    for _ in range(n):
        words = rng.choices(_WORDS[lang], k=rng.randint(4, 25))
        text = joiner.join(words)
        out.append(text[0].upper() + text[1:] + _ENDS[lang])
    return out


def system(lines: list[str], lang: str, seed: int, rate: float = 0.25) -> list[str]:
    """A seeded "translation system": ``lines`` with words dropped, replaced and swapped."""
    rng = random.Random(f"system-{lang}-{seed}")
    out: list[str] = []
    for line in lines:
        tokens = list(line) if lang == "zh" else line.split()
        kept: list[str] = []
        for token in tokens:
            roll = rng.random()
            if roll < rate / 3:
                continue
            if roll < 2 * rate / 3:
                kept.append(rng.choice(_WORDS[lang]))
            else:
                kept.append(token)
        if len(kept) > 2 and rng.random() < rate:
            i = rng.randrange(len(kept) - 1)
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
        out.append(("" if lang == "zh" else " ").join(kept))
    return out
