package dev.portafunc.manipulate;

/** What the formats share: a digest read as it may come, with fields or items missing. */
final class Formats {

    private Formats() {}

    /** A text field, empty if absent. */
    static String text(String field) {
        return field == null ? "" : field;
    }

    /** How many items the digest shows. */
    static int size(Digest digest) {
        if (digest.items() == null) {
            return 0;
        }
        int size = 0;
        for (DigestItem item : digest.items()) {
            if (item != null) {
                size++;
            }
        }
        return size;
    }
}
