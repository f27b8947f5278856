package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Service;
import io.kubesim.metrics.Gauge;
import io.kubesim.metrics.TimeSeriesStore;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The rollouts guarded by a {@link RollbackOn}, checked at every sample (before the interval's
 * latencies are reset): a guard watches the Services whose selector matches its Deployment's
 * pods, and when its condition has held long enough it records {@code RollbackTriggered} and asks
 * for the undo after the reaction delay. A guard ends when it fired, or its rollout completed and
 * the bake time since has passed.
 */
final class RollbackGuards implements Gauge {
    private final ClusterStore store;
    private final io.kubesim.metrics.EventRecorder events;
    private final TrafficLedger ledger;
    private final long interval;
    private final Consumer<TimelineAction.Undo> undo;
    private final List<Guard> active = new ArrayList<>();

    /** @param ledger the traffic's outcomes, or null without traffic (then only the deadline is watched) */
    RollbackGuards(ClusterStore store, io.kubesim.metrics.EventRecorder events, TrafficLedger ledger, long interval,
                   Consumer<TimelineAction.Undo> undo) {
        this.store = store;
        this.events = events;
        this.ledger = ledger;
        this.interval = interval;
        this.undo = undo;
    }

    /** Starts watching a rollout of {@code d} played now. */
    void watch(Deployment d, RollbackOn on, java.util.function.BooleanSupplier rolloutDone) {
        List<String> services = new ArrayList<>();
        for (Service s : store.services().list()) {
            if (s.metadata().namespace().equals(d.metadata().namespace()) && !s.selector().isEmpty()
                    && d.template().labels().entrySet().containsAll(s.selector().entrySet())) {
                services.add(s.metadata().key());
            }
        }
        active.add(new Guard(d, on, services, rolloutDone));
    }

    @Override
    public void sample(long now, TimeSeriesStore series) {
        if (active.isEmpty() || now == 0) {
            return;
        }
        int index = (int) (now / interval) - 1;
        active.removeIf(g -> g.baked(now) || g.check(now, index));
    }

    private final class Guard {
        final Deployment d;
        final RollbackOn on;
        final List<String> services;
        final java.util.function.BooleanSupplier rolloutDone;
        long badSince = -1;
        long doneAt = -1;

        /** The rollout is complete and the bake time since has passed: the watch ends. */
        boolean baked(long now) {
            if (doneAt < 0 && rolloutDone.getAsBoolean()) {
                doneAt = now;
            }
            return doneAt >= 0 && now - doneAt >= on.bakeTime();
        }

        Guard(Deployment d, RollbackOn on, List<String> services, java.util.function.BooleanSupplier rolloutDone) {
            this.d = d;
            this.on = on;
            this.services = services;
            this.rolloutDone = rolloutDone;
        }

        /** True when it fired (and is done). */
        boolean check(long now, int index) {
            Condition p = d.progressingCondition();
            if (on.progressDeadlineExceeded() && p != null && "ProgressDeadlineExceeded".equals(p.reason())) {
                return fire(now, "progress deadline exceeded");
            }
            String bad = ledger == null ? null : badInterval(index);
            if (bad == null) {
                badSince = -1;
                return false;
            }
            if (badSince < 0) {
                badSince = now - interval;
            }
            if (now - badSince >= on.holdFor()) {
                return fire(now, bad + " for " + io.kubesim.engine.SimTime.format(now - badSince));
            }
            return false;
        }

        /** What made the interval bad at one of the Services, or null when none was. */
        private String badInterval(int index) {
            for (String key : services) {
                ServiceTraffic t = ledger.stats(key);
                long requests = t.requests(index);
                if (requests == 0) {
                    continue;
                }
                double failed = requests - t.count(RequestCause.OK, index);
                if (on.errorRatio() > 0 && failed / requests > on.errorRatio()) {
                    return String.format(Locale.ROOT, "error ratio %.1f %% above %.1f %% at service %s",
                            100 * failed / requests, 100 * on.errorRatio(), t.displayName());
                }
                double p99 = t.intervalLatency().count() > 0 ? t.intervalLatency().percentile(99) / 1000.0 : 0;
                if (on.p99Ms() > 0 && p99 > on.p99Ms()) {
                    return String.format(Locale.ROOT, "p99 %.1f ms above %.1f ms at service %s", p99, on.p99Ms(),
                            t.displayName());
                }
            }
            return null;
        }

        private boolean fire(long now, String why) {
            events.normal("rollback-guard", d, "RollbackTriggered", why + ": undo in "
                    + io.kubesim.engine.SimTime.format(on.reactionDelay()));
            long at = now + on.reactionDelay();
            String name = d.metadata().namespace() + "/" + d.name();
            store.sim().scheduleAt(at, () -> undo.accept(new TimelineAction.Undo(at, name, 0)));
            return true;
        }
    }
}
