package io.kubesim.scenarios.manifest;

import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes the bytes of an input file as kubectl does ({@code unicode.BOMOverride(unicode.UTF8.NewDecoder())}
 * in cli-runtime's file visitor): UTF-8, a UTF-8 byte-order mark dropped; UTF-16 when the file
 * starts with a UTF-16 byte-order mark; bytes that are not UTF-8 read as U+FFFD. kubectl takes all
 * of these silently; kubesim takes them with a warning at the first such byte, since a file that
 * is not UTF-8 is rarely meant. A file with a NUL byte is no text at all: refused there.
 */
final class TextDecoding {
    /** The text and what was noticed decoding it. */
    record Decoded(String text, List<Diagnostic> warnings) {
    }

    private TextDecoding() {
    }

    static Decoded decode(byte[] bytes, String name) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            boolean big = bytes[0] == (byte) 0xFE;
            String text = new String(bytes, 2, bytes.length - 2, big ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
            return new Decoded(text, List.of(new Diagnostic(new Location(name, 1, 1), "the file is UTF-16"
                    + (big ? "BE" : "LE") + " (it starts with a byte-order mark): read as kubectl reads it, but most "
                    + "tools expect UTF-8 (iconv -f UTF-16 -t UTF-8 converts it)")));
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new InputException(locate(bytes, i, name), "a NUL byte: this is binary data, not YAML or JSON"
                        + " text (a UTF-16 file without a byte-order mark reads so too: convert it to UTF-8)");
            }
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        // The common case in one pass and no more memory than the text (Java's decoder replaces what is
        // not UTF-8 with U+FFFD as kubectl's does); only a text with U+FFFD in it is decoded again to find
        // whether it was written so or came from bad bytes, and where the first of those is.
        String text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return new Decoded(text, List.of());
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(8192); // the characters are not kept: the text is decoded already
        int firstBad = -1;
        int bad = 0;
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                if (firstBad < 0) {
                    firstBad = in.position();
                }
                bad++;
                in.position(in.position() + r.length());
            } else if (r.isOverflow()) {
                out.clear();
            } else {
                break;
            }
        }
        List<Diagnostic> warnings = new ArrayList<>();
        if (firstBad >= 0) {
            warnings.add(new Diagnostic(locate(bytes, firstBad, name), String.format(Locale.ROOT,
                    "byte 0x%02X is not UTF-8 (%d such sequence%s in the file): read as U+FFFD, as kubectl reads it; "
                            + "is the file Latin-1 or Windows-1252? (iconv -f WINDOWS-1252 -t UTF-8 converts it)",
                    bytes[firstBad] & 0xFF, bad, bad == 1 ? "" : "s")));
        }
        return new Decoded(text, warnings);
    }

    /** Line and column (in characters, the bytes before read leniently) of byte {@code index}. */
    private static Location locate(byte[] bytes, int index, String name) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, index - lineStart, StandardCharsets.UTF_8);
        return new Location(name, line, before.codePointCount(0, before.length()) + 1);
    }
}
