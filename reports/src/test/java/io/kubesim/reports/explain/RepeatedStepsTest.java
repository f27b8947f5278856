package io.kubesim.reports.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cycles of identical steps fold into their first occurrence and one line with each repetition's start. */
class RepeatedStepsTest {
    /** Steps one second apart with these texts. */
    private static List<Explanation.Step> steps(String... texts) {
        List<Explanation.Step> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(new Explanation.Step(i, texts[i]));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing repeats", steps("a", "b", "c"), List.of("a", "b", "c")),
                Arguments.of("a pull back-off cycle three times, then a partial one",
                        steps("pull", "failed", "back-off", "pull", "failed", "back-off", "pull", "failed", "back-off",
                                "pull"),
                        List.of("pull", "failed", "back-off",
                                "the 3 steps above repeated 2 more times, starting at 0:03.0, 0:06.0", "pull")),
                Arguments.of("one step twice", steps("x", "y", "y", "z"),
                        List.of("x", "y", "the step above repeated once more, starting at 0:02.0", "z")),
                Arguments.of("many repetitions list the first starts and the last",
                        steps("r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r"),
                        List.of("r", "the step above repeated 10 more times, starting at 0:01.0, 0:02.0, 0:03.0, "
                                + "0:04.0, 0:05.0, 0:06.0, ..., 0:10.0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void folds(String name, List<Explanation.Step> steps, List<String> expected) {
        assertEquals(expected, RepeatedSteps.fold(steps).stream().map(Explanation.Step::text).toList());
    }
}
