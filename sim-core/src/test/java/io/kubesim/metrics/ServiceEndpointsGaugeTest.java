package io.kubesim.metrics;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.PodStates.port;
import static io.kubesim.testing.PodStates.running;
import static io.kubesim.testing.PodStates.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubesim.cluster.Pod;
import io.kubesim.controllers.EndpointSliceController;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.TestCluster;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The per-Service endpoint series in timeseries.csv, counted from the EndpointSlices. */
class ServiceEndpointsGaugeTest {
    @Test
    @DisplayName("service_endpoints_ready and service_endpoints_terminating follow the slices, labelled by the naming function")
    void countsFromSlices() {
        TestCluster c = new TestCluster(1);
        c.add(node("n-1").cpu("8").memory("16Gi").build());
        new EndpointSliceController(c.store, new DurationDistribution.Constant(SimTime.millis(500))).start();
        c.store.services().create(service("web", Map.of("app", "web"), false, port("http", 80, "8080")));
        c.store.services().create(service("manual", Map.of(), false, port("http", 80, "8080")));
        Pod a = running(c.store, c.add(pod("web-a").label("app", "web").on("n-1").build()), "10.0.0.1", true);
        running(c.store, c.add(pod("web-b").label("app", "web").on("n-1").build()), "10.0.0.2", true);
        running(c.store, c.add(pod("web-c").label("app", "web").on("n-1").build()), "10.0.0.3", false);
        TimeSeriesStore series = new TimeSeriesStore();
        Sampler sampler = new Sampler(c.sim, SimTime.seconds(1), series);
        sampler.add(new ServiceEndpointsGauge(c.store, s -> s.metadata().namespace() + "/" + s.name()));
        sampler.start(SimTime.seconds(10));
        c.runFor(SimTime.seconds(5));
        c.store.deletePod(a, 30L);
        c.sim.runUntil(SimTime.seconds(10));

        TimeSeries ready = series.find(ServiceEndpointsGauge.READY, "service=default/web");
        TimeSeries terminating = series.find(ServiceEndpointsGauge.TERMINATING, "service=default/web");
        assertEquals(0, ready.valueAt(0), "no slice yet at 0 s");
        assertEquals(2, ready.valueAt(1), "web-a and web-b; web-c is not Ready");
        assertEquals(0, terminating.valueAt(1));
        assertEquals(1, ready.last());
        assertEquals(1, terminating.last());
        assertNull(series.find(ServiceEndpointsGauge.READY, "service=default/manual"), "a Service without selector has no series");
    }
}
