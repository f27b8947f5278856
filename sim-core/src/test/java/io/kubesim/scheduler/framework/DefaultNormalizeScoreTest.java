package io.kubesim.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DefaultNormalizeScore, k8s-semantics.md 3.5: s' = 100 * s / max (integer); reverse gives 100 - s'. */
class DefaultNormalizeScoreTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("scaled so the max is 100", false, new long[]{10, 20, 40}, new long[]{25, 50, 100}),
                Arguments.of("reversed", true, new long[]{10, 20, 40}, new long[]{75, 50, 0}),
                Arguments.of("integer division truncates: 100*3/7 = 42", false, new long[]{3, 7}, new long[]{42, 100}),
                Arguments.of("reverse of a truncated value: 100 - 42", true, new long[]{3, 7}, new long[]{58, 0}),
                Arguments.of("all zero stays zero", false, new long[]{0, 0}, new long[]{0, 0}),
                Arguments.of("all zero reversed becomes 100", true, new long[]{0, 0}, new long[]{100, 100}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void normalize(String name, boolean reverse, long[] scores, long[] expected) {
        DefaultNormalizeScore.normalize(100, reverse, scores);
        assertArrayEquals(expected, scores);
    }
}
