"""The analyzer (pure): normalisation, index tokens, query parsing — examples and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.search.analyzer import (
    MAX_CLAUSES,
    MAX_PHRASE_TOKENS,
    MAX_TOKEN_CHARS,
    SEPARATOR,
    WORD_MARK,
    analyze,
    normalize,
    normalize_aligned,
    parse_query,
    phrase,
)
from gongkai.search.backends import fts5_expression, tsquery_literal

#: Text a visitor or a document may hold: Han (common and traditional), ASCII, full-width
#: forms, brackets, quotes, FTS/SQL syntax, surrogates and control characters.
messy = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(
            list("低保标准臺兒莊區〔〕【】[]()（）［］\"“”*:^-{}'; 号发民台2023５ＡＢ \n\t\x00\ud800\udfff")
        ),
    ),
    max_size=300,
)


@pytest.mark.parametrize(
    "typed",
    [
        "台民发〔2023〕5号",
        "台民发[2023]5号",
        "台民发(2023)5号",
        "台民发【2023】5号",
        "台民发（2023）5号",
        "台民发［2023］5号",
        "台民发〖2023〗5号",
        "臺民發〔２０２３〕５號",
    ],
)
def test_doc_number_brackets_and_forms_normalise_to_one(typed):
    assert normalize(typed) == "台民发〔2023〕5号"
    assert "台民发〔2023〕5号" in analyze(typed)


def test_brackets_elsewhere_are_left_alone():
    assert normalize("见附件(一)【重要】") == "见附件(一)【重要】"


def test_full_width_upper_case_traditional_become_one_form():
    assert normalize("ＧＢ／Ｔ　９７０４－２０１２ 臺兒莊區") == "gb/t 9704-2012 台儿庄区"


def test_han_runs_give_first_character_bigrams_and_last_character_then_words():
    tokens = analyze("城乡低保标准，各")
    stream, words = tokens[: tokens.index(SEPARATOR)], tokens[tokens.index(SEPARATOR) + 1 :]
    assert stream == ["城", "城乡", "乡低", "低保", "保标", "标准", "准", "各"]
    assert {WORD_MARK + "低保", WORD_MARK + "城乡"} <= set(words)


def test_a_field_without_words_keeps_its_doc_numbers():
    assert analyze("据台民发〔2023〕5号，低保", words=False)[-4:] == [SEPARATOR, "民发〔2023〕5号", "台民发〔2023〕5号", "据台民发〔2023〕5号"]
    assert SEPARATOR not in analyze("城乡低保标准", words=False)


def test_ascii_words_and_numbers_lower_case_one_token_each():
    assert analyze("GB18030 2023年") == ["gb18030", "2023", "年"]


def test_runs_of_other_scripts_are_one_token_each_and_long_runs_are_cut_at_the_limit():
    long = "x" * (MAX_TOKEN_CHARS + 9)
    stream = ["caf", "é", "αβγ", "x" * MAX_TOKEN_CHARS, "低", "低保", "保", SEPARATOR, WORD_MARK + "低保"]
    assert analyze(f"Café—ΑΒΓ {long}低保") == stream


def test_doc_number_in_running_text_indexed_with_every_plausible_prefix():
    tokens = analyze("根据台民发〔2023〕5号文件")
    assert {"民发〔2023〕5号", "台民发〔2023〕5号", "据台民发〔2023〕5号"} <= set(tokens)


def test_plain_term_splits_into_words_single_characters_stay_glued():
    assert [c.phrases[0].tokens for c in parse_query("城乡低保标准").clauses] == [
        ("城乡",),
        ("低保",),
        ("标准",),
    ]
    assert [c.phrases[0].tokens for c in parse_query("台民发").clauses] == [("台民", "民发")]


def test_quoted_phrase_is_one_clause_in_order():
    (clause,) = parse_query('"低保标准"').clauses
    assert clause.phrases[0].tokens == ("低保", "保标", "标准")


def test_only_a_lone_character_is_a_prefix_a_run_after_a_number_starts_with_its_character():
    assert phrase("税").prefix and phrase("税").tokens == ("税",)
    assert phrase("2023年").tokens == ("2023", "年") and not phrase("2023年").prefix
    assert phrase("截至2023年底").tokens == ("截至", "至", "2023", "年", "年底")
    assert not phrase("低保").prefix


def test_doc_number_query_matches_token_or_phrase():
    (clause,) = parse_query("台民发(2023)5号").clauses
    assert clause.phrases[0].tokens == ("台民发〔2023〕5号",)
    assert clause.phrases[1].tokens == ("台民", "民发", "发", "2023", "5", "号")


def test_operators_and_markup_are_only_words():
    query = parse_query('低保 OR "x" NEAR(a) title:y <b> -* ^')
    tokens = {t for c in query.clauses for p in c.phrases for t in p.tokens}
    assert tokens == {"低保", "or", "x", "near", "a", "title", "y", "b"}


def test_clauses_are_capped():
    assert len(parse_query(" ".join(f"w{n}" for n in range(100))).clauses) == MAX_CLAUSES


@settings(max_examples=300, deadline=None)
@given(messy)
def test_normalize_is_idempotent_and_aligned(text):
    once = normalize(text)
    assert normalize(once) == once
    aligned, owners = normalize_aligned(text)
    assert aligned == once and len(owners) == len(once)
    assert all(0 <= o < len(text) for o in owners) and owners == sorted(owners)


@settings(max_examples=300, deadline=None)
@given(messy)
def test_analyze_never_raises_is_deterministic_and_tokens_are_clean(text):
    tokens = analyze(text)
    assert tokens == analyze(text)
    for token in tokens:
        assert token and not any(
            c.isspace() or c in "\"'*:^(){}" or 0xD800 <= ord(c) <= 0xDFFF for c in token
        )
        assert len(token) <= MAX_TOKEN_CHARS + len(WORD_MARK)  # PostgreSQL refuses lexemes over 2 KB


@settings(max_examples=300, deadline=None)
@given(messy)
def test_any_query_parses_to_a_bounded_quotable_query(text):
    query = parse_query(text)
    assert query == parse_query(text)
    assert len(query.clauses) <= MAX_CLAUSES
    for clause in query.clauses:
        for p in clause.phrases:
            assert 0 < len(p.tokens) <= MAX_PHRASE_TOKENS
            assert all('"' not in t and "'" not in t and SEPARATOR not in t for t in p.tokens)
    if query:
        assert fts5_expression(query, []) and tsquery_literal(query, [])


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="低保标准城乡居民最生活障救助ab12", min_size=2, max_size=12),
    st.text(max_size=40),
    st.text(max_size=40),
)
def test_a_substring_of_a_document_is_a_phrase_of_its_tokens(needle, before, after):
    """Recall: whatever run of word characters a visitor copies out of a document, its phrase
    occurs in the document's token stream (consecutive, the last token possibly a prefix)."""
    text = before + " " + needle + " " + after
    stream = analyze(text)
    found = phrase(normalize(needle))
    if found is None:
        return
    n = len(found.tokens)
    assert any(
        list(found.tokens[:-1]) == stream[i : i + n - 1]
        and (
            stream[i + n - 1].startswith(found.tokens[-1])
            if found.prefix
            else stream[i + n - 1] == found.tokens[-1]
        )
        for i in range(len(stream) - n + 1)
    )
