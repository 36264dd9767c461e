package dev.portafunc.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextCleanerTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<b>Java</b>Script                           | JavaScript",
                "line<br>break<p>para</p>                    | line break para",
                "a <script>var x = '</b>';</script>b         | a b",
                "a <SCRIPT type=x>evil()</SCRIPT >b          | a b",
                "a <!-- hidden --> b                         | a b",
                "&lt;b&gt;double&lt;/b&gt; encoded          | double encoded",
                "5 &lt; 6 and 7 > 3                         | 5 < 6 and 7 > 3",
                "caf&eacute; &#233;t&#xE9; &amp;amp;         | café été &amp;",
                "&copyright stays, &copy; goes               | &copyright stays, © goes",
                "&#0; &#x110000; &#55296;                    | ''",
                "unclosed <b                                 | unclosed",
                "e\u0301te\u0301                             | été",
                // Tag names are read in place in either case, and as strings when not ASCII: a Kelvin sign (U+212A)
                // lower-cases to 'k'; names one character longer than an element's are not that element.
                "one<BLOCKQUOTE>two</BLOCKQUOTE>three        | one two three",
                "one<FigCaption>two                          | one two",
                "one<figcaptions>two<blockquotes>three       | onetwothree",
                "one<h7>two<H6>three<h1x>four                | onetwo threefour",
                "one<TextArea>hidden</textAREA>two           | onetwo",
                "one<svg><b>x</b></svg>two<math>y</MATH>     | onetwo",
                "one<scripts>shown</scripts>two              | oneshowntwo",
                "one<bloc\u212Aquote>two                 | one two",
                "a<p-x>b<x-p>c<-p>d                          | abc<-p>d",
                "<p>  Learn <b>how</b>  </p>                 | Learn how"
            })
    void cleanMakesReadableText(String raw, String expected) {
        assertThat(TextCleaner.clean(raw, 500)).isEqualTo(expected);
    }

    @Test
    void cleanCollapsesEveryKindOfWhitespace() {
        assertThat(TextCleaner.clean("  lots\t\tof\n\n  space\u00a0here\u2003 ", 500))
                .isEqualTo("lots of space here");
    }

    @ParameterizedTest
    @CsvSource({"10,one two three four five,one two…", "100,short,short"})
    void cleanCapsLengthAtAWordBoundary(int max, String raw, String expected) {
        assertThat(TextCleaner.clean(raw, max)).isEqualTo(expected);
    }

    @Test
    void collapseLeavesTextAlreadyCollapsedAsTheFullScanWould() {
        // A leading space always takes the full scan, which drops it: the result must not depend on which path ran.
        String alphabet = "ab Z9 .  \t\n\u0000\u007f~!\u00a0\u00e9\u200b\u2003";
        Random random = new Random(7);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String collapsed = TextCleaner.collapse(text.toString());
            assertThat(collapsed).as("%s", text).isEqualTo(TextCleaner.collapse(" " + text));
            assertThat(TextCleaner.collapse(collapsed)).isEqualTo(collapsed);
        }
    }
}
