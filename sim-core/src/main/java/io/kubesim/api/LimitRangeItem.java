package io.kubesim.api;

import java.util.Map;

/**
 * One entry of a LimitRange's {@code spec.limits}, after the API server's defaulting of the
 * LimitRange itself (k8s-semantics.md 15.2, SetDefaults_LimitRangeItem).
 *
 * @param type                 {@code Container} or {@code Pod}
 * @param maxLimitRequestRatio ratio per resource, in thousandths (a ratio of 2 is 2000)
 */
public record LimitRangeItem(String type, Resources min, Resources max, Resources defaultLimit,
                             Resources defaultRequest, Map<String, Long> maxLimitRequestRatio) {
    public static final String CONTAINER = "Container";
    public static final String POD = "Pod";

    public LimitRangeItem {
        min = min == null ? Resources.NONE : min;
        max = max == null ? Resources.NONE : max;
        defaultLimit = defaultLimit == null ? Resources.NONE : defaultLimit;
        defaultRequest = defaultRequest == null ? Resources.NONE : defaultRequest;
        maxLimitRequestRatio = Collections2.sortedCopy(maxLimitRequestRatio);
    }
}
