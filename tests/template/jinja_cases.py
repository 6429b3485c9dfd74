"""Cases for test_jinja_differential.py.

CASES: rendered by our engine and by Jinja2; outputs must match exactly.
ERROR_CASES: must fail in our engine with a message containing `error`
(which includes the expected "main:LINE:" position where it matters).
"""

CTX = {
    "name": "World",
    "html": "<b>bold</b> & 'single' \"double\"",
    "n": 5,
    "f": 2.5,
    "neg": -3,
    "zero": 0,
    "t": True,
    "no": False,
    "nil": None,
    "xs": [3, 1, 2],
    "words": ["banana", "Apple", "cherry", "apple"],
    "empty": [],
    "emptys": "",
    "d": {"b": 2, "a": 1, "c": 3},
    "page": {"title": "Telework <guide>", "tags": ["remote", "ict"], "meta": {"author": "Sato", "year": 2024},
             "summary": "<p>Hello &amp; welcome</p>"},
    "pages": [
        {"title": "Beta", "date": "2024-05-01", "n": 2, "draft": False, "section": "news", "tags": ["a"]},
        {"title": "alpha", "date": "2023-01-15", "n": 10, "draft": True, "section": "cases", "tags": []},
        {"title": "Gamma", "date": "2024-02-10", "n": 7, "draft": False, "section": "news", "tags": ["a", "b"]},
        {"title": "delta", "date": "2022-12-31", "n": 1, "draft": False, "section": "cases"},
    ],
    "ja": "テレワーク導入事例\u3000東京都・大阪府",
    "mixed": "Héllo Wörld ÄÖÜ straße ÉCOLE",
    "long": "The quick brown fox jumps over the lazy dog and keeps running far away",
    "nested": [[1, 2], [3, 4]],
    "pairs": [["k1", "v1"], ["k2", "v2"]],
    "url": "https://example.com/a b/c?x=1&y=ü",
    "menu": [
        {"name": "Home", "url": "/", "children": []},
        {"name": "Cases", "url": "/cases/", "children": [{"name": "Tokyo", "url": "/cases/tokyo/", "children": []}]},
    ],
    "big": 12345678901,
    "ratio": 0.1,
    "s_num": "42",
    "s_float": "3.75",
}

CASES = []
ERROR_CASES = []


def case(name, main, context=None, templates=None, **options):
    t = {"main": main}
    t.update(templates or {})
    c = {"name": name, "templates": t, "context": CTX if context is None else context}
    c.update(options)
    CASES.append(c)


def error(name, main, expect, context=None, templates=None, **options):
    t = {"main": main}
    t.update(templates or {})
    c = {"name": name, "templates": t, "context": CTX if context is None else context, "error": expect}
    c.update(options)
    ERROR_CASES.append(c)


# ---------------------------------------------------------------- text and output
case("plain_text", "Hello, world!\n")
case("trailing_newline_removed", "line\n")
case("two_trailing_newlines", "line\n\n")
case("crlf_source", "a\r\nb\r\n")
case("lone_cr_source", "a\rb")
case("variable", "Hello {{ name }}!")
case("unicode_text", "{{ ja }} — {{ mixed }}")
case("autoescape_string", "{{ html }}")
case("autoescape_literal", "{{ '<a href=\"x\">&</a>' }}")
case("safe_filter", "{{ html|safe }}")
case("escape_filter_twice", "{{ html|e|e }}")
case("forceescape", "{{ html|safe|forceescape }}")
case("none_true_false", "{{ nil }} {{ t }} {{ no }} {{ none }} {{ True }} {{ false }}")
case("ints_floats", "{{ n }} {{ f }} {{ neg }} {{ big }} {{ 1.0 }} {{ 10.5e3 }} {{ 1e16 }} {{ 1e-5 }} {{ 0.0001 }}")
case("float_repr", "{{ 0.1 + 0.2 }} {{ ratio * 3 }} {{ 1/3 }} {{ 2/2 }} {{ -0.0 }} {{ 1e100 }} {{ 123456789.123456789 }}")
case("list_repr", "{{ xs }} {{ words }} {{ [1.5, none, true, 'it\\'s', \"q\\\"\"] }}")
case("dict_repr", "{{ d }} {{ {'k': [1, {'x': none}]} }} {{ {} }}")
case("tuple_repr", "{{ (1,) }} {{ (1, 'a') }} {{ () }} {{ 1, 2 }}")
case("nested_repr_escaped", "{{ page }}")
case("repr_special_chars", "{{ ['tab\\there', 'new\\nline', 'back\\\\slash', '\\x00\\x7f'] }}")
case("repr_unicode", "{{ ['日本', 'é', '\u3000', '\u00a0x'] }}")
case("markup_in_list", "{{ ['<b>'|safe, '<i>'] }}")
case("undefined_prints_empty", "[{{ missing }}]")
case("undefined_attr_of_defined", "[{{ page.missing }}][{{ d.zzz }}][{{ xs[10] }}][{{ 'abc'[9] }}]")
case("string_escapes", "{{ 'a\\tb' }}|{{ \"x\\\\y\" }}|{{ 'caf\\u00e9' }}|{{ '\\x41\\101' }}|{{ 'q\\d' }}")
case("string_concat_literals", "{{ 'a' 'b' \"c\" }}")
case("int_literal_forms", "{{ 1_000 }} {{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 00 }}")
case("print_tag", "{% print name, n %}")
case("comment", "a{# a comment {{ not printed }} #}b")
case("comment_multiline", "a\n{# line1\nline2 #}\nb")
case("raw_block", "{% raw %}{{ not evaluated }} {% if %}{% endraw %}")
case("raw_block_ws", "x  {%- raw -%}  {{ y }}  {%- endraw -%}  z")
case("literal_braces", "{ not a tag } {x} {{ '{{' }}")

# ---------------------------------------------------------------- whitespace control
case("ws_minus_left", "a   {{- name }}")
case("ws_minus_right", "{{ name -}}   \n  b")
case("ws_block_both", "<ul>\n  {%- for x in xs %}\n  <li>{{ x }}</li>\n  {%- endfor %}\n</ul>")
case("ws_default_keeps_newlines", "{% if t %}\nyes\n{% endif %}\nend")
case("ws_plus_is_noop", "a {%+ if t +%} b {%+ endif +%} c")
case("ws_comment_minus", "a  {#- c -#}  b")
case("ws_unicode_space_stripped", "a\u3000 {{- name -}} \u3000b")
case("ws_minus_newlines", "x\n\n   {%- set y = 1 -%}\n\n   z")
case("ws_var_minus_int", "{{-1}}|{{ -1 }}|{{ 5-}}x")

