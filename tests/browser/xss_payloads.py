"""Script-injection payloads for the XSS browser test (tests/browser/test_xss.py).

Each text payload calls alert/confirm/prompt with its own number, or would create an
element or attribute the test looks for (an `on*` handler, an id or class starting
with `xss`, a `<script>`, `<iframe>`, `<object>`, `<embed>`, `<base>`, `<style>`, a
`style` attribute, a refresh `<meta>`, a javascript:/vbscript:/data: URL). They are the
classic shapes: tags in text, breaking out of quoted and unquoted attributes, out of
`<title>` and `<script>` (the JSON-LD block), comment and CDATA tricks, case and entity
obfuscation, mutation XSS, template syntax (content must never be run as a template),
full-width brackets (the search normaliser's NFKC must not turn them into markup).
"""

TEXT_PAYLOADS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(2) id=xss-img>',
    '<svg onload=alert(3) class=xss-svg>',
    '"><script>alert(4)</script>',
    "'><img src=x onerror=alert(5) class=xss-img5>",
    '</title><script>alert(6)</script>',
    '</script><script>alert(7)</script>',
    '--><script>alert(8)</script>',
    '<iframe src="javascript:alert(9)" class="xss-frame"></iframe>',
    '<body onload=alert(10)>',
    '<details open ontoggle=alert(11) class=xss-details>',
    '<a href="javascript:alert(12)" id="xss-a">x</a>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(13)>',
    '<input autofocus onfocus=alert(14) class=xss-input>',
    '<video><source onerror=alert(15)></video>',
    '<object data="javascript:alert(16)" class="xss-object"></object>',
    '<embed src="javascript:alert(17)">',
    '<form action="javascript:alert(18)"><button class="xss-button">go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(19)">',
    '<base href="javascript:alert(20)//">',
    "<style>*{background:url('javascript:alert(21)')}</style>",
    '{{ "<img src=x onerror=alert(22)>" | safe }}',
    '{% raw %}<script>alert(23)</script>{% endraw %}',
    '&lt;img src=x onerror=alert(24)&gt;',
    '&#60;script&#62;alert(25)&#60;/script&#62;',
    '<scr<script>ipt>alert(26)</scr</script>ipt>',
    '<IMG SRC=JaVaScRiPt:alert(27)>',
    'x" onmouseover="alert(28)" data-xss="',
    "x' onmouseover='alert(29)' data-xss='",
    '"}]</script><script>alert(30)</script>',
    '<!--<script>alert(31)</script>',
    '<svg><script>alert(32)</script></svg>',
    '<noscript><p title="</noscript><img src=x onerror=alert(33)>">',
    ']]><script>alert(34)</script>',
    '\\u003cscript\\u003ealert(35)\\u003c/script\\u003e',
    '<img src=x:alert(36) onerror=eval(src)>',
    '<div style="background:url(javascript:alert(37))" class="xss-style">',
    '<x onpointerover=alert(38) id=xss-x>hover</x>',
    '<a href="&#106;avascript:alert(39)">x</a>',
    '<ScRiPt>confirm(40)</sCrIpT>',
    '<img src="x" onerror="&#97;lert(41)">',
    '\u2028\u2029<script>prompt(42)</script>',
    'テレワーク<script>alert(43)</script>推進',
    '＜script＞alert(44)＜/script＞',
    '<a href="vbscript:msgbox(45)">x</a>',
    '<svg><a xlink:href="javascript:alert(46)"><text x="0" y="20">x</text></a></svg>',
    '<img srcset="x 1x" onerror=alert(47)>',
    '<textarea></textarea><script>alert(48)</script>',
]

# Destinations of Markdown links and images, front matter and config URLs.
URL_PAYLOADS = [
    'javascript:alert(101)',
    'JaVaScRiPt:alert(102)',
    'vbscript:msgbox(105)',
    'data:text/html,<script>alert(106)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxMDcpPC9zY3JpcHQ+',
    'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMTA4KT4=',
    'javascript://%0Aalert(109)',
    'file:///etc/passwd',
]

# Only in Markdown, which decodes entities in link destinations (in front matter and
# config.toml they are text: `&#106;avascript:` is then a relative link to a page that
# does not exist, which the link checker refuses).
MARKDOWN_URL_PAYLOADS = [
    '&#106;avascript:alert(103)',
    'javascript&#58;alert(104)',
    '&#x6A;avascript&#x3A;alert(114)',
]

# Only in front matter and config.toml (not valid Markdown link destinations):
# what browsers strip before they read the scheme.
RAW_URL_PAYLOADS = [
    '  javascript:alert(110)',
    'java\tscript:alert(111)',
    '\x01javascript:alert(112)',
    'java\nscript:alert(113)',
]

ALL = TEXT_PAYLOADS + URL_PAYLOADS + MARKDOWN_URL_PAYLOADS + RAW_URL_PAYLOADS
