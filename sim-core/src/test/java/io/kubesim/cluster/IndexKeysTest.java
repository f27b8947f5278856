package io.kubesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.PodSpec;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** An index's keys: sorted, whatever the hash order of its buckets, filtered or not. */
class IndexKeysTest {
    private final ClusterStore store = new ClusterStore(new Simulation(1));

    @Test
    @DisplayName("keysWhere is keys() filtered: the same keys in the same sorted order")
    void keysWhereIsTheFilteredSortedKeys() {
        Index<Pod> byFirstLabel = store.pods().addIndex(p -> p.metadata().labels().get("zone"));
        Random random = new Random(7);
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ObjectMeta m = new ObjectMeta("ns", "p" + i, "uid-" + i);
            m.setLabels(java.util.Map.of("zone", "z" + random.nextInt(60)));
            pods.add(store.pods().create(new Pod(m, PodSpec.of(List.of()), 0)));
        }
        for (int i = 0; i < pods.size(); i += 3) {
            store.pods().remove(pods.get(i));
        }
        for (Predicate<String> test : List.<Predicate<String>>of(k -> true, k -> false, k -> k.hashCode() % 3 == 0,
                k -> k.compareTo("z3") > 0)) {
            assertEquals(byFirstLabel.keys().stream().filter(test).toList(), byFirstLabel.keysWhere(test));
        }
        assertEquals(List.of(), byFirstLabel.keysWhere(k -> k.equals("z-none")));
    }
}