# ---------------------------------------------------------------- expressions
case("arith", "{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 % -3 }}")
case("arith_float", "{{ 7 / 2 }} {{ 1.5 * 2 }} {{ 7.5 // 2 }} {{ -7.5 % 2 }} {{ 2 ** 10 }} {{ 2 ** -1 }} {{ 2.0 ** 3 }}")
case("pow_left_assoc", "{{ 2 ** 3 ** 2 }} {{ -2 ** 2 }}")
case("unary", "{{ -n }} {{ +n }} {{ - - n }} {{ -f }} {{ not t }} {{ not not n }}")
case("bool_arith", "{{ true + true }} {{ true * 3 }} {{ -true }}")
case("string_ops", "{{ 'ab' * 3 }} {{ 3 * 'x' }} {{ 'a' + 'b' }} {{ [1] * 2 }} {{ [1] + [2, 3] }} {{ (1,) + (2,) }}")
case("concat_tilde", "{{ 'a' ~ 1 ~ none ~ true ~ 1.5 ~ [1] }}")
case("concat_precedence", "{{ 1 + 2 ~ 'x' if false else 'y' }} {{ 'n=' ~ n * 2 }}")
case("concat_markup_runtime", "{{ html|safe ~ html }}|{{ html ~ html|safe }}")
case("concat_markup_folded", "{{ '<b>'|safe ~ '<i>' }}")
case("concat_undefined", "[{{ missing ~ 'x' }}]")
case("plus_markup", "{{ '<'|safe + html }}|{{ html + '<'|safe }}")
case("comparisons", "{{ 1 < 2 }} {{ 2 <= 2 }} {{ 3 > 4 }} {{ 3 >= 3 }} {{ 1 == 1.0 }} {{ 1 != 1 }} {{ 'a' < 'b' }} {{ [1, 2] < [1, 3] }}")
case("chained_compare", "{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 1 == 1 == 1 }}")
case("compare_mixed_eq", "{{ 1 == '1' }} {{ none == none }} {{ true == 1 }} {{ [1] == (1,) }} {{ d == {'a': 1, 'b': 2, 'c': 3} }}")
case("in_operator", "{{ 1 in xs }} {{ 9 in xs }} {{ 'a' in 'cat' }} {{ 'a' in d }} {{ 'z' not in d }} {{ 2 not in xs }}")
case("and_or_values", "{{ 0 or 'x' }} {{ 'a' and 'b' }} {{ none or [] }} {{ '' and 1 }} {{ n and name }}")
case("logic_precedence", "{{ true or false and false }} {{ not true or true }} {{ not (true or true) }}")
case("cond_expr", "{{ 'yes' if t else 'no' }} {{ 'yes' if no else 'no' }} {{ 'a' if false else 'b' if true else 'c' }}")
case("cond_no_else", "[{{ 'x' if false }}]")
case("index_and_attr", "{{ page.title }} {{ page['title'] }} {{ page.meta.author }} {{ xs[0] }} {{ xs[-1] }} {{ xs.1 }} {{ nested[1][0] }}")
case("dict_method_shadow", "{{ {'items': 5}['items'] }} {{ d.get('a') }} {{ d.get('zz', 'dflt') }} {{ d.get('zz') }}")
case("string_index_slice", "{{ 'hello'[1] }} {{ 'hello'[1:3] }} {{ 'hello'[::-1] }} {{ ja[0] }} {{ ja[2:5] }} {{ mixed[-3:] }}")
case("list_slice", "{{ xs[1:] }} {{ xs[:-1] }} {{ xs[::2] }} {{ xs[::-1] }} {{ (1, 2, 3)[1:] }} {{ xs[5:] }}")
case("jinja_fails_slice_int", "{% set v = 5 %}{{ v[1:2] }}", jinja_fails=True)
case("jinja_fails_slice_none", "{{ nil[1:] }}", jinja_fails=True)
case("literals_list_dict", "{{ [1, [2, 3], {'a': 'b'}] }} {{ {'x': 1, 'y': [true]}['y'] }} {{ [1, 2,] }}")
case("dict_literal_dup_key", "{{ {'a': 1, 'b': 2, 'a': 3} }}")
case("integer_attr_index", "{{ pairs.0.1 }} {{ nested.1.0 }}")
case("range_fn", "{{ range(3) }} {{ range(1, 10, 3)|list }} {{ range(5, 0, -2)|list }} {{ range(0)|list }}")
case("dict_fn", "{{ dict(a=1, b='x') }} {{ dict(a=1).a }}")
case("parens_tuple", "{{ (1) }} {{ ((1, 2)) }} {{ (xs) }}")
case("getattr_number_undefined", "[{{ n.foo }}][{{ 1.5.3 }}][{{ nil.x }}]")

# ---------------------------------------------------------------- tests (is)
case("test_defined", "{{ name is defined }} {{ missing is defined }} {{ missing is undefined }} {{ page.zz is defined }}")
case("test_none_string_number", "{{ nil is none }} {{ name is string }} {{ n is number }} {{ f is number }} {{ t is number }} {{ name is number }}")
case("test_mapping_iterable_sequence", "{{ d is mapping }} {{ xs is mapping }} {{ xs is iterable }} {{ n is iterable }} {{ name is sequence }} {{ d is sequence }} {{ n is sequence }}")
case("test_even_odd", "{{ n is odd }} {{ n is even }} {{ 4 is even }} {{ 3.0 is odd }} {{ 10 is divisibleby 5 }} {{ 10 is divisibleby(3) }}")
case("test_negated", "{{ n is not odd }} {{ missing is not defined }} {{ nil is not none }}")
case("test_sameas", "{{ nil is sameas none }} {{ t is sameas true }} {{ no is sameas false }} {{ 0 is sameas false }}")
case("test_boolean_integer_float", "{{ t is boolean }} {{ 1 is boolean }} {{ 1 is integer }} {{ t is integer }} {{ 1.0 is float }} {{ 1 is float }} {{ t is true }} {{ 1 is true }} {{ no is false }}")
case("test_lower_upper", "{{ 'abc' is lower }} {{ 'aBc' is lower }} {{ 'ABC' is upper }} {{ '123' is upper }} {{ 'ÄÖ' is upper }}")
case("test_comparisons", "{{ 3 is gt 2 }} {{ 3 is lt(2) }} {{ 3 is ge 3 }} {{ 2 is le 1 }} {{ 2 is eq 2 }} {{ 2 is ne 2 }} {{ 'a' is equalto 'a' }} {{ 2 is greaterthan 1 }} {{ 2 is lessthan 1 }}")
case("test_in", "{{ 1 is in xs }} {{ 'z' is in 'abc' }}")
case("test_escaped_callable", "{{ html is escaped }} {{ html|safe is escaped }} {{ range is callable }} {{ n is callable }}")
case("test_filter_test_names", "{{ 'upper' is filter }} {{ 'nope' is filter }} {{ 'odd' is test }}")
case("test_precedence", "{{ n is odd and n > 3 }} {{ not n is odd }} {{ xs|length is even }}")

# ---------------------------------------------------------------- if
case("if_elif_else", "{% for v in [0, 1, 2] %}{% if v == 0 %}zero{% elif v == 1 %}one{% else %}many{% endif %};{% endfor %}")
case("if_truthiness", "{% for v in [0, 1, '', 'x', [], [0], {}, none, 0.0] %}{% if v %}T{% else %}F{% endif %}{% endfor %}")
case("if_undefined", "{% if missing %}yes{% else %}no{% endif %}{% if not missing %}!{% endif %}")
case("if_tuple_test", "{% if 0, 0 %}tuple is truthy{% endif %}")
case("if_nested", "{% if t %}{% if no %}a{% elif n > 3 %}b{% endif %}{% endif %}")

