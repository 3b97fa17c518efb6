"""Hostile and broken files for every XML format, shared by the format and CLI tests.

Each case is ``name -> bytes`` for one format; :data:`SHELLS` gives the format's
minimal document with ``TEXT`` where the attack's entity reference goes.
"""

from __future__ import annotations

import random

#: extension -> (root element, document with TEXT where the payload's reference goes)
SHELLS: dict[str, tuple[str, str]] = {
    ".xlf": (
        "xliff",
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
        'source-language="en" target-language="zh" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>TEXT</source><target>TEXT</target></trans-unit>'
        "</body></file></xliff>",
    ),
    ".xlf2": (
        "xliff",
        '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" '
        'trgLang="ru"><file id="f1"><unit id="1"><segment><source>TEXT</source>'
        "<target>TEXT</target></segment></unit></file></xliff>",
    ),
    ".tmx": (
        "tmx",
        '<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" '
        'adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body><tu>'
        '<tuv xml:lang="en"><seg>TEXT</seg></tuv><tuv xml:lang="zh"><seg>TEXT</seg></tuv>'
        "</tu></body></tmx>",
    ),
    ".tbx": (
        "martif",
        '<martif type="TBX" xml:lang="en"><text><body><termEntry id="a"><langSet xml:lang="en">'
        "<tig><term>TEXT</term></tig></langSet></termEntry></body></text></martif>",
    ),
}

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
LOL = "".join(
    f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
).replace("&lol0;", "lol")


def xml_cases(ext: str) -> dict[str, bytes]:
    """The hostile XML files for the format of ``ext``."""
    root, shell = SHELLS[ext]

    def doc(doctype: str, text: str, declaration: str = DECLARATION) -> bytes:
        return (declaration + doctype + shell.replace("TEXT", text)).encode()

    quadratic = "a" * 50_000
    return {
        "xxe-etc-passwd": doc(
            f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"
        ),
        "xxe-spaced-lowercase-keyword": doc(
            f'<!DOCTYPE {root} [\n  <!ENTITY   xxe SYSTEM "file:///etc/hostname" >\n]>', "&xxe;"
        ),
        "xxe-parameter-entity": doc(
            f'<!DOCTYPE {root} [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]>',
            "&xxe;",
        ),
        "external-dtd-http": doc(f'<!DOCTYPE {root} SYSTEM "http://127.0.0.1:9/evil.dtd">', "x"),
        "external-dtd-file": doc(f'<!DOCTYPE {root} SYSTEM "file:///etc/passwd">', "x"),
        "external-dtd-public": doc(
            f'<!DOCTYPE {root} PUBLIC "-//EVIL//DTD X//EN" "http://127.0.0.1:9/x.dtd">', "x"
        ),
        "billion-laughs": doc(f"<!DOCTYPE {root} [{LOL}]>", "&lol9;"),
        "quadratic-blowup": doc(f'<!DOCTYPE {root} [<!ENTITY a "{quadratic}">]>', "&a;" * 5_000),
        "doctype-plain": doc(f"<!DOCTYPE {root}>", "x"),
        "doctype-empty-subset": doc(f"<!DOCTYPE {root} []>", "x"),
        "entity-without-doctype": doc('<!ENTITY x "y">', "x"),
        "doctype-after-comment": doc(f"<!-- hi --><!DOCTYPE {root} [<!ENTITY e 'x'>]>", "&e;"),
        "utf16-xxe": (
            DECLARATION.replace("UTF-8", "UTF-16")
            + f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + shell.replace("TEXT", "&xxe;")
        ).encode("utf-16"),
        "utf16-without-bom": doc("", "x").decode().encode("utf-16-le"),
        "utf7-declared": doc(
            "+ADwAIQ-DOCTYPE x +AFs-+ADwAIQ-ENTITY xxe SYSTEM +ACI-file:///etc/passwd+ACI-+AD4-+AF0-+AD4-",
            "x",
            '<?xml version="1.0" encoding="UTF-7"?>',
        ),
        "undefined-entity": doc("", "&xxe;"),
        "deep-nesting": doc("", "<g id='1'>" * 5_000 + "x" + "</g>" * 5_000),
    }


def junk_cases() -> dict[str, bytes]:
    """Files that are not text at all, or not UTF-8."""
    rng = random.Random(8)
    return {
        "empty": b"",
        "binary-junk": bytes(rng.randrange(256) for _ in range(4096)),
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(64),
        "invalid-utf8": '<?xml version="1.0"?><x>Привет</x>'.encode("cp1251"),
        "gbk": '<?xml version="1.0"?><x>你好，世界</x>'.encode("gbk"),
        "not-xml": b"Just a plain sentence, no markup at all.",
        "json": b'{"source": "a", "target": "b"}',
    }


#: every extension the CLI tests run the hostile XML cases through
XML_EXTENSIONS = tuple(SHELLS)
