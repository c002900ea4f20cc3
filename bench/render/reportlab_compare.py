#!/usr/bin/python3
"""Reference figures for bench_render: the same tickets drawn with pretix's rendering stack.

Draws pretix's default layout (assets/pretix/default-layout.json) for N tickets with reportlab
(Open Sans via TTF, Paragraph text wrapping, reportlab's QR widget) into one foreground PDF,
then stamps each foreground page onto the background page with pypdf, and writes one PDF.
Prints tickets/s, peak RSS and the file size. Requires Debian python3-reportlab python3-pypdf.

Usage: reportlab_compare.py [COUNT] [OUT.pdf] [ASSETS_DIR]  (default: the project's assets/pretix)
"""
import copy
import io
import json
import os
import resource
import sys
import time

from pypdf import PdfReader, PdfWriter
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

FONT_DIR = "/usr/share/fonts/truetype/open-sans"
ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def register_fonts():
    pdfmetrics.registerFont(TTFont("OpenSans", os.path.join(FONT_DIR, "OpenSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("OpenSans-Bold", os.path.join(FONT_DIR, "OpenSans-Bold.ttf")))


def values(i):
    return {
        "event_name": "Summer Fest 2026",
        "itemvar": "Day ticket",
        "attendee_name": f"Attendee Number {i}",
        "event_begin": "2026-07-04 18:00",
        "seat": f"Row {i // 20 + 1}, Seat {i % 20 + 1}",
        "event_location": "Town Hall, Market Square 1",
        "order": f"B{i // 2:04}",
        "price": "23.00 EUR",
        "secret": f"bench{i:027}",
    }


def draw_text(c, el, text):
    size = float(el["fontsize"])
    style = ParagraphStyle(name="t", fontName="OpenSans-Bold" if el.get("bold") else "OpenSans",
                           fontSize=size, leading=max(size, (0.765 + 0.240) * size),
                           alignment=ALIGN[el.get("align", "left")], textColor=Color(0, 0, 0))
    para = Paragraph(text, style)
    width = float(el["width"]) * mm
    _, height = para.wrap(width, 1000 * mm)
    # Legacy upward text: the block's bottom (last descender) on `bottom`.
    para.drawOn(c, float(el["left"]) * mm, float(el["bottom"]) * mm - 0.240 * size)


def draw_qr(c, el, content):
    size = float(el["size"]) * mm
    level = "H" if len(content) <= 32 else "M" if len(content) <= 128 else "L"
    widget = QrCodeWidget(content, barLevel=level, barBorder=0 if el.get("nowhitespace") else 4)
    x0, y0, x1, y1 = widget.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(widget)
    renderPDF.draw(d, c, float(el["left"]) * mm, float(el["bottom"]) * mm)


def draw_logo(c, el):
    h = float(el["size"]) * mm
    w = h * 1024 / 629
    x, y = float(el["left"]) * mm, float(el["bottom"]) * mm
    c.setStrokeColorRGB(0.2, 0.2, 0.2)
    c.roundRect(x, y + h * 0.25, w, h * 0.5, h * 0.1)
    c.setFont("OpenSans-Bold", h * 0.27)
    c.drawCentredString(x + w / 2, y + h * 0.42, "Box Office")


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = sys.argv[2] if len(sys.argv) > 2 else "bench-reportlab.pdf"
    assets = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..", "..", "assets", "pretix")
    layout = json.load(open(os.path.join(assets, "default-layout.json")))
    background = os.path.join(assets, "ticket_default_a4.from-svg.pdf")
    register_fonts()

    start = time.perf_counter()
    bg_reader = PdfReader(background)
    bg_page = bg_reader.pages[0]
    width, height = float(bg_page.mediabox.width), float(bg_page.mediabox.height)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(width, height))
    c.setTitle("Ticket")
    for i in range(count):
        v = values(i)
        for el in layout:
            if el["type"] == "textarea":
                draw_text(c, el, v.get(el["content"], ""))
            elif el["type"] == "barcodearea":
                draw_qr(c, el, v["secret"])
            elif el["type"] == "poweredby":
                draw_logo(c, el)
        c.showPage()
    c.save()
    buffer.seek(0)
    foreground = PdfReader(buffer)
    writer = PdfWriter()
    for page in foreground.pages:
        stamped = copy.copy(bg_page)
        stamped.merge_page(page)
        writer.add_page(stamped)
    with open(out, "wb") as f:
        writer.write(f)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    print("reportlab + pypdf")
    print(f"  tickets:           {count}")
    print(f"  time:              {seconds:.3f} s")
    print(f"  tickets/s:         {count / seconds:.0f}")
    print(f"  peak RSS:          {rss:.1f} MB")
    print(f"  file size:         {os.path.getsize(out)} bytes")
    print(f"  CPU (process):     {cpu.ru_utime + cpu.ru_stime:.3f} s")
    print(f"TICKETS_PER_SECOND={count / seconds:.1f}")


if __name__ == "__main__":
    main()
