"""The cleaner on page shapes we compose ourselves: every furniture line gone, every real paragraph kept."""
from __future__ import annotations

import textwrap

from newsledger.clean import clean, paragraph_spans
from newsledger.clean.page import clean_page, normalise
from newsledger.model import Article, RawArticle


def _page(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


ISSUE_SHAPED_PAGE = _page("""
    Skip to main content

    Israel rejects Hamas ceasefire terms as top US diplomat tours region

    Netanyahu dismisses truce proposal and vows to press on with Gaza offensive
    4 min read
    07 February, 2024
    Israel's prime minister rejected the terms Hamas set for a truce on Wednesday, saying only "total victory" would end the war, as the top US diplomat pressed for a deal.
    Palestinians inspect the rubble of a destroyed building in Rafah on Wednesday [Getty]
    Israeli Prime Minister Benjamin Netanyahu on Wednesday rejected Hamas's conditions for a ceasefire in Gaza, calling them "delusional".
    "Surrendering to Hamas's delusional demands will not free the hostages, it will only invite another massacre," Netanyahu told a news conference in Jerusalem.
    Live Story
    Gaza live updates: Blinken meets Netanyahu as talks continue
    "We are close."
    The proposal, drafted by mediators in Qatar and Egypt, called for a phased halt to the fighting.
    Advertisement
    Read more: What is in the Hamas counter-proposal?
    "It will take time," a senior Egyptian official said, asking not to be named.
    Sign up for our Middle East newsletter and get the news straight to your inbox.
    Share
    Facebook
    Twitter
    Israel-Palestine conflict
    Gaza
    """)


def test_issue_shaped_page_gives_headline_date_standfirst_caption_and_clean_body():
    article = clean(RawArticle(source_path="page.txt", text=ISSUE_SHAPED_PAGE))
    assert article.headline == "Israel rejects Hamas ceasefire terms as top US diplomat tours region"
    assert article.alt_headline == "Netanyahu dismisses truce proposal and vows to press on with Gaza offensive"
    assert article.published == "2024-02-07" and article.published_from == "text"
    assert article.standfirst.startswith("Israel's prime minister rejected the terms")
    assert article.captions == ["Palestinians inspect the rubble of a destroyed building in Rafah on Wednesday [Getty]"]
    assert article.text.split("\n\n") == [
        "Israeli Prime Minister Benjamin Netanyahu on Wednesday rejected Hamas's conditions for a ceasefire in Gaza, "
        "calling them \"delusional\".",
        "\"Surrendering to Hamas's delusional demands will not free the hostages, it will only invite another "
        "massacre,\" Netanyahu told a news conference in Jerusalem.",
        "\"We are close.\"",
        "The proposal, drafted by mediators in Qatar and Egypt, called for a phased halt to the fighting.",
        "\"It will take time,\" a senior Egyptian official said, asking not to be named.",
    ]
    assert article.id == Article.id_for(article.text)
    assert article.headline not in article.text


AP_STYLE_PAGE = _page("""
    Skip to content
    Hamas says it will study truce offer as strikes pound Rafah
    By Jane Doe and Omar Haddad
    Updated 3:12 PM GMT, February 8, 2024
    February 7, 2024
    GAZA CITY (AP) — Israeli airstrikes pounded the southern city of Rafah overnight, killing at least 14 people, health officials said Wednesday.
    “We have nowhere left to go,” said Umm Khaled, a mother of five sheltering in a tent near the border.
    “Every night we ask whether we will survive until morning. Every morning we count the dead.
    “We just want it to stop.”
    Advertisement
    The Health Ministry in Gaza said more than 27,000 Palestinians have been killed since the war began.
    Associated Press writer Sam Lee in Cairo contributed to this report.
    Copyright 2024 The Associated Press. All rights reserved.
    """)


def test_ap_style_page_splits_dateline_and_keeps_multi_paragraph_quote():
    article = clean(RawArticle(source_path="ap.txt", text=AP_STYLE_PAGE))
    assert article.headline == "Hamas says it will study truce offer as strikes pound Rafah"
    assert article.byline == "Jane Doe and Omar Haddad"
    assert article.published == "2024-02-07"  # the publication line, not the "Updated" one
    assert article.dateline == "GAZA CITY (AP) —"
    assert article.standfirst is None
    assert article.text.split("\n\n") == [
        "Israeli airstrikes pounded the southern city of Rafah overnight, killing at least 14 people, "
        "health officials said Wednesday.",
        "“We have nowhere left to go,” said Umm Khaled, a mother of five sheltering in a tent near the border.",
        "“Every night we ask whether we will survive until morning. Every morning we count the dead.",
        "“We just want it to stop.”",
        "The Health Ministry in Gaza said more than 27,000 Palestinians have been killed since the war began.",
        "Associated Press writer Sam Lee in Cairo contributed to this report.",
    ]


BROADSHEET_PAGE = _page("""
    World | Middle East
    Egypt hosts new round of Gaza hostage talks
    Mediators push for a six-week pause as aid agencies warn of famine in the north
    Jane Doe in Cairo
    Wed 7 Feb 2024 14.30 GMT
    Trucks wait at the Rafah crossing on Tuesday. Photograph: Ahmed Samir/AFP/Getty Images
    Negotiators from Egypt, Qatar and the United States met in Cairo on Wednesday for a new round of talks on a pause in the fighting.
    An Egyptian official said the sides had narrowed their differences on the release of hostages held in Gaza.
    Nobody in Cairo expects a deal this week, but nobody wants the talks to collapse either
    Related: Aid convoys stuck at Gaza border as talks drag on
    “Nobody in Cairo expects a deal this week, but nobody wants the talks to collapse either,” said a diplomat briefed on the meetings.
    The United Nations said half a million people in Gaza faced catastrophic hunger.
    Most viewed
    Storm batters coast as thousands lose power
    Ten things to do this weekend
    """)


def test_broadsheet_page_drops_pull_quote_teasers_and_footer_lists():
    article = clean(RawArticle(source_path="broadsheet.txt", text=BROADSHEET_PAGE))
    assert article.headline == "Egypt hosts new round of Gaza hostage talks"
    assert article.alt_headline == "Mediators push for a six-week pause as aid agencies warn of famine in the north"
    assert article.published == "2024-02-07"
    assert article.captions == ["Trucks wait at the Rafah crossing on Tuesday. Photograph: Ahmed Samir/AFP/Getty Images"]
    assert article.text.split("\n\n") == [
        "Negotiators from Egypt, Qatar and the United States met in Cairo on Wednesday for a new round of talks on "
        "a pause in the fighting.",
        "An Egyptian official said the sides had narrowed their differences on the release of hostages held in Gaza.",
        "“Nobody in Cairo expects a deal this week, but nobody wants the talks to collapse either,” said a diplomat "
        "briefed on the meetings.",
        "The United Nations said half a million people in Gaza faced catastrophic hunger.",
    ]


def test_plain_article_without_furniture_is_kept_whole():
    body = ("The ministry said 12 people were injured in the blast.\n\n"
            "\"Help us,\" one resident shouted.\n\n"
            "Rescue teams worked through the night.")
    article = clean(RawArticle(source_path="plain.txt", text=body))
    assert article.text == body
    assert article.headline is None and article.standfirst is None


def test_hard_wrapped_paragraphs_are_joined_and_blank_lines_kept():
    wrapped = ("The agency said on Tuesday that convoys carrying flour and medicine had\n"
               "been turned back at the crossing for the third time this week, leaving\n"
               "warehouses in the south nearly empty.\n\n"
               "Officials said talks would resume on Thursday.")
    article = clean(RawArticle(source_path="wire.txt", text=wrapped))
    assert article.text == (
        "The agency said on Tuesday that convoys carrying flour and medicine had been turned back at the crossing "
        "for the third time this week, leaving warehouses in the south nearly empty.\n\n"
        "Officials said talks would resume on Thursday.")


def test_no_break_spaces_crlf_and_invisible_characters_are_normalised():
    text = "Officials\u00a0said\u200b 40\u202f000 people fled.\r\n\r\n\"We\u00a0left everything,\" she said.\r\n"
    article = clean(RawArticle(source_path="nbsp.txt", text=text))
    assert article.text == "Officials said 40 000 people fled.\n\n\"We left everything,\" she said."
    assert normalise("a\r\nb\rc") == "a\nb\nc"


def test_verbatim_keeps_the_file_text_exactly():
    text = "Skip to main content\r\n\r\nHeadline here\n  Body\u00a0text.  \n"
    article = clean(RawArticle(source_path="v.txt", text=text), verbatim=True)
    assert article.text == text
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start:paragraph.end].strip() == article.text[paragraph.start:paragraph.end]


