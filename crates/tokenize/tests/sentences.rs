//! Sentence splitter: the Golden Rules, a real article, one case per rule category, other
//! languages, the analyzer, and properties on arbitrary text.

use gist_core::{Analyzer, Document, Language, Span};
use gist_tokenize::SentenceSplitter;
use proptest::prelude::*;

fn sentences(language: Language, text: &str) -> Vec<&str> {
    SentenceSplitter::new(language)
        .split(text)
        .into_iter()
        .map(|s| &text[s])
        .collect()
}

#[track_caller]
fn check(text: &str, expected: &[&str]) {
    check_in(Language::English, text, expected);
}

#[track_caller]
fn check_in(language: Language, text: &str, expected: &[&str]) {
    assert_eq!(sentences(language, text), expected, "text: {text:?}");
}

#[test]
fn all_48_golden_rules_pass() {
    let data = include_str!("fixtures/sentences_english_golden_rules.json");
    let cases: Vec<serde_json::Value> = serde_json::from_str(data).unwrap();
    assert_eq!(cases.len(), 48);
    let splitter = SentenceSplitter::default();
    let mut failures = Vec::new();
    for case in &cases {
        let text = case["text"].as_str().unwrap();
        let expected: Vec<&str> = case["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().trim())
            .collect();
        let got: Vec<&str> = splitter
            .split(text)
            .into_iter()
            .map(|s| text[s].trim())
            .collect();
        if got != expected {
            failures.push(format!(
                "{}: expected {expected:?}, got {got:?}",
                case["comment"].as_str().unwrap_or("?")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 48 golden rules fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn seed_article_has_its_31_sentences() {
    let text = include_str!("../../../seeds/000_8a26d4e9249c747d.txt");
    let expected = [
        "Australia will lead a global push to target online child exploitation in a bid to shut down what domestic intelligence and security agencies claim is an alarming proliferation in the live-streaming of child rape.",
        "Home Affairs Minister Peter Dutton will meet with member countries of the Five Eyes intelligence network, which includes the US, Britain, Canada, New Zealand, as well as Australia, to discuss how to harness the unrivalled global reach and cyber capabilities of the organisation to disrupt international paedophile networks.",
        "It is understood that Britain has agreed to elevate child exploitation to a priority issue for Five Eyes, with the US also likely to back it.",
        "It comes as Australian Federal Police (AFP) report a doubling in the number of online child exploitation cases reported last year, with an explosion in the use of live-streaming and digital platforms by networks of paedophiles on the dark web.",
        "Last year the AFP received 18,000 reports of online child abuse material, reflecting an 84% increase since 2017.",
        "Mr Dutton is also likely to argue for pressure to be increased on digital platforms such as Google, Facebook and Twitter, which refused a request to attend a classified meeting last year, to act against the live-streaming of child exploitation, just as they have been forced to act on terrorism and ultra-violence.",
        "The five country ministerial meeting of Home Affairs, Security and Interior ministers is also expecting to feature heated discussions on whether Britain and Canada join the US and Australia led 5G ban on Chinese telco Huawei.",
        "Britain’s openness to allowing Huawei’s involvement in the domestic rollout of 5G has become a sticking point within the Five Eyes community, with the US threatening to withhold intelligence sharing should the UK go ahead.",
        "British Prime Minister Boris Johnson has hinted strongly that he may join the ban, having said during the recent leadership campaign that he would refrain from anything that could upset the Five Eyes alliance.",
        "Mr Dutton, however, has said that while 5G would feature prominently, it was the proliferation in online child exploitation that would form a “significant part of the agenda” at this year’s Five Eyes meeting.",
        "He welcomed the British decision to elevate child exploitation as “a key priority of discussions”.",
        "“There needs to be a greater international engagement in the battle against child exploitation,” Mr Dutton said.",
        "“Now with the internet, pay-per view, offenders can direct material and have it live streamed into their bedrooms.",
        "“The bigger picture is how we can disrupt these networks.”",
        "Mr Dutton would not discuss operational options but it would likely involve the enlistment of capabilities of the Australian Cyber Security Centre.",
        "“It is necessary to deal with these people, the prolific nature of what’s being sent around the planet in seconds … the only way you can deal with it is online and trying to strike it out at the same time you are trying to rescue kids,” he said.",
        "“The Five Eyes community is more needed and more necessary than ever.”",
        "Of the 28 citizenship cancellations imposed by Mr Dutton since 2014, 11 have been for people convicted of child sex offences.",
        "The government claims controversial encryption laws passed at the end of last year would be vital in cyber approaches to child exploitation.",
        "The AFP, which argued strenuously for the new laws, but which were resisted by the tech companies, claims Australians were viewing an “unprecedented volume of online child abuse material” with a spike in incidents reported to the US National Centre for Missing and Exploited Children.",
        "Mr Dutton said the Morrison government had pumped an extra $70 million into the Centre for Countering Child Exploitation in the past six months, and was committed to a build-up of operations with Interpol.",
        "Austrac, has also been given a priority mission to track paedophile networks through financial transactions.",
        "Mr Dutton said Australia’s focus was on Southeast Asia, with multiple joint operations with Manila to rescue children in The Philippines.",
        "Britain was focusing on networks and child trafficking in Europe.",
        "A former policeman, Mr Dutton worked in the sex offenders squad.",
        "“I’ve investigated rapes and interviewed young girls and boys sexually assaulted, in many cases it destroys lives” he said.",
        "“We have to do everything we can to protect kids.",
        "It’s horrible to believe these people live and breathe among us.",
        "But we need to deal with the reality of that threat.”",
        "Source: Compiled by APN from media reports",
        "Print This Post\u{a0}Print This Post",
    ];
    assert_eq!(expected.len(), 31);
    assert_eq!(sentences(Language::English, text), expected);
}

#[test]
fn spans_are_byte_ranges_without_surrounding_whitespace() {
    let text = "  Hello there.\u{a0} Bye now!\n";
    assert_eq!(
        SentenceSplitter::default().split(text),
        [Span::new(2, 14), Span::new(17, 25)]
    );
    assert!(SentenceSplitter::default().split(" \n\t ").is_empty());
    assert!(SentenceSplitter::default().split("").is_empty());
}

#[test]
fn titles_and_abbreviations() {
    check(
        "Dr. Watson met Prof. Moriarty at St. Paul's. They talked.",
        &[
            "Dr. Watson met Prof. Moriarty at St. Paul's.",
            "They talked.",
        ],
    );
    check(
        "Apples, pears, etc. are fruit. Smith & Co. The firm is old.",
        &[
            "Apples, pears, etc. are fruit.",
            "Smith & Co.",
            "The firm is old.",
        ],
    );
    check(
        "Ask for e.g. Jane or cf. Tom. He knows.",
        &["Ask for e.g. Jane or cf. Tom.", "He knows."],
    );
    check(
        "He went to the U.K. last week. It rained.",
        &["He went to the U.K. last week.", "It rained."],
    );
    check(
        "He went to the U.K. Then he flew home.",
        &["He went to the U.K.", "Then he flew home."],
    );
}

#[test]
fn initials_and_the_pronoun_i() {
    check(
        "J. R. R. Tolkien wrote it. George W. Bush read it.",
        &["J. R. R. Tolkien wrote it.", "George W. Bush read it."],
    );
    check(
        "It was you and I. Then Mary K. Jones came.",
        &["It was you and I.", "Then Mary K. Jones came."],
    );
}

#[test]
fn numbers() {
    check(
        "Pi is about 3.14159. See p. 7 and No. 12. Pay $4.50 now.",
        &[
            "Pi is about 3.14159.",
            "See p. 7 and No. 12.",
            "Pay $4.50 now.",
        ],
    );
    check(
        "It grew by 4.5% in 2019. In 2020 it fell.",
        &["It grew by 4.5% in 2019.", "In 2020 it fell."],
    );
}

#[test]
fn am_and_pm() {
    check(
        "We meet at 9 a.m. tomorrow. The bus leaves at 5 p.m. It is late.",
        &[
            "We meet at 9 a.m. tomorrow.",
            "The bus leaves at 5 p.m.",
            "It is late.",
        ],
    );
}

#[test]
fn ellipses() {
    check(
        "Wait... what? No… It can't be.",
        &["Wait... what?", "No…", "It can't be."],
    );
    check(
        "He said . . . nothing at all. Then he left.",
        &["He said . . . nothing at all.", "Then he left."],
    );
    check(
        "The quote [...] is cut. Fine.",
        &["The quote [...] is cut.", "Fine."],
    );
}

#[test]
fn quotations_and_parentheses() {
    check(
        "\"Is it?\" she asked. 'Yes!' He nodded. (It was late.) They left.",
        &[
            "\"Is it?\" she asked.",
            "'Yes!'",
            "He nodded.",
            "(It was late.)",
            "They left.",
        ],
    );
    check(
        "He wrote (see the note.) and stopped. «Non.» Done.",
        &["He wrote (see the note.) and stopped.", "«Non.»", "Done."],
    );
}

#[test]
fn lists() {
    check(
        "Steps: 1) open it 2) fill it 3) close it",
        &["Steps: 1) open it", "2) fill it", "3) close it"],
    );
    check(
        "(a) one thing (b) another thing",
        &["(a) one thing", "(b) another thing"],
    );
    check(
        "i. First point ii. Second point iii. Third point",
        &["i. First point", "ii. Second point", "iii. Third point"],
    );
    check("• Milk • Eggs\n• Bread", &["• Milk", "• Eggs", "• Bread"]);
    check("Buy:\n- milk\n- eggs", &["Buy:", "- milk", "- eggs"]);
    // Numbers that do not continue a sequence are not list markers.
    check(
        "He scored 3. Then 7 more.",
        &["He scored 3.", "Then 7 more."],
    );
}

#[test]
fn quoted_questions_with_their_speaker() {
    check(
        "\"Why?\" John asked. \"Is it fair?\" Mr Lewis said. \"No!\" The crowd left.",
        &[
            "\"Why?\" John asked.",
            "\"Is it fair?\" Mr Lewis said.",
            "\"No!\"",
            "The crowd left.",
        ],
    );
}

#[test]
fn urls_and_emails() {
    check(
        "Mail john.smith@mail.example.org. Or visit www.example.com/a.b. Thanks.",
        &[
            "Mail john.smith@mail.example.org.",
            "Or visit www.example.com/a.b.",
            "Thanks.",
        ],
    );
    check(
        "See https://docs.example.com/Guide.Html for details.",
        &["See https://docs.example.com/Guide.Html for details."],
    );
}

#[test]
fn exclamation_names() {
    check(
        "I searched on Yahoo! and found it. Wow! Great.",
        &["I searched on Yahoo! and found it.", "Wow!", "Great."],
    );
}

#[test]
fn missing_space_after_full_stop() {
    check(
        "This is the end.Here is the next one.",
        &["This is the end.", "Here is the next one."],
    );
    // BBC-style summaries, sentences glued without a space.
    check(
        "It said \"no\".Tony Blair agreed, said Mr Straw.Shadow ministers met in 2002.ODPM staff left.A spokeswoman spoke.",
        &[
            "It said \"no\".",
            "Tony Blair agreed, said Mr Straw.",
            "Shadow ministers met in 2002.",
            "ODPM staff left.",
            "A spokeswoman spoke.",
        ],
    );
    check(
        "It closed at 39.10.Shares fell (ONS).The end.",
        &["It closed at 39.10.", "Shares fell (ONS).", "The end."],
    );
    check(
        "Dr.Smith met Ph.D students.",
        &["Dr.Smith met Ph.D students."],
    );
    // Not inside names, file names or numbers.
    check(
        "Use Node.Js or v1.5.Beta now.",
        &["Use Node.Js or v1.5.Beta now."],
    );
}

#[test]
fn line_breaks_and_paragraphs() {
    check(
        "A title\n\nThe first paragraph\nis wrapped here. It ends.\r\n\r\nThe second one",
        &[
            "A title",
            "The first paragraph\nis wrapped here.",
            "It ends.",
            "The second one",
        ],
    );
}

#[test]
fn footnote_and_citation_marks_stay_with_their_sentence() {
    check(
        "It is a saint.[1] The emperor agreed.[7][8] It was (type 2).10 This ends.",
        &[
            "It is a saint.[1]",
            "The emperor agreed.[7][8]",
            "It was (type 2).10",
            "This ends.",
        ],
    );
}

#[test]
fn headings_and_short_lines() {
    check(
        "CHAPTER VII\r\nOF THE SECOND SALLY\r\n\r\nIt was late.",
        &["CHAPTER VII", "OF THE SECOND SALLY", "It was late."],
    );
    check(
        "Putter King Hunt Trophy\nThe team will judge it.",
        &["Putter King Hunt Trophy", "The team will judge it."],
    );
    // Lines of verse and wrapped prose are not headings.
    check(
        "Though he and his curst crew\nFierce sign of battle make.",
        &["Though he and his curst crew\nFierce sign of battle make."],
    );
    check(
        "a. here it is b. another c. one more\n They went.",
        &["a. here it is", "b. another", "c. one more", "They went."],
    );
    check(
        "His name is Mark E. Smith. a. here it is b. another",
        &["His name is Mark E. Smith.", "a. here it is", "b. another"],
    );
}

#[test]
fn dialogue_dashes_and_chained_initials() {
    check_in(
        Language::Russian,
        "Бірақ оның енді не керегі бар? — деді. А. И. Семенов пришел.",
        &[
            "Бірақ оның енді не керегі бар? — деді.",
            "А. И. Семенов пришел.",
        ],
    );
    check(
        "Tuesday.Mr. Smith paid 1,000.That is a lot.",
        &["Tuesday.", "Mr. Smith paid 1,000.", "That is a lot."],
    );
}

#[test]
fn other_languages() {
    check_in(
        Language::German,
        "Das ist z.B. ein Test, d.h. ein Beispiel. Er kam am 3. Mai. Die Sonne schien.",
        &[
            "Das ist z.B. ein Test, d.h. ein Beispiel.",
            "Er kam am 3. Mai.",
            "Die Sonne schien.",
        ],
    );
    check_in(
        Language::Chinese,
        "我们明天一起去看《摔跤吧！爸爸》好吗？好！",
        &["我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"],
    );
    check_in(
        Language::Japanese,
        "これはペンです。「本当？」それはマーカーです。",
        &["これはペンです。", "「本当？」", "それはマーカーです。"],
    );
    check_in(
        Language::Japanese,
        "これは山です \nこれは川です\n「はい」",
        &["これは山です", "これは川です", "「はい」"],
    );
    check_in(
        Language::Hindi,
        "यह एक वाक्य है। यह दूसरा है।",
        &["यह एक वाक्य है।", "यह दूसरा है।"],
    );
    check_in(
        Language::Urdu,
        "کیا حال ہے؟ میرا نام علی ہے۔ شکریہ",
        &["کیا حال ہے؟", "میرا نام علی ہے۔", "شکریہ"],
    );
    check_in(
        Language::Greek,
        "Πού είναι; Εδώ είναι.",
        &["Πού είναι;", "Εδώ είναι."],
    );
    check_in(
        Language::Armenian,
        "Ի՞նչ ես մտածում: Ոչինչ:",
        &["Ի՞նչ ես մտածում:", "Ոչինչ:"],
    );
    check_in(
        Language::Spanish,
        "¿Vienes? ¡Claro que sí! La Sra. López también.",
        &["¿Vienes?", "¡Claro que sí!", "La Sra. López también."],
    );
}

#[test]
fn analyzer_sets_sentences_in_the_chosen_language() {
    let text = "Er kam am 3. Mai. Sie ging.";
    // A fixed-language splitter ignores the document's language.
    let mut doc = Document::new("d", text).with_language(Language::German);
    SentenceSplitter::new(Language::German)
        .analyze(&mut doc)
        .unwrap();
    assert_eq!(doc.sentences(), [Span::new(0, 17), Span::new(18, 27)]);
    assert_eq!(doc.sentence_text(0), Some("Er kam am 3. Mai."));

    // "d.h." is a German abbreviation, not an English one.
    let text = "Das ist d.h. Peter. Er kam.";
    let mut doc = Document::new("d", text).with_language(Language::German);
    SentenceSplitter::document_language()
        .analyze(&mut doc)
        .unwrap();
    assert_eq!(doc.sentences().len(), 2);
    assert_eq!(doc.sentence_text(0), Some("Das ist d.h. Peter."));
    assert_eq!(SentenceSplitter::default().language(), Language::English);
}

fn assert_invariants(text: &str, spans: &[Span]) {
    let mut prev_end = 0usize;
    let mut covered = vec![false; text.len()];
    for &s in spans {
        assert!(s.is_valid_in(text), "{s:?} not valid in {text:?}");
        assert!(s.start < s.end, "empty span {s:?}");
        assert!(
            s.start as usize >= prev_end,
            "overlapping or unordered {spans:?}"
        );
        let slice = &text[s];
        assert_eq!(slice, slice.trim(), "untrimmed sentence {slice:?}");
        covered[s.range()].iter_mut().for_each(|c| *c = true);
        prev_end = s.end as usize;
    }
    for (i, c) in text.char_indices() {
        assert!(
            c.is_whitespace() || covered[i],
            "char {c:?} at {i} not covered in {text:?}: {spans:?}"
        );
    }
}

fn sentence_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\u{2028}",
        "\u{85}",
        "\r",
        "[1]",
        ".12 ",
        "①",
        "（",
        "）",
        "「",
        "」",
        "No.",
        "Tuesday.Mr.",
        ". . . .",
        "1,000.That",
        "CHAPTER I",
        "- ",
        "— ",
        "3.",
        "Mai",
        "i)",
        "(ii)",
        "\u{202a}.\u{202c}",
        "A. B.",
        "Mr.",
        "U.S.",
        "a.m.",
        "p.",
        "55",
        "3.14",
        "...",
        ". . .",
        "…",
        "!",
        "?",
        ".",
        "\"",
        "'",
        "”",
        ")",
        "(",
        "[",
        "]",
        "1.",
        "2)",
        "(a)",
        "b.",
        "•",
        "⁃",
        "I.",
        "The",
        "it",
        "www.x.com",
        "a@b.co",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\u{a0}",
        "。",
        "！",
        "《",
        "》",
        "।",
        "؟",
        "۔",
        ";",
        ":",
        "é",
        "Ω",
        "yahoo!",
        "ü.",
        "x",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

#[test]
fn adversarial_inputs_stay_valid() {
    // Long runs that would make a careless backward or forward scan quadratic.
    let cases = [
        "• ".repeat(20_000),
        "a.Ba".repeat(20_000),
        "\n(".repeat(20_000),
        "《好。".repeat(20_000),
        "x".repeat(100_000) + ". Next.",
        "! ".repeat(20_000),
        ". ".repeat(20_000),
        "1) ".repeat(20_000),
    ];
    for text in &cases {
        for lang in [Language::English, Language::Chinese] {
            let spans = SentenceSplitter::new(lang).split(text);
            assert_invariants(text, &spans);
        }
    }
}

proptest! {
    #[test]
    fn spans_are_valid_on_arbitrary_unicode(text in "\\PC{0,200}") {
        for lang in [Language::English, Language::Greek, Language::Armenian, Language::Chinese] {
            let spans = SentenceSplitter::new(lang).split(&text);
            assert_invariants(&text, &spans);
        }
    }

    #[test]
    fn spans_are_valid_on_punctuation_soup(text in sentence_like()) {
        for lang in [
            Language::English,
            Language::German,
            Language::Greek,
            Language::Arabic,
            Language::Japanese,
        ] {
            let spans = SentenceSplitter::new(lang).split(&text);
            assert_invariants(&text, &spans);
        }
    }
}
