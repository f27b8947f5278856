package io.kubesim.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Tells whether the heap is about to run out: the last full garbage collection left more than
 * {@link #FULL} of the heap in use. A run past that point would spend its time collecting and then
 * die of an OutOfMemoryError; {@link RunGuard} stops it with a message first. Listens to the
 * JVM's collection notifications (installed once per JVM); the simulation never reads it.
 */
final class MemoryWatch {
    /** The share of the heap still in use after a full collection from which a run is stopped. */
    static final double FULL = 0.95;

    private static volatile String full;
    private static boolean installed;

    private MemoryWatch() {
    }

    /** Starts listening, once per JVM. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        collected(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()), heapPools);
                    }
                }, null, null);
            }
        }
    }

    private static void collected(GarbageCollectionNotificationInfo info, Set<String> heapPools) {
        if (!info.getGcAction().equals("end of major GC")) {
            return;
        }
        long used = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                MemoryUsage u = e.getValue();
                used += u.getUsed();
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        full = used > FULL * max ? size(used) + " of " + size(max) : null;
    }

    /** A heap size as people write it: 3.9 GiB, 48 MiB. */
    static String size(long bytes) {
        double gib = bytes / (1024.0 * 1024 * 1024);
        return gib >= 1 ? String.format(Locale.ROOT, "%.1f GiB", gib) : (bytes >> 20) + " MiB";
    }

    /** "3.9 of 4.0 GiB" when the last full collection left the heap over {@link #FULL}; null otherwise. */
    static String exhausted() {
        return full;
    }

    /** Forgets the last collection's verdict, once a run has been stopped for it. */
    static void clear() {
        full = null;
    }
}
