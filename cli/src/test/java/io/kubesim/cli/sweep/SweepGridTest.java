package io.kubesim.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.reports.sweep.SweepTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The points of a sweep: the grid's order, sampling, shards. */
class SweepGridTest {
    private static final List<SweepParameter> SWEPT = List.of(
            SweepParameter.parse(1, "deployment/web:spec.strategy.rollingUpdate.maxSurge=0,1,25%"),
            SweepParameter.parse(2, "deployment/web:spec.strategy.rollingUpdate.maxUnavailable=0,1"),
            SweepParameter.parse(3, "deployment/web:spec.template.spec.containers[name=app].resources={requests: {cpu: 1, memory: 1Gi}},{}"));

    @ParameterizedTest(name = "{0} splits into {1}")
    @CsvSource(delimiter = '|', value = {
        "0,1,25% | 0;1;25%",
        "{cpu: 1, memory: 1Gi},{} | {cpu: 1, memory: 1Gi};{}",
        "[a, b], [c] | [a, b];[c]",
        "'x,y',z | 'x,y';z",
        "3 | 3",
    })
    void valuesSplitAtTopLevelCommas(String values, String expected) {
        assertEquals(List.of(expected.split(";")), SweepParameter.split(values));
    }

    @Test
    void theGridVariesTheFirstParameterSlowest() {
        List<SweepTable.Point> points = SweepGrid.points(SWEPT, null, 1);
        assertEquals(12, points.size());
        assertEquals(List.of("0", "0", "{requests: {cpu: 1, memory: 1Gi}}"), points.get(0).values());
        assertEquals(List.of("0", "0", "{}"), points.get(1).values());
        assertEquals(List.of("0", "1", "{requests: {cpu: 1, memory: 1Gi}}"), points.get(2).values());
        assertEquals(List.of("25%", "1", "{}"), points.get(11).values());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(i, points.get(i).index());
        }
    }

    @Test
    void aSampleIsDistinctSeededAndInGridOrder() {
        List<SweepTable.Point> a = SweepGrid.points(SWEPT, 5, 7);
        List<SweepTable.Point> b = SweepGrid.points(SWEPT, 5, 7);
        List<SweepTable.Point> c = SweepGrid.points(SWEPT, 5, 8);
        assertEquals(a, b, "the same seed draws the same points");
        assertEquals(5, new HashSet<>(a).size());
        assertTrue(!a.equals(c), "another seed, another draw");
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i - 1).index() < a.get(i).index());
        }
        assertEquals(12, SweepGrid.points(SWEPT, 50, 7).size(), "a sample larger than the grid is the grid");
    }

    @Test
    void shardsPartitionThePoints() {
        List<SweepTable.Point> all = SweepGrid.points(SWEPT, null, 1);
        List<SweepTable.Point> joined = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            joined.addAll(SweepGrid.shard(all, i, 5));
        }
        joined.sort(java.util.Comparator.comparingInt(SweepTable.Point::index));
        assertEquals(all, joined);
    }
}