# ---------------------------------------------------------------- for
case("for_basic", "{% for x in xs %}{{ x }},{% endfor %}")
case("for_loop_vars", "{% for x in words %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.first }}/{{ loop.last }}/{{ loop.length }} {% endfor %}")
case("for_prev_next", "{% for x in xs %}[{{ loop.previtem }}<{{ x }}>{{ loop.nextitem }}]{% endfor %}")
case("for_else", "{% for x in empty %}{{ x }}{% else %}nothing{% endfor %}|{% for x in xs %}{{ x }}{% else %}nothing{% endfor %}")
case("for_dict_items", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}")
case("for_dict_keys", "{% for k in d %}{{ k }}{% endfor %} {% for k in d.keys() %}{{ k }}{% endfor %} {% for v in d.values() %}{{ v }}{% endfor %}")
case("for_string", "{% for c in 'héllo' %}[{{ c }}]{% endfor %}")
case("for_unpack_pairs", "{% for a, b in pairs %}{{ a }}:{{ b }} {% endfor %}{% for (a, b) in nested %}{{ a + b }}{% endfor %}")
case("for_unpack_strings", "{% for a, b in ['xy', 'zw'] %}{{ b }}{{ a }}{% endfor %}")
case("for_nested_loop_vars", "{% for r in nested %}{% set outer = loop %}{% for c in r %}{{ outer.index }}.{{ loop.index }}={{ c }} {% endfor %}{% endfor %}")
case("for_filter", "{% for p in pages if not p.draft %}{{ loop.index }}:{{ p.title }}/{{ loop.length }} {% else %}none{% endfor %}")
case("for_filter_empty", "{% for x in xs if x > 10 %}{{ x }}{% else %}none{% endfor %}")
case("for_undefined", "{% for x in missing %}{{ x }}{% else %}empty{% endfor %}")
case("for_cycle_changed", "{% for x in [1, 1, 2, 3, 3] %}{{ loop.cycle('odd', 'even') }}{% if loop.changed(x) %}*{% endif %} {% endfor %}")
case("for_range", "{% for i in range(1, 4) %}{{ i }}{% endfor %}")
case("for_scope_no_leak", "{% set x = 'outer' %}{% for i in xs %}{% set x = i %}{% endfor %}{{ x }}")
case("for_scope_reads_outer", "{% set x = 0 %}{% for i in [1, 2] %}{{ x }}{% set x = i %}{{ x }}{% endfor %}{{ x }}")
case("for_loop_var_no_leak", "{% for i in xs %}{% endfor %}[{{ i }}]")
case("for_tuple_literal", "{% for x in 1, 2, 3 %}{{ x }}{% endfor %}")
case("loop_outside", "[{{ loop }}]")
case("loop_repr", "{% for x in xs %}{{ loop }} {% endfor %}")
case("for_depth", "{% for x in xs %}{{ loop.depth }}{{ loop.depth0 }}{% endfor %}")
case("namespace_counter", "{% set ns = namespace(count=0, items=[]) %}{% for p in pages %}{% if p.section == 'news' %}{% set ns.count = ns.count + 1 %}{% set ns.items = ns.items + [p.title] %}{% endif %}{% endfor %}{{ ns.count }} {{ ns.items }}")
case("namespace_repr", "{% set ns = namespace(a=1) %}{% set ns.b = 'x' %}{{ ns }} {{ ns.a }} {{ ns['b'] }}")
case("for_over_nested_data", "{% for item in menu %}{{ item.name }}({% for c in item.children %}{{ c.name }}{% endfor %}){% endfor %}")

# ---------------------------------------------------------------- set / with
case("set_basic", "{% set x = 5 %}{% set y = x * 2 %}{{ x }} {{ y }}")
case("set_tuple", "{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set c, d = 'xy' %}{{ c }}{{ d }}")
case("set_tuple_value", "{% set t = 1, 2 %}{{ t }}")
case("set_in_if_leaks", "{% if t %}{% set q = 1 %}{% endif %}{{ q }}")
case("set_block", "{% set body %}<p>{{ html }}</p>{% endset %}{{ body }}|{{ body|length }}")
case("set_block_filter", "{% set body | upper %}hello {{ name }}{% endset %}{{ body }}")
case("set_shadows_context", "{{ name }}{% set name = 'local' %}{{ name }}")
case("with_block", "{% with a = 1, b = a %}{{ a }}[{{ b }}]{% endwith %}[{{ a }}]")
case("with_scope", "{% set x = 1 %}{% with %}{% set x = 2 %}{{ x }}{% endwith %}{{ x }}")