def test_paragraph_spans_index_the_text():
    text = "First paragraph.\n\nSecond one,\nstill second.\n\n  \n\nThird."
    spans = [text[p.start:p.end] for p in paragraph_spans(text)]
    assert spans == ["First paragraph.", "Second one,\nstill second.", "Third."]


def test_only_a_headline_and_one_paragraph_keeps_the_paragraph_as_body():
    page = clean_page("Ceasefire talks stall in Cairo\n\nTalks stalled on Monday, officials said.\n\nA photo of the talks [AFP]")
    assert page.headline == "Ceasefire talks stall in Cairo"
    assert page.paragraphs == ["Talks stalled on Monday, officials said."]


def test_empty_and_whitespace_text_give_an_empty_body():
    for text in ("", "   \n\n  ", "Advertisement\nShare"):
        article = clean(RawArticle(source_path="e.txt", text=text))
        assert article.text == "" and article.paragraphs == []


NEWS_HTML = """<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Aid trucks enter northern Gaza | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post">
<meta property="article:published_time" content="2024-02-06T09:30:00Z">
<meta name="author" content="Jane Doe">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Aid trucks enter northern Gaza</h1>
<p>Aid trucks enter northern Gaza</p>
<p>RAFAH, Egypt (Reuters) - A convoy of 20 aid trucks entered northern Gaza on Tuesday for the first time in weeks, the United Nations said, as hunger spread through the territory.</p>
<p>"People are eating animal feed to survive," said a UN spokesperson, who described the situation as catastrophic and warned that more convoys were urgently needed.</p>
<p>The convoy carried flour, medicine and fuel for hospitals, according to the agency, which said it hoped to send more trucks later in the week if the route stayed open.</p>
</article>
<footer><p>Copyright 2024 Harbour Post</p></footer>
</body></html>"""


