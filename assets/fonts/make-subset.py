"""
Makes NotoSansSC-Regular-subset.otf, the font the bot draws chart pictures
with, from Debian's fonts-noto-cjk (Noto Sans CJK SC Regular, SIL OFL 1.1).
Run once by hand, where `apt-get install fonts-noto-cjk python3-fonttools`
has been done: /usr/bin/python3 assets/fonts/make-subset.py
The subset keeps ASCII, Latin-1, general and CJK punctuation, full-width
forms, the block and shape characters the text bars use (■□) and every
character of GB2312 (6,763 hanzi, the common simplified ones): about 3 MB
instead of 19 MB for the whole collection. A character outside it (a rare
name) is drawn as a box: the figures stay readable in the text beside it.
"""
import os
import sys
from fontTools import subset

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
SC_INDEX = 2  # the collection's fonts: JP, KR, SC, TC, HK, ...

def gb2312() -> list[int]:
    chars = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(ord(bytes([hi, lo]).decode('gb2312')))
            except UnicodeDecodeError:
                pass
    return chars

ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
codepoints = sorted({c for lo, hi in ranges for c in range(lo, hi + 1)} | set(gb2312()))

options = subset.Options()
options.font_number = SC_INDEX
options.hinting = False
options.name_IDs = ['*']
options.name_languages = ['*']
options.notdef_outline = True
font = subset.load_font(SOURCE, options)
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=codepoints)
subsetter.subset(font)
out = os.path.join(HERE, 'NotoSansSC-Regular-subset.otf')
subset.save_font(font, out, options)
print(f'{out}: {len(codepoints)} characters, {os.path.getsize(out)} bytes', file=sys.stderr)