# ---------------------------------------------------------------- filters
case("f_default", "{{ missing|default('dflt') }} {{ name|default('dflt') }} {{ ''|default('e') }} {{ ''|default('e', true) }} {{ none|d('x') }} {{ none|default('x', boolean=true) }} {{ missing|d }}")
case("f_length", "{{ xs|length }} {{ 'héllo'|length }} {{ d|count }} {{ ja|length }} {{ missing|length }}")
case("f_join", "{{ xs|join }} {{ xs|join(', ') }} {{ words|join(' | ') }} {{ pages|join(', ', attribute='title') }} {{ 'abc'|join('-') }}")
case("f_join_markup", "{{ [html, 'x']|join('<br>') }}|{{ [html|safe, '<i>']|join('<br>') }}|{{ ['<a>', '<b>']|join('<br>'|safe) }}")
case("f_upper_lower", "{{ name|upper }} {{ name|lower }} {{ mixed|upper }} {{ mixed|lower }} {{ html|upper }} {{ html|safe|upper }}")
case("f_title_capitalize", "{{ 'hello big-world (x) [y] <z>'|title }} {{ mixed|title }} {{ 'hELLO wORLD'|capitalize }} {{ 'straße'|capitalize }} {{ 'über'|title }}")
case("f_trim", "{{ '  x  '|trim }}|{{ ja|trim }}|{{ 'xxaxx'|trim('x') }}|{{ '\u3000全角\u3000'|trim }}")
case("f_truncate", "{{ long|truncate(20) }}|{{ long|truncate(20, true) }}|{{ long|truncate(20, false, '…') }}|{{ long|truncate(60) }}|{{ long|truncate(66) }}|{{ 'short'|truncate(3, true, '', 0) }}")
case("f_truncate_leeway", "{{ 'abcdefghij'|truncate(8, leeway=0) }}|{{ 'abcdefghij'|truncate(8, leeway=2) }}|{{ 'one two three four'|truncate(12, killwords=false, end='>>', leeway=0) }}")
case("f_truncate_markup", "{{ page.summary|safe|truncate(12, true) }}")
case("f_replace", "{{ 'hello world'|replace('o', '0') }} {{ 'aaa'|replace('a', 'b', 2) }} {{ 'abc'|replace('', '-') }} {{ html|replace('&', 'and') }}")
case("f_replace_markup", "{{ html|safe|replace('<b>', '<i>') }}|{{ 'a<b'|replace('<', '<br>'|safe) }}")
case("f_first_last", "{{ xs|first }} {{ xs|last }} {{ 'abc'|first }} {{ 'abc'|last }} {{ d|first }} [{{ empty|first }}] [{{ empty|last }}]")
case("f_reverse", "{{ xs|reverse|list }} {{ 'abc'|reverse }} {{ ja|reverse }} {{ (1, 2)|reverse|list }}")
case("f_sort", "{{ xs|sort }} {{ words|sort }} {{ words|sort(case_sensitive=true) }} {{ words|sort(reverse=true) }} {{ xs|sort(true) }}")
case("f_sort_attribute", "{% for p in pages|sort(attribute='date') %}{{ p.title }} {% endfor %}|{% for p in pages|sort(attribute='title') %}{{ p.title }} {% endfor %}|{% for p in pages|sort(attribute='section,n', reverse=true) %}{{ p.title }} {% endfor %}")
case("f_sort_stable", "{% for p in pages|sort(attribute='section') %}{{ p.title }} {% endfor %}")
case("f_list", "{{ 'abc'|list }} {{ d|list }} {{ xs|list }} {{ (1, 2)|list }} {{ missing|list }}")
case("f_map", "{{ pages|map(attribute='title')|join(',') }} {{ words|map('upper')|list }} {{ xs|map('string')|join('') }} {{ pages|map(attribute='tags.0', default='-')|list }}")
case("f_map_filter_args", "{{ words|map('truncate', 4, true, '')|list }} {{ xs|map('default', 0)|list }}")
case("f_select_reject", "{{ xs|select('odd')|list }} {{ xs|reject('odd')|list }} {{ [0, 1, '', 'a', none]|select|list }} {{ xs|select('gt', 1)|list }} {{ words|select('in', ['Apple', 'cherry'])|list }}")
case("f_selectattr", "{{ pages|selectattr('draft')|map(attribute='title')|list }} {{ pages|rejectattr('draft')|map(attribute='title')|list }} {{ pages|selectattr('section', 'equalto', 'news')|map(attribute='title')|list }} {{ pages|selectattr('tags', 'defined')|list|length }}")
case("f_selectattr_eq", "{{ pages|selectattr('n', '>', 5)|map(attribute='title')|join(' ') }} {{ pages|selectattr('section', '==', 'cases')|list|length }}")
case("f_int_float", "{{ s_num|int + 1 }} {{ s_float|int }} {{ s_float|float }} {{ 'abc'|int }} {{ 'abc'|int(7) }} {{ '0x1A'|int(0, 16) }} {{ '1e3'|float }} {{ 3.99|int }} {{ t|int }} {{ none|int }} {{ ' 12 '|int }} {{ '1_000'|int }}")
case("f_float_forms", "{{ 'inf'|float }} {{ '-1.5e-3'|float }} {{ n|float }} {{ 'x'|float(1.5) }}")
case("f_string", "{{ n|string ~ '!' }} {{ xs|string }} {{ html|safe|string }} {{ nil|string }}")
case("f_abs_round", "{{ neg|abs }} {{ -2.5|abs }} {{ 2.5|round }} {{ 3.5|round }} {{ 2.675|round(2) }} {{ 3.14159|round(2, 'floor') }} {{ 3.14159|round(1, 'ceil') }} {{ 17|round(-1) }} {{ 15|round(-1) }} {{ 1234.5678|round(-2) }} {{ n|round }}")
case("f_striptags", "{{ page.summary|striptags }} {{ '<p>a  <b>b</b>\n c</p><!-- x -->'|striptags }} {{ 'a &lt; b &amp; &#39;c&#39; &#x41;'|striptags }}")
case("f_wordcount", "{{ long|wordcount }} {{ \"hello, world! it's\"|wordcount }} {{ ja|wordcount }} {{ ''|wordcount }}")
case("f_urlencode", "{{ url|urlencode }} {{ 'a/b c'|urlencode }} {{ {'q': 'a b', 'x': '/&'}|urlencode }} {{ [['k', 'v w']]|urlencode }} {{ 42|urlencode }}")
case("f_tojson", "{{ d|tojson }} {{ page|tojson }} {{ [1.5, none, true, 'x']|tojson }} {{ \"<a href='x'>&</a>\"|tojson }} {{ ja|tojson }}")
case("f_tojson_indent", "{{ {'b': [1, 2], 'a': {}}|tojson(indent=2) }}")
case("f_tojson_script", "<script>var d = {{ page|tojson }};</script>")
case("f_center", "[{{ 'x'|center(5) }}][{{ 'ab'|center(5) }}][{{ 'abc'|center(2) }}][{{ 'ab'|center(6) }}]")
case("f_indent", "{{ 'a\nb\n\nc'|indent }}|{{ 'a\nb'|indent(2, true) }}|{{ 'a\n\nb'|indent('> ', blank=true) }}")
case("f_batch_slice", "{{ range(7)|batch(3)|list }} {{ range(7)|batch(3, 'x')|list }} {{ range(7)|slice(3)|list }} {{ range(7)|slice(3, 0)|list }}")
case("f_dictsort", "{{ d|dictsort }} {{ d|dictsort(reverse=true) }} {{ d|dictsort(by='value') }} {{ {'b': 1, 'A': 2, 'a': 3}|dictsort }} {{ {'b': 1, 'A': 2}|dictsort(true) }}")
case("f_items", "{% for k, v in d|items %}{{ k }}{{ v }}{% endfor %}")
case("f_unique", "{{ [1, 2, 1, 3, 2]|unique|list }} {{ ['a', 'A', 'b']|unique|list }} {{ ['a', 'A', 'b']|unique(true)|list }} {{ pages|unique(attribute='section')|map(attribute='title')|list }}")
case("f_min_max_sum", "{{ xs|min }} {{ xs|max }} {{ words|min }} {{ words|max }} {{ xs|sum }} {{ pages|sum(attribute='n') }} {{ pages|max(attribute='n') }} {{ [1.5, 2]|sum(start=10) }} [{{ empty|min }}]")
case("f_groupby", "{% for g in pages|groupby('section') %}{{ g.grouper }}:{{ g.list|map(attribute='title')|join(',') }};{% endfor %}|{% for key, items in pages|groupby('section') %}{{ key }}={{ items|length }} {% endfor %}")
case("f_groupby_repr", "{{ [{'a': 1}, {'a': 2}, {'a': 1}]|groupby('a') }}")
case("f_filesizeformat", "{{ 1|filesizeformat }} {{ 300|filesizeformat }} {{ 1000|filesizeformat }} {{ 123456789|filesizeformat }} {{ 1048576|filesizeformat(true) }} {{ '2048'|filesizeformat }}")
case("f_format", "{{ '%s-%s'|format('a', 1) }} {{ '%05.1f|%d|%x|%r'|format(3.14159, 42.9, 255, 'q') }} {{ '%(a)s!'|format(a='kw') }} {{ '%-5s|%5s|'|format('ab', 'cd') }}")
case("f_xmlattr", "<a{{ {'href': '/x?a=1&b=2', 'class': 'c', 'data-none': none, 'title': '\"q\"'}|xmlattr }}></a>")
case("f_attr", "{{ d|attr('a') }}|{{ d|attr('items') is callable }}|{{ 'x'|attr('upper') is callable }}")
case("f_chain", "{{ words|map('lower')|unique|sort|join(', ')|upper }}")
case("f_escape_numbers", "{{ 5|e }} {{ none|e }} {{ xs|e }}")
case("f_safe_none", "{{ none|safe }} {{ missing|safe }}")
case("f_percent_operator", "{{ '%s and %s' % ('a', 'b') }} {{ '%d%%' % 50 }} {{ '%.2f' % 2.675 }} {{ '%s' % [1, 2] }} {{ '%5.1e|%g' % (12345.678, 0.00001) }} {{ '<%s>'|safe % '<x>' }}")

# ---------------------------------------------------------------- string methods
case("m_case", "{{ name.upper() }} {{ name.lower() }} {{ 'hello world'.title() }} {{ \"they're bill's\".title() }} {{ 'hello'.capitalize() }} {{ 'AbC'.swapcase() }}")
case("m_strip_split", "{{ '  a b  '.strip() }}|{{ 'xxhixx'.strip('x') }}|{{ '  a b  '.lstrip() }}|{{ '  a b  '.rstrip() }}|{{ 'a,b,,c'.split(',') }}|{{ '  a  b c '.split() }}|{{ 'a b c'.split(None, 1) }}|{{ 'a,b,c'.rsplit(',', 1) }}|{{ '  a  b c '.rsplit(None, 1) }}")
case("m_starts_ends", "{{ name.startswith('Wo') }} {{ name.endswith('ld') }} {{ name.startswith(('x', 'W')) }} {{ page.title.endswith('>') }}")
case("m_find_count", "{{ 'hello'.find('l') }} {{ 'hello'.rfind('l') }} {{ 'hello'.find('z') }} {{ ja.find('東京') }} {{ 'banana'.count('a') }} {{ 'banana'.index('n') }}")
case("m_replace_join", "{{ 'a-b-c'.replace('-', '+') }} {{ 'a-b-c'.replace('-', '', 1) }} {{ ', '.join(words) }} {{ '-'.join('abc') }}")
case("m_pad", "[{{ 'ab'.center(6, '*') }}][{{ 'ab'.ljust(5) }}][{{ 'ab'.rjust(5, '.') }}][{{ '42'.zfill(5) }}][{{ '-42'.zfill(5) }}]")
case("m_predicates", "{{ '123'.isdigit() }} {{ '12a'.isdigit() }} {{ 'abc'.isalpha() }} {{ 'ab1'.isalnum() }} {{ '  '.isspace() }} {{ 'abc'.islower() }} {{ 'ABC'.isupper() }}")
case("m_partition_misc", "{{ 'a=b=c'.partition('=') }} {{ 'a=b=c'.rpartition('=') }} {{ 'prefix-x'.removeprefix('prefix-') }} {{ 'x.html'.removesuffix('.html') }} {{ 'a\nb\r\nc'.splitlines() }}")
case("m_markup_methods", "{{ html|safe|lower }}|{{ ('<b>x</b>'|safe).replace('x', '<y>') }}|{{ ('<b>'|safe).upper() }}")
case("m_dict_methods", "{{ d.keys()|list }} {{ d.values()|list }} {{ d.items()|list }} {{ d.get('a', 0) + 1 }}")
case("m_list_methods", "{{ [1, 2, 1].count(1) }} {{ words.index('cherry') }}")

