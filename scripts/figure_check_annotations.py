"""The check split of figure sources (eval/data/figures-check), as annotated by hand: sentence id (from
scripts/figure_check_candidates.py over ../shared/data polnear/train/text) -> every figure of the sentence as
(numeral as written, source phrase or None, canonical body or None). Writes the standoff gold; never the texts.
Run: .venv/bin/python scripts/figure_check_candidates.py ../shared/data polnear/train/text 400 > /tmp/cands.tsv
     .venv/bin/python scripts/figure_check_annotations.py"""
from figure_standoff import write_standoff
N=None
A = {
"c7":[("two",N,N),("14",N,N)], "c9":[("20",N,N)], "c10":[("3,000",N,N)], "c11":[("230",N,N)], "c13":[("Hundreds",N,N)],
"c25":[("387",N,N)], "c26":[("ELEVEN",N,N),("DOZENS",N,N)], "c30":[("20","authorities","San Bernardino authorities")],
"c32":[("23 million","Trump","Donald Trump")], "c35":[("367,491",N,N)], "c36":[("93,522",N,N)], "c38":[("one million",N,N)],
"c40":[("5,000",N,N)], "c42":[("Thousands",N,N)],
"c43":[("11",N,N),("15 billion",N,N),("177,000",N,N),("3,900",N,N),("680",N,N)], "c44":[("6,000",N,N)],
"c45":[("five",N,N),("six",N,N)], "c47":[("49",N,N)], "c48":[("14",N,N)], "c49":[("three",N,N)],
"c50":[("Twenty-three","Orlando Regional Medical Center","Orlando Regional Medical Center"),("53","Orlando Regional Medical Center","Orlando Regional Medical Center"),("six","Orlando Regional Medical Center","Orlando Regional Medical Center")],
"c53":[("TWO",N,N),("16",N,N),("Three",N,N)], "c54":[("Two",N,N)], "c56":[("two",N,N),("three",N,N)],
"c58":[("250,000","Trump","Donald Trump")], "c59":[("11 million",N,N)], "c62":[("300",N,N)], "c67":[("10",N,N),("two",N,N)],
"c71":[("1,110",N,N)], "c74":[("10,000",N,N)], "c75":[("11 million",N,N)], "c78":[("one million",N,N)], "c80":[("a million",N,N)],
"c90":[("one","the National Police Agency","National Police Agency"),("eight","the National Police Agency","National Police Agency")],
"c91":[("Four",N,N)], "c92":[("6,000",N,N),("dozens",N,N)],
"c95":[("250,000","Bill Taylor, an organizer of the rallies","Bill Taylor")], "c96":[("15,000",N,N)],
"c107":[("400","Human Rights Watch","Human Rights Watch")], "c108":[("100",N,N),("hundreds",N,N)], "c110":[("15",N,N)],
"c111":[("41",N,N)], "c115":[("11 million",N,N)], "c121":[("17 million",N,N)], "c125":[("49",N,N)], "c128":[("50",N,N)],
"c130":[("49","the Associated Press","Associated Press")], "c138":[("3,500",N,N)], "c141":[("one",N,N),("dozens",N,N)],
"c142":[("75",N,N)], "c149":[("nine",N,N)], "c150":[("34,000",N,N)], "c154":[("Hundreds",N,N)], "c155":[("six",N,N)],
"c156":[("60",N,N)], "c157":[("hundreds",N,N)], "c162":[("14",N,N)], "c165":[("7,000",N,N)],
"c166":[("two dozen",N,N),("160,000",N,N)], "c169":[("130",N,N),("32",N,N)], "c171":[("49",N,N)], "c172":[("200",N,N)],
"c173":[("three",N,N)], "c174":[("Three",N,N),("260",N,N)], "c175":[("nine",N,N)], "c177":[("five",N,N)],
"c179":[("55","Police","Philadelphia Police")], "c180":[("100",N,N)], "c181":[("100",N,N)], "c182":[("Dozens",N,N)],
"c185":[("125",N,N)], "c186":[("7 million",N,N)], "c187":[("four",N,N)], "c198":[("906","German police","German Police")],
"c199":[("121","an ICE spokeswoman","Immigration and Customs Enforcement"),("77","an ICE spokeswoman","Immigration and Customs Enforcement")],
"c200":[("5 million",N,N)], "c201":[("two",N,N)], "c214":[("28,000",N,N)], "c223":[("13 million",N,N)],
"c224":[("a hundred",N,N),("49",N,N)], "c226":[("Six thousand",N,N),("a thousand",N,N)], "c227":[("500",N,N)],
"c229":[("80","The French interior minister, Bernard Cazeneuve","French Interior Ministry"),("18","The French interior minister, Bernard Cazeneuve","French Interior Ministry")],
"c231":[("32",N,N)], "c232":[("130",N,N)], "c243":[("Two",N,N)], "c244":[("four","Trump","Donald Trump")],
"c246":[("38","the Iraqi activist group Mosul Eye","Mosul Eye")], "c247":[("Four",N,N)], "c251":[("three",N,N)],
"c256":[("nine",N,N),("21",N,N)], "c258":[("84",N,N),("200",N,N)], "c261":[("thousands",N,N),("40,000",N,N)],
}
write_standoff(A, "/tmp/cands.tsv", "../shared/data", "src/newsledger/eval/data/figures-check",
               "hand-annotated from {path} (polnear train, never tuned on)")
