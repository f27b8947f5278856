package io.kubesim.reports.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The phrases the explainers share. */
class WordsTest {
    @Test
    @DisplayName("and: every phrase, the last joined with \"and\"")
    void and() {
        assertEquals("", Words.and(List.of()));
        assertEquals("the drain of node a", Words.and(List.of("the drain of node a")));
        assertEquals("a and b", Words.and(List.of("a", "b")));
        assertEquals("a, b and c", Words.and(List.of("a", "b", "c")));
    }

    @Test
    @DisplayName("list: up to six names in full, then the first six and how many more")
    void list() {
        assertEquals("a, b", Words.list(List.of("a", "b")));
        assertEquals("1, 2, 3, 4, 5, 6 and 2 more", Words.list(List.of("1", "2", "3", "4", "5", "6", "7", "8")));
    }
}