# ---------------------------------------------------------------- macros
case("macro_basic", "{% macro greet(who) %}Hello {{ who }}!{% endmacro %}{{ greet('you') }} {{ greet(name) }}")
case("macro_defaults", "{% macro m(a, b=2, c='x') %}{{ a }}-{{ b }}-{{ c }}{% endmacro %}{{ m(1) }} {{ m(1, 3) }} {{ m(1, c='y') }} {{ m(b=5, a=0) }}")
case("macro_default_uses_arg", "{% macro m(a, b=a * 2) %}{{ a }}/{{ b }}{% endmacro %}{{ m(3) }} {{ m(3, 1) }}")
case("macro_missing_arg", "{% macro m(a, b) %}[{{ a }}][{{ b }}]{% endmacro %}{{ m(1) }}")
case("macro_output_is_safe", "{% macro m() %}<b>{{ html }}</b>{% endmacro %}{{ m() }}|{{ m()|length }}|{{ m() ~ '<i>' }}")
case("macro_varargs_kwargs", "{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, x=4) }}")
case("macro_sees_globals_late", "{% set x = 1 %}{% macro m() %}{{ x }}{{ name }}{% endmacro %}{% set x = 2 %}{{ m() }}")
case("macro_no_caller_locals", "{% macro m() %}[{{ i }}]{% endmacro %}{% for i in xs %}{{ m() }}{% endfor %}")
case("macro_scope_isolated", "{% macro m() %}{% set y = 5 %}{{ y }}{% endmacro %}{{ m() }}[{{ y }}]")
case("macro_recursive", "{% macro tree(items) %}<ul>{% for i in items %}<li>{{ i.name }}{% if i.children %}{{ tree(i.children) }}{% endif %}</li>{% endfor %}</ul>{% endmacro %}{{ tree(menu) }}")
case("macro_repr", "{% macro m() %}{% endmacro %}{{ m }}")
case("macro_in_loop_defined", "{% for i in [1, 2] %}{% macro m() %}<{{ i }}>{% endmacro %}{{ m() }}{% endfor %}")
case("macro_caller", "{% macro wrap(cls) %}<div class=\"{{ cls }}\">{{ caller() }}</div>{% endmacro %}{% call wrap('box') %}inner {{ name }}{% endcall %}")
case("macro_caller_args", "{% macro each(items) %}{% for i in items %}{{ caller(i, loop.index) }}{% endfor %}{% endmacro %}{% call(item, idx) each(words) %}{{ idx }}={{ item }};{% endcall %}")
case("macro_caller_sees_locals", "{% macro m() %}{{ caller() }}{% endmacro %}{% for x in xs %}{% call m() %}{{ x }}{% endcall %}{% endfor %}")
case("macro_kwargs_only_named", "{% macro m(a=1) %}{{ a }}{% endmacro %}{{ m(a=5) }}")
case("macro_attributes", "{% macro m(a, b) %}{% endmacro %}{{ m.name }} {{ m.arguments }}")

# ---------------------------------------------------------------- filter blocks, autoescape
case("filter_block", "{% filter upper %}hello {{ name }} <{{ html }}>{% endfilter %}")
case("filter_block_chain", "{% filter trim|title %}   hello world   {% endfilter %}")
case("autoescape_off_block", "{% autoescape false %}{{ html }}{% endautoescape %} {{ html }}")
case("autoescape_off_concat", "{% autoescape false %}{{ html|safe ~ html }}{% endautoescape %}")

# ---------------------------------------------------------------- include
INC = {"header.html": "<h1>{{ title|default('none') }}</h1>", "item.html": "[{{ x }}{{ loop.index if loop is defined }}]",
       "setter.html": "{% set leaked = 'no' %}{{ leaked }}"}
case("include_basic", "{% set title = 'T' %}{% include 'header.html' %}", templates=INC)
case("include_loop_var", "{% for x in xs %}{% include 'item.html' %}{% endfor %}", templates=INC)
case("include_loop_var_with_loop", "{% for x in xs %}{{ loop.index }}{% include 'item.html' %}{% endfor %}", templates=INC)
case("include_no_leak", "{% include 'setter.html' %}[{{ leaked }}]", templates=INC)
case("include_without_context", "{% set title = 'T' %}{% include 'header.html' without context %}", templates=INC)
case("include_ignore_missing", "a{% include 'nope.html' ignore missing %}b", templates=INC)
case("include_list", "{% include ['nope.html', 'header.html'] %}", templates=INC)
case("include_variable_name", "{% set t = 'header.html' %}{% include t %}", templates=INC)
case("include_nested", "{% include 'outer.html' %}", templates={"outer.html": "<{% include 'inner.html' %}>", "inner.html": "in {{ name }}"})

# ---------------------------------------------------------------- extends / blocks
BASE = {
    "base.html": "<html><title>{% block title %}Site{% endblock %}</title>\n<body>{% block body %}default body{% endblock %}</body>\n{% block footer %}(c) {{ year|default(2024) }}{% endblock %}</html>",
    "layout.html": "{% extends 'base.html' %}{% block body %}<main>{% block content %}layout content{% endblock %}</main>{% endblock %}",
}
case("extends_basic", "{% extends 'base.html' %}{% block title %}Page{% endblock %}", templates=BASE)
case("extends_super", "{% extends 'base.html' %}{% block title %}Page - {{ super() }}{% endblock %}", templates=BASE)
case("extends_three_levels", "{% extends 'layout.html' %}{% block content %}page content{% endblock %}{% block title %}{{ super() }}!{% endblock %}", templates=BASE)
case("extends_super_chain", "{% extends 'layout.html' %}{% block body %}[{{ super() }}]{% endblock %}", templates=BASE)
case("extends_outside_ignored", "ignored? {% extends 'base.html' %} ignored {{ name }}{% block title %}T{% endblock %} more", templates=BASE)
case("extends_set_visible", "{% extends 'base.html' %}{% set year = 1999 %}{% block title %}{{ name }}{% endblock %}", templates=BASE)
case("extends_self", "{% extends 'base.html' %}{% block title %}X{% endblock %}{% block body %}{{ self.title() }}{% endblock %}", templates=BASE)
case("extends_variable", "{% set layout = 'base.html' %}{% extends layout %}{% block title %}V{% endblock %}", templates=BASE)
case("extends_macro_in_child", "{% extends 'base.html' %}{% macro m(x) %}<{{ x }}>{% endmacro %}{% block body %}{{ m(name) }}{% endblock %}", templates=BASE)
case("block_in_loop_not_scoped", "{% for a in xs %}{% block b %}[{{ a }}]{% endblock %}{% endfor %}")
case("block_scoped", "{% for a in xs %}{% block b scoped %}[{{ a }}]{% endblock %}{% endfor %}")
case("block_end_name", "{% block b %}x{% endblock b %}")
case("block_nested_override", "{% extends 'nb.html' %}{% block inner %}CHILD{% endblock %}", templates={"nb.html": "{% block outer %}<{% block inner %}base{% endblock %}>{% endblock %}"})
case("blocks_self_render_twice", "{% block t %}T{% endblock %}|{{ self.t() }}")
case("extends_include_after", "{% extends 'base.html' %}{% include 'header.html' %}{% block title %}x{% endblock %}", templates={**BASE, **INC})
case("block_set_scope", "{% block a %}{% set v = 1 %}{{ v }}{% endblock %}[{{ v }}]")