def test_html_page_gives_body_without_repeated_headline_and_meta_date():
    article = clean(RawArticle(source_path="page.html", html=NEWS_HTML, url="https://www.harbourpost.example/world/aid"))
    assert article.headline and article.headline.startswith("Aid trucks enter northern Gaza")
    assert not article.text.startswith("Aid trucks")
    assert article.dateline == "RAFAH, Egypt (Reuters) -"
    assert article.text.startswith("A convoy of 20 aid trucks entered northern Gaza on Tuesday")
    assert "\"People are eating animal feed to survive,\"" in article.text
    assert "\n\n" in article.text and "Copyright" not in article.text
    assert article.published == "2024-02-06" and article.published_from == "html-meta"
    assert article.outlet == "Harbour Post"


def test_page_date_beats_a_warc_date_but_a_given_date_beats_the_page():
    from_warc = clean(RawArticle(source_path="u", html=NEWS_HTML, published="2024-03-01", published_from="warc"))
    assert (from_warc.published, from_warc.published_from) == ("2024-02-06", "html-meta")
    given = clean(RawArticle(source_path="u", html=NEWS_HTML, published="2024-02-05", published_from="input"))
    assert (given.published, given.published_from) == ("2024-02-05", "input")
    undated = clean(RawArticle(source_path="u", text="Talks resumed, officials said.", published="2024-03-01",
                               published_from="warc"))
    assert (undated.published, undated.published_from) == ("2024-03-01", "warc")


def test_broken_html_gives_an_article_not_an_error():
    for html in ("", "<html><body><p>unclosed", "<<<>>>", "\x00\x01<div>"):
        article = clean(RawArticle(source_path="broken.html", html=html, url="http://example.org/x"))
        assert isinstance(article.text, str)


def test_verbatim_nul_becomes_a_space_and_offsets_still_hold():
    raw = RawArticle(source_path="nul.txt", text="Police said\x00 12 people were hurt.")
    article = clean(raw, verbatim=True)
    assert "\x00" not in article.text
    assert len(article.text) == len(raw.text)
    assert article.text.index("12") == raw.text.index("12")
