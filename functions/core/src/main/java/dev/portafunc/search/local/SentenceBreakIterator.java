package dev.portafunc.search.local;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Breaks a document's text into sentences, for snippets: a boundary at each line break (the end of a paragraph or list
 * item, as {@link CorpusReader} writes them) and where a sentence starts after a full stop, question or exclamation
 * mark, so each passage starts on a word and ends on its sentence's mark. A mark followed by a lower-case word ("e.g.
 * the") or by no space ("3.0", "example.org") ends no sentence.
 *
 * <p>Each call looks only at the characters around the offset it is given, unlike the JDK's sentence iterator, which
 * re-scans the text from the start for each passage.
 */
final class SentenceBreakIterator extends BreakIterator {

    private String text = "";
    private CharacterIterator iterator = new StringCharacterIterator("");
    private int current;

    @Override
    public int first() {
        return current = 0;
    }

    @Override
    public int last() {
        return current = text.length();
    }

    @Override
    public int next(int n) {
        int result = current;
        for (int i = 0; i < n && result != DONE; i++) {
            result = next();
        }
        for (int i = 0; i > n && result != DONE; i--) {
            result = previous();
        }
        return result;
    }

    @Override
    public int next() {
        return current >= text.length() ? DONE : following(current);
    }

    @Override
    public int previous() {
        return current <= 0 ? DONE : preceding(current);
    }

    /** The first boundary after {@code offset}; at the end, {@link #DONE}, as Lucene's own break iterators answer. */
    @Override
    public int following(int offset) {
        checkOffset(offset);
        if (offset == text.length()) {
            current = offset;
            return DONE;
        }
        int i = offset + 1;
        while (i < text.length() && !isBoundary(i)) {
            i++;
        }
        return current = Math.min(i, text.length());
    }

    /** The last boundary before {@code offset}; at the start, {@link #DONE}, as Lucene's own break iterators answer. */
    @Override
    public int preceding(int offset) {
        checkOffset(offset);
        if (offset == 0) {
            current = 0;
            return DONE;
        }
        int i = offset - 1;
        while (i > 0 && !isBoundary(i)) {
            i--;
        }
        return current = Math.max(i, 0);
    }

    @Override
    public boolean isBoundary(int offset) {
        if (offset <= 0 || offset >= text.length()) {
            return true;
        }
        char previous = text.charAt(offset - 1);
        if (previous == '\n') {
            return true;
        }
        char next = text.charAt(offset);
        if (previous != ' ' || next == ' ' || next == '\n' || Character.isLowerCase(next)) {
            return false;
        }
        int i = offset - 1;
        while (i > 0 && text.charAt(i) == ' ') {
            i--;
        }
        while (i > 0 && isCloser(text.charAt(i))) {
            i--;
        }
        char mark = text.charAt(i);
        return mark == '.' || mark == '!' || mark == '?';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019' || c == '\u00BB';
    }

    private void checkOffset(int offset) {
        if (offset < 0 || offset > text.length()) {
            throw new IllegalArgumentException("Offset " + offset + " outside the text's 0.." + text.length());
        }
    }

    @Override
    public int current() {
        return current;
    }

    @Override
    public CharacterIterator getText() {
        return iterator;
    }

    @Override
    public void setText(String newText) {
        text = newText;
        iterator = new StringCharacterIterator(newText);
        current = 0;
    }

    @Override
    public void setText(CharacterIterator newText) {
        StringBuilder copy = new StringBuilder(newText.getEndIndex() - newText.getBeginIndex());
        for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
            copy.append(c);
        }
        setText(copy.toString());
    }
}