# ---------------------------------------------------------------- import
MACROS = {"macros.html": "{% macro link(url, text) %}<a href=\"{{ url }}\">{{ text }}</a>{% endmacro %}{% macro ctx() %}[{{ name }}]{% endmacro %}{% set version = 3 %}{% set _private = 1 %}"}
case("import_as", "{% import 'macros.html' as m %}{{ m.link('/x', name) }} {{ m.version }}", templates=MACROS)
case("import_from", "{% from 'macros.html' import link, version as v %}{{ link('/y', 'Y') }} {{ v }}", templates=MACROS)
case("import_no_context", "{% import 'macros.html' as m %}{{ m.ctx() }}", templates=MACROS)
case("import_with_context", "{% import 'macros.html' as m with context %}{{ m.ctx() }}", templates=MACROS)
case("import_from_with_context", "{% from 'macros.html' import ctx with context %}{{ ctx() }}", templates=MACROS)
case("import_missing_name", "{% from 'macros.html' import nope %}[{{ nope is defined }}]", templates=MACROS)

# ---------------------------------------------------------------- globals
case("cycler_joiner", "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.current }}{{ c.next() }}{% set j = joiner('|') %}{% for x in xs %}{{ j() }}{{ x }}{% endfor %}")
case("namespace_from_dict", "{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }}")

# ---------------------------------------------------------------- realistic theme snippets
case("theme_nav", """<nav aria-label="main">
<ul>
{%- for item in menu %}
  <li{% if loop.first %} class="first"{% endif %}><a href="{{ item.url }}">{{ item.name }}</a>
  {%- if item.children %}
    <ul>{% for c in item.children %}<li><a href="{{ c.url }}">{{ c.name }}</a></li>{% endfor %}</ul>
  {%- endif %}</li>
{%- endfor %}
</ul>
</nav>
""")
case("theme_list", """{% set visible = pages|rejectattr('draft')|sort(attribute='date', reverse=true) %}
<h2>{{ visible|length }} pages</h2>
{% for p in visible %}
<article class="{{ loop.cycle('odd', 'even') }}">
  <h3>{{ p.title|title }}</h3>
  <time datetime="{{ p.date }}">{{ p.date[:4] }}年{{ p.date[5:7]|int }}月{{ p.date[8:]|int }}日</time>
  {% if p.tags %}<p>{{ p.tags|join(', ') }}</p>{% endif %}
</article>
{% else %}
<p>No pages.</p>
{% endfor %}
""")
case("theme_meta", """<title>{{ page.title }} | {{ site_name|default('Portal') }}</title>
<meta name="description" content="{{ page.summary|striptags|truncate(30) }}">
<meta property="og:title" content="{{ page.title|e }}">
<script type="application/ld+json">{{ {'@type': 'Article', 'headline': page.title, 'author': page.meta.author}|tojson }}</script>
""")
case("theme_pagination", """{% set per = 2 %}{% set total = pages|length %}{% set n_pages = (total + per - 1) // per %}
{% for i in range(1, n_pages + 1) %}<a href="/page/{{ i }}/"{% if i == 1 %} aria-current="page"{% endif %}>{{ i }}</a>{% endfor %}
{% for batch in pages|batch(per) %}[{% for p in batch %}{{ p.title }}{% if not loop.last %}, {% endif %}{% endfor %}]{% endfor %}""")
case("theme_japanese", """{% set label = {'news': 'お知らせ', 'cases': '導入事例'} %}
{% for section, items in pages|groupby('section') %}<h2>{{ label[section] }}（{{ items|length }}件）</h2>{% endfor %}
{{ ja|truncate(10) }} {{ ja|length }} {{ ja[:4] }}""")
case("theme_macro_lib", "{% import 'ui.html' as ui %}{{ ui.button('Go', kind='primary') }}{{ ui.button('<Back>') }}",
     templates={"ui.html": "{% macro button(label, kind='default') -%}\n<button class=\"btn btn-{{ kind }}\">{{ label }}</button>\n{%- endmacro %}"})
case("theme_breadcrumbs", """{% set crumbs = [('/', 'Home'), ('/cases/', 'Cases'), (none, page.title)] %}
<ol>{% for url, label in crumbs %}<li>{% if url %}<a href="{{ url }}">{{ label }}</a>{% else %}<span aria-current="page">{{ label }}</span>{% endif %}</li>{% endfor %}</ol>""")
case("theme_conditional_classes", "{% for p in pages %}<li class=\"{{ 'draft' if p.draft else 'live' }}{{ ' first' if loop.first }}\">{{ p.n ~ '件' }}</li>{% endfor %}")
case("theme_set_block_reuse", "{% set icon %}<svg aria-hidden=\"true\"></svg>{% endset %}{% for x in xs %}{{ icon }}{{ x }}{% endfor %}")
case("theme_sum_stats", "{% set total = pages|sum(attribute='n') %}{{ total }} {{ (total / pages|length)|round(1) }} {{ '%.1f'|format(total / 3) }} {{ (total * 100 / 30)|int }}%")
case("theme_dates_sort", "{% for p in pages|sort(attribute='date') %}{{ p.date }}{{ ',' if not loop.last }}{% endfor %}")
case("theme_tag_cloud", "{% set ns = namespace(tags=[]) %}{% for p in pages %}{% for t in p.tags|default([]) %}{% if t not in ns.tags %}{% set ns.tags = ns.tags + [t] %}{% endif %}{% endfor %}{% endfor %}{{ ns.tags|sort|join(' ') }}")
case("theme_hreflang", "{% for lang, url in {'ja': '/', 'en': '/en/'}.items() %}<link rel=\"alternate\" hreflang=\"{{ lang }}\" href=\"{{ url }}\">{% endfor %}")

