package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.manipulate.Links.Link;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinksTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://lucene.apache.org/",
                "https://example.com/docs/0/knative-serving",
                "http://a.example/x?utm_source=y&q=1#top",
                "https://en.wikipedia.org/wiki/Serverless_computing",
                "https://docs.example/%E2%9C%93/a;b=c?x=/y?z#frag?ment",
                "https://Example.COM",
                "https://3com.example/a(1)~b*c!"
            })
    void commonLinksAreReadInOnePassAsUriReadsThem(String link) {
        Link plain = Links.plain(link);

        assertThat(plain).isNotNull().isEqualTo(Links.parsed(link));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "ftp://example.com/file",
                "//example.com/no-scheme",
                "/relative/path",
                "https://user:secret@example.com/",
                "https:///no-host",
                "https://exa mple.com/",
                "data:text/html,<script>alert(1)</script>"
            })
    void linksThatMustNotReachAReaderAreDropped(String link) {
        assertThat(Links.safe(link)).isNull();
    }

    @Test
    void theSchemeReachesTheReaderInLowerCase() {
        assertThat(Links.safe(" HTTPS://Example.com/A ").text()).isEqualTo("https://Example.com/A");
    }

    @Test
    void wheneverTheOnePassReadAnswersItAgreesWithUri() {
        String[] schemes = {"http://", "https://", "HTTP://", "ftp://", "http:/", "https:", "javascript:", ""};
        // Mostly parts of plain links, with the odd part that is not: both readers get a fair share of the links.
        String[] hostParts = {"example", ".com", "a-b", "xn--p1ai", "EXAMPLE", "z9", ".", "-", "1", "2.3"};
        String[] oddHostParts = {"_", "@", ":", ":8080", "user@", "[::1]", "..", "é", "%41", " ", "255.255.255.255"};
        String[] rest = {
            "/", "/a", "?q=1", "&b=2", "#top", "%41", "~", ";p", "(", ")", "*", "!", ":", "@", "+", "$", ","
        };
        String[] oddRest = {
            "?", "#", "%4", "%zz", "[", "]", " ", "é", "'", "|", "\\", "//", "%", "^", "`", "{", "\"", "<"
        };
        Random random = new Random(2027);
        int answered = 0;
        int leftToUri = 0;
        for (int round = 0; round < 200_000; round++) {
            StringBuilder link =
                    new StringBuilder(schemes[random.nextInt(4) == 0 ? random.nextInt(schemes.length) : 1]);
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                link.append(pick(random, hostParts, oddHostParts));
            }
            for (int i = random.nextInt(6); i > 0; i--) {
                link.append(pick(random, rest, oddRest));
            }
            String text = link.toString();
            Link plain = Links.plain(text);
            Link parsed = Links.parsed(text);
            if (plain != null) {
                answered++;
                assertThat(plain).as(text).isEqualTo(parsed);
            } else if (parsed != null) {
                leftToUri++;
            }
        }
        // Both readers saw a fair share of the links: the agreement above is not a vacuous one.
        assertThat(answered).isGreaterThan(10_000);
        assertThat(leftToUri).isGreaterThan(5_000);
    }

    private static String pick(Random random, String[] usual, String[] odd) {
        return random.nextInt(10) == 0 ? odd[random.nextInt(odd.length)] : usual[random.nextInt(usual.length)];
    }
}
