package io.kubesim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** client-go's EventSourceObjectSpamFilter: 25 events at once per source and object, then one per 5 minutes. */
class EventSpamFilterTest {
    private final EventSpamFilter filter = new EventSpamFilter();

    @Test
    void aBurstOf25ThenOneEveryFiveMinutes() {
        List<Long> passed = new ArrayList<>();
        for (long t = 0; t <= SimTime.minutes(20); t += SimTime.seconds(1)) {
            if (filter.allow("kubelet", "Pod/default/p", t)) {
                passed.add(t);
            }
        }
        assertEquals(EventSpamFilter.BURST, passed.stream().filter(t -> t < SimTime.seconds(EventSpamFilter.BURST)).count());
        List<Long> later = passed.subList(EventSpamFilter.BURST, passed.size());
        for (int i = 1; i < later.size(); i++) {
            assertEquals(SimTime.minutes(5), later.get(i) - later.get(i - 1));
        }
        assertTrue(later.size() >= 3);
    }

    @Test
    void eachSourceAndObjectHasItsOwnBucket() {
        for (int i = 0; i < EventSpamFilter.BURST; i++) {
            filter.allow("kubelet", "Pod/default/a", 0);
        }
        assertFalse(filter.allow("kubelet", "Pod/default/a", 0), "the 26th at once is held");
        assertTrue(filter.allow("kubelet", "Pod/default/b", 0));
        assertTrue(filter.allow("horizontal-pod-autoscaler", "Pod/default/a", 0));
        filter.forget("kubelet", "Pod/default/a");
        assertTrue(filter.allow("kubelet", "Pod/default/a", 0), "a forgotten object starts with a full bucket");
    }
}