# ---------------------------------------------------------------- odd corners
case("undefined_equality", "{{ missing == missing }} {{ missing == none }} {{ missing != 1 }}")
case("undefined_in", "{{ 1 in missing }} {{ missing in xs }}")
case("undefined_iteration_filters", "[{{ missing|join(',') }}][{{ missing|list }}][{{ missing|upper }}][{{ missing|length }}][{{ missing|first }}][{{ missing|trim }}]")
case("unicode_names", "{% set 件数 = 3 %}{{ 件数 * 2 }}{% for 項目 in xs %}{{ 項目 }}{% endfor %}{{ café|default('x') }}")
case("var_named_like_keyword", "{{ none is none }} {{ True and False }}")
case("long_output_loop", "{% for i in range(200) %}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}")
case("deep_data_access", "{{ pages[2].tags[1] }} {{ pages[0]['tags'][0]|upper }} {{ page.meta['year'] + 1 }}")
case("string_multiply_markup", "{{ '<br>'|safe * 2 }}{{ '<' * 2 }}")
case("compare_strings_unicode", "{{ 'é' > 'z' }} {{ ['b', 'a', 'é', 'Z']|sort }}")
case("int_float_compare", "{{ 1 < 1.5 }} {{ 2 == 2.0 }} {{ [1, 2.0] == [1.0, 2] }}")
case("division_by_float", "{{ 1 / 4 }} {{ 10 / 5 }} {{ 2 ** 0.5 }}")
case("big_numbers", "{{ 2 ** 62 }} {{ big * 1000 }} {{ -big }} {{ 1e308 * 10 }}")
case("nan_inf", "{{ 'nan'|float }} {{ 'inf'|float > 1e308 }}")
case("escape_in_attr", "<a title=\"{{ html }}\" href=\"/s?q={{ name|urlencode }}\">x</a>")
case("safe_then_concat_plus", "{{ ('<b>'|safe + '<i>') }}")
case("macro_call_in_filter_arg", "{% macro m() %}<x>{% endmacro %}{{ 'a'|replace('a', m()) }}")
case("set_macro_output", "{% macro m() %}<b>{% endmacro %}{% set v = m() %}{{ v }}{{ v ~ '<' }}")
case("super_twice", "{% extends 'base.html' %}{% block title %}{{ super() }}{{ super() }}{% endblock %}", templates=BASE)
case("include_in_block", "{% extends 'base.html' %}{% block body %}{% include 'header.html' %}{% endblock %}", templates={**BASE, **INC})
case("loop_index_in_include_macro", "{% macro m() %}{{ caller() }}{% endmacro %}{% for x in xs %}{% call m() %}{{ loop.index }}{% endcall %}{% endfor %}")
case("jinja_fails_undefined_attr", "{{ missing.attr }}", jinja_fails=True)
case("jinja_fails_undefined_add", "{{ missing + 1 }}", jinja_fails=True)
case("jinja_fails_type_error", "{{ 1 + 'a' }}", jinja_fails=True)
case("jinja_fails_div_zero", "{{ 1 / 0 }}", jinja_fails=True)
case("jinja_fails_call_undefined", "{{ nothing() }}", jinja_fails=True)
case("jinja_fails_macro_too_many", "{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}", jinja_fails=True)
case("jinja_fails_macro_bad_kw", "{% macro m(a) %}{% endmacro %}{{ m(b=1) }}", jinja_fails=True)
case("jinja_fails_super_base", "{% block a %}{{ super() }}{% endblock %}", jinja_fails=True)
case("jinja_fails_truncate_short", "{{ 'abcdef'|truncate(2) }}", jinja_fails=True)
case("jinja_fails_compare_types", "{{ 1 < 'a' }}", jinja_fails=True)
case("jinja_fails_ns_assign", "{% set x = 1 %}{% set x.y = 2 %}", jinja_fails=True)
case("jinja_fails_include_missing", "{% include 'nope.html' %}", jinja_fails=True)
case("jinja_fails_int_undefined", "{{ missing|int }}", jinja_fails=True)
case("jinja_fails_unpack", "{% for a, b in xs %}{% endfor %}", jinja_fails=True)
case("jinja_fails_dictsort_list", "{{ xs|dictsort }}", jinja_fails=True)
case("jinja_fails_slice_zero_step", "{{ xs[::0] }}", jinja_fails=True)
case("jinja_fails_caller_unused", "{% macro m() %}x{% endmacro %}{% call m() %}y{% endcall %}", jinja_fails=True)

# ---------------------------------------------------------------- found by differential fuzzing
case("generator_truthiness", "{% if xs|select('gt', 10) %}always{% endif %}|{% if xs|select('gt', 10)|list %}never{% endif %}|{{ xs|map('string') is sequence }}")
case("dict_views_print", "{{ d.items() }} {{ d.keys() }} {{ d.values() }} {{ d.items()|length }} {{ 'b' in d.keys() }}")
case("negative_const_pow", "{% set z = 0 %}{{ -2.5 ** z }} {{ -2 ** 2 }} {{ (-2) ** z }} {% set m = 3 %}{{ -m ** 2 }} {{ (1 - 3) ** z }}")
case("percent_mapping_like", "{{ 'abc' % [1] }}|{{ 'abc' % {'a': 1} }}|{{ '%s' % missing }}|{{ 'x' % missing }}")
case("tuple_subscript_undefined", "[{{ d['a', 'b'] }}][{{ xs[0, 1] }}]")
case("caller_repr", "{% macro m() %}{{ caller }}{% endmacro %}{% call m() %}{% endcall %}")
case("undefined_is_callable", "{{ missing is callable }}")
case("comment_at_end", "text{#")
case("raw_at_end", "text{% raw %}")
case("block_in_loop_after_extends", "{% extends 'base.html' %}{% for x in xs %}T{% block title %}[{{ x }}]{% endblock %}{% endfor %}", templates=BASE)
case("block_in_with_after_extends", "{% extends 'base.html' %}{% with a = 1 %}{% block body %}B{{ a }}{% endblock %}{% endwith %}", templates=BASE)
case("super_before_parent_renders", "{% extends 'base.html' %}{% for x in [1] %}{% block title %}<{{ super() }}>{% endblock %}{% endfor %}", templates=BASE)
case("scoped_block_nested_sees_locals", "{% for x in xs %}{% block a scoped %}{% block c %}{{ x }}{% endblock %}{% endblock %}{% endfor %}")
case("scoping_assigned_later_is_undefined", "{% for i in [1] %}[{{ name }}]{% endfor %}{% set name = 'late' %}{{ name }}")
case("scoping_loaded_first_resolves", "{{ name }}{% for i in [1] %}[{{ name }}]{% endfor %}{% set name = 'late' %}{{ name }}")
case("scoping_if_branch_store", "{% for i in [1] %}[{{ name }}]{% endfor %}{% if t %}{% set name = 'x' %}{% endif %}")
case("scoping_if_else_store", "{% for i in [1] %}[{{ name }}]{% endfor %}{% if t %}{% set name = 'x' %}{% else %}{% set name = 'y' %}{% endif %}")
case("scoping_loop_frame", "{% for i in [1, 2] %}{% for j in [1] %}[{{ n }}]{% endfor %}{% set n = i %}{% endfor %}")
case("scoping_macro_before_set", "{% macro m() %}[{{ name }}]{% endmacro %}{{ m() }}{% set name = 'late' %}{{ m() }}")
case("scoping_include_skips_missing", "{% for i in [1] %}{% include 'show_name.html' %}{% endfor %}{% set name = 'late' %}", templates={"show_name.html": "[{{ name }}]"})
case("scoping_block_frame", "{% block b %}{% for i in [1] %}[{{ name }}]{% endfor %}{% set name = 'x' %}{% endblock %}")
case("scoping_child_set_parent_nested", "{% extends 'p.html' %}{% set v = 'child' %}", templates={"p.html": "{% for i in [1] %}[{{ v }}]{% endfor %}|{% for i in [1] %}{% block b %}<{{ v }}>{% endblock %}{% endfor %}{% set v = 'parent' %}{{ v }}"})
case("unicode_names_fold", "{% set 値 = [1, 2] %}{{ 値|sum }}")
case("jinja_fails_test_extra_arg", "{{ 1 is odd 2 }}", jinja_fails=True)
case("jinja_fails_generator_len", "{{ xs|select('odd')|length }}", jinja_fails=True)
case("jinja_fails_generator_last", "{{ xs|map('string')|last }}", jinja_fails=True)
case("jinja_fails_percent_generator", "{{ 'abc' % xs|select('odd') }}", jinja_fails=True)

case("include_extending_template", "<{% include 'child.html' %}>", templates={**BASE, "child.html": "{% extends 'base.html' %}{% block title %}C{% endblock %}"})
case("include_txt_no_escape", "{% include 'plain.txt' %}|{{ html }}", templates={"plain.txt": "{{ html }}"})
case("markup_filters_keep_safety", "{% set m = '<b> x </b>'|safe %}{{ m|trim }}|{{ m|center(14) }}|{{ m|capitalize }}|{{ m|title }}|{{ m|first }}|{{ m|string }}|{{ m|truncate(5, true, '<') }}")
case("loop_changed_cycle_depth", "{% for p in pages|sort(attribute='section') %}{% if loop.changed(p.section) %}[{{ p.section }}]{% endif %}{{ loop.cycle('a', 'b', 'c') }}{% endfor %}")
case("format_width_unicode", "[{{ '%-6s|%6s'|format('日本', 'é') }}][{{ '%.2s'|format('日本語') }}]")
case("join_attribute_nested", "{{ pages[:1]|join('; ', attribute='tags.0') }}|{{ pages[:3]|map(attribute='tags.1')|list }}")
case("jinja_fails_attribute_path_undefined", "{{ pages|join('; ', attribute='tags.0') }}", jinja_fails=True)
case("sort_mixed_case_attr", "{{ pages|sort(attribute='title')|map(attribute='title')|join(' ') }} {{ pages|sort(attribute='title', case_sensitive=true)|map(attribute='title')|join(' ') }}")
case("title_vs_method", "{{ \"o'neil mc-donald\"|title }} {{ \"o'neil mc-donald\".title() }}")

# ---------------------------------------------------------------- autoescape off (Environment(autoescape=False))
case("noescape_output", "{{ html }} {{ ['<a>'] }}", autoescape="never")
case("noescape_join_replace", "{{ [html, '<i>'|safe]|join('<br>') }} {{ html|replace('<b>', '[b]') }}", autoescape="never")
case("noescape_macro", "{% macro m() %}<{{ html }}>{% endmacro %}{{ m() }}", autoescape="never")
case("noescape_escape_filter", "{{ html|e }} {{ (html|safe ~ '<')|e }}", autoescape="never")

# ================================================================ errors (ours)
error("err_unsupported_recursive_loop", "{% for x in xs recursive %}{{ loop(x) }}{% endfor %}", "main:1:1: unsupported Jinja feature `recursive for loop`")
error("err_unsupported_do", "a\n{% do xs.append(1) %}", "main:2:4: unsupported Jinja feature `{% do %}`")
error("err_unsupported_filter", "{{ 'x'|urlize }}", "main:1:8: unsupported Jinja feature `urlize filter`")
error("err_unsupported_wordwrap", "\n\n{{ long|wordwrap(10) }}", "main:3:9: unsupported Jinja feature `wordwrap filter`")
error("err_unknown_filter", "x\n{{ name|frobnicate }}", "main:2:9: unknown filter `frobnicate`")
error("err_unknown_test", "{% if n is frob %}{% endif %}", "main:1:12: unknown test `frob`")
error("err_unknown_tag", "a\nb\n{% frob %}", "main:3:4: unknown tag `{% frob %}`")
error("err_unclosed_if", "line1\n{% if t %}\nyes\n", "main:2:1: `{% if %}` (line 2) is never closed")
error("err_unclosed_for", "{% for x in xs %}\n{{ x }}", "main:1:1: `{% for %}` (line 1) is never closed")
error("err_unclosed_block", "{% block a %}\n{% if t %}{% endif %}", "main:1:1: `{% block %}` (line 1) is never closed")
error("err_mismatched_end", "{% if t %}\n{% endfor %}", "main:2:4: unexpected `{% endfor %}`: the innermost open block is `{% if %}` from line 1")
error("err_stray_end", "x\n\n{% endif %}", "main:3:4: unexpected `{% endif %}`: no block is open")
error("err_unclosed_var", "a {{ name ", "main:1:11: unexpected end of template")
error("err_unclosed_comment", "a\n{# never closed", "main:2:1: missing end of comment tag")
error("err_unclosed_raw", "{% raw %}abc", "main:1:1: missing `{% endraw %}`")
error("err_syntax_expression", "{{ 1 + }}", "main:1:8: unexpected 'end of print statement'")
error("err_syntax_line", "a\nb\nc {{ x y }}", "main:3:8: expected token 'end of print statement', got 'y'")
error("err_unbalanced", "{{ (1 + 2 }}", "main:1:11: unexpected '}', expected ')'")
error("err_bad_char", "{{ a $ b }}", "main:1:6: unexpected character '$'")
error("err_unterminated_string", "{{ 'abc }}", "main:1:4: unterminated string literal")
error("err_empty_output", "{{ }}", "main:1:4: expected an expression")
error("err_block_twice", "{% block a %}{% endblock %}{% block a %}{% endblock %}", "main:1:28: block `a` is defined twice")
error("err_extends_twice", "{% extends 'b' %}{% extends 'b' %}", "main:1:18: the template extends twice", templates={"b": ""})
error("err_extends_nested", "{% if t %}{% extends 'b' %}{% endif %}", "unsupported Jinja feature `{% extends %} inside another tag`", templates={"b": ""})
error("err_star_args", "{{ range(*xs) }}", "unsupported Jinja feature `*args / **kwargs in calls`")
error("err_default_order", "{% macro m(a=1, b) %}{% endmacro %}", "non-default argument follows default argument")
error("err_chained_is", "{{ n is odd is even }}", "you cannot chain multiple tests")
error("err_nesting_too_deep", "{{ " + "(" * 300 + "1" + ")" * 300 + " }}", "template nesting is too deep")
error("err_big_int_literal", "{{ 99999999999999999999 }}", "integer literal is too large")
error("err_dotted_filter", "{{ x|a.b }}", "unknown filter `a.b`")
error("err_required_block_body", "{% block a required %}x{% endblock %}", "required blocks can only contain comments or whitespace")
error("err_in_included_file_position", "{% include 'bad.html' %}", "bad.html:2:6: unknown filter `nope`", templates={"bad.html": "ok\n{{ x|nope }}"})
error("err_bad_unicode_char", "{{ a → b }}", "main:1:6: unexpected character '→'")
# runtime errors with positions
error("err_undefined_attr_position", "line1\n  {{ page.meta.nope.deeper }}", "main:2:6: `page.meta.nope` is undefined")
error("err_undefined_var_attr", "{{ missing.x }}", "main:1:4: `missing` is undefined")
error("err_type_error_position", "a\n{{ n + 'x' }}", "main:2:4: unsupported operand type(s) for +: 'int' and 'str'")
error("err_runtime_in_include", "x{% include 'inc.html' %}", "inc.html:1:6: integer division or modulo by zero", templates={"inc.html": "ok{{ 1 // zero }}"})
error("err_runtime_in_macro_other_file", "{% import 'm.html' as m %}{{ m.f() }}", "m.html:2:4: `nothing` is undefined", templates={"m.html": "{% macro f() %}\n{{ nothing() }}{% endmacro %}"})
error("err_macro_too_many_args", "{% macro m(a) %}{% endmacro %}\n{{ m(1, 2) }}", "main:2:4: macro `m` takes not more than 1 argument(s)")
error("err_include_missing", "{% include 'nope.html' %}", "main:1:12: template `nope.html` not found")
error("err_string_repeat_huge", "{{ 'x' * 10000000000 }}", "string repetition result is too large")
error("err_range_huge", "{{ range(100000000)|length }}", "range() is too large")
error("err_int_overflow", "{{ 2 ** 64 }}", "integer overflow")
# strict undefined
error("strict_print", "ok\n  {{ missing }}", "main:2:6: `missing` is undefined", strict=True)
error("strict_attr", "{{ page.nope }}", "main:1:4: `page.nope` is undefined", strict=True)
error("strict_if", "{% if missing %}{% endif %}", "`missing` is undefined", strict=True)
error("strict_for", "{% for x in missing %}{% endfor %}", "`missing` is undefined", strict=True)
error("strict_filter", "{{ missing|upper }}", "`missing` is undefined", strict=True)
error("strict_compare", "{{ missing == 1 }}", "`missing` is undefined", strict=True)
error("strict_concat", "{{ 'a' ~ missing }}", "`missing` is undefined", strict=True)
error("strict_macro_arg", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m() }}", "`a` is undefined", strict=True)
# recursion limits
error("limit_include_recursion", "{% include 'main' %}", "templates nest more than 64 levels deep")
error("limit_macro_recursion", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "macro `f` -> macro `f`")
error("limit_extends_cycle", "{% extends 'a.html' %}", "`{% extends %}` cycle", templates={"a.html": "{% extends 'b.html' %}", "b.html": "{% extends 'a.html' %}"})
error("limit_extends_self", "{% extends 'main' %}", "`{% extends %}` cycle")
